/**
 * The activity report's period as the desk chooses it: a month, a quarter or a custom range of
 * whole days (first and last included), checked before the server is asked.
 */

/** Longest period one report covers (as the server: a leap year). */
export const MAX_PERIOD_DAYS = 366;

export type PeriodKind = 'month' | 'quarter' | 'custom';
export interface DayRange {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Days in month `m` (1–12) of year `y`. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The days of a month written `YYYY-MM`; null when it is not one. */
export function monthRange(month: string): DayRange | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const [y, m] = [Number(match[1]), Number(match[2])];
  if (m < 1 || m > 12) return null;
  return { from: day(y, m, 1), to: day(y, m, daysIn(y, m)) };
}

/** The days of quarter `q` (1–4) of year `y`. */
export function quarterRange(y: number, q: number): DayRange {
  const first = (q - 1) * 3 + 1;
  return { from: day(y, first, 1), to: day(y, first + 2, daysIn(y, first + 2)) };
}

/** The month before the one of `today`, as `YYYY-MM`: the usual report to make. */
export function previousMonth(today: Date): string {
  const y = today.getFullYear();
  const m = today.getMonth(); // 0-based: this is already the previous month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${pad(m)}`;
}

const parse = (value: string): number | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(y, m - 1, d);
  const back = new Date(time);
  return back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? time : null;
};

/** What is wrong with a custom range, as a message key; null when it is a valid period. */
export function rangeProblem(
  range: DayRange,
): null | 'missingFrom' | 'missingTo' | 'order' | 'tooLong' {
  const from = parse(range.from);
  const to = parse(range.to);
  if (from === null) return 'missingFrom';
  if (to === null) return 'missingTo';
  if (to < from) return 'order';
  if ((to - from) / 86_400_000 + 1 > MAX_PERIOD_DAYS) return 'tooLong';
  return null;
}
