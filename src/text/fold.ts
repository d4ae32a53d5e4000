/**
 * Accent folding: the key under which text typed with diacritics, without them, or half without
 * compares equal (Việt Nam = Viet Nam = VIET NAM), including the i/y spelling variants (kỹ = kĩ).
 */
import { normalizeText } from './normalize.js';
import { letterOf as importedLetterOf } from './syllable.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const letterOf = importedLetterOf;

// Letter index (see syllable.ts: a ă â e ê i o ô ơ u ư y, then b c d đ g h k l m n p q r s t v x) → ASCII.
const LETTER_ASCII = ' aaaeeiooouuybcddghklmnpqrstvx';
// A class of combining marks, on purpose.
// eslint-disable-next-line no-misleading-character-class
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const foldedChars = new Map<number, string>();

/** Folds one non-ASCII, non-Vietnamese code point: lower case, decomposed, diacritics dropped. */
function foldCodePoint(cp: number): string {
  let f = foldedChars.get(cp);
  if (f === undefined) {
    f = String.fromCodePoint(cp)
      .toLowerCase()
      .normalize('NFD')
      .replace(DIACRITICS, '')
      .normalize('NFC');
    if (foldedChars.size < 20000) foldedChars.set(cp, f);
  }
  return f;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * kỹ/kĩ, lý/lí, mỹ/mĩ, quý/quí are spelling variants: a y that is the whole vowel after a one-letter onset
 * (or qu) folds to i. Diphthongs keep their y: tay/tai, may/mai, thuy/thui are different words.
 */
function isFoldableY(s: string, start: number, end: number): boolean {
  const len = end - start;
  if (s.charCodeAt(end - 1) !== 0x79) return false;
  if (len === 2) return 'bdhklmnrstvx'.includes(s.charAt(start));
  return len === 3 && s.charCodeAt(start) === 0x71 && s.charCodeAt(start + 1) === 0x75;
}

/** Folds normalised text: lower case, diacritics removed, đ → d, i/y variants folded. */
export function foldNormalized(s: string): string {
  let out = '';
  let wordStart = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let f: string;
    if (c < 0x80) {
      f = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : s.charAt(i);
    } else {
      const l = letterOf(c);
      if (l !== 0) {
        f = LETTER_ASCII.charAt(l);
      } else {
        const cp = s.codePointAt(i) ?? c;
        if (cp > 0xffff) i++;
        f = foldCodePoint(cp);
      }
    }
    const word = f.length === 1 && isAsciiAlnum(f.charCodeAt(0));
    if (!word) {
      if (
        out.length - wordStart <= 3 &&
        out.length - wordStart >= 2 &&
        isFoldableY(out, wordStart, out.length)
      ) {
        out = out.slice(0, -1) + 'i';
      }
      out += f;
      wordStart = out.length;
    } else {
      out += f;
    }
  }
  if (
    out.length - wordStart <= 3 &&
    out.length - wordStart >= 2 &&
    isFoldableY(out, wordStart, out.length)
  ) {
    out = out.slice(0, -1) + 'i';
  }
  return out;
}

const tokenCache = new Map<string, string>();
const TOKEN_CACHE_LIMIT = 100_000;

/**
 * Folds one lower-cased token (as produced by the tokenizer). Cached: a language has a few thousand
 * distinct syllables, so the hot path allocates nothing.
 */
export function foldToken(token: string): string {
  let f = tokenCache.get(token);
  if (f === undefined) {
    f = foldNormalized(token);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(token, f);
  }
  return f;
}

/** Lower-case, diacritics removed, đ→d, i/y variants folded (kỹ/kĩ, quý/quí, lý/lí, mỹ/mĩ → same key; but NOT tay/tai, may/mai which are different words). Input may be un-normalised. */
export function foldKey(input: string): string {
  return foldNormalized(normalizeText(input));
}
