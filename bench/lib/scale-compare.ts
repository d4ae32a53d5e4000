/**
 * Before and after, on one loaded database: each query the scale benchmark found growing with
 * the archive, timed in its previous form (the old SQL, or the indexes of migration 0013
 * dropped inside a transaction that is rolled back) and in its current one. Database time only,
 * through one connection, median of several runs.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { parseReportPeriod } from '../../src/core/report.js';
import type { Db } from '../../src/db/client.js';
import { deskRepository } from '../../src/db/desk.repo.js';
import * as schema from '../../src/db/schema.js';
import { median } from './match-report.js';

export interface Comparison {
  query: string;
  beforeMs: number;
  afterMs: number;
  change: string;
}

/** The untriaged list before it read only its page's entries (main before this change). */
const untriagedBefore = (where: string, limit: number) => `
  select coalesce(i.cluster_id, i.id)::text as key, i.cluster_id,
    (array_agg(i.title order by i.priority_score desc, i.id))[1] as title,
    (array_agg(left(i.text, 500) order by i.priority_score desc, i.id))[1] as text,
    (array_agg(i.url order by i.priority_score desc, i.id))[1] as url,
    array_agg(i.id::text order by i.first_seen_at, i.id) as item_ids,
    count(*)::int as items_count, sum(i.sightings_count)::int as sightings,
    max(i.priority_score) as priority_score, array_agg(distinct i.channel::text) as channels,
    array_agg(distinct i.language) as languages, min(i.first_seen_at) as first_seen_at,
    max(i.last_seen_at) as last_seen_at,
    (array_agg(i.matched_check_id::text order by i.match_confidence desc nulls last))[1] as matched_check_id,
    max(i.match_confidence) as match_confidence
  from items i where i.status in ('new', 'queued') ${where}
  group by coalesce(i.cluster_id, i.id), i.cluster_id
  order by max(i.priority_score) desc, max(i.last_seen_at) desc, 1
  offset 0 limit ${limit}`;

const countsByChannel = (exists: string) => `
  select c.status, count(*)::int as n from claims c where exists (${exists}) group by c.status`;

/** Response times of a period before only the claims with a moment in it were read. */
const responseTimesBefore = `
  with r as (
    select c.created_at, c.due_at,
      least(c.first_response_at, ch.first_published_at,
        (select min(a.occurred_at) from audit_events a
          where a.entity_type = 'claim' and a.entity_id = c.id::text
            and a.data->>'assigneeId' is not null)) as at
    from claims c left join checks ch on ch.claim_id = c.id
    where c.created_at < $2::timestamptz
  ), d as (
    select greatest(extract(epoch from at - created_at), 0) / 3600.0 as hours, due_at, at from r
    where at >= $1::timestamptz and at < $2::timestamptz)
  select count(*)::int, percentile_cont(0.5) within group (order by hours) from d`;

const responseTimesAfter = `
  with candidates as (
    select id from claims where first_response_at >= $1::timestamptz and first_response_at < $2::timestamptz
    union select claim_id from checks where first_published_at >= $1::timestamptz and first_published_at < $2::timestamptz
    union select entity_id::uuid from audit_events
      where occurred_at >= $1::timestamptz and occurred_at < $2::timestamptz
        and entity_type = 'claim' and data->>'assigneeId' is not null
        and entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  ), r as (
    select c.created_at, c.due_at,
      least(c.first_response_at, ch.first_published_at,
        (select min(a.occurred_at) from audit_events a
          where a.entity_type = 'claim' and a.entity_id = c.id::text
            and a.data->>'assigneeId' is not null)) as at
    from claims c left join checks ch on ch.claim_id = c.id
    where c.id in (select id from candidates) and c.created_at < $2::timestamptz
  ), d as (
    select greatest(extract(epoch from at - created_at), 0) / 3600.0 as hours, due_at, at from r
    where at >= $1::timestamptz and at < $2::timestamptz)
  select count(*)::int, percentile_cont(0.5) within group (order by hours) from d`;

/** The indexes of migration 0013 that the period and dashboard queries use. */
const PERIOD_INDEXES = [
  'items_first_seen_idx',
  'item_sightings_seen_idx',
  'claims_first_response_idx',
  'checks_first_published_idx',
  'audit_events_occurred_idx',
];

export async function compareBeforeAfter(
  databaseUrl: string,
  period: { from: string; to: string },
  runs = 5,
): Promise<Comparison[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const db = drizzle(client, { schema }) as unknown as Db;
  const desk = deskRepository(db);
  const time = async (work: () => Promise<unknown>) => {
    await work();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await work();
      ms.push(performance.now() - started);
    }
    return Math.round(median(ms) * 10) / 10;
  };
  const sqlTime = (text: string, params: unknown[] = []) => time(() => client.query(text, params));
  /** `work` timed with the period indexes gone (rolled back afterwards). */
  const withoutIndexes = async (work: () => Promise<unknown>) => {
    await client.query('begin');
    try {
      for (const name of PERIOD_INDEXES) await client.query(`drop index if exists ${name}`);
      return await time(work);
    } finally {
      await client.query('rollback');
    }
  };
  const reportPeriod = parseReportPeriod(period.from, period.to);
  const bounds = [reportPeriod.from.toISOString(), reportPeriod.to.toISOString()];
  const now = new Date();
  const row = (query: string, beforeMs: number, afterMs: number): Comparison => ({
    query,
    beforeMs,
    afterMs,
    change:
      beforeMs >= afterMs
        ? `${(beforeMs / Math.max(afterMs, 0.01)).toFixed(1)}× faster`
        : `${(afterMs / Math.max(beforeMs, 0.01)).toFixed(1)}× slower`,
  });
  try {
    const results: Comparison[] = [];
    results.push(
      row(
        'untriaged list, 500 entries',
        await sqlTime(untriagedBefore('', 501)),
        await time(() => desk.queueClusters({}, 0, 501)),
      ),
      row(
        'untriaged list, English, 100 entries',
        await sqlTime(untriagedBefore(`and i.language = 'en'`, 101)),
        await time(() => desk.queueClusters({ language: 'en' }, 0, 101)),
      ),
      row(
        'queue counts by status, seen in feeds',
        await sqlTime(
          countsByChannel(`select 1 from claim_items ci join items i on i.id = ci.item_id
                           where ci.claim_id = c.id and i.channel = 'feed'`),
        ),
        await sqlTime(
          countsByChannel(`select 1 from claim_items ci
                           where ci.claim_id = c.id and ci.item_channel = 'feed'`),
        ),
      ),
      row(
        'response times of a month (report)',
        await sqlTime(responseTimesBefore, bounds),
        await sqlTime(responseTimesAfter, bounds),
      ),
      row(
        'dashboard of a month (report figures)',
        await withoutIndexes(() =>
          desk.dashboard(now, { days: 30, timeZone: 'Asia/Ho_Chi_Minh', period: reportPeriod }),
        ),
        await time(() =>
          desk.dashboard(now, { days: 30, timeZone: 'Asia/Ho_Chi_Minh', period: reportPeriod }),
        ),
      ),
      row(
        'dashboard, last 30 days',
        await withoutIndexes(() => desk.dashboard(now, { days: 30, timeZone: 'Asia/Ho_Chi_Minh' })),
        await time(() => desk.dashboard(now, { days: 30, timeZone: 'Asia/Ho_Chi_Minh' })),
      ),
    );
    return results;
  } finally {
    await client.end();
  }
}
