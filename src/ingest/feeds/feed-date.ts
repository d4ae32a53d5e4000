/**
 * Dates as feeds write them: RFC 822/1123 with the usual deviations (named zones, missing
 * seconds, two-digit years, full month or day names, a missing zone), W3CDTF / ISO 8601 /
 * RFC 3339, asctime and JavaScript's Date.toString, and day-first numeric dates (dd/mm/yyyy,
 * the Vietnamese convention). Anything else, or an impossible date, gives undefined.
 * A missing zone is taken as UTC, so results never depend on the machine's time zone.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// Offsets in minutes. RFC 822's own names, then the ones feeds commonly use. Ambiguous
// abbreviations (IST, CST as China time, BST as Bangladesh) take their most common feed meaning.
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  edt: -240,
  est: -300,
  cdt: -300,
  cst: -360,
  mdt: -360,
  mst: -420,
  pdt: -420,
  pst: -480,
  akdt: -480,
  akst: -540,
  hst: -600,
  adt: -180,
  ast: -240,
  ndt: -150,
  nst: -210,
  bst: 60,
  ist: 330,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  ict: 420,
  wib: 420,
  hkt: 480,
  sgt: 480,
  awst: 480,
  pht: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

// RFC 822 military zones; RFC 1123 notes their signs were specified backwards, so they are
// read with the sign that the senders who used them meant (A = +1 … M = +12, N = -1 … Y = -12).
function militaryZone(letter: string): number | undefined {
  const c = letter.toLowerCase().charCodeAt(0);
  if (c === 0x7a) return 0; // z
  if (c >= 0x61 && c <= 0x69) return (c - 0x60) * 60; // a..i
  if (c >= 0x6b && c <= 0x6d) return (c - 0x61) * 60; // k..m
  if (c >= 0x6e && c <= 0x79) return -(c - 0x6d) * 60; // n..y
  return undefined;
}

/** Parses a zone such as "+0700", "+07:00", "GMT+7", "ICT", "Z", "(ICT)"; 0 when absent. */
function parseZone(raw: string): number | undefined {
  const s = raw
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .toLowerCase();
  if (s === '') return 0;
  const offset = /^(?:(?:gmt|utc|ut)\s*)?([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (offset) {
    const [, sign, hh, mm] = offset;
    const hours = Number(hh);
    const minutes = mm ? Number(mm) : 0;
    if (hours > 23 || minutes > 59) return undefined;
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const word = s.replace(/\.$/, '');
  if (word in ZONES) return ZONES[word];
  if (word.length === 1) return militaryZone(word);
  // "GMT+0700 (Indochina Time)" was handled above; a named zone followed by junk is not a date.
  return undefined;
}

function monthFromName(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? (key.length > 3 ? MONTHS[key.slice(0, 3)] : undefined);
}

function fullYear(raw: string): number {
  const y = Number(raw);
  if (raw.length === 2) return y < 50 ? 2000 + y : 1900 + y;
  if (raw.length === 3) return 1900 + y; // "104" from a Perl-style year offset
  return y;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1] ?? 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Builds a Date when every field is in range (no rolling 31 April into May). */
function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zoneMinutes: number,
): Date | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return undefined;
  if (hour > 24 || minute > 59 || second > 60) return undefined;
  if (hour === 24 && (minute > 0 || second > 0)) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  // A leap second reads as the last second of its minute.
  const ms =
    Date.UTC(year, month - 1, day) +
    ((hour * 60 + minute - zoneMinutes) * 60 + Math.min(second, 59)) * 1000 +
    millis;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// The form nearly every RSS feed writes, read without the general patterns' backtracking.
const CANONICAL_RFC822 =
  /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|[+-]\d{4})$/;
const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:(?:t|\s+)(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[a-z\u00c0-\u1ef9]+\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{2,4})(?:[\s,t-]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?\s*([ap]\.?m\.?)?)?(.*)$/i;
const MONTH_FIRST =
  /^(?:[a-z]+\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[\s,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([ap]\.?m\.?)?)?(.*)$/i;
const ASCTIME =
  /^(?:[a-z]+,?\s+)?([a-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([a-z]{1,5}|[+-]\d{4})\s+)?(\d{4})$/i;
const NUMERIC =
  /^(?:[^\d]*?\s)?(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[\s,t-]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?(.*)$/i;

function hour12(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  const pm = ampm.toLowerCase().startsWith('p');
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function fraction(raw: string | undefined): number {
  return raw ? Math.floor(Number(`0.${raw}`) * 1000) : 0;
}

/** Parses a feed date string; undefined when it is not a recognisable, valid date. */
export function parseFeedDate(input: string | undefined | null): Date | undefined {
  if (typeof input !== 'string') return undefined;
  let m = CANONICAL_RFC822.exec(input);
  if (m) {
    const [, d, mon, y, h, mi, se, zone] = m;
    const month = MONTHS[(mon ?? '').toLowerCase()];
    const z =
      zone === 'GMT' || zone === 'UTC'
        ? 0
        : (zone?.charAt(0) === '-' ? -1 : 1) *
          (Number(zone?.slice(1, 3)) * 60 + Number(zone?.slice(3, 5)));
    if (month !== undefined && z !== undefined && Math.abs(z) < 24 * 60)
      return build(Number(y), month, Number(d), Number(h), Number(mi), Number(se), 0, z);
  }

  const s = input.replace(/\s+/g, ' ').trim();
  if (s.length < 4 || s.length > 80) return undefined;

  m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, se, frac, zone] = m;
    const z = zone ? parseZone(zone) : 0;
    if (z === undefined) return undefined;
    return build(
      Number(y),
      mo ? Number(mo) : 1,
      d ? Number(d) : 1,
      h ? Number(h) : 0,
      mi ? Number(mi) : 0,
      se ? Number(se) : 0,
      fraction(frac),
      z,
    );
  }

  m = RFC822.exec(s);
  if (m) {
    const [, d, mon, y, h, mi, se, frac, ampm, rest] = m;
    const month = mon ? monthFromName(mon) : undefined;
    if (month !== undefined && y && d) {
      const z = parseZone(rest ?? '');
      if (z === undefined) return undefined;
      return build(
        fullYear(y),
        month,
        Number(d),
        hour12(h ? Number(h) : 0, ampm),
        mi ? Number(mi) : 0,
        se ? Number(se) : 0,
        fraction(frac),
        z,
      );
    }
  }

  m = MONTH_FIRST.exec(s);
  if (m) {
    const [, mon, d, y, h, mi, se, frac, ampm, rest] = m;
    const month = mon ? monthFromName(mon) : undefined;
    if (month !== undefined) {
      // JavaScript's toString(): "Thu Jan 01 2004 19:48:21 GMT+0700 (Indochina Time)".
      const z = parseZone(rest ?? '');
      if (z === undefined) return undefined;
      return build(
        Number(y),
        month,
        Number(d),
        hour12(h ? Number(h) : 0, ampm),
        mi ? Number(mi) : 0,
        se ? Number(se) : 0,
        fraction(frac),
        z,
      );
    }
  }

  m = ASCTIME.exec(s);
  if (m) {
    const [, mon, d, h, mi, se, zone, y] = m;
    const month = mon ? monthFromName(mon) : undefined;
    const z = parseZone(zone ?? '');
    if (month === undefined || z === undefined) return undefined;
    return build(Number(y), month, Number(d), Number(h), Number(mi), se ? Number(se) : 0, 0, z);
  }

  m = NUMERIC.exec(s);
  if (m) {
    const [, a, b, c, h, mi, se, ampm, rest] = m;
    if (!a || !b || !c) return undefined;
    let year: number;
    let month: number;
    let day: number;
    if (a.length === 4) {
      [year, month, day] = [Number(a), Number(b), Number(c)];
    } else if (c.length === 4 || c.length === 2) {
      year = fullYear(c);
      // Day first unless that is impossible (the Vietnamese and European order).
      const swap = Number(b) > 12;
      day = swap ? Number(b) : Number(a);
      month = swap ? Number(a) : Number(b);
    } else {
      return undefined;
    }
    const z = parseZone(rest ?? '');
    if (z === undefined) return undefined;
    return build(
      year,
      month,
      day,
      hour12(h ? Number(h) : 0, ampm),
      mi ? Number(mi) : 0,
      se ? Number(se) : 0,
      0,
      z,
    );
  }
  return undefined;
}
