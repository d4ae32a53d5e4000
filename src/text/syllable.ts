/**
 * The Vietnamese letter and syllable model shared by normalisation and legacy-encoding detection:
 * which code points are Vietnamese letters (base letter, tone, case), how a syllable splits into
 * onset + nucleus + coda, and where its tone mark belongs. Tables are built once at module load.
 */

/** Tone numbers: 0 none (ngang), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng. */
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;
const VOWELS = 'aăâeêioôơuưy';
const CONSONANTS = 'bcdđghklmnpqrstvx';

/** Letter info indexed by code point (< LIMIT): 0 = not a Vietnamese letter. */
const LIMIT = 0x1f00;
// Bits 0-4: letter index (1-based into LETTERS); 5-7: tone; 8: upper case; 9: vowel.
const INFO = new Uint16Array(LIMIT);
const LETTERS: string[] = ['', ...VOWELS, ...CONSONANTS];
const LETTER_INDEX = new Map<string, number>(LETTERS.map((l, i) => [l, i]));
/** (letter index * 8 + tone) * 2 + upper → code point. */
const COMPOSE = new Uint16Array(LETTERS.length * 16);

for (let li = 1; li < LETTERS.length; li++) {
  const base = LETTERS[li] ?? '';
  const isVowel = li <= VOWELS.length;
  for (let tone = 0; tone < (isVowel ? 6 : 1); tone++) {
    const lower = (base + TONE_MARKS[tone]).normalize('NFC');
    const upper = lower.toUpperCase();
    for (const [s, up] of [
      [lower, 0],
      [upper, 1],
    ] as const) {
      const cp = s.charCodeAt(0);
      if (s.length !== 1 || cp >= LIMIT) throw new Error(`unexpected letter ${s}`);
      INFO[cp] = li | (tone << 5) | (up << 8) | ((isVowel ? 1 : 0) << 9);
      COMPOSE[((li * 8 + tone) << 1) | up] = cp;
    }
  }
}

/** Letter index (1..29) of the code unit, 0 when it is not a Vietnamese letter (f, j, w, z are not). */
export function letterOf(code: number): number {
  return code < LIMIT ? (INFO[code] ?? 0) & 31 : 0;
}
/** Tone (0..5) carried by the code unit. */
export function toneOf(code: number): number {
  return code < LIMIT ? ((INFO[code] ?? 0) >> 5) & 7 : 0;
}
export function isUpperLetter(code: number): boolean {
  return code < LIMIT && ((INFO[code] ?? 0) & 256) !== 0;
}
export function isVowelLetter(code: number): boolean {
  return code < LIMIT && ((INFO[code] ?? 0) & 512) !== 0;
}
/** Code point of a letter index with a tone and case (0 if there is none, e.g. a tone on a consonant). */
export function composeLetter(letter: number, tone: number, upper: boolean): number {
  return COMPOSE[((letter * 8 + tone) << 1) | (upper ? 1 : 0)] ?? 0;
}
/** Letter index of a plain lower-case letter such as 'a', 'â', 'đ'. */
export function letterIndex(ch: string): number {
  return LETTER_INDEX.get(ch) ?? 0;
}

// Sequences of letter indexes are keyed as base-32 numbers.
function keyOf(s: string): number {
  let k = 0;
  for (const ch of s) k = k * 32 + (LETTER_INDEX.get(ch) ?? 0);
  return k;
}

const ONSETS = new Set(
  [
    'b',
    'c',
    'ch',
    'd',
    'đ',
    'g',
    'gh',
    'h',
    'k',
    'kh',
    'l',
    'm',
    'n',
    'ng',
    'ngh',
    'nh',
    'p',
    'ph',
    'r',
    's',
    't',
    'th',
    'tr',
    'v',
    'x',
  ].map(keyOf),
);
const CODAS = new Set(['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'].map(keyOf));
const STOP_CODAS = new Set(['c', 'ch', 'p', 't'].map(keyOf));
const Q = letterIndex('q');
const K_ONSETS_K = letterIndex('k');
const G = letterIndex('g');
const U = letterIndex('u');
const I = letterIndex('i');

/**
 * Nuclei with where the tone goes, in the traditional placement most Vietnamese publishers use
 * (hòa, thủy, khỏe; hoàn, huỳnh): a vowel with a quality mark (â ê ô ơ ư ă) takes it, the last one for ươ;
 * otherwise the last vowel when a coda follows, the first of two or the middle of three when open.
 * `needsCoda` marks nuclei that never end a syllable (ă, â, iê, uô, ươ…).
 */
interface NucleusRule {
  open: number;
  closed: number;
  needsCoda: boolean;
}
const NUCLEI = new Map<number, NucleusRule>();
{
  const list =
    'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê ' +
    'iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu';
  const needCoda = new Set(['ă', 'â', 'iê', 'oă', 'uâ', 'uô', 'ươ', 'yê', 'uyê', 'oo']);
  for (const n of list.split(' ')) {
    const chars = [...n];
    let marked = -1;
    chars.forEach((c, i) => {
      if ('ăâêôơư'.includes(c)) marked = i;
    });
    const open = marked >= 0 ? marked : chars.length === 3 ? 1 : 0;
    const closed = marked >= 0 ? marked : chars.length - 1;
    NUCLEI.set(keyOf(n), { open, closed, needsCoda: needCoda.has(n) });
  }
}

/** Result of {@link parseSyllable}, positions relative to the word's letters. */
export interface SyllableParse {
  /** Index of the letter carrying the tone now (-1 when toneless). */
  toneAt: number;
  tone: number;
  /** Index where the tone belongs. */
  targetAt: number;
}

export const STRICT_CODA = 1;
export const STRICT_TONE = 2;
export const STRICT_SPELLING = 4;

const FRONT = new Set(['e', 'ê', 'i'].map(letterIndex));
const K_ONSETS = new Set(['k', 'gh', 'ngh'].map(keyOf));
const NOT_FRONT_ONSETS = new Set(['c', 'g', 'ng'].map(keyOf));
const Y = letterIndex('y');

// Vietnamese spelling: k, gh, ngh before e ê i (and k before y); c, g, ng elsewhere.
function spellingOk(onsetKey: number, firstVowel: number): boolean {
  const front = FRONT.has(firstVowel);
  if (K_ONSETS.has(onsetKey)) return front || (onsetKey === K_ONSETS_K && firstVowel === Y);
  if (NOT_FRONT_ONSETS.has(onsetKey)) return !front && firstVowel !== Y;
  return true;
}

const scratch: SyllableParse = { toneAt: -1, tone: 0, targetAt: -1 };

/**
 * Parses the letters of one word (`letters[i]` = letter index, `tones[i]` = tone) as a Vietnamese
 * syllable. Returns a shared result object (valid until the next call) or null when the word is not a
 * Vietnamese syllable. `strict` flags also reject forms that are phonotactically impossible:
 * STRICT_CODA an open ă/â/iê/uô/ươ, STRICT_TONE a stop coda (c ch p t) without sắc or nặng,
 * STRICT_SPELLING c/k, g/gh, ng/ngh used before the wrong vowels.
 */
export function parseSyllable(
  letters: ArrayLike<number>,
  tones: ArrayLike<number>,
  n: number,
  strict: number,
): SyllableParse | null {
  if (n === 0 || n > 7) return null;
  let i = 0;
  let onsetKey = 0;
  while (i < n && (letters[i] ?? 0) > VOWELS.length) {
    onsetKey = onsetKey * 32 + (letters[i] ?? 0);
    i++;
  }
  let onsetEnd = i;
  if (onsetKey === Q) {
    // "qu" + vowel: the u belongs to the onset (quý, quà).
    if (letters[i] !== U || i + 1 >= n || (letters[i + 1] ?? 99) > VOWELS.length) return null;
    onsetEnd = i + 1;
  } else if (
    onsetKey === G &&
    letters[i] === I &&
    i + 1 < n &&
    (letters[i + 1] ?? 99) <= VOWELS.length
  ) {
    onsetEnd = i + 1; // gi + vowel (giữa, già): the i belongs to the onset.
  } else if (onsetKey !== 0 && !ONSETS.has(onsetKey)) {
    return null;
  }
  let j = onsetEnd;
  let nucleusKey = 0;
  while (j < n && (letters[j] ?? 99) <= VOWELS.length) {
    nucleusKey = nucleusKey * 32 + (letters[j] ?? 0);
    j++;
  }
  const nucleusLen = j - onsetEnd;
  if (nucleusLen === 0 || nucleusLen > 3) return null;
  const rule = NUCLEI.get(nucleusKey);
  if (!rule) return null;
  let codaKey = 0;
  for (let k = j; k < n; k++) {
    const l = letters[k] ?? 0;
    if (l <= VOWELS.length) return null;
    codaKey = codaKey * 32 + l;
  }
  if (codaKey !== 0 && !CODAS.has(codaKey)) return null;
  let toneAt = -1;
  let tone = 0;
  for (let k = 0; k < j; k++) {
    const t = tones[k] ?? 0;
    if (t !== 0) {
      if (toneAt >= 0) return null;
      toneAt = k;
      tone = t;
    }
  }
  if (
    (strict & STRICT_SPELLING) !== 0 &&
    onsetEnd === i &&
    !spellingOk(onsetKey, letters[onsetEnd] ?? 0)
  ) {
    return null;
  }
  if ((strict & STRICT_CODA) !== 0 && rule.needsCoda && codaKey === 0) return null;
  if ((strict & STRICT_TONE) !== 0 && STOP_CODAS.has(codaKey) && tone !== 2 && tone !== 5)
    return null;
  scratch.toneAt = toneAt;
  scratch.tone = tone;
  scratch.targetAt = onsetEnd + (codaKey === 0 ? rule.open : rule.closed);
  return scratch;
}

const wordLetters = new Uint8Array(8);
const wordTones = new Uint8Array(8);

/**
 * Whether `s[start, end)` is one Vietnamese syllable written in Unicode (any tone placement), with a
 * plausible case pattern (lower, Capitalised or UPPER). Used to judge candidate legacy decodings.
 */
export function isVietnameseSyllable(
  s: string,
  start = 0,
  end = s.length,
  strict = STRICT_CODA | STRICT_TONE | STRICT_SPELLING,
): boolean {
  const n = end - start;
  if (n <= 0 || n > 7) return false;
  let uppers = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(start + k);
    const l = letterOf(c);
    if (l === 0) return false;
    wordLetters[k] = l;
    wordTones[k] = toneOf(c);
    if (isUpperLetter(c)) {
      if (k > 0 && uppers === 0) return false;
      uppers++;
    }
  }
  if (uppers > 1 && uppers !== n) return false;
  return parseSyllable(wordLetters, wordTones, n, strict) !== null;
}

/** Whether the code unit is a letter only Vietnamese Unicode text has (ă đ ĩ ũ ơ ư and U+1EA0–U+1EF9). */
export function isVietnameseOnlyLetter(c: number): boolean {
  return (
    (c >= 0x1ea0 && c <= 0x1ef9) ||
    c === 0x102 ||
    c === 0x103 ||
    c === 0x110 ||
    c === 0x111 ||
    c === 0x128 ||
    c === 0x129 ||
    c === 0x168 ||
    c === 0x169 ||
    c === 0x1a0 ||
    c === 0x1a1 ||
    c === 0x1af ||
    c === 0x1b0
  );
}

// Letters, marks and digits, judged once per BMP code unit and cached: 0 unknown, 1 word, 2 not.
const WORD_CACHE = new Uint8Array(0x10000);
const WORD_RE = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Whether the code point is part of a word (a letter, combining mark or digit in any script).
 * Pass a full code point (use codePointAt), not a lone surrogate half.
 */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  }
  if (cp < 0x10000) {
    let v = WORD_CACHE[cp] ?? 0;
    if (v === 0) {
      v = cp >= 0xd800 && cp <= 0xdfff ? 2 : WORD_RE.test(String.fromCharCode(cp)) ? 1 : 2;
      WORD_CACHE[cp] = v;
    }
    return v === 1;
  }
  return WORD_RE.test(String.fromCodePoint(cp));
}
