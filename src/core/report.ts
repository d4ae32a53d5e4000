/**
 * The periodic activity report (báo cáo hoạt động): its figures for a period, the period's rules,
 * the schedule of the automatic reports and the organisation's settings for the administrative
 * document. Pure: the figures are computed by the database, the document is rendered elsewhere.
 */
import { ValidationError } from './errors.js';
import {
  CHANNELS,
  CHECK_STATUSES,
  CLAIM_STATUSES,
  ITEM_STATUSES,
  PRIORITIES,
  RATINGS,
  type Channel,
  type ClaimStatus,
  type Priority,
  type Rating,
  type SourceKind,
} from './types.js';

/**
 * Report days are days in Vietnam (UTC+7 all year, no daylight saving time), so a report "for
 * 1–31 January" counts exactly what happened on those days on the office's calendar.
 */
export const REPORT_UTC_OFFSET_HOURS = 7;
/** The same offset as an IANA zone, for SQL that groups by day. */
export const REPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Longest period one report covers: a year (a leap year's 366 days). */
export const MAX_REPORT_DAYS = 366;

/** A period of whole days: `[from, to)` as instants, and its first and last day as written. */
export interface ReportPeriod {
  /** First instant of the first day. */
  from: Date;
  /** First instant after the last day (exclusive). */
  to: Date;
  /** YYYY-MM-DD, inclusive. */
  firstDay: string;
  /** YYYY-MM-DD, inclusive. */
  lastDay: string;
}

const DAY_MS = 86_400_000;
const OFFSET_MS = REPORT_UTC_OFFSET_HOURS * 3_600_000;

/** The instant a Vietnamese calendar day starts. */
function startOfDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS);
}

/** The Vietnamese calendar day (YYYY-MM-DD) of an instant. */
export function localDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function parseDay(value: string, field: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) {
    throw new ValidationError(
      [{ field, message: `"${value}" is not a date; write it as YYYY-MM-DD (e.g. 2027-01-05)` }],
      'The report period is invalid.',
    );
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (
    utc.getUTCFullYear() !== year ||
    utc.getUTCMonth() !== month - 1 ||
    utc.getUTCDate() !== day
  ) {
    throw new ValidationError(
      [{ field, message: `${value} is not a day of the calendar` }],
      'The report period is invalid.',
    );
  }
  if (year < 2000 || year > 2100) {
    throw new ValidationError(
      [{ field, message: `${value} is outside the years 2000–2100` }],
      'The report period is invalid.',
    );
  }
  return startOfDay(year, month, day);
}

/**
 * The period from the first to the last day, both included. Every problem is reported at once:
 * unparseable days, a start after the end, a span beyond {@link MAX_REPORT_DAYS}.
 */
export function parseReportPeriod(firstDay: string, lastDay: string): ReportPeriod {
  const problems: Array<{ field: string; message: string }> = [];
  const attempt = (value: string, field: string): Date | undefined => {
    try {
      return parseDay(value, field);
    } catch (error) {
      if (error instanceof ValidationError) problems.push(...error.problems);
      else throw error;
      return undefined;
    }
  };
  const from = attempt(firstDay, 'from');
  const lastStart = attempt(lastDay, 'to');
  if (from && lastStart) {
    const days = Math.round((lastStart.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days < 1) {
      problems.push({
        field: 'from',
        message: `the period starts (${firstDay.trim()}) after it ends (${lastDay.trim()})`,
      });
    } else if (days > MAX_REPORT_DAYS) {
      problems.push({
        field: 'to',
        message: `the period spans ${days} days; a report covers at most ${MAX_REPORT_DAYS}`,
      });
    }
  }
  if (problems.length > 0 || !from || !lastStart) {
    throw new ValidationError(problems, 'The report period is invalid.');
  }
  return {
    from,
    to: new Date(lastStart.getTime() + DAY_MS),
    firstDay: localDay(from),
    lastDay: localDay(lastStart),
  };
}

/** Kinds of stored reports: generated on schedule, weekly or monthly. */
export const REPORT_KINDS = ['weekly', 'monthly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** File formats a report is rendered to. */
export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** When an automatic report is made: a weekday (1 = Monday … 7 = Sunday) or day of the month. */
export interface ReportSchedule {
  weekly: { weekday: number; hour: number; minute: number } | null;
  monthly: { day: number; hour: number; minute: number } | null;
}

/** Weekly on Monday and monthly on the 1st, at 07:00 Vietnam time. */
export const DEFAULT_REPORT_SCHEDULE: ReportSchedule = Object.freeze({
  weekly: { weekday: 1, hour: 7, minute: 0 },
  monthly: { day: 1, hour: 7, minute: 0 },
});

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Reads "mon 07:00" (weekly) or "1 07:00" (monthly; days 1–28 so every month has it), or "off".
 * Returns a message for a value it cannot read.
 */
export function parseScheduleSpec(
  kind: ReportKind,
  spec: string,
): { ok: true; value: ReportSchedule[ReportKind] } | { ok: false; message: string } {
  const value = spec.trim().toLowerCase();
  if (value === 'off') return { ok: true, value: null };
  const match = /^(\w+)\s+(\d{1,2}):(\d{2})$/.exec(value);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (!match || hour > 23 || minute > 59) {
    return {
      ok: false,
      message:
        kind === 'weekly'
          ? 'must be a weekday and a time such as "mon 07:00", or "off"'
          : 'must be a day of the month (1–28) and a time such as "1 07:00", or "off"',
    };
  }
  if (kind === 'weekly') {
    const weekday = WEEKDAYS.indexOf(match[1]!) + 1;
    if (weekday === 0) return { ok: false, message: `unknown weekday "${match[1]}" (mon … sun)` };
    return { ok: true, value: { weekday, hour, minute } };
  }
  const day = Number(match[1]);
  if (!Number.isInteger(day) || day < 1 || day > 28) {
    return { ok: false, message: 'the day of the month must be 1–28' };
  }
  return { ok: true, value: { day, hour, minute } };
}

/**
 * The latest complete period of `kind` whose report is due at `now`: the previous Monday–Sunday
 * once the weekly time has come, the previous calendar month once the monthly time has come.
 * Null when the schedule is off.
 */
export function duePeriod(
  kind: ReportKind,
  schedule: ReportSchedule,
  now: Date,
): ReportPeriod | null {
  const local = new Date(now.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  const minutesToday = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (kind === 'weekly') {
    const at = schedule.weekly;
    if (!at) return null;
    const weekday = ((local.getUTCDay() + 6) % 7) + 1;
    // Monday of this week, local calendar.
    let monday = startOfDay(y, m, d - (weekday - 1));
    const dueThisWeek =
      weekday > at.weekday || (weekday === at.weekday && minutesToday >= at.hour * 60 + at.minute);
    if (!dueThisWeek) monday = new Date(monday.getTime() - 7 * DAY_MS);
    const from = new Date(monday.getTime() - 7 * DAY_MS);
    return {
      from,
      to: monday,
      firstDay: localDay(from),
      lastDay: localDay(new Date(monday.getTime() - DAY_MS)),
    };
  }
  const at = schedule.monthly;
  if (!at) return null;
  const dueThisMonth = d > at.day || (d === at.day && minutesToday >= at.hour * 60 + at.minute);
  const monthStart = dueThisMonth ? startOfDay(y, m, 1) : startOfDay(y, m - 1, 1);
  const startLocal = new Date(monthStart.getTime() + OFFSET_MS);
  const from = startOfDay(startLocal.getUTCFullYear(), startLocal.getUTCMonth(), 1);
  return {
    from,
    to: monthStart,
    firstDay: localDay(from),
    lastDay: localDay(new Date(monthStart.getTime() - DAY_MS)),
  };
}

/** Median, 90th percentile and deadline keeping of one kind of delay. */
export interface DelayStats {
  /** Claims measured. */
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  /** Of those with a deadline, how many were within it. */
  withDeadline: number;
  withinDeadline: number;
}

/** Share of claims within their deadline (0..1), or null when none had one. */
export function withinDeadlineShare(stats: DelayStats): number | null {
  return stats.withDeadline === 0 ? null : stats.withinDeadline / stats.withDeadline;
}

/** Everything the activity report says about a period (PRODUCT.md "Manager"). */
export interface ActivityReport {
  period: ReportPeriod;
  generatedAt: Date;
  /** New items (first seen in the period) and sightings per channel; every channel listed. */
  intake: {
    byChannel: Array<{ channel: Channel; newItems: number; sightings: number }>;
    tipsReceived: number;
  };
  items: {
    newItems: number;
    sightings: number;
    /** Sightings of the period that were not an item's first: repeats of known content. */
    duplicates: number;
    /** New items the matcher linked to an already published check. */
    matched: number;
    /** New items attached to a claim. */
    linkedToClaims: number;
  };
  /**
   * Claims created in the period, by their state when the report is made (not on the period's
   * last day: the workflow keeps no history of states that could be queried cheaply, so a report
   * of a past period made again later may show claims further along); every state listed.
   */
  claims: { created: number; byState: Array<{ status: ClaimStatus; count: number }> };
  /** Checks first published in the period. */
  checks: {
    published: number;
    byVerdict: Array<{ rating: Rating; count: number }>;
    /** Category names (Vietnamese); null for checks without a category. */
    byCategory: Array<{ category: string | null; count: number }>;
  };
  /**
   * First responses and first publications made in the period, each measured from the claim's
   * creation and compared with its deadline (`due_at`).
   */
  responseTimes: { firstResponse: DelayStats; publication: DelayStats };
  /** Deadlines that fell in the period and were missed (no publication by the deadline). */
  overdue: {
    missed: number;
    byPriority: Array<{ priority: Priority; count: number }>;
    /** Of the missed, how many are still open when the report is made. */
    stillOpen: number;
    examples: Array<{ text: string; priority: Priority; dueAt: Date; status: ClaimStatus }>;
  };
  /** Claims whose items were seen most often in the period. */
  topClaims: Array<{
    claimId: string;
    text: string;
    status: ClaimStatus;
    rating: Rating | null;
    sightings: number;
  }>;
  /** Monitored sources: their state when the report is made and what they brought in the period. */
  sources: {
    total: number;
    enabled: number;
    failing: number;
    disabled: number;
    rows: Array<{
      name: string;
      kind: SourceKind;
      state: 'ok' | 'failing' | 'disabled';
      sightings: number;
      consecutiveFailures: number;
      lastSuccessAt: Date | null;
    }>;
  };
  /** Public corrections of published checks made in the period. */
  corrections: {
    count: number;
    rows: Array<{ checkTitle: string; reason: string; createdAt: Date }>;
  };
}

/** True when nothing at all happened in the period (the document then says so). */
export function isEmptyReport(report: ActivityReport): boolean {
  return (
    report.items.sightings === 0 &&
    report.intake.tipsReceived === 0 &&
    report.claims.created === 0 &&
    report.checks.published === 0 &&
    report.responseTimes.firstResponse.count === 0 &&
    report.responseTimes.publication.count === 0 &&
    report.overdue.missed === 0 &&
    report.corrections.count === 0
  );
}

/**
 * What the administrative document needs to know about the organisation (Decree 30/2020/NĐ-CP):
 * issuing body and its parent, number and symbol, place, signer, recipients.
 */
export interface OrganisationSettings {
  /** Cơ quan, tổ chức chủ quản: written uppercase, regular weight. Empty when there is none. */
  parentBody: string;
  /** Cơ quan, tổ chức ban hành: written uppercase, bold. */
  issuingBody: string;
  /** Ký hiệu after the number, e.g. "BC-SVHTTDL"; the number itself is left for the clerk. */
  symbol: string;
  /** Địa danh of the date line. */
  place: string;
  /** Quyền hạn của người ký, e.g. "KT. GIÁM ĐỐC" (may be empty). */
  signerAuthority: string;
  /** Chức vụ của người ký, e.g. "PHÓ GIÁM ĐỐC". */
  signerTitle: string;
  signerName: string;
  /** Nơi nhận, one per line. */
  recipients: readonly string[];
  /** What follows "Lưu:" in the recipients, e.g. "VT, TTTT". */
  archive: string;
}

/** The demo office (the fictional province of Lam Giang). */
export const DEFAULT_ORGANISATION: OrganisationSettings = Object.freeze({
  parentBody: 'Ủy ban nhân dân tỉnh Lam Giang',
  issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
  symbol: 'BC-SVHTTDL',
  place: 'Lam Giang',
  signerAuthority: 'KT. Giám đốc',
  signerTitle: 'Phó Giám đốc',
  signerName: 'Nguyễn Thị Minh Thư',
  recipients: Object.freeze([
    'UBND tỉnh (để báo cáo)',
    'Giám đốc Sở (để báo cáo)',
    'Các phòng, đơn vị thuộc Sở',
  ]),
  archive: 'VT, TTTT',
});

/** What a spreadsheet export lists. */
export const EXPORT_KINDS = ['claims', 'checks', 'items'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * The desk's filters for an export; each applies where the listed entity has the field. Rows
 * are those created in the period (items: first seen in it).
 */
export interface ExportFilter {
  status?: string | undefined;
  /** Category slug (claims, checks). */
  category?: string | undefined;
  priority?: Priority | undefined;
  rating?: Rating | undefined;
  channel?: Channel | undefined;
  /** Text contained, without regard to diacritics. */
  q?: string | undefined;
}

/** Most rows one export holds; a larger export must be split into shorter periods. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * Checks an export's filters against what the listed entity has: every unknown value or filter
 * that does not apply is reported at once.
 */
export function validateExportFilter(kind: ExportKind, filter: ExportFilter): ExportFilter {
  const problems: Array<{ field: string; message: string }> = [];
  const statuses: Record<ExportKind, readonly string[]> = {
    claims: CLAIM_STATUSES,
    checks: CHECK_STATUSES,
    items: ITEM_STATUSES,
  };
  const oneOf = (field: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value)) {
      problems.push({ field, message: `must be one of ${allowed.join(', ')}` });
    }
  };
  const notFor = (field: keyof ExportFilter, kinds: readonly ExportKind[]) => {
    if (filter[field] !== undefined && !kinds.includes(kind)) {
      problems.push({ field, message: `does not apply to ${kind}` });
    }
  };
  oneOf('status', filter.status, statuses[kind]);
  notFor('priority', ['claims']);
  oneOf('priority', filter.priority, PRIORITIES);
  notFor('rating', ['checks']);
  oneOf('rating', filter.rating, RATINGS);
  notFor('channel', ['items']);
  oneOf('channel', filter.channel, CHANNELS);
  notFor('category', ['claims', 'checks']);
  if (problems.length > 0) throw new ValidationError(problems, 'The export filters are invalid.');
  return filter;
}
