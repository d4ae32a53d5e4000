/**
 * The queries behind every figure of the activity report, one small function per figure, for a
 * period `[from, to)`. The dashboard uses the same functions, so both always agree.
 *
 * Definitions (also in the README):
 * - new item: first seen in the period; sighting: seen in the period (the first one included);
 *   duplicate: a sighting of the period that was not its item's first.
 * - time to first response: from the claim's creation to the first of: its first move out of
 *   "new" (`claims.first_response_at`, set by the workflow), its first assignment to someone
 *   (audit), the first publication of its check. Counted in the period the response happened.
 * - time to publication: from the claim's creation to the first publication of its check,
 *   counted in the period of that publication. Both are compared with the claim's deadline.
 * - missed deadline: a deadline that fell in the period (and before the report was made) with
 *   no publication by then; rejected and merged claims are not work left undone.
 */
import { sql } from 'drizzle-orm';
import {
  localDay,
  REPORT_TIME_ZONE,
  type ActivityReport,
  type DelayStats,
  type ReportPeriod,
} from '../core/report.js';
import {
  CHANNELS,
  CLAIM_STATUSES,
  PRIORITIES,
  RATINGS,
  type ClaimStatus,
  type Priority,
  type Rating,
  type SourceKind,
} from '../core/types.js';
import type { Db } from './client.js';
import { rowsOf } from './repo-support.js';

/** How many claims the "most repeated" list and the overdue examples show. */
export const TOP_CLAIMS_LIMIT = 10;
export const OVERDUE_EXAMPLES_LIMIT = 10;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);

function bounds(period: ReportPeriod) {
  return { from: period.from.toISOString(), to: period.to.toISOString() };
}

/** Counts per key for every key of `keys`, zero when absent, in the order of `keys`. */
function everyKey<K extends string>(
  keys: readonly K[],
  rows: Array<{ key: string; n: unknown }>,
): Array<{ key: K; count: number }> {
  const counts = new Map(rows.map((row) => [row.key, num(row.n)]));
  return keys.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

/** The report's queries over `db`. */
export function reportRepository(db: Db) {
  const intakeByChannel = async (period: ReportPeriod) => {
    const { from, to } = bounds(period);
    const [items, sightings] = await Promise.all([
      rowsOf<{ key: string; n: number }>(
        db,
        sql`select channel::text as key, count(*)::int as n from items
            where first_seen_at >= ${from}::timestamptz and first_seen_at < ${to}::timestamptz
            group by channel`,
      ),
      rowsOf<{ key: string; n: number }>(
        db,
        sql`select channel::text as key, count(*)::int as n from item_sightings
            where seen_at >= ${from}::timestamptz and seen_at < ${to}::timestamptz
            group by channel`,
      ),
    ]);
    const seen = new Map(everyKey(CHANNELS, sightings).map((r) => [r.key, r.count]));
    return everyKey(CHANNELS, items).map((r) => ({
      channel: r.key,
      newItems: r.count,
      sightings: seen.get(r.key) ?? 0,
    }));
  };

  /** New items per Vietnamese calendar day of the period, every day listed. */
  const newItemsPerDay = async (
    period: ReportPeriod,
  ): Promise<Array<{ day: string; count: number }>> => {
    const { from, to } = bounds(period);
    const rows = await rowsOf<{ day: string; n: number }>(
      db,
      sql`select to_char(first_seen_at at time zone ${REPORT_TIME_ZONE}, 'YYYY-MM-DD') as day,
            count(*)::int as n
          from items
          where first_seen_at >= ${from}::timestamptz and first_seen_at < ${to}::timestamptz
          group by 1`,
    );
    const counts = new Map(rows.map((r) => [r.day, num(r.n)]));
    const days: Array<{ day: string; count: number }> = [];
    for (let t = period.from.getTime(); t < period.to.getTime(); t += 86_400_000) {
      const day = localDay(new Date(t));
      days.push({ day, count: counts.get(day) ?? 0 });
    }
    return days;
  };

  const tipsReceived = async (period: ReportPeriod) => {
    const { from, to } = bounds(period);
    const [row] = await rowsOf<{ n: number }>(
      db,
      sql`select count(*)::int as n from tips
          where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`,
    );
    return num(row?.n);
  };

  const itemsSummary = async (period: ReportPeriod): Promise<ActivityReport['items']> => {
    const { from, to } = bounds(period);
    const [row] = await rowsOf<Record<string, unknown>>(
      db,
      sql`with new_items as (
            select id, matched_check_id from items
            where first_seen_at >= ${from}::timestamptz and first_seen_at < ${to}::timestamptz
          ), seen as (
            select id, item_id, seen_at from item_sightings
            where seen_at >= ${from}::timestamptz and seen_at < ${to}::timestamptz
          )
          select
            (select count(*) from new_items)::int as new_items,
            (select count(*) from seen)::int as sightings,
            (select count(*) from seen s where exists (
              select 1 from item_sightings e
              where e.item_id = s.item_id and (e.seen_at, e.id) < (s.seen_at, s.id)))::int
              as duplicates,
            (select count(*) from new_items where matched_check_id is not null)::int as matched,
            (select count(*) from new_items n
              where exists (select 1 from claim_items ci where ci.item_id = n.id))::int
              as linked`,
    );
    return {
      newItems: num(row?.new_items),
      sightings: num(row?.sightings),
      duplicates: num(row?.duplicates),
      matched: num(row?.matched),
      linkedToClaims: num(row?.linked),
    };
  };

  const claimsByState = async (period: ReportPeriod): Promise<ActivityReport['claims']> => {
    const { from, to } = bounds(period);
    const rows = await rowsOf<{ key: string; n: number }>(
      db,
      sql`select status::text as key, count(*)::int as n from claims
          where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
          group by status`,
    );
    const byState = everyKey(CLAIM_STATUSES, rows).map((r) => ({
      status: r.key,
      count: r.count,
    }));
    return { created: byState.reduce((sum, r) => sum + r.count, 0), byState };
  };

  const checksPublished = async (period: ReportPeriod): Promise<ActivityReport['checks']> => {
    const { from, to } = bounds(period);
    const [verdicts, categoryRows] = await Promise.all([
      rowsOf<{ key: string; n: number }>(
        db,
        sql`select rating::text as key, count(*)::int as n from checks
            where first_published_at >= ${from}::timestamptz
              and first_published_at < ${to}::timestamptz and rating is not null
            group by rating`,
      ),
      rowsOf<{ name: string | null; n: number }>(
        db,
        sql`select c.name_vi as name, count(*)::int as n
            from checks ch left join categories c on c.id = ch.category_id
            where ch.first_published_at >= ${from}::timestamptz
              and ch.first_published_at < ${to}::timestamptz
            group by c.name_vi
            order by n desc, c.name_vi nulls last`,
      ),
    ]);
    const byVerdict = everyKey(RATINGS, verdicts).map((r) => ({
      rating: r.key,
      count: r.count,
    }));
    const byCategory = categoryRows.map((r) => ({ category: r.name, count: num(r.n) }));
    return { published: byCategory.reduce((sum, r) => sum + r.count, 0), byVerdict, byCategory };
  };

  const delayStats = (row: Record<string, unknown> | undefined): DelayStats => ({
    count: num(row?.n),
    medianHours: numOrNull(row?.median),
    p90Hours: numOrNull(row?.p90),
    withDeadline: num(row?.with_deadline),
    withinDeadline: num(row?.within),
  });

  const responseTimes = async (period: ReportPeriod): Promise<ActivityReport['responseTimes']> => {
    const { from, to } = bounds(period);
    const [first, published] = await Promise.all([
      rowsOf<Record<string, unknown>>(
        db,
        // A claim's first response is the earliest of three moments; it falls in the period only
        // if one of them does, so only claims with one of them in the period are read (each
        // found through its own index) instead of every claim ever made.
        sql`with candidates as (
              select id from claims
              where first_response_at >= ${from}::timestamptz and first_response_at < ${to}::timestamptz
              union
              select claim_id from checks
              where first_published_at >= ${from}::timestamptz and first_published_at < ${to}::timestamptz
              union
              select entity_id::uuid from audit_events
              where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz
                and entity_type = 'claim' and data->>'assigneeId' is not null
                and entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            ), r as (
              select c.created_at, c.due_at,
                least(
                  c.first_response_at,
                  ch.first_published_at,
                  (select min(a.occurred_at) from audit_events a
                    where a.entity_type = 'claim' and a.entity_id = c.id::text
                      and a.data->>'assigneeId' is not null)
                ) as at
              from claims c left join checks ch on ch.claim_id = c.id
              where c.id in (select id from candidates) and c.created_at < ${to}::timestamptz
            ), d as (
              select greatest(extract(epoch from at - created_at), 0) / 3600.0 as hours,
                due_at, at from r
              where at >= ${from}::timestamptz and at < ${to}::timestamptz
            )
            select count(*)::int as n,
              percentile_cont(0.5) within group (order by hours) as median,
              percentile_cont(0.9) within group (order by hours) as p90,
              count(*) filter (where due_at is not null)::int as with_deadline,
              count(*) filter (where at <= due_at)::int as within
            from d`,
      ),
      rowsOf<Record<string, unknown>>(
        db,
        sql`with d as (
              select greatest(extract(epoch from ch.first_published_at - c.created_at), 0)
                / 3600.0 as hours, c.due_at, ch.first_published_at as at
              from checks ch join claims c on c.id = ch.claim_id
              where ch.first_published_at >= ${from}::timestamptz
                and ch.first_published_at < ${to}::timestamptz
            )
            select count(*)::int as n,
              percentile_cont(0.5) within group (order by hours) as median,
              percentile_cont(0.9) within group (order by hours) as p90,
              count(*) filter (where due_at is not null)::int as with_deadline,
              count(*) filter (where at <= due_at)::int as within
            from d`,
      ),
    ]);
    return { firstResponse: delayStats(first[0]), publication: delayStats(published[0]) };
  };

  const overdue = async (period: ReportPeriod, now: Date): Promise<ActivityReport['overdue']> => {
    const { from, to } = bounds(period);
    const until = new Date(Math.min(period.to.getTime(), now.getTime())).toISOString();
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql`select c.text, c.priority::text as priority, c.due_at, c.status::text as status
          from claims c left join checks ch on ch.claim_id = c.id
          where c.due_at >= ${from}::timestamptz and c.due_at < ${until}::timestamptz
            and c.due_at < ${to}::timestamptz
            and (ch.first_published_at is null or ch.first_published_at > c.due_at)
            and c.status <> 'rejected' and c.merged_into_id is null
          order by c.due_at, c.id`,
    );
    const missed = rows.map((r) => ({
      text: String(r.text),
      priority: r.priority as Priority,
      dueAt: date(r.due_at),
      status: r.status as ClaimStatus,
    }));
    const closed = new Set<ClaimStatus>(['published', 'corrected', 'rejected']);
    return {
      missed: missed.length,
      // Most urgent first.
      byPriority: [...PRIORITIES].reverse().map((priority) => ({
        priority,
        count: missed.filter((m) => m.priority === priority).length,
      })),
      stillOpen: missed.filter((m) => !closed.has(m.status)).length,
      examples: missed.slice(0, OVERDUE_EXAMPLES_LIMIT),
    };
  };

  const topClaims = async (
    period: ReportPeriod,
    limit = TOP_CLAIMS_LIMIT,
  ): Promise<ActivityReport['topClaims']> => {
    const { from, to } = bounds(period);
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql`select c.id, c.text, c.status::text as status, c.created_at,
            (select ch.rating::text from checks ch
              where ch.claim_id = c.id and ch.status = 'published') as rating,
            count(*)::int as sightings
          from item_sightings s
            join claim_items ci on ci.item_id = s.item_id
            join claims c on c.id = ci.claim_id
          where s.seen_at >= ${from}::timestamptz and s.seen_at < ${to}::timestamptz
          group by c.id, c.text, c.status, c.created_at
          order by sightings desc, c.created_at, c.id
          limit ${limit}`,
    );
    return rows.map((r) => ({
      claimId: String(r.id),
      text: String(r.text),
      status: r.status as ClaimStatus,
      rating: (r.rating as Rating | null) ?? null,
      sightings: num(r.sightings),
    }));
  };

  const sourcesHealth = async (period: ReportPeriod): Promise<ActivityReport['sources']> => {
    const { from, to } = bounds(period);
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql`select s.name, s.kind::text as kind, s.enabled, s.consecutive_failures,
            s.last_success_at,
            (select count(*) from item_sightings i where i.source_id = s.id
              and i.seen_at >= ${from}::timestamptz and i.seen_at < ${to}::timestamptz)::int
              as sightings
          from sources s
          order by sightings desc, s.name`,
    );
    const list = rows.map((r) => {
      const consecutiveFailures = num(r.consecutive_failures);
      const state: 'ok' | 'failing' | 'disabled' = !r.enabled
        ? 'disabled'
        : consecutiveFailures > 0
          ? 'failing'
          : 'ok';
      return {
        name: String(r.name),
        kind: r.kind as SourceKind,
        state,
        sightings: num(r.sightings),
        consecutiveFailures,
        lastSuccessAt: dateOrNull(r.last_success_at),
      };
    });
    return {
      total: list.length,
      enabled: list.filter((s) => s.state !== 'disabled').length,
      failing: list.filter((s) => s.state === 'failing').length,
      disabled: list.filter((s) => s.state === 'disabled').length,
      rows: list,
    };
  };

  const corrections = async (period: ReportPeriod): Promise<ActivityReport['corrections']> => {
    const { from, to } = bounds(period);
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql`select ch.title, cc.reason, cc.created_at
          from check_corrections cc join checks ch on ch.id = cc.check_id
          where cc.created_at >= ${from}::timestamptz and cc.created_at < ${to}::timestamptz
          order by cc.created_at, cc.id`,
    );
    return {
      count: rows.length,
      rows: rows.map((r) => ({
        checkTitle: String(r.title),
        reason: String(r.reason),
        createdAt: date(r.created_at),
      })),
    };
  };

  return {
    intakeByChannel,
    newItemsPerDay,
    tipsReceived,
    itemsSummary,
    claimsByState,
    checksPublished,
    responseTimes,
    overdue,
    topClaims,
    sourcesHealth,
    corrections,
    /** The whole report for a period, as seen at `now`. */
    async activityReport(period: ReportPeriod, now: Date): Promise<ActivityReport> {
      // One after another: a PostgreSQL pool would run them in parallel, PGlite serialises anyway.
      const byChannel = await intakeByChannel(period);
      return {
        period,
        generatedAt: now,
        intake: { byChannel, tipsReceived: await tipsReceived(period) },
        items: await itemsSummary(period),
        claims: await claimsByState(period),
        checks: await checksPublished(period),
        responseTimes: await responseTimes(period),
        overdue: await overdue(period, now),
        topClaims: await topClaims(period),
        sources: await sourcesHealth(period),
        corrections: await corrections(period),
      };
    },
  };
}

/** The report queries' type, for callers that receive them. */
export type ReportRepository = ReturnType<typeof reportRepository>;
