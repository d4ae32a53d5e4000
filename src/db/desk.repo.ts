/**
 * The desk's read models in SQL: the queue (open claims by priority then deadline, untriaged
 * items grouped by near-duplicate cluster, counts per status) and the dashboard's figures.
 * Partial indexes of migration 0007 keep them fast with tens of thousands of open claims; the
 * untriaged list reads only the entries that can be on its page (bench/scale.bench.ts measures
 * them all at 10k, 100k and 1M items).
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
  DashboardFigures,
  DeskRepository,
  QueueClaim,
  QueueCluster,
  QueueFilter,
} from '../core/ports.js';
import {
  CLAIM_STATUSES,
  OPEN_CLAIM_STATUSES,
  RATINGS,
  type Channel,
  type ClaimStatus,
  type Priority,
  type Rating,
} from '../core/types.js';
import type { ReportPeriod } from '../core/report.js';
import type { Db } from './client.js';
import { reportRepository } from './report.repo.js';
import { rowsOf } from './repo-support.js';

const OPEN = sql.raw(OPEN_CLAIM_STATUSES.map((s) => `'${s}'`).join(', '));

/** When the desk could first have seen claim `c`: its creation or its earliest item's sighting. */
const FIRST_SEEN = sql`least(c.created_at, coalesce((
  select min(i.first_seen_at) from claim_items ci join items i on i.id = ci.item_id
  where ci.claim_id = c.id), c.created_at))`;

const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;

function and(parts: Array<SQL | undefined>): SQL {
  const defined = parts.filter((p): p is SQL => p !== undefined);
  return defined.length ? sql.join(defined, sql` and `) : sql`true`;
}

/** Conditions on claims `c` other than status. */
function claimConditions(filter: QueueFilter): Array<SQL | undefined> {
  return [
    filter.priority ? sql`c.priority = ${filter.priority}` : undefined,
    filter.categoryId ? sql`c.category_id = ${filter.categoryId}` : undefined,
    filter.assigneeId ? sql`c.assignee_id = ${filter.assigneeId}` : undefined,
    filter.language ? sql`c.language = ${filter.language}` : undefined,
    filter.overdueAt ? sql`c.due_at < ${iso(filter.overdueAt)}` : undefined,
    // The links carry their item's channel (migration 0012): no item is read.
    filter.channel
      ? sql`exists (select 1 from claim_items ci
                    where ci.claim_id = c.id and ci.item_channel = ${filter.channel})`
      : undefined,
  ];
}

/** A parameter holding uuids, usable as `column = any(…)` (an index probe per value). */
const uuidArray = (ids: readonly string[]) =>
  sql`array(select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`;

/**
 * The untriaged entries (near-duplicate clusters, or single items) that can be among the first
 * `count` of the list, found without reading every waiting item: walking the waiting items by
 * priority (the partial index items_untriaged_idx), an entry's first item carries its highest
 * priority, so the first `count` distinct entries are the top ones. Entries tied with the last
 * one's priority may still rank above it (the list's next key is the last sighting), so all of
 * them are taken too. The caller groups and orders just these entries, exactly as before.
 */
async function pageCandidates(
  db: Db,
  where: SQL,
  count: number,
): Promise<{ clusterIds: string[]; itemIds: string[] }> {
  const seen = new Set<string>();
  const clusterIds: string[] = [];
  const itemIds: string[] = [];
  const take = (row: { cluster_id: string | null; id: string }) => {
    const key = row.cluster_id ?? row.id;
    if (seen.has(key)) return;
    seen.add(key);
    if (row.cluster_id) clusterIds.push(row.cluster_id);
    else itemIds.push(row.id);
  };
  let cutoff: number | undefined;
  // A cluster takes as many rows of the walk as it has waiting items: read more until enough.
  for (let scan = Math.max(2 * count, 200); ; scan *= 4) {
    const rows = await rowsOf<{ cluster_id: string | null; id: string; priority_score: number }>(
      db,
      sql`select i.cluster_id, i.id, i.priority_score from items i where ${where}
          order by i.priority_score desc, i.id limit ${scan}`,
    );
    seen.clear();
    clusterIds.length = 0;
    itemIds.length = 0;
    for (const row of rows) {
      take(row);
      if (seen.size === count) {
        cutoff = Number(row.priority_score);
        break;
      }
    }
    if (cutoff !== undefined || rows.length < scan) break;
  }
  if (cutoff !== undefined) {
    const ties = await rowsOf<{ cluster_id: string | null; id: string }>(
      db,
      sql`select i.cluster_id, i.id from items i
          where ${where} and i.priority_score = ${cutoff}::real`,
    );
    for (const row of ties) take(row);
  }
  return { clusterIds, itemIds };
}

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const toDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : toDate(value);

export function deskRepository(db: Db): DeskRepository {
  return {
    async queueClaims(filter, now, offset, limit) {
      const status = filter.status ? sql`c.status = ${filter.status}` : sql`c.status in (${OPEN})`;
      const rows = await rowsOf<Record<string, unknown>>(
        db,
        sql`with page as (
              select c.id, c.text, c.status, c.priority, c.due_at, c.assignee_id, c.category_id,
                     c.language, c.created_at, c.first_response_at, c.version
              from claims c
              where ${and([status, ...claimConditions(filter)])}
              order by c.priority desc nulls last, c.due_at asc nulls last, c.id
              offset ${offset} limit ${limit}),
            agg as (
              select ci.claim_id, count(*) as items_count, sum(i.sightings_count) as sightings,
                     array_agg(distinct i.channel::text) as channels
              from claim_items ci join items i on i.id = ci.item_id
              where ci.claim_id in (select id from page)
              group by ci.claim_id)
            select p.*,
                   p.status in (${OPEN}) and p.due_at < ${iso(now)} as overdue,
                   coalesce(agg.items_count, 0)::int as items_count,
                   coalesce(agg.sightings, 0)::int as sightings,
                   coalesce(agg.channels, '{}'::text[]) as channels
            from page p left join agg on agg.claim_id = p.id
            order by p.priority desc nulls last, p.due_at asc nulls last, p.id`,
      );
      return rows.map((r): QueueClaim => ({
        id: r.id as string,
        text: r.text as string,
        status: r.status as ClaimStatus,
        priority: r.priority as Priority,
        dueAt: toDateOrNull(r.due_at),
        overdue: r.overdue === true,
        assigneeId: (r.assignee_id as string | null) ?? null,
        categoryId: (r.category_id as string | null) ?? null,
        language: r.language as string,
        createdAt: toDate(r.created_at),
        firstResponseAt: toDateOrNull(r.first_response_at),
        version: Number(r.version),
        itemsCount: Number(r.items_count),
        sightingsCount: Number(r.sightings),
        channels: (r.channels as Channel[]).slice().sort(),
      }));
    },

    async queueClusters(filter, offset, limit) {
      const where = and([
        sql`i.status in ('new', 'queued')`,
        filter.channel ? sql`i.channel = ${filter.channel}` : undefined,
        filter.language ? sql`i.language = ${filter.language}` : undefined,
      ]);
      const { clusterIds, itemIds } = await pageCandidates(db, where, offset + limit);
      if (clusterIds.length + itemIds.length === 0) return [];
      const rows = await rowsOf<Record<string, unknown>>(
        db,
        sql`select coalesce(i.cluster_id, i.id)::text as key, i.cluster_id,
                   (array_agg(i.title order by i.priority_score desc, i.id))[1] as title,
                   (array_agg(left(i.text, 500) order by i.priority_score desc, i.id))[1] as text,
                   (array_agg(i.url order by i.priority_score desc, i.id))[1] as url,
                   array_agg(i.id::text order by i.first_seen_at, i.id) as item_ids,
                   count(*)::int as items_count,
                   sum(i.sightings_count)::int as sightings,
                   max(i.priority_score) as priority_score,
                   array_agg(distinct i.channel::text) as channels,
                   array_agg(distinct i.language) as languages,
                   min(i.first_seen_at) as first_seen_at,
                   max(i.last_seen_at) as last_seen_at,
                   (array_agg(i.matched_check_id::text order by i.match_confidence desc nulls last))[1]
                     as matched_check_id,
                   max(i.match_confidence) as match_confidence
            from items i
            where ${where}
              and (i.cluster_id = any(${uuidArray(clusterIds)})
                   or (i.cluster_id is null and i.id = any(${uuidArray(itemIds)})))
            group by coalesce(i.cluster_id, i.id), i.cluster_id
            order by max(i.priority_score) desc, max(i.last_seen_at) desc, 1
            offset ${offset} limit ${limit}`,
      );
      return rows.map((r): QueueCluster => ({
        key: r.key as string,
        clusterId: (r.cluster_id as string | null) ?? null,
        title: r.title as string,
        text: r.text as string,
        url: (r.url as string | null) ?? null,
        itemIds: r.item_ids as string[],
        itemsCount: Number(r.items_count),
        sightingsCount: Number(r.sightings),
        priorityScore: Number(r.priority_score),
        channels: (r.channels as Channel[]).slice().sort(),
        languages: (r.languages as string[]).slice().sort(),
        firstSeenAt: toDate(r.first_seen_at),
        lastSeenAt: toDate(r.last_seen_at),
        matchedCheckId: (r.matched_check_id as string | null) ?? null,
        matchConfidence: r.match_confidence === null ? null : Number(r.match_confidence),
      }));
    },

    async queueCounts(filter, now) {
      // Counts per status ignore the status filter, so every tab shows its number.
      const conditions = claimConditions(filter);
      const [byStatusRows, overdueRows, itemRows] = await Promise.all([
        rowsOf<{ status: ClaimStatus; n: number }>(
          db,
          sql`select c.status, count(*)::int as n from claims c
              where ${and(conditions)} group by c.status`,
        ),
        rowsOf<{ n: number }>(
          db,
          sql`select count(*)::int as n from claims c
              where ${and([
                filter.status ? sql`c.status = ${filter.status}` : undefined,
                sql`c.status in (${OPEN})`,
                sql`c.due_at < ${iso(now)}`,
                ...conditions,
              ])}`,
        ),
        rowsOf<{ n: number }>(
          db,
          sql`select count(*)::int as n from items i
              where ${and([
                sql`i.status in ('new', 'queued')`,
                filter.channel ? sql`i.channel = ${filter.channel}` : undefined,
                filter.language ? sql`i.language = ${filter.language}` : undefined,
              ])}`,
        ),
      ]);
      const byStatus = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<
        ClaimStatus,
        number
      >;
      for (const row of byStatusRows) byStatus[row.status] = Number(row.n);
      return {
        byStatus,
        open: OPEN_CLAIM_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
        overdue: Number(overdueRows[0]?.n ?? 0),
        untriagedItems: Number(itemRows[0]?.n ?? 0),
      };
    },

    async dashboard(now, { days, timeZone, period }) {
      if (period) return periodDashboard(db, now, period);
      const since = new Date(now.getTime() - days * 86_400_000);
      const [figures] = await rowsOf<Record<string, unknown>>(
        db,
        sql`select
              (select count(*)::int from claims where status in (${OPEN})) as open_claims,
              (select count(*)::int from claims
                 where status in (${OPEN}) and due_at < ${iso(now)}) as overdue_claims,
              (select percentile_cont(0.5) within group (order by greatest(0,
                        extract(epoch from c.first_response_at - ${FIRST_SEEN})))
                 from claims c
                 where c.first_response_at is not null
                   and c.first_response_at >= ${iso(since)}) as median_first_response,
              (select percentile_cont(0.5) within group (order by greatest(0,
                        extract(epoch from ch.first_published_at - ${FIRST_SEEN})))
                 from checks ch join claims c on c.id = ch.claim_id
                 where ch.first_published_at is not null
                   and ch.first_published_at >= ${iso(since)}) as median_publication`,
      );
      const verdictRows = await rowsOf<{ rating: Rating; n: number }>(
        db,
        sql`select rating, count(*)::int as n from checks
            where status = 'published' and rating is not null group by rating`,
      );
      const dayRows = await rowsOf<{ day: string; n: number }>(
        db,
        sql`with bounds as (
              select date_trunc('day', ${iso(now)} at time zone ${timeZone}) as today),
            days as (
              select generate_series(today - ${days - 1} * interval '1 day', today,
                                     interval '1 day') as day
              from bounds)
            select to_char(d.day, 'YYYY-MM-DD') as day, count(i.id)::int as n
            from days d
            left join items i
              on i.created_at >= (d.day at time zone ${timeZone})
             and i.created_at < ((d.day + interval '1 day') at time zone ${timeZone})
            group by d.day order by d.day`,
      );
      const verdicts = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
      for (const row of verdictRows) verdicts[row.rating] = Number(row.n);
      const seconds = (value: unknown) =>
        value === null || value === undefined ? null : Math.round(Number(value));
      const result: DashboardFigures = {
        openClaims: Number(figures?.open_claims ?? 0),
        overdueClaims: Number(figures?.overdue_claims ?? 0),
        medianFirstResponseSeconds: seconds(figures?.median_first_response),
        medianTimeToPublicationSeconds: seconds(figures?.median_publication),
        verdicts,
        itemsPerDay: dayRows.map((row) => ({ day: row.day, count: Number(row.n) })),
      };
      return result;
    },
  };
}

/**
 * The dashboard of a period: every period figure comes from the activity report's queries
 * (report.repo.ts), so the desk and the document cannot disagree. Open and overdue claims are
 * the desk's load now, whatever the period.
 */
async function periodDashboard(db: Db, now: Date, period: ReportPeriod): Promise<DashboardFigures> {
  const report = reportRepository(db);
  // One after another: PGlite serialises anyway, and a pool has other requests to serve.
  const intake = {
    byChannel: await report.intakeByChannel(period),
    tipsReceived: await report.tipsReceived(period),
  };
  const items = await report.itemsSummary(period);
  const claims = await report.claimsByState(period);
  const checks = await report.checksPublished(period);
  const responseTimes = await report.responseTimes(period);
  const { examples: _examples, ...overdue } = await report.overdue(period, now);
  const itemsPerDay = await report.newItemsPerDay(period);
  const [load] = await rowsOf<{ open_claims: number; overdue_claims: number }>(
    db,
    sql`select
          (select count(*)::int from claims where status in (${OPEN})) as open_claims,
          (select count(*)::int from claims
             where status in (${OPEN}) and due_at < ${iso(now)}) as overdue_claims`,
  );
  const seconds = (hours: number | null) => (hours === null ? null : Math.round(hours * 3600));
  return {
    openClaims: Number(load?.open_claims ?? 0),
    overdueClaims: Number(load?.overdue_claims ?? 0),
    medianFirstResponseSeconds: seconds(responseTimes.firstResponse.medianHours),
    medianTimeToPublicationSeconds: seconds(responseTimes.publication.medianHours),
    verdicts: Object.fromEntries(checks.byVerdict.map((r) => [r.rating, r.count])) as Record<
      Rating,
      number
    >,
    itemsPerDay,
    period: { period, intake, items, claims, checks, responseTimes, overdue },
  };
}
