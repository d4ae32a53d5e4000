/**
 * Tokenisation for search and matching: Vietnamese words are syllables separated by spaces, so
 * syllables and syllable bigrams approximate words well. analyse() is on the matching hot path.
 */
import { ABBREVIATIONS } from './abbreviations.js';
import { foldNormalized, foldToken as importedFoldToken } from './fold.js';
import { cleanForMatching, normalizeText } from './normalize.js';
import { isWordCodePoint as importedIsWordCodePoint } from './syllable.js';

// Local bindings: calls through imported bindings cost a getter each under the tsx/esbuild loader.
const foldToken = importedFoldToken;
const isWordCodePoint = importedIsWordCodePoint;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Calls `onToken(start, end)` for each run of letters, marks and digits in `s`. A '.', ',', '/'
 * or ':' between two digits stays inside the run, so 3.5, 1.000.000, 12/3/2025 and 10:30 are one
 * token each. Shared by every tokeniser of the text engine so their boundaries agree.
 */
export function scanWordSpans(s: string, onToken: (start: number, end: number) => void): void {
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (c < 0x80) {
      word = (c >= 0x61 && c <= 0x7a) || isDigit(c) || (c >= 0x41 && c <= 0x5a);
      if (!word && start >= 0 && (c === 0x2e || c === 0x2c || c === 0x2f || c === 0x3a)) {
        word = isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1));
      }
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const cp = s.codePointAt(i) ?? c;
      width = cp > 0xffff ? 2 : 1;
      word = width === 2 && isWordCodePoint(cp);
    } else {
      word = isWordCodePoint(c);
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      onToken(start, i);
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) onToken(start, n);
}

function scanTokens(s: string, out: string[]): string[] {
  scanWordSpans(s, (start, end) => out.push(s.slice(start, end)));
  return out;
}

/** Lower-cased syllable tokens (letters/digits runs, Unicode aware) of normalised text, accents kept (tone placement canonical). */
export function syllables(text: string): string[] {
  return scanTokens(normalizeText(text).toLowerCase(), []);
}

/** Same tokens folded with foldKey. */
export function foldedSyllables(text: string): string[] {
  return syllables(text).map(foldToken);
}

/** Adjacent pairs joined with a space. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

const EXPANSIONS = new Map<string, readonly string[]>(
  Object.entries(ABBREVIATIONS).map(([k, v]) => [k, v.split(' ').map((w) => foldNormalized(w))]),
);

/** Expands social-media abbreviations on FOLDED tokens (ko/k/hok/hk/kg→khong, đc/dc→duoc, ng→nguoi, vs→voi, tp→thanh pho, hn→ha noi, vn→viet nam, hcm/tphcm/sg→… , trc→truoc, j→gi, bt→biet, mn→moi nguoi, … a real lexicon of ~80 entries, in abbreviations.ts) — multi-syllable expansions produce several tokens. Context-free, so keep only unambiguous-enough entries. */
export function expandAbbreviations(foldedTokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of foldedTokens) {
    const e = EXPANSIONS.get(t);
    if (e === undefined) out.push(t);
    else for (const w of e) out.push(w);
  }
  return out;
}

/** Full pipeline for matching: cleanForMatching → tokens. accented: accented syllables; folded: folded syllables with abbreviations expanded. */
export interface AnalysedText {
  accented: string[];
  folded: string[];
}

export function analyse(text: string): AnalysedText {
  const accented = scanTokens(cleanForMatching(text).toLowerCase(), []);
  const folded: string[] = [];
  for (const t of accented) {
    const f = foldToken(t);
    const e = EXPANSIONS.get(f);
    if (e === undefined) folded.push(f);
    else for (const w of e) folded.push(w);
  }
  return { accented, folded };
}
