/**
 * Figures about the running system that live in the database: work waiting per queue, failed
 * jobs, items taken in per channel, the sources' health. One set of queries for `/metrics` and
 * the admin health page, so the two always agree. Every query reads an index or a small table:
 * they run on every scrape, whatever the size of the items table.
 */
import type { Database } from './client.js';

/** Work waiting in one queue. */
export interface QueueFigure {
  /** `pipeline`, `link_pages` or a job queue's name. */
  queue: string;
  depth: number;
  /** Age of the oldest waiting piece of work; 0 when none waits. */
  oldestAgeSeconds: number;
}

/**
 * Items not yet through the pipeline, links whose page is not fetched (both read through their
 * partial indexes), and jobs waiting in each job queue.
 */
export async function readQueueFigures(database: Database): Promise<QueueFigure[]> {
  type Row = { queue: string; depth: string; age: string | null };
  const [local, jobs] = await Promise.all([
    database.query<Row>(
      `select 'pipeline' as queue, count(*)::text as depth,
              extract(epoch from now() - min(created_at))::text as age
         from items where processed_at is null
       union all
       select 'link_pages', count(*)::text, extract(epoch from now() - min(created_at))::text
         from items where url is not null and length(text) = 0 and page_fetched_at is null`,
    ),
    jobTable<Row>(
      database,
      `select name as queue, count(*)::text as depth,
              extract(epoch from now() - min(created_on))::text as age
         from pgboss.job where state in ('created', 'retry') group by name order by name`,
    ),
  ]);
  return [...local.rows, ...jobs].map((r) => ({
    queue: r.queue,
    depth: Number(r.depth),
    oldestAgeSeconds: Math.max(0, Number(r.age ?? 0)),
  }));
}

/**
 * Rows of a query on pg-boss's tables; none before pg-boss has created them (a process that
 * never started the job queue, e.g. in tests).
 */
async function jobTable<Row>(database: Database, text: string): Promise<Row[]> {
  try {
    return (await database.query<Row>(text)).rows;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}

/** Jobs of one queue that failed all their attempts and are still kept (a week). */
export interface JobFailureFigure {
  queue: string;
  failed: number;
  lastFailedAt: Date | null;
}

export async function readJobFailures(database: Database): Promise<JobFailureFigure[]> {
  const rows = await jobTable<{ queue: string; failed: string; last: Date | null }>(
    database,
    `select name as queue, count(*)::text as failed, max(completed_on) as last
       from pgboss.job where state = 'failed' group by name order by name`,
  );
  return rows.map((r) => ({
    queue: r.queue,
    failed: Number(r.failed),
    lastFailedAt: r.last === null ? null : new Date(r.last),
  }));
}

/** Items taken in through one channel. */
export interface IntakeFigure {
  channel: string;
  /** Since the database was created (a counter: deleting items does not lower it). */
  total: number;
  /** In the last 60 and the last 1,440 minutes (by the minute of creation). */
  lastHour: number;
  lastDay: number;
}

/** Items per channel, from the intake counters (never a scan of the items table). */
export async function readIntakeFigures(database: Database): Promise<IntakeFigure[]> {
  const { rows } = await database.query<{
    channel: string;
    total: string;
    hour: string;
    day: string;
  }>(
    `select channel::text as channel, sum(items)::text as total,
            coalesce(sum(items) filter (where minute > now() - interval '1 hour'), 0)::text as hour,
            coalesce(sum(items) filter (where minute > now() - interval '1 day'), 0)::text as day
       from item_intake_counts group by channel order by channel`,
  );
  return rows.map((r) => ({
    channel: r.channel,
    total: Number(r.total),
    lastHour: Number(r.hour),
    lastDay: Number(r.day),
  }));
}

/** Minutes younger than this keep their own counter rows (the health page's last day and more). */
const MINUTES_KEPT = '2 days';

/**
 * Merges the intake counters: one row per minute and channel, and minutes older than two days
 * folded into one row per channel at the epoch. Safe to run in several processes at once (a
 * row is deleted, and so counted, by one of them). Returns the rows it merged away.
 */
export async function compactIntakeCounts(database: Database): Promise<number> {
  const { rows } = await database.query<{ merged: string }>(
    `with folded as (
       delete from item_intake_counts
        where (minute < now() - interval '${MINUTES_KEPT}' and minute > 'epoch'::timestamptz)
           or (minute, channel) in (
                select minute, channel from item_intake_counts
                 group by minute, channel having count(*) > 1)
       returning minute, channel, items
     ), merged as (
       insert into item_intake_counts (minute, channel, items)
       select case when minute < now() - interval '${MINUTES_KEPT}' then 'epoch'::timestamptz
                   else minute end,
              channel, sum(items)
         from folded group by 1, 2
       returning 1
     )
     select ((select count(*) from folded) - (select count(*) from merged))::text as merged`,
  );
  return Number(rows[0]?.merged ?? 0);
}

/** A source whose recent polls failed. */
export interface FailingSource {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  /** Why the source was turned off after failing (null while it is still polled). */
  disabledReason: string | null;
}

export interface SourceHealthFigures {
  /** Sources polled on their schedule. */
  enabled: number;
  /** Enabled sources whose last poll failed. */
  failing: number;
  /** Sources turned off because they kept failing. */
  disabledAfterFailures: number;
  /** The failing and failed-off sources, most failures first (at most `limit`; 0 reads none). */
  worst: FailingSource[];
}

export async function readSourceHealth(
  database: Database,
  limit = 20,
): Promise<SourceHealthFigures> {
  const [counts, worst] = await Promise.all([
    database.query<{ enabled: string; failing: string; off: string }>(
      `select count(*) filter (where enabled)::text as enabled,
              count(*) filter (where enabled and consecutive_failures > 0)::text as failing,
              count(*) filter (where not enabled and disabled_reason is not null)::text as off
         from sources`,
    ),
    limit === 0
      ? { rows: [] }
      : database.query<{
          id: string;
          name: string;
          url: string;
          enabled: boolean;
          consecutive_failures: number;
          last_error: string | null;
          last_error_at: Date | null;
          last_success_at: Date | null;
          disabled_reason: string | null;
        }>(
          `select id, name, url, enabled, consecutive_failures, last_error, last_error_at,
              last_success_at, disabled_reason
         from sources
        where (enabled and consecutive_failures > 0) or (not enabled and disabled_reason is not null)
        order by enabled desc, consecutive_failures desc, name
        limit $1`,
          [limit],
        ),
  ]);
  const c = counts.rows[0];
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    enabled: Number(c?.enabled ?? 0),
    failing: Number(c?.failing ?? 0),
    disabledAfterFailures: Number(c?.off ?? 0),
    worst: worst.rows.map((r) => ({
      id: r.id,
      name: r.name,
      url: r.url,
      enabled: r.enabled,
      consecutiveFailures: r.consecutive_failures,
      lastError: r.last_error,
      lastErrorAt: date(r.last_error_at),
      lastSuccessAt: date(r.last_success_at),
      disabledReason: r.disabled_reason,
    })),
  };
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(database: Database): Promise<boolean> {
  try {
    return (await database.query('select 1 as one')).rows.length === 1;
  } catch {
    return false;
  }
}
