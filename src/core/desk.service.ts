/**
 * What the desk looks at: the queue (open claims, most urgent and soonest due first, and the
 * untriaged items grouped by near-duplicate cluster, with counts per status) and the dashboard.
 */
import { ValidationError } from './errors.js';
import { parseReportPeriod, REPORT_TIME_ZONE } from './report.js';
import { authorize } from './policy.js';
import type {
  Clock,
  DashboardFigures,
  Principal,
  QueueCounts,
  QueueFilter,
  Repositories,
} from './ports.js';

/** Longest queue page: the desk may load the whole open queue and filter it in the browser. */
export const MAX_QUEUE_PAGE = 10_000;

export interface QueueInput extends Omit<QueueFilter, 'overdueAt'> {
  overdue?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A page of the queue with the counts of every tab. */
export interface QueuePage<T> {
  items: T[];
  nextCursor: string | null;
  counts: QueueCounts;
}

// The queue's order changes as claims are triaged, so its cursor is an offset, not a key.
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new ValidationError([
      { field: 'cursor', message: 'is not a cursor returned by this API' },
    ]);
  }
  return Number(match[1]);
}
const encodeOffset = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');

/** True when the runtime knows the IANA time zone. */
function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function createDeskService(repos: Repositories, clock: Clock) {
  async function queuePage<T>(
    principal: Principal,
    input: QueueInput,
    rowsOf: (filter: QueueFilter, now: Date, offset: number, limit: number) => Promise<T[]>,
  ): Promise<QueuePage<T>> {
    authorize(principal, 'queue.read');
    const now = clock();
    const offset = decodeOffset(input.cursor);
    const limit = Math.min(Math.max(input.limit, 1), MAX_QUEUE_PAGE);
    const filter: QueueFilter = {
      status: input.status,
      priority: input.priority,
      categoryId: input.categoryId,
      assigneeId: input.assigneeId,
      channel: input.channel,
      language: input.language,
      overdueAt: input.overdue ? now : undefined,
    };
    const rows = await rowsOf(filter, now, offset, limit + 1);
    return {
      items: rows.slice(0, limit),
      nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null,
      counts: await repos.desk.queueCounts(filter, now),
    };
  }
  return {
    /** Open claims (or those of `status`), most urgent first, then by deadline. */
    queue: (principal: Principal, input: QueueInput) =>
      queuePage(principal, input, (filter, now, offset, limit) =>
        repos.desk.queueClaims(filter, now, offset, limit),
      ),
    /** Untriaged items, a near-duplicate cluster as one entry, by priority score. */
    untriaged: (principal: Principal, input: QueueInput) =>
      queuePage(principal, input, (filter, _now, offset, limit) =>
        repos.desk.queueClusters(filter, offset, limit),
      ),
    /**
     * The desk's figures over the last `days` days, or over a period of report days (`from`,
     * `to`, Vietnam time) with the activity report's own figures for it.
     */
    async dashboard(
      principal: Principal,
      input: {
        days?: number | undefined;
        timeZone?: string | undefined;
        from?: string | undefined;
        to?: string | undefined;
      },
    ): Promise<DashboardFigures & { days: number; timeZone: string; generatedAt: Date }> {
      authorize(principal, 'dashboard.read');
      const wantsPeriod = input.from !== undefined || input.to !== undefined;
      if (wantsPeriod) {
        const problems = [
          ...(input.from === undefined ? [{ field: 'from', message: 'is required with to' }] : []),
          ...(input.to === undefined ? [{ field: 'to', message: 'is required with from' }] : []),
          ...(input.days !== undefined
            ? [{ field: 'days', message: 'does not apply to a period (from, to)' }]
            : []),
          ...(input.timeZone !== undefined && input.timeZone !== REPORT_TIME_ZONE
            ? [{ field: 'tz', message: `a period is counted in ${REPORT_TIME_ZONE} days` }]
            : []),
        ];
        if (problems.length > 0) throw new ValidationError(problems);
      }
      const period = wantsPeriod ? parseReportPeriod(input.from!, input.to!) : undefined;
      const days = period
        ? Math.round((period.to.getTime() - period.from.getTime()) / 86_400_000)
        : (input.days ?? 30);
      const timeZone = period ? REPORT_TIME_ZONE : (input.timeZone ?? 'Asia/Ho_Chi_Minh');
      if (!knownTimeZone(timeZone)) {
        throw new ValidationError([{ field: 'tz', message: 'is not a known IANA time zone' }]);
      }
      const now = clock();
      return {
        ...(await repos.desk.dashboard(now, { days, timeZone, period })),
        days,
        timeZone,
        generatedAt: now,
      };
    },
  };
}
export type DeskService = ReturnType<typeof createDeskService>;
