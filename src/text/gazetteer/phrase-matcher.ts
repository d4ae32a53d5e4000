/**
 * Multi-phrase matching over folded syllable tokens: a token trie walked from each position, so the
 * cost is linear in the text whatever the number of phrases. Used for the desk's watch terms
 * ("sạt lở", "vỡ đê", "lừa đảo") and for the gazetteer's place names. Matching ignores case and
 * diacritics (Sat lo = SẠT LỞ = sạt lở), except where one syllable alone would collide with other
 * words (lũ ≠ lú): such phrases match text written without diacritics or with the same ones.
 */
import { foldKey as importedFoldKey, foldNormalized as importedFoldNormalized } from '../fold.js';
import { normalizeText as importedNormalizeText } from '../normalize.js';
import { scanWordSpans } from '../tokenize.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const foldKey = importedFoldKey;
const foldNormalized = importedFoldNormalized;
const normalizeText = importedNormalizeText;

/** One word of a text with its position: what the matchers run on. */
export interface TextToken {
  /** The token as written. */
  raw: string;
  /** Its folded key (foldKey): lower case, no diacritics, đ → d, kỹ/kĩ folded alike. */
  folded: string;
  /** UTF-16 offsets of the token in the text, end exclusive. */
  start: number;
  end: number;
  /**
   * What separates it from the token before: 0 only spaces, hyphens or apostrophes (Bà Rịa - Vũng
   * Tàu, M'Drắk), so a phrase may continue across it; 1 the same with a full stop (TP.HCM); 2
   * anything else (comma, line break, other punctuation), and for the first token.
   */
  boundary: Boundary;
}

/** See TextToken.boundary. */
export type Boundary = 0 | 1 | 2;

/** The boundary a gap of text makes: see TextToken.boundary. */
function boundaryOf(text: string, from: number, to: number): Boundary {
  let b: Boundary = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 0x20 ||
      c === 0x2d ||
      c === 0x27 ||
      c === 0x09 ||
      c === 0xa0 ||
      c === 0x2019 ||
      c === 0x2010 ||
      c === 0x2011 ||
      c === 0x2013 ||
      c === 0x202f
    ) {
      continue;
    }
    if (c === 0x2e) b = 1;
    else return 2;
  }
  return b;
}

const FOLD_CACHE_LIMIT = 50_000;
const foldCache = new Map<string, string>();
const foldNormalizedCache = new Map<string, string>();
const accentCache = new Map<string, string>();

function cached(cache: Map<string, string>, key: string, make: (k: string) => string): string {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size >= FOLD_CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/**
 * Splits text into tokens with their offsets in the text as given (not in its normalised form, so
 * a caller can highlight them). Same boundaries as tokenize.ts: runs of letters, combining marks and
 * digits, with '.', ',', '/' and ':' kept between two digits. NFD input stays one token per word.
 * A phrase never continues across punctuation: "Tân Phú, Đồng Nai" is not "Tân Phú Đông".
 * normalized: the text is already in normalizeText's form (NFC), so tokens are folded without
 * normalising them again; the folded keys are the same.
 */
export function tokenizeWithOffsets(text: string, normalized = false): TextToken[] {
  const out: TextToken[] = [];
  let prevEnd = -1;
  scanWordSpans(text, (start, end) => {
    out.push(makeToken(text, start, end, prevEnd, normalized));
    prevEnd = end;
  });
  return out;
}

function makeToken(
  text: string,
  start: number,
  end: number,
  prevEnd: number,
  normalized: boolean,
): TextToken {
  const raw = text.slice(start, end);
  const boundary = prevEnd < 0 ? 2 : boundaryOf(text, prevEnd, start);
  const folded = normalized
    ? cached(foldNormalizedCache, raw, foldNormalized)
    : cached(foldCache, raw, foldKey);
  return { raw, folded, start, end, boundary };
}

const Y_TONED = 'yýỳỷỹỵ';
const I_TONED = 'iíìỉĩị';

function makeAccentForm(raw: string): string {
  const s = normalizeText(raw).toLowerCase();
  // kỹ and kĩ are one word: fold the y where foldKey does, keeping the tone.
  const last = Y_TONED.indexOf(s.charAt(s.length - 1));
  if (last >= 0 && foldKey(s).endsWith('i')) return s.slice(0, -1) + I_TONED.charAt(last);
  return s;
}

/**
 * A token's accented key: lower case, canonical tone placement (hoà = hòa), kỹ = kĩ; diacritics kept.
 * Equal to the folded key exactly when the token is written without diacritics.
 */
export function accentForm(raw: string): string {
  return cached(accentCache, raw, makeAccentForm);
}

/**
 * Whether a token of text can be the word whose accented key is given: it is written without
 * diacritics (so it could be any word with that folded key), or with exactly these.
 */
export function accentCompatible(token: TextToken, accented: string): boolean {
  const form = accentForm(token.raw);
  return form === token.folded || form === accented;
}

/** How a phrase treats diacritics in the text: see PhraseMatcher.add. */
export type AccentMode = 'auto' | 'strict' | 'ignore';

interface Entry<T> {
  value: T;
  /** Accented keys of the phrase's tokens when matching is strict, else null. */
  accented: readonly string[] | null;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>> | null;
  entries: Entry<T>[] | null;
  /** The entries' values (shared, so a match allocates nothing); null while any entry is strict. */
  values: T[] | null;
  strict: boolean;
}

/** A phrase found in a token sequence: tokens [start, end) carry all of values. */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  values: readonly T[];
}

/** A phrase found in a text: as PhraseMatch, plus the character offsets [charStart, charEnd). */
export interface PhraseTextMatch<T> extends PhraseMatch<T> {
  charStart: number;
  charEnd: number;
}

/**
 * Leftmost-longest reports one match at a time, never overlapping (the longest phrase wins: with
 * "lừa đảo" and "lừa đảo trực tuyến" both listed, the text "lừa đảo trực tuyến" reports the
 * second); 'all' reports every phrase at every position.
 */
export type MatchMode = 'longest' | 'all';

// Shared: most positions start no phrase, and callers only read the result.
const NO_MATCHES: readonly PhraseMatch<never>[] = Object.freeze([]);

function newNode<T>(): TrieNode<T> {
  return { next: null, entries: null, values: null, strict: false };
}

/**
 * A set of phrases, each carrying a value, matched against folded syllable tokens. Phrases are
 * plain text (no wildcards); in the text their syllables must follow each other with only spaces,
 * hyphens or apostrophes between them.
 */
export class PhraseMatcher<T = string> {
  private readonly root: TrieNode<T> = newNode<T>();
  private phrases = 0;
  private longest = 0;

  /** A matcher for plain phrases, each phrase its own value (the desk's watch terms). */
  static fromPhrases(phrases: Iterable<string>, accents: AccentMode = 'auto'): PhraseMatcher {
    const m = new PhraseMatcher<string>();
    for (const p of phrases) {
      const phrase = p.trim();
      if (phrase !== '') m.add(phrase, phrase, accents);
    }
    return m;
  }

  /** Number of phrases added. */
  get size(): number {
    return this.phrases;
  }

  /** Number of tokens of the longest phrase. */
  get maxTokens(): number {
    return this.longest;
  }

  /**
   * Adds a phrase (text, or tokens from tokenizeWithOffsets). accents: 'ignore' matches on folded
   * keys only; 'strict' also requires each token written with diacritics to carry exactly the
   * phrase's; 'auto' (default) is strict for one-syllable phrases written with diacritics, whose
   * folded key is usually shared by several everyday words. Returns false when it has no tokens.
   */
  add(phrase: string | readonly TextToken[], value: T, accents: AccentMode = 'auto'): boolean {
    const tokens = typeof phrase === 'string' ? tokenizeWithOffsets(phrase) : phrase;
    if (tokens.length === 0) return false;
    let node = this.root;
    for (const t of tokens) {
      node.next ??= new Map();
      let child = node.next.get(t.folded);
      if (child === undefined) {
        child = newNode<T>();
        node.next.set(t.folded, child);
      }
      node = child;
    }
    let accented: string[] | null = null;
    if (accents === 'strict' || (accents === 'auto' && tokens.length === 1)) {
      const forms = tokens.map((t) => accentForm(t.raw));
      if (forms.some((f, i) => f !== tokens[i]?.folded)) accented = forms;
    }
    (node.entries ??= []).push({ value, accented });
    if (accented !== null) {
      node.strict = true;
      node.values = null;
    } else if (!node.strict) {
      (node.values ??= []).push(value);
    }
    this.phrases++;
    this.longest = Math.max(this.longest, tokens.length);
    return true;
  }

  /** The values of a node's entries that accept tokens [start, end), or null when none does. */
  private accept(node: TrieNode<T>, tokens: readonly TextToken[], start: number): T[] | null {
    const entries = node.entries;
    if (entries === null) return null;
    if (!node.strict) return node.values;
    const out: T[] = [];
    for (const e of entries) {
      const acc = e.accented;
      let ok = true;
      if (acc !== null) {
        for (let k = 0; k < acc.length && ok; k++) {
          const t = tokens[start + k];
          ok = t !== undefined && accentCompatible(t, acc[k] ?? '');
        }
      }
      if (ok) out.push(e.value);
    }
    return out.length > 0 ? out : null;
  }

  /** Every phrase that starts at token index start, longest first. */
  prefixMatches(tokens: readonly TextToken[], start: number): readonly PhraseMatch<T>[] {
    const first = tokens[start];
    let node: TrieNode<T> | undefined =
      first === undefined ? undefined : this.root.next?.get(first.folded);
    if (node === undefined) return NO_MATCHES;
    const found: PhraseMatch<T>[] = [];
    const v = this.accept(node, tokens, start);
    if (v !== null) found.push({ start, end: start + 1, values: v });
    for (let j = start + 1; j < tokens.length; j++) {
      const t = tokens[j] as TextToken;
      if (t.boundary !== 0) break;
      node = node.next?.get(t.folded);
      if (node === undefined) break;
      const values = this.accept(node, tokens, start);
      if (values !== null) found.push({ start, end: j + 1, values });
    }
    return found.reverse();
  }

  /** The phrases found in a token sequence, in text order. */
  matchTokens(tokens: readonly TextToken[], mode: MatchMode = 'longest'): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const here = this.prefixMatches(tokens, i);
      const first = here[0];
      if (mode === 'all') {
        for (let k = here.length - 1; k >= 0; k--) out.push(here[k] as PhraseMatch<T>);
        i++;
      } else if (first !== undefined) {
        out.push(first);
        i = first.end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The phrases found in a text, with their character offsets in it. */
  findIn(text: string, mode: MatchMode = 'longest'): PhraseTextMatch<T>[] {
    return this.findInTokens(tokenizeWithOffsets(text), mode);
  }

  /** {@link findIn} over a text's tokens from tokenizeWithOffsets. */
  findInTokens(tokens: readonly TextToken[], mode: MatchMode = 'longest'): PhraseTextMatch<T>[] {
    if (this.phrases === 0) return [];
    return this.matchTokens(tokens, mode).map((m) => ({
      ...m,
      charStart: (tokens[m.start] as TextToken).start,
      charEnd: (tokens[m.end - 1] as TextToken).end,
    }));
  }
}
