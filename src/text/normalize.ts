/**
 * Text normalisation: the first step of the pipeline. normalizeText makes any input (NFD, legacy fonts,
 * old tone placement, invisible characters, ragged whitespace) into one displayable canonical form;
 * cleanForMatching further removes what only gets in the way of matching (links, emoji, hashtag marks).
 */
import { decodeLegacyFont, detectLegacyFont } from './legacy-encodings.js';
import {
  composeLetter as importedComposeLetter,
  isUpperLetter as importedIsUpperLetter,
  isVietnameseSyllable as importedIsVietnameseSyllable,
  isVowelLetter as importedIsVowelLetter,
  isWordCodePoint as importedIsWordCodePoint,
  letterOf as importedLetterOf,
  parseSyllable as importedParseSyllable,
  STRICT_CODA,
  STRICT_SPELLING,
  toneOf as importedToneOf,
} from './syllable.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const composeLetter = importedComposeLetter;
const isUpperLetter = importedIsUpperLetter;
const isVietnameseSyllable = importedIsVietnameseSyllable;
const isVowelLetter = importedIsVowelLetter;
const isWordCodePoint = importedIsWordCodePoint;
const letterOf = importedLetterOf;
const parseSyllable = importedParseSyllable;
const toneOf = importedToneOf;

// Controls other than tab and line breaks, zero-width and direction marks, BOM, lone surrogates.
// The soft hyphen is kept until legacy fonts are decoded: it is the TCVN3 glyph for ư.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isHorizontalSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isLineBreak(c: number): boolean {
  return (c >= 0x0a && c <= 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/**
 * Collapses whitespace: runs of spaces become one space, line breaks become "\n" (at most one blank
 * line in a row), lines are trimmed, and soft hyphens are dropped. Returns the input when unchanged.
 */
function collapseWhitespace(s: string): string {
  const n = s.length;
  let out = '';
  let runStart = -1;
  let pendingSpace = false;
  let pendingBreaks = 0;
  let started = false;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const space = isHorizontalSpace(c);
    const brk = !space && isLineBreak(c);
    if (!space && !brk && c !== 0xad) {
      if (runStart < 0) {
        runStart = i;
        if (started) {
          if (pendingBreaks > 0) out += pendingBreaks > 1 ? '\n\n' : '\n';
          else if (pendingSpace) out += ' ';
        }
        pendingSpace = false;
        pendingBreaks = 0;
        started = true;
      }
      continue;
    }
    if (runStart >= 0) {
      out += s.slice(runStart, i);
      runStart = -1;
    }
    if (c === 0xad) {
      changed = true;
      continue;
    }
    if (space) {
      if (c !== 0x20 || pendingSpace || pendingBreaks > 0 || !started) changed = true;
      pendingSpace = true;
    } else {
      if (c !== 0x0a || pendingSpace || pendingBreaks > 1 || !started) changed = true;
      if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
      pendingBreaks++;
      pendingSpace = false;
    }
  }
  if (runStart >= 0) out += s.slice(runStart);
  if (pendingSpace || pendingBreaks > 0) changed = true;
  return changed ? out : s;
}

const MAX_SYLLABLE = 7;
const letters = new Uint8Array(MAX_SYLLABLE);
const tones = new Uint8Array(MAX_SYLLABLE);

function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (letterOf(c) !== 0) return true;
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return isWordCodePoint(s.codePointAt(i - 1) ?? 0);
  return isWordCodePoint(s.codePointAt(i) ?? 0);
}

/**
 * Moves each syllable's tone mark to its canonical vowel (hoà → hòa, thuỷ → thủy, qúy → quý), for words
 * that are whole Vietnamese syllables; anything else (foreign words, mixed scripts) is left as it is.
 */
export function canonicalTonePlacement(s: string): string {
  const n = s.length;
  let out = '';
  let copyFrom = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (letterOf(c) === 0) {
      i++;
      continue;
    }
    const start = i;
    let vowels = 0;
    let toned = false;
    let len = 0;
    while (i < n) {
      const d = s.charCodeAt(i);
      const l = letterOf(d);
      if (l === 0) break;
      if (len < MAX_SYLLABLE) {
        letters[len] = l;
        tones[len] = toneOf(d);
      }
      len++;
      if (isVowelLetter(d)) vowels++;
      if (toneOf(d) !== 0) toned = true;
      i++;
    }
    if (!toned || vowels < 2 || len > MAX_SYLLABLE) continue;
    if (isWordAt(s, start - 1) || isWordAt(s, i)) continue;
    const parse = parseSyllable(letters, tones, len, 0);
    if (!parse || parse.toneAt < 0 || parse.toneAt === parse.targetAt) continue;
    let word = '';
    for (let k = 0; k < len; k++) {
      const code = s.charCodeAt(start + k);
      const tone = k === parse.targetAt ? parse.tone : k === parse.toneAt ? 0 : toneOf(code);
      word += String.fromCharCode(composeLetter(letters[k] ?? 0, tone, isUpperLetter(code)));
    }
    out += s.slice(copyFrom, start) + word;
    copyFrom = i;
  }
  return copyFrom === 0 ? s : out + s.slice(copyFrom);
}

/** NFC, legacy-font text decoded when detected, canonical tone placement (hoà→hòa, thuỷ→thủy, khoẻ→khỏe, uý→úy…), zero-width chars/soft hyphens/BOM removed, whitespace collapsed. Output is displayable. Idempotent. */
export function normalizeText(input: string): string {
  if (KNOWN_NORMAL.has(input)) return input;
  const out = normalizeAnew(input);
  rememberNormal(out);
  return out;
}

// Recent outputs of normalizeText. It is idempotent, and the pipeline hands the same normalised
// text to several steps (fields, folding, fingerprint, tokenisers): a repeat is recognised by a
// hash lookup instead of being normalised again. Bounded in entries and characters.
const KNOWN_NORMAL = new Set<string>();
const KNOWN_MAX_ENTRIES = 4096;
const KNOWN_MAX_CHARS = 1 << 22;
const KNOWN_MAX_LENGTH = 1 << 16;
let knownChars = 0;

function rememberNormal(s: string): void {
  if (s.length > KNOWN_MAX_LENGTH || KNOWN_NORMAL.has(s)) return;
  if (KNOWN_NORMAL.size >= KNOWN_MAX_ENTRIES || knownChars + s.length > KNOWN_MAX_CHARS) {
    KNOWN_NORMAL.clear();
    knownChars = 0;
  }
  KNOWN_NORMAL.add(s);
  knownChars += s.length;
}

function normalizeAnew(input: string): string {
  let s = input.replace(INVISIBLE, '').normalize('NFC');
  for (let round = 0; round < 3; round++) {
    const font = detectLegacyFont(s);
    if (font !== null) s = decodeLegacyFont(s, font);
    const softHyphens = s.includes('\u00ad');
    const collapsed = collapseWhitespace(s);
    // Removing a soft hyphen can bring a letter and a combining mark together.
    if (collapsed !== s) s = collapsed.normalize('NFC');
    // A soft hyphen is also a TCVN3 letter: without them the text must be judged again.
    if (!softHyphens) break;
  }
  return canonicalTonePlacement(s);
}

// URLs: with a scheme, starting with www., or a bare host under a common top-level domain.
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const BARE_HOST =
  /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|vn|gov|edu|info|io|co|me|tv|ly|gl|be|link)(?:[/:?#]|$)/i;
const CHUNK = /\S+/g;
const MAYBE_URL = /:\/\/|www\.|\.(?:com|net|org|vn|gov|edu|info|io|co|me|tv|ly|gl|be|link)\b/i;
const HASHTAG = /#([\p{L}\p{M}\p{N}_]+)/gu;
const MENTION = /(^|[\s(])@[\p{L}\p{M}\p{N}_.]+/gu;
// Emoji modifiers and joiners are listed on their own, on purpose.
const EMOJI =
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\uFE0E\uFE0F\u20E3]/gu;
const REPEATED_PUNCT = /([!?,;:*~_=+\-–—…'"/|<>^])\1+/g;
const DOTS = /\.{2,}|…+/g;

function stripUrls(s: string): string {
  return s.replace(CHUNK, (chunk) => {
    const body = chunk.replace(/^[("'“‘<[]+/, '');
    return URL_LIKE.test(body) || BARE_HOST.test(body) ? ' ' : chunk;
  });
}

/** Splits a hashtag body into words: underscores, camelCase and letter/digit boundaries, then Vietnamese syllables. */
export function splitHashtag(tag: string): string {
  const spaced = tag
    .replace(/_+/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(
      /(\p{L})(\p{N})|(\p{N})(\p{L})/gu,
      (_m, a?: string, b?: string, c?: string, d?: string) =>
        a !== undefined ? `${a} ${b}` : `${c} ${d}`,
    );
  return spaced
    .split(' ')
    .map((w) => segmentSyllables(w) ?? w)
    .join(' ')
    .trim();
}

const MAX_SEGMENT = 48;

/**
 * Splits a run of lower-case letters typed without spaces (#tingia, #đúngchữ) into Vietnamese syllables,
 * preferring the fewest syllables and syllables with an onset; null when it is not Vietnamese.
 */
function segmentSyllables(word: string): string | null {
  const n = word.length;
  if (n < 4 || n > MAX_SEGMENT || word !== word.toLowerCase()) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    const here = cost[i] ?? Infinity;
    if (here === Infinity) continue;
    for (let len = 1; len <= MAX_SYLLABLE && i + len <= n; len++) {
      if (!isVietnameseSyllable(word, i, i + len, STRICT_CODA | STRICT_SPELLING)) continue;
      const c = here + 1 + (isVowelLetter(word.charCodeAt(i)) ? 0.5 : 0);
      if (c < (cost[i + len] ?? Infinity)) {
        cost[i + len] = c;
        back[i + len] = i;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const parts: string[] = [];
  for (let end = n; end > 0; end = back[end] ?? 0) parts.push(word.slice(back[end] ?? 0, end));
  return parts.length > 1 ? parts.reverse().join(' ') : null;
}

/** normalizeText + noise removal for matching: URLs removed, emoji removed, '#hashtag' → words (split camelCase/đúng chữ), repeated punctuation collapsed. */
export function cleanForMatching(input: string): string {
  let s = normalizeText(input);
  if (MAYBE_URL.test(s)) s = stripUrls(s);
  if (s.includes('#')) s = s.replace(HASHTAG, (_m, tag: string) => splitHashtag(tag));
  if (s.includes('@')) s = s.replace(MENTION, '$1');
  s = s.replace(EMOJI, ' ');
  s = s.replace(DOTS, '…').replace(REPEATED_PUNCT, '$1');
  return collapseWhitespace(s);
}
