/**
 * Legacy Vietnamese encodings: text pasted from documents typed with TCVN3 (ABC) or VNI-Windows fonts
 * (the font's glyphs arrive as Latin-1 code points), VIQR (ASCII marks after vowels), and raw bytes in
 * TCVN5712-1, CP1258 or VISCII. Detection judges candidate decodings by how many words become valid
 * Vietnamese syllables, so ordinary Unicode Vietnamese, English, French, German or code are left alone.
 */
import {
  CP1258_BYTES,
  TCVN3_GLYPHS,
  TCVN5712_1_BYTES,
  VISCII_BYTES,
  VNI_GLYPHS,
} from './legacy-tables.js';
import {
  composeLetter as importedComposeLetter,
  isVietnameseOnlyLetter as importedIsVietnameseOnlyLetter,
  isVietnameseSyllable as importedIsVietnameseSyllable,
  letterIndex as importedLetterIndex,
  letterOf as importedLetterOf,
} from './syllable.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const composeLetter = importedComposeLetter;
const isVietnameseOnlyLetter = importedIsVietnameseOnlyLetter;
const isVietnameseSyllable = importedIsVietnameseSyllable;
const letterIndex = importedLetterIndex;
const letterOf = importedLetterOf;

export type LegacyFont = 'tcvn3' | 'vni' | 'viqr';
export type LegacyByteEncoding = 'tcvn5712-1' | 'cp1258' | 'viscii';

interface GlyphTable {
  single: Map<number, string>;
  double: Map<number, Map<number, string>>;
}

function buildGlyphTable(pairs: readonly (readonly [string, string])[]): GlyphTable {
  const single = new Map<number, string>();
  const double = new Map<number, Map<number, string>>();
  for (const [glyphs, letter] of pairs) {
    if (glyphs.length === 1) {
      single.set(glyphs.charCodeAt(0), letter);
    } else if (glyphs.length === 2) {
      const first = glyphs.charCodeAt(0);
      let inner = double.get(first);
      if (!inner) double.set(first, (inner = new Map<number, string>()));
      inner.set(glyphs.charCodeAt(1), letter);
    }
  }
  return { single, double };
}

// Real VNI-Windows writes ỷ/ỹ as y + hook/tilde glyph; the shared letter table uses single glyphs instead.
const VNI = buildGlyphTable([
  ...VNI_GLYPHS,
  ['y\u00fb', 'ỷ'],
  ['y\u00f5', 'ỹ'],
  ['Y\u00db', 'Ỷ'],
  ['Y\u00d5', 'Ỹ'],
]);
const TCVN3 = buildGlyphTable(TCVN3_GLYPHS);

/**
 * In the letter table VNI "ì"/"Ì" stand for both ì and ỹ. ỹ only ends a syllable and, with the sole-vowel
 * spelling, follows k, m, s or qu (kỹ, Mỹ, sỹ, quỹ), where ì is rarer; elsewhere the glyph is ì.
 */
function vniAmbiguousY(s: string, wordStart: number, i: number, end: number): boolean {
  if (i + 1 < end && letterOf(s.charCodeAt(i + 1)) !== 0) return false;
  const onset = s.slice(wordStart, i).toLowerCase();
  return onset === 'k' || onset === 'm' || onset === 's' || onset === 'qu';
}

function decodeGlyphs(
  s: string,
  table: GlyphTable,
  start: number,
  end: number,
  vni: boolean,
): string {
  let out = '';
  let copyFrom = start;
  let wordStart = start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (letterOf(c) === 0 && !table.single.has(c) && !table.double.has(c)) wordStart = i + 1;
    let letter: string | undefined;
    let width = 1;
    const inner = table.double.get(c);
    if (inner && i + 1 < end) {
      letter = inner.get(s.charCodeAt(i + 1));
      if (letter !== undefined) width = 2;
    }
    if (letter === undefined) letter = table.single.get(c);
    if (letter === undefined) continue;
    if (vni && (c === 0xec || c === 0xcc) && vniAmbiguousY(s, wordStart, i, end))
      letter = c === 0xec ? 'ỹ' : 'Ỹ';
    out += s.slice(copyFrom, i) + letter;
    i += width - 1;
    copyFrom = i + 1;
  }
  return copyFrom === start ? s.slice(start, end) : out + s.slice(copyFrom, end);
}

// VIQR (RFC 1456): quality marks ^ ( + and tone marks ` ' ? ~ . follow the vowel; dd is đ; \ escapes.
const VIQR_TONES = new Map<number, number>([
  [0x60, 1],
  [0x27, 2],
  [0x3f, 3],
  [0x7e, 4],
  [0x2e, 5],
]);
const VIQR_QUALITY = new Map<string, string>([
  ['a^', 'â'],
  ['e^', 'ê'],
  ['o^', 'ô'],
  ['a(', 'ă'],
  ['o+', 'ơ'],
  ['u+', 'ư'],
  ['o*', 'ơ'],
  ['u*', 'ư'],
]);
const ASCII_VOWELS = new Uint8Array(128);
for (const ch of 'aeiouyAEIOUY') ASCII_VOWELS[ch.charCodeAt(0)] = 1;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
function isAsciiVowel(c: number): boolean {
  return c < 128 && ASCII_VOWELS[c] === 1;
}

/**
 * Whether a word-final '?' or '.' after a vowel is punctuation rather than a tone. RFC 1456 reads it as a
 * tone unless escaped with a backslash; we also read it as punctuation when the syllable already has a
 * tone, or at the end of the text or a line, or before more punctuation.
 */
function viqrMarkIsPunctuation(s: string, i: number, end: number, wordHasTone: boolean): boolean {
  if (wordHasTone) return true;
  const next = i + 1 < end ? s.charCodeAt(i + 1) : -1;
  if (isAsciiLetter(next) || next === 0x60 || next === 0x27 || next === 0x7e) return false;
  let k = i + 1;
  while (k < end && (s.charCodeAt(k) === 0x20 || s.charCodeAt(k) === 0x09)) k++;
  if (k >= end) return true;
  const after = s.charCodeAt(k);
  if (after === 0x0a || after === 0x0d) return true;
  const after1 = s.charCodeAt(i + 1);
  // Followed directly by sentence punctuation: "ho?." or "dda^u?!" end a sentence.
  return after1 === 0x2e || after1 === 0x3f || after1 === 0x21;
}

function decodeViqrRange(s: string, start: number, end: number, lookEnd = end): string {
  let out = '';
  let wordHasTone = false;
  let prevLetter = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c && i + 1 < end && "^(+*`'?~.\\".includes(s.charAt(i + 1))) {
      out += s.charAt(i + 1);
      i++;
      prevLetter = false;
      continue;
    }
    // dd → đ at the start of a word (never inside English words such as "add").
    // In capitals also inside a word (CDDV → CĐV).
    if ((c === 0x64 || c === 0x44) && i + 1 < end) {
      const d2 = s.charCodeAt(i + 1);
      const prevUpper = i > start && s.charCodeAt(i - 1) >= 0x41 && s.charCodeAt(i - 1) <= 0x5a;
      if (
        (d2 === 0x64 || d2 === 0x44) &&
        (!prevLetter || (c === 0x44 && d2 === 0x44 && prevUpper))
      ) {
        out += c === 0x44 ? 'Đ' : 'đ';
        i++;
        prevLetter = true;
        wordHasTone = false;
        continue;
      }
    }
    if (isAsciiVowel(c)) {
      const upper = c < 0x61;
      let base = String.fromCharCode(c).toLowerCase();
      let j = i + 1;
      const quality = j < end ? VIQR_QUALITY.get(base + s.charAt(j)) : undefined;
      if (quality !== undefined) {
        base = quality;
        j++;
      }
      let tone = 0;
      const t = j < end ? (VIQR_TONES.get(s.charCodeAt(j)) ?? 0) : 0;
      if (t !== 0) {
        const ambiguous = t === 3 || t === 5;
        if (!ambiguous || !viqrMarkIsPunctuation(s, j, lookEnd, wordHasTone)) {
          tone = t;
          j++;
        }
      }
      if (!prevLetter) wordHasTone = false;
      if (tone !== 0) wordHasTone = true;
      out += String.fromCharCode(composeLetter(letterIndex(base), tone, upper));
      i = j - 1;
      prevLetter = true;
      continue;
    }
    if (!prevLetter || !isAsciiLetter(c)) wordHasTone = isAsciiLetter(c) ? false : wordHasTone;
    prevLetter = isAsciiLetter(c);
    out += s.charAt(i);
  }
  return out;
}

// Punctuation around words (not the Latin-1 symbols that are TCVN3 letters, nor VIQR marks).
function isWordSeparator(c: number, viqr: boolean): boolean {
  if (c <= 0x20) return true;
  if (c < 0x7f) {
    if (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39)) return false;
    if (viqr && "^(+*`'?~.\\".includes(String.fromCharCode(c))) return false;
    return true;
  }
  return c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || c === 0x3000;
}

const TRAILING_VIQR_PUNCT = /[.?]+$/;

// Latin-1 letters and symbols Vietnamese Unicode never uses, but TCVN3 and VNI glyph strings do.
function isLegacyOnlyLatin1(c: number): boolean {
  if (c < 0xa1 || c > 0xff) return false;
  if (c < 0xc0) return true;
  switch (c) {
    case 0xc0:
    case 0xc1:
    case 0xc2:
    case 0xc3:
    case 0xc8:
    case 0xc9:
    case 0xca:
    case 0xcc:
    case 0xcd:
    case 0xd2:
    case 0xd3:
    case 0xd4:
    case 0xd5:
    case 0xd9:
    case 0xda:
    case 0xdd:
    case 0xe0:
    case 0xe1:
    case 0xe2:
    case 0xe3:
    case 0xe8:
    case 0xe9:
    case 0xea:
    case 0xec:
    case 0xed:
    case 0xf2:
    case 0xf3:
    case 0xf4:
    case 0xf5:
    case 0xf9:
    case 0xfa:
    case 0xfd:
      return false;
    default:
      return true;
  }
}

/** VNI tone glyphs after a plain vowel, in pairs that never occur in Unicode Vietnamese (aù, oõ, aâ…). */
function isVniPair(prev: number, c: number): boolean {
  if (c < 0xc0 || c > 0xff) return false;
  switch (prev | 0x20) {
    case 0x61: // a
    case 0x65: // e
      return true;
    case 0x6f: // o
      return c === 0xf9 || c === 0xf5 || c === 0xe2 || c === 0xd9 || c === 0xd5 || c === 0xc2;
    case 0x75: // u
      return c === 0xf9 || c === 0xf5 || c === 0xd9 || c === 0xd5;
    case 0x79: // y
      return c === 0xf9 || c === 0xd9;
    default:
      return false;
  }
}

function isViqrMark(c: number): boolean {
  return c === 0x5e || c === 0x28 || c === 0x2b || c === 0x60 || c === 0x7e;
}

/** A VIQR mark right after a vowel, or dd starting the word. */
function isViqrCandidate(s: string, i: number, wordStart: number): boolean {
  const c = s.charCodeAt(i);
  if (i > wordStart && isAsciiVowel(s.charCodeAt(i - 1)) && "^(+*`'?~.".includes(s.charAt(i)))
    return true;
  return i === wordStart && (c === 0x64 || c === 0x44) && (s.charCodeAt(i + 1) | 0x20) === 0x64;
}

interface Tally {
  gain: number;
  loss: number;
  junk: number;
}

// Legacy text is usually whole documents: the first few hundred candidate words decide.
const MAX_JUDGED_WORDS = 400;

function judge(text: string, font: LegacyFont): Tally {
  const viqr = font === 'viqr';
  const tally: Tally = { gain: 0, loss: 0, junk: 0 };
  let judged = 0;
  const n = text.length;
  let i = 0;
  while (i < n && judged < MAX_JUDGED_WORDS) {
    while (i < n && isWordSeparator(text.charCodeAt(i), viqr)) i++;
    const start = i;
    let candidate = false;
    let unicodeVietnamese = false;
    while (i < n && !isWordSeparator(text.charCodeAt(i), viqr)) {
      const c = text.charCodeAt(i);
      if (isVietnameseOnlyLetter(c)) unicodeVietnamese = true;
      else if (viqr ? isViqrCandidate(text, i, start) : c >= 0xa1 && c <= 0xff) candidate = true;
      i++;
    }
    const end = i;
    if (end === start) continue;
    if (unicodeVietnamese) {
      // Words legacy text cannot contain: evidence of Unicode.
      if (isVietnameseSyllable(text, start, end)) tally.loss++;
      judged++;
      continue;
    }
    if (!candidate) continue;
    judged++;
    let decoded =
      font === 'viqr'
        ? decodeViqrRange(text, start, end)
        : decodeGlyphs(text, font === 'vni' ? VNI : TCVN3, start, end, font === 'vni');
    if (viqr) decoded = decoded.replace(TRAILING_VIQR_PUNCT, '');
    const validBefore = !viqr && isVietnameseSyllable(text, start, end);
    const validAfter = decoded.length > 0 && isVietnameseSyllable(decoded);
    if (validAfter && !validBefore) tally.gain++;
    else if (validBefore && !validAfter) tally.loss++;
    else if (!validAfter && !validBefore) tally.junk++;
  }
  return tally;
}

function convincing(t: Tally): boolean {
  return t.gain >= 2 && t.gain >= 3 * t.loss && t.gain >= 2 * t.junk;
}

/**
 * Detects text pasted from legacy TCVN3/ABC or VNI-Windows fonts (glyph strings in Unicode code points)
 * or VIQR; null for ordinary text. A quick scan rules out almost all ordinary text; otherwise each
 * candidate decoding must turn clearly more words into Vietnamese syllables than it breaks.
 */
export function detectLegacyFont(text: string): LegacyFont | null {
  let latin1 = false;
  let vniPair = false;
  let viqrMark = false;
  let prev = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xa1 && c <= 0xff) {
      if (isLegacyOnlyLatin1(c)) latin1 = true;
      else if (isVniPair(prev, c)) vniPair = true;
    } else if (c < 0x80 && isAsciiVowel(prev)) {
      if (isViqrMark(c)) viqrMark = true;
      else if ((c === 0x27 || c === 0x3f || c === 0x2e) && isAsciiLetter(text.charCodeAt(i + 1)))
        viqrMark = true;
    }
    prev = c;
  }
  if (!latin1 && !vniPair && !viqrMark) return null;
  let best: LegacyFont | null = null;
  let bestGain = 0;
  const candidates: LegacyFont[] = [];
  if (latin1) candidates.push('tcvn3');
  if (latin1 || vniPair) candidates.push('vni');
  if (viqrMark) candidates.push('viqr');
  for (const font of candidates) {
    const t = judge(text, font);
    if (convincing(t) && t.gain > bestGain) {
      best = font;
      bestGain = t.gain;
    }
  }
  return best;
}

/**
 * Decodes legacy-font text to Unicode (NFC). Words that already contain Vietnamese Unicode letters are
 * kept, so a document mixing both is not damaged.
 */
export function decodeLegacyFont(text: string, font: LegacyFont): string {
  const viqr = font === 'viqr';
  let out = '';
  let copyFrom = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWordSeparator(text.charCodeAt(i), viqr)) i++;
    const start = i;
    let unicode = false;
    // A VIQR word ends at whitespace only, so that "ho?i" or "nghie^.p" stay whole.
    while (
      i < n &&
      (viqr ? text.charCodeAt(i) > 0x20 : !isWordSeparator(text.charCodeAt(i), false))
    ) {
      if (isVietnameseOnlyLetter(text.charCodeAt(i))) unicode = true;
      i++;
    }
    if (i === start || unicode) continue;
    const decoded = viqr
      ? decodeViqrRange(text, start, i, n)
      : decodeGlyphs(text, font === 'vni' ? VNI : TCVN3, start, i, font === 'vni');
    // A Unicode Vietnamese word among legacy text: decoding would break it (và, Sài).
    if (
      !viqr &&
      decoded !== text.slice(start, i) &&
      isVietnameseSyllable(text, start, i) &&
      !isVietnameseSyllable(decoded, 0, decoded.length, 0)
    ) {
      continue;
    }
    out += text.slice(copyFrom, start) + decoded;
    copyFrom = i;
  }
  return (out + text.slice(copyFrom)).normalize('NFC');
}

const BYTE_TABLES: Record<LegacyByteEncoding, readonly number[]> = {
  'tcvn5712-1': TCVN5712_1_BYTES,
  cp1258: CP1258_BYTES,
  viscii: VISCII_BYTES,
};

/** Decode raw bytes of a legacy byte encoding to NFC Unicode (CP1258 combining tones composed). */
export function decodeLegacyBytes(bytes: Uint8Array, encoding: LegacyByteEncoding): string {
  const table = BYTE_TABLES[encoding];
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const cp = table[bytes[i] ?? 0] ?? -1;
    codes[i] = cp < 0 ? 0xfffd : cp;
  }
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < codes.length; i += CHUNK) {
    out += String.fromCharCode(...codes.subarray(i, i + CHUNK));
  }
  return out.normalize('NFC');
}

const SAMPLE_BYTES = 1 << 16;

function scoreDecoded(text: string): number {
  let score = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      c === 0xfffd ||
      (c >= 0x80 && c < 0xa0)
    ) {
      score -= 2;
      i++;
      continue;
    }
    if (isWordSeparator(c, false) || letterOf(c) === 0) {
      i++;
      continue;
    }
    const start = i;
    let nonAscii = false;
    while (i < n && letterOf(text.charCodeAt(i)) !== 0) {
      if (text.charCodeAt(i) >= 0x80) nonAscii = true;
      i++;
    }
    if (nonAscii) score += isVietnameseSyllable(text, start, i) ? 1 : -1;
  }
  return score;
}

const ENCODINGS: readonly LegacyByteEncoding[] = ['tcvn5712-1', 'cp1258', 'viscii'];

/** Guess which (utf-8 or one of the legacy encodings) these bytes are in; return the decoded NFC string and the encoding. Valid UTF-8 wins. */
export function decodeBytesDetecting(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | LegacyByteEncoding;
} {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.normalize('NFC'), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: try the legacy encodings.
  }
  const sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  let best: LegacyByteEncoding = 'cp1258';
  let bestScore = -Infinity;
  for (const encoding of ENCODINGS) {
    const score = scoreDecoded(decodeLegacyBytes(sample, encoding));
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return { text: decodeLegacyBytes(bytes, best), encoding: best };
}
