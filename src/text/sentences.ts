/**
 * Sentence splitting, so that each sentence of a long article is matched on its own. Knows Vietnamese
 * abbreviations (TP., Q., PGS.TS., Th.S), numbers and dates (3.5, 1.000.000, 12/3/2025, 10.30), decree
 * numbers (13/2023/NĐ-CP), ellipses, quotes, list markers and hard-wrapped lines.
 */

/** Abbreviations written with a final dot that do not end a sentence (lower case, without dots). */
const ABBREVIATIONS = new Set([
  // Vietnamese: places and titles
  'tp',
  'tx',
  'tt',
  'q',
  'p',
  'h',
  'x',
  'ts',
  'ths',
  'pgs',
  'gs',
  'bs',
  'bsck',
  'ks',
  'kts',
  'ls',
  'ncs',
  'th',
  'cty',
  'tr',
  'nxb',
  'nsnd',
  'nsưt',
  'đ',
  'ub',
  'st',
  // English and Latin
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'jr',
  'sr',
  'st',
  'no',
  'nos',
  'vol',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'fig',
  'approx',
  'dept',
  'est',
  'gen',
  'gov',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
/** Abbreviations that may also end a sentence: they do when a capital follows. */
const ENDING_ABBREVIATIONS = new Set(['v.v', 'vv', 'etc', 'v.v.v']);

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const TERMINATORS = '.!?…';
const CLOSERS = '"\'”’»)]}›';
const OPENERS = '"\'“‘«([{‹';
const LIST_MARKER = /^\s*(?:\d{1,3}|[ivxlcdm]{1,6}|[a-z])$/i;
const HAS_WORD = /[\p{L}\p{N}]/u;

function isSpace(c: string): boolean {
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\u00a0' ||
    (c >= '\u2000' && c <= '\u200b') ||
    c === '\u3000' ||
    c === '\u202f'
  );
}
function isUpper(c: string): boolean {
  return c !== c.toLowerCase();
}
function isLower(c: string): boolean {
  return c !== c.toUpperCase();
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
function isLetter(c: string): boolean {
  return isUpper(c) || isLower(c);
}

/** First character that starts the next sentence: skips opening quotes and brackets. */
function nextStart(s: string, k: number): string {
  while (k < s.length && OPENERS.includes(s.charAt(k))) k++;
  return s.charAt(k);
}

/** Whether the dot at i closes an abbreviation (the word before it, letters and inner dots). */
function abbreviationBefore(line: string, i: number): 'no' | 'yes' | 'ending' {
  let k = i;
  while (k > 0 && i - k < 24 && (isLetter(line.charAt(k - 1)) || line.charAt(k - 1) === '.')) k--;
  if (k > 0 && !isSpace(line.charAt(k - 1)) && !OPENERS.includes(line.charAt(k - 1))) return 'no';
  const original = line.slice(k, i).replace(/^\.+/, '');
  const word = original.toLowerCase();
  if (word === '') return 'no';
  if (ENDING_ABBREVIATIONS.has(word)) return 'ending';
  const parts = word.split('.');
  // Capital initials ("Nguyễn V. A.", "Vitamin C." is the price); lower-case single letters are
  // words (ý, ở, à) unless listed.
  if (parts.length === 1)
    return ABBREVIATIONS.has(word) || (word.length === 1 && isUpper(original)) ? 'yes' : 'no';
  return parts.every((p) => p.length === 1 || ABBREVIATIONS.has(p)) ? 'yes' : 'no';
}

function splitLine(line: string, out: string[]): void {
  const n = line.length;
  let sentStart = 0;
  for (let i = 0; i < n; i++) {
    const c = line.charAt(i);
    if (!TERMINATORS.includes(c)) continue;
    let j = i;
    let strong = false;
    let dots = 0;
    while (j < n && TERMINATORS.includes(line.charAt(j))) {
      const t = line.charAt(j);
      if (t === '!' || t === '?') strong = true;
      else dots += t === '…' ? 3 : 1;
      j++;
    }
    let closed = false;
    while (j < n && CLOSERS.includes(line.charAt(j))) {
      closed = true;
      j++;
    }
    if (j < n && !isSpace(line.charAt(j))) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < n && isSpace(line.charAt(k))) k++;
    const next = nextStart(line, k);
    let split: boolean;
    if (k >= n) split = true;
    else if (strong) split = !(closed && isLower(next));
    else if (dots > 1) split = isUpper(next) || isDigit(next);
    else {
      const abbr = abbreviationBefore(line, i);
      if (abbr === 'yes') split = false;
      else if (abbr === 'ending') split = isUpper(next);
      else if (i - sentStart <= 8 && LIST_MARKER.test(line.slice(sentStart, i))) split = false;
      else split = !(closed && isLower(next));
    }
    if (split) {
      push(line.slice(sentStart, j), out);
      sentStart = k;
    }
    i = j - 1;
  }
  push(line.slice(sentStart), out);
}

function push(sentence: string, out: string[]): void {
  const s = sentence.replace(/\s+/g, ' ').trim();
  if (s !== '' && HAS_WORD.test(s)) out.push(s);
}

/** Sentence splitting aware of Vietnamese abbreviations (TP., Q., P., TS., ThS., PGS., GS., BS., Th.S, ông/bà not relevant, "v.v.", "Tp.HCM", "St."), numbers (3.5, 1.000.000, 12/3/2025, 10.30), decree numbers ("Nghị định 13/2023/NĐ-CP"), ellipses, quotes and line breaks. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(LINE_BREAK);
  // Joined lines are collected in a list: reading the end of a growing string would flatten it each time.
  let current: string[] = [];
  let last = '';
  const flush = () => {
    if (current.length > 0) splitLine(current.join(' '), out);
    current = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    // A hard-wrapped line: the previous one did not end a sentence and this one goes on in lower case.
    const wrapped =
      current.length > 0 &&
      !TERMINATORS.includes(last) &&
      !CLOSERS.includes(last) &&
      !':;'.includes(last) &&
      isLower(line.charAt(0));
    if (!wrapped) flush();
    current.push(line);
    last = line.charAt(line.length - 1);
  }
  flush();
  return out;
}
