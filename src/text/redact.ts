/**
 * Redaction of personal data (phone numbers, e-mail addresses, identity numbers) in
 * Vietnamese text, run before indexing. Pure functions, no I/O.
 *
 * Policy, decided here once:
 * - Phones: Vietnamese mobiles (10 digits 03/05/07/08/09, old 11-digit 012x/016x/018x/019x),
 *   landlines (11 digits 02xx since 2017; old 10-digit forms like (04) 3825 1234 only with an
 *   area code in brackets or a phone word nearby), in national or +84/84/0084 form. Landlines
 *   are redacted too: we cannot tell a household's line from an office's.
 * - Not phones: toll-free and premium service numbers (1800…, 1900…) and emergency short codes
 *   (111–115, 112): they are public service numbers, never a person's. Anything inside a URL is
 *   left alone (it is evidence of where a claim appeared). Tax codes (MST) are out of scope.
 * - Identity numbers: a 12-digit CCCD is redacted on its structure alone (province code,
 *   gender/century digit, plausible year) unless a bank/tax/order word says otherwise; any
 *   12-digit or 9-digit (CMND) number is redacted after an identity word (CCCD, CMND, căn cước…).
 */

export type PersonalDataType = 'phone' | 'email' | 'national_id';

/** A piece of personal data: UTF-16 offsets into the input, `end` exclusive. */
export interface PersonalDataSpan {
  start: number;
  end: number;
  type: PersonalDataType;
}

const PLACEHOLDERS: Record<PersonalDataType, string> = {
  phone: '[SĐT]',
  email: '[EMAIL]',
  national_id: '[SỐ ĐỊNH DANH]',
};

// ---------------------------------------------------------------------------------------------
// Context words

function wordAlternation(words: readonly string[]): RegExp {
  const alts = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.]/g, '\\.'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

const ID_WORDS = wordAlternation([
  'cccd',
  'cmnd',
  'cmt',
  'cmtnd',
  'căn cước',
  'can cuoc',
  'chứng minh',
  'chung minh',
  'định danh',
  'dinh danh',
  'citizen id',
  'national id',
  'id card',
  'id number',
  'id no',
  'identity card',
  'identity number',
  'personal id',
  'lost id',
]);

const PHONE_WORDS = wordAlternation([
  'sđt',
  'sdt',
  'đt',
  'dt',
  'điện thoại',
  'dien thoai',
  'phone',
  'tel',
  'telephone',
  'mobile',
  'liên hệ',
  'lien he',
  'liên lạc',
  'lien lac',
  'lh',
  'gọi',
  'goi',
  'call',
  'dial',
  'zalo',
  'viber',
  'whatsapp',
  'hotline',
  'số máy',
  'so may',
  'máy bàn',
  'may ban',
  'di động',
  'di dong',
  'nhắn tin',
  'nhan tin',
  'alo',
  'fax',
  'tổng đài',
  'tong dai',
  'đường dây nóng',
]);

/** Words after which a digit run is neither a phone nor an identity number. */
const NOT_PERSONAL_WORDS = wordAlternation([
  'mst',
  'mã số thuế',
  'ma so thue',
  'mã số doanh nghiệp',
  'ma so doanh nghiep',
  'msdn',
  'tax code',
  'tax id',
  'isbn',
  'issn',
  'imei',
  'serial',
  'seri',
  'mã vạch',
  'barcode',
]);

/** Words after which a digit run is not an identity number (accounts, orders, codes). */
const NOT_ID_WORDS = wordAlternation([
  'stk',
  'số tài khoản',
  'so tai khoan',
  'tài khoản',
  'tai khoan',
  'tk',
  'account',
  'acct',
  'mã',
  'ma',
  'hóa đơn',
  'hoá đơn',
  'hoa don',
  'vận đơn',
  'van don',
  'giao dịch',
  'otp',
  'mssv',
  'bhxh',
  'order',
  'invoice',
  'tracking',
]);

type Context = 'id' | 'phone' | 'not_personal' | 'not_id' | null;

const PLACEHOLDER_RE = /\[(?:SĐT|EMAIL|SỐ ĐỊNH DANH)\]/gu;
const WINDOW = 48;

function lastMatchEnd(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let end = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    end = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex += 1;
  }
  return end;
}

/** The nearest context word before `pos`, looking no further back than `floor`. */
function contextBefore(text: string, pos: number, floor: number): Context {
  const from = Math.max(floor, pos - WINDOW, 0);
  let window = text.slice(from, pos);
  window = window.slice(window.lastIndexOf('\n') + 1).normalize('NFC');
  const ph = lastMatchEnd(PLACEHOLDER_RE, window);
  if (ph >= 0) window = window.slice(ph);
  let best: Context = null;
  let bestEnd = -1;
  const candidates: Array<[RegExp, Context]> = [
    [ID_WORDS, 'id'],
    [PHONE_WORDS, 'phone'],
    [NOT_PERSONAL_WORDS, 'not_personal'],
    [NOT_ID_WORDS, 'not_id'],
  ];
  for (const [re, ctx] of candidates) {
    const end = lastMatchEnd(re, window);
    // Longer phrases win ties ("mã định danh" ends with an identity word, not with "mã").
    if (end > bestEnd) {
      bestEnd = end;
      best = ctx;
    }
  }
  return best;
}

/** Whether an identity word follows shortly after `pos` ("… là số căn cước của cháu"). */
function idWordAfter(text: string, pos: number): boolean {
  let window = text.slice(pos, pos + 24);
  const cut = window.search(/[\d\n[]/u);
  if (cut >= 0) window = window.slice(0, cut);
  ID_WORDS.lastIndex = 0;
  return ID_WORDS.test(window.normalize('NFC'));
}

// ---------------------------------------------------------------------------------------------
// Things that look like numbers but are not personal data

interface Range {
  start: number;
  end: number;
}

const DATE_RES = [
  /(?<!\d)\d{1,2}([./-])\d{1,2}\1(?:19|20)\d{2}(?!\d)/gu,
  /(?<!\d)(?:19|20)\d{2}([./-])\d{1,2}\1\d{1,2}(?!\d)/gu,
];

function findDates(text: string): Range[] {
  const out: Range[] = [];
  for (const re of DATE_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  out.sort((a, b) => a.start - b.start);
  // Merge overlaps so that ends are sorted too (overlapsAny relies on it).
  const merged: Range[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const SCHEME_RE = /^[("'<[]*(?:[a-z][a-z0-9+.-]{0,15}:\/\/|www\.)/iu;
const DOMAIN_RE = /^[("'<[]*[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}$/iu;

/** URLs, with or without a scheme ("example.vn/bai-viet/…"): numbers inside them stay. */
function findUrls(text: string): Range[] {
  const out: Range[] = [];
  const token = /\S+/gu;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    const t = m[0];
    let isUrl = SCHEME_RE.test(t);
    if (!isUrl) {
      const slash = t.indexOf('/');
      isUrl = slash > 0 && slash <= 253 && DOMAIN_RE.test(t.slice(0, slash));
    }
    if (isUrl) out.push({ start: m.index, end: m.index + t.length });
  }
  return out;
}

/** Whether [start, end) overlaps a range of a list sorted by start whose ends are sorted too. */
function overlapsAny(ranges: readonly Range[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r !== undefined && r.end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ranges.length; i += 1) {
    const r = ranges[i];
    if (r === undefined || r.start >= end) break;
    if (r.end > start) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, including "ten [at] example [dot] com", "(a)", "a còng … chấm …"

const AT_RE = /@|[[({][ \t]{0,2}(?:at|@|a)[ \t]{0,2}[\])}]|[ \t](?:at|a còng|a cong)[ \t]/giu;
const DOT_OBFUSCATED_RE =
  /[ \t]{0,2}[[({][ \t]{0,2}(?:dot|\.|chấm|cham)[ \t]{0,2}[\])}][ \t]{0,2}|[ \t]+(?:dot|chấm|cham)[ \t]+/iuy;
const LABEL_RE = /[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?/iuy;
const LOCAL_CHAR = /[a-z0-9._%+-]/iu;
const WORDISH = /[\p{L}\p{N}_]/u;
const MAIL_PROVIDERS = new Set([
  'gmail',
  'yahoo',
  'hotmail',
  'outlook',
  'icloud',
  'ymail',
  'live',
  'proton',
  'protonmail',
]);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function findEmails(text: string): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  AT_RE.lastIndex = 0;
  for (let m = AT_RE.exec(text); m !== null; m = AT_RE.exec(text)) {
    const anchor = m[0];
    const atStart = m.index;
    const atEnd = m.index + anchor.length;
    const plainAt = anchor === '@';
    const wordAt = isSpace(anchor[0]);

    // Local part, to the left.
    let l = atStart;
    let spacesLeft = 0;
    while (spacesLeft < 2 && isSpace(text[l - 1])) {
      l -= 1;
      spacesLeft += 1;
    }
    const localEnd = l;
    while (l > 0 && localEnd - l < 64 && LOCAL_CHAR.test(text[l - 1] ?? '')) l -= 1;
    while (l < localEnd && /[.+-]/u.test(text[l] ?? '')) l += 1;
    if (l >= localEnd) continue;
    if (l > 0 && WORDISH.test(text[l - 1] ?? '')) continue;
    if (out.length > 0 && (out[out.length - 1]?.end ?? 0) > l) continue;

    // Domain, to the right.
    let r = atEnd;
    let spacesRight = 0;
    while (spacesRight < 2 && isSpace(text[r])) {
      r += 1;
      spacesRight += 1;
    }
    // A bare "@" may be spaced only on both sides ("ban-doc @ example.vn"), never one
    // ("cảm ơn @example.vn" is a mention).
    if (plainAt && (spacesLeft > 1 || spacesRight > 1 || spacesLeft > 0 !== spacesRight > 0)) {
      continue;
    }
    const labels: Array<{ end: number; text: string }> = [];
    let obfuscatedDots: boolean | null = null;
    let pos = r;
    LABEL_RE.lastIndex = pos;
    let label = LABEL_RE.exec(text);
    if (label === null) continue;
    labels.push({ end: pos + label[0].length, text: label[0] });
    pos += label[0].length;
    while (labels.length < 8) {
      let next = pos;
      let obfuscated: boolean;
      if (text[pos] === '.') {
        next = pos + 1;
        obfuscated = false;
      } else {
        DOT_OBFUSCATED_RE.lastIndex = pos;
        const dot = DOT_OBFUSCATED_RE.exec(text);
        if (dot === null) break;
        next = pos + dot[0].length;
        obfuscated = true;
      }
      // One style of dot per address, so "a@example.com chấm hết" stops at ".com".
      if (obfuscatedDots !== null && obfuscatedDots !== obfuscated) break;
      LABEL_RE.lastIndex = next;
      label = LABEL_RE.exec(text);
      if (label === null) break;
      obfuscatedDots = obfuscated;
      labels.push({ end: next + label[0].length, text: label[0] });
      pos = next + label[0].length;
    }
    while (labels.length >= 2 && !/^[a-z]{2,24}$/iu.test(labels[labels.length - 1]?.text ?? '')) {
      labels.pop();
    }
    if (labels.length < 2) continue;
    const last = labels[labels.length - 1];
    if (last === undefined) continue;
    if (WORDISH.test(text[last.end] ?? '') || text[last.end] === '@') continue;
    if (wordAt && /at/iu.test(anchor)) {
      // "look at example.com" is prose; accept a spelled-out "at" only with spelled-out dots
      // or a webmail domain.
      const first = labels[0]?.text.toLowerCase() ?? '';
      if (obfuscatedDots !== true && !MAIL_PROVIDERS.has(first)) continue;
    }
    out.push({ start: l, end: last.end, type: 'email' });
    AT_RE.lastIndex = Math.max(AT_RE.lastIndex, last.end);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Digit runs: phones and identity numbers

/**
 * A run of digit groups joined by single separators: "0912 345 678", "(+84) 28.3822.5678",
 * "+84 (0) 912-345-678". Each alternative starts with a distinct character class, so the
 * pattern cannot backtrack catastrophically.
 */
const CHAIN_RE =
  /(?:\(\+?\d{1,4}\)|\+?\d+)(?:(?:[ \u00a0]?[.\-–][ \u00a0]?|[ \u00a0]|(?<=\)))(?:\(\d{1,4}\)|\d+))*/gu;
const GROUP_RE = /\(\+?\d{1,4}\)|\+?\d+/gu;

interface Group {
  start: number;
  end: number;
  digits: string;
  paren: boolean;
  plus: boolean;
  /** Text between the previous group and this one. */
  sep: string;
}

const PROVINCE_CODES = new Set(
  (
    '001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 ' +
    '035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 ' +
    '070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096'
  ).split(' '),
);

/** CCCD: province code, gender/century digit (0–1: 1900s, 2–3: 2000s), year of birth, serial. */
function looksLikeCccd(d: string): boolean {
  if (d.length !== 12 || !PROVINCE_CODES.has(d.slice(0, 3))) return false;
  const century = d[3];
  const year = Number(d.slice(4, 6));
  if (century === '0' || century === '1') return true;
  if (century === '2' || century === '3') return year <= 30;
  return false;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}_]/u;
const DIGIT = /\d/u;

/** Whether the run is stuck to something that makes it part of another token on the left. */
function gluedLeft(text: string, start: number): boolean {
  const c = text[start - 1];
  if (c === undefined) return false;
  if (LETTER_OR_DIGIT.test(c)) return true;
  if ('/\\$€£¥₫#'.includes(c)) return c !== '#';
  if (c === ',' || c === ':') return shortDigitsBefore(text, start - 1);
  if (c === '-' || c === '.' || c === '–') {
    // "30A-123.45", "H29-250312" are codes; "sdt-0912345678" is a label then a number.
    let k = start - 2;
    let hasDigit = false;
    let len = 0;
    while (k >= 0 && len < 20 && LETTER_OR_DIGIT.test(text[k] ?? '')) {
      if (DIGIT.test(text[k] ?? '')) hasDigit = true;
      k -= 1;
      len += 1;
    }
    return hasDigit;
  }
  return false;
}

function shortDigitsBefore(text: string, pos: number): boolean {
  let n = 0;
  while (n < 5 && DIGIT.test(text[pos - 1 - n] ?? '')) n += 1;
  return n > 0 && n <= 3;
}

function shortDigitsAfter(text: string, pos: number): boolean {
  let n = 0;
  while (n < 5 && DIGIT.test(text[pos + 1 + n] ?? '')) n += 1;
  return n > 0 && n <= 3;
}

/** Whether the run continues into a unit, a code or a decimal on the right. */
function gluedRight(text: string, end: number): boolean {
  const c = text[end];
  if (c === undefined) return false;
  if (LETTER_OR_DIGIT.test(c)) return true;
  if ('/\\%°″′'.includes(c)) return true;
  // 10°45'36"N is a coordinate; a closing quote after a number is just punctuation.
  if (c === "'" || c === '"') return LETTER_OR_DIGIT.test(text[end + 1] ?? '');
  if (c === ',' || c === ':') return shortDigitsAfter(text, end);
  if (c === '-' || c === '.' || c === '–') return LETTER_OR_DIGIT.test(text[end + 1] ?? '');
  return false;
}

function hasSpace(sep: string): boolean {
  return /[ \u00a0]/u.test(sep);
}

interface Classified {
  type: 'phone' | 'national_id';
}

class ChainContext {
  private readonly cache = new Map<number, Context>();
  constructor(
    private readonly text: string,
    private readonly floor: () => number,
  ) {}
  at(pos: number): Context {
    let ctx = this.cache.get(pos);
    if (ctx === undefined) {
      ctx = contextBefore(this.text, pos, this.floor());
      this.cache.set(pos, ctx);
    }
    return ctx;
  }
}

function classify(
  text: string,
  groups: readonly Group[],
  i: number,
  j: number,
  ctx: ChainContext,
): Classified | null {
  const first = groups[i];
  if (first === undefined) return null;
  let digits = '';
  for (let k = i; k <= j; k += 1) digits += groups[k]?.digits ?? '';
  if (digits.length < 9 || digits.length > 13) return null;
  const context = ctx.at(first.start);
  if (context === 'not_personal') return null;

  // International form: +84 / (+84) / 84 / 0084, optionally with a stray (0) or 0.
  let national: string | null = null;
  let nationalFrom = i;
  if (digits.startsWith('0084')) {
    national = '0' + digits.slice(4).replace(/^0/u, '');
    nationalFrom = first.digits.length === 4 ? i + 1 : i;
  } else if (
    digits.startsWith('84') &&
    (first.plus || first.digits === '84' || (i === j && /^84[35789]\d{8}$/u.test(digits)))
  ) {
    national = '0' + digits.slice(2).replace(/^0/u, '');
    nationalFrom = first.digits === '84' ? i + 1 : i;
  } else if (first.plus) {
    return null; // other countries are out of scope
  }
  const intl = national !== null;
  const nat = national ?? digits;

  // Group shapes: no stray single digits (ISBN 0-306-…), no two-digit national prefix
  // without brackets or a phone word (dates like 05 03 2025 09 …).
  for (let k = nationalFrom; k <= j; k += 1) {
    const g = groups[k];
    if (g === undefined) return null;
    if (g.digits.length < 2 && !(g.paren && g.digits === '0')) return null;
  }
  const natFirst = groups[nationalFrom];
  const natFirstOk =
    intl ||
    natFirst === undefined ||
    natFirst.paren ||
    natFirst.digits.length >= 3 ||
    nationalFrom === j ||
    context === 'phone';
  if (j - i + 1 > 6) return null;

  if (natFirstOk) {
    if (/^0[35789]\d{8}$/u.test(nat)) return { type: 'phone' };
    if (/^01[2689]\d{8}$/u.test(nat)) return { type: 'phone' };
    if (/^02\d{9}$/u.test(nat)) return { type: 'phone' };
    if (/^0[2-8]\d{8}$/u.test(nat) && (intl || natFirst?.paren === true || context === 'phone')) {
      return { type: 'phone' };
    }
  }
  if (intl) return null;

  // Identity numbers: 12 digits (CCCD) or 9 digits (CMND), plain groups of 3+ digits.
  if (digits.length !== 12 && digits.length !== 9) return null;
  for (let k = i; k <= j; k += 1) {
    const g = groups[k];
    if (g === undefined || g.paren || g.plus || (j > i && g.digits.length < 3)) return null;
  }
  if (context === 'not_id') return null;
  const idWord = context === 'id' || idWordAfter(text, groups[j]?.end ?? 0);
  if (idWord) return { type: 'national_id' };
  if (digits.length === 12 && looksLikeCccd(digits)) return { type: 'national_id' };
  return null;
}

function findNumbers(
  text: string,
  blocked: ReadonlyArray<readonly Range[]>,
  emails: readonly PersonalDataSpan[],
): PersonalDataSpan[] {
  const out: PersonalDataSpan[] = [];
  // Context never reaches back past another long number or an e-mail: after redaction those
  // become placeholders, and the answer must not change when the text is redacted again.
  let barrier = 0;
  let emailIdx = 0;
  CHAIN_RE.lastIndex = 0;
  for (let m = CHAIN_RE.exec(text); m !== null; m = CHAIN_RE.exec(text)) {
    const chainStart = m.index;
    const chainEnd = m.index + m[0].length;
    while (emailIdx < emails.length && (emails[emailIdx]?.end ?? 0) <= chainStart) {
      barrier = Math.max(barrier, emails[emailIdx]?.end ?? 0);
      emailIdx += 1;
    }
    const groups: Group[] = [];
    GROUP_RE.lastIndex = 0;
    let prevEnd = 0;
    const s = m[0];
    for (let g = GROUP_RE.exec(s); g !== null; g = GROUP_RE.exec(s)) {
      const raw = g[0];
      groups.push({
        start: chainStart + g.index,
        end: chainStart + g.index + raw.length,
        digits: raw.replace(/\D/gu, ''),
        paren: raw.startsWith('('),
        plus: raw.includes('+'),
        sep: s.slice(prevEnd, g.index),
      });
      prevEnd = g.index + raw.length;
    }
    const totalDigits = groups.reduce((n, g) => n + g.digits.length, 0);
    if (totalDigits < 9) {
      if (totalDigits >= 7) barrier = chainEnd;
      continue;
    }
    const leftGlued = gluedLeft(text, chainStart);
    const rightGlued = gluedRight(text, chainEnd);
    let floor = barrier;
    const ctx = new ChainContext(text, () => floor);
    let consumedUpTo = -1;
    for (let i = 0; i < groups.length;) {
      const gi = groups[i];
      if (gi === undefined) break;
      const prev = groups[i - 1];
      const startOk =
        i === 0
          ? !leftGlued
          : consumedUpTo === i - 1 || hasSpace(gi.sep) || (prev?.digits.length ?? 0) >= 7;
      let found: { j: number; type: 'phone' | 'national_id' } | null = null;
      if (startOk && !blocked.some((b) => overlapsAny(b, gi.start, gi.start + 1))) {
        let digits = 0;
        for (let j = i; j < groups.length && j < i + 6; j += 1) {
          const gj = groups[j];
          if (gj === undefined) break;
          digits += gj.digits.length;
          if (digits > 13) break;
          const next = groups[j + 1];
          const endOk =
            j === groups.length - 1
              ? !rightGlued
              : next !== undefined && (hasSpace(next.sep) || next.digits.length >= 7);
          if (!endOk || digits < 9) continue;
          if (blocked.some((b) => overlapsAny(b, gi.start, gj.end))) break;
          if (overlapsAny(emails, gi.start, gj.end)) break;
          const c = classify(text, groups, i, j, ctx);
          if (c !== null) found = { j, type: c.type };
        }
      }
      if (found === null) {
        i += 1;
        continue;
      }
      const end = groups[found.j]?.end ?? gi.end;
      out.push({ start: gi.start, end, type: found.type });
      floor = end;
      consumedUpTo = found.j;
      i = found.j + 1;
    }
    barrier = chainEnd;
  }
  return out;
}

/**
 * Finds Vietnamese phone numbers (0xx…, +84, 84, (+84), with dots, spaces or dashes, mobile
 * 10-digit and old 11-digit numbers, landlines with area codes like 024 3xxx xxxx / 028…, and
 * old 11-digit mobile prefixes 012x/016x/018x/019x), e-mail addresses (incl. obfuscated
 * "ten [at] gmail [dot] com"/"(a)"), and 9-digit (CMND) and 12-digit (CCCD) identity numbers,
 * only where they are personal data. Spans are sorted and do not overlap.
 */
export function findPersonalData(text: string): PersonalDataSpan[] {
  const emails = findEmails(text);
  const urls = findUrls(text);
  const dates = findDates(text);
  const numbers = findNumbers(text, [urls, dates], emails);
  const all = [...emails, ...numbers].sort((a, b) => a.start - b.start);
  const out: PersonalDataSpan[] = [];
  for (const span of all) {
    const last = out[out.length - 1];
    if (last !== undefined && span.start < last.end) continue;
    out.push(span);
  }
  return out;
}

/**
 * Replaces each span by a typed placeholder: [SĐT], [EMAIL], [SỐ ĐỊNH DANH]. Returns the new
 * text and the spans (in input coordinates).
 */
export function redactPersonalData(text: string): { text: string; spans: PersonalDataSpan[] } {
  const spans = findPersonalData(text);
  let out = '';
  let pos = 0;
  for (const span of spans) {
    out += text.slice(pos, span.start) + PLACEHOLDERS[span.type];
    pos = span.end;
  }
  out += text.slice(pos);
  return { text: out, spans };
}
