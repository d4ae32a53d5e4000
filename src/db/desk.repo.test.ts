import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { rng } from '../../test/random.js';

/**
 * The untriaged list reads only the entries that can be on the requested page (the walk by
 * priority in desk.repo.ts); these tests hold it to the plain definition — every waiting item
 * grouped by cluster, ordered by highest priority, then last sighting, then key — on data made
 * to break a shortcut: big clusters, many equal priorities, filters.
 */
for (const target of databaseTargets()) {
  describe(`untriaged list on ${target.kind}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
    });
    after(() => db.close());

    test('every page equals the full grouping of all waiting items', async () => {
      const random = rng(20260101);
      const clusters = (
        await db.database.query<{ id: string }>(
          `insert into clusters (label) select 'c' || n from generate_series(1, 40) n returning id`,
        )
      ).rows.map((r) => r.id);
      // 600 items in 40 clusters (a few large) or alone; priorities from a handful of values, so
      // ties are everywhere; some already triaged; two languages and two channels.
      const rows = Array.from({ length: 600 }, (_, n) => {
        const r = random();
        const cluster =
          r < 0.25 ? clusters[0]! : r < 0.6 ? clusters[Math.floor(random() * 40)]! : null;
        return {
          n,
          cluster,
          priority: [0.9, 0.5, 0.5, 0.25, 0.1, 0][Math.floor(random() * 6)]!,
          status: random() < 0.15 ? 'dismissed' : random() < 0.5 ? 'new' : 'queued',
          language: random() < 0.3 ? 'en' : 'xx',
          channel: random() < 0.5 ? 'feed' : 'tip',
          lastSeen: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 20) * 3_600_000),
        };
      });
      await db.database.query(
        `insert into items (channel, text, language, content_hash, cluster_id, priority_score,
           status, last_seen_at, first_seen_at)
         select d.channel::channel, 'tin ' || d.n, d.language, 'desk-repo-test-' || d.n, d.cluster,
           d.priority, d.status::item_status, d."lastSeen", d."lastSeen" - interval '1 hour'
         from json_to_recordset($1::json) as d(n int, channel text, language text, cluster uuid,
           priority real, status text, "lastSeen" timestamptz)`,
        [JSON.stringify(rows)],
      );
      const everything = async (extra: string) =>
        (
          await db.database.query<{ key: string; ids: string[] }>(
            `select coalesce(cluster_id, id)::text as key, array_agg(id::text order by first_seen_at, id) as ids
             from items where status in ('new', 'queued') and language in ('xx', 'en') ${extra}
             group by coalesce(cluster_id, id), cluster_id
             order by max(priority_score) desc, max(last_seen_at) desc, 1`,
          )
        ).rows;
      for (const filter of [
        { language: 'xx' },
        { language: 'en' },
        { language: 'xx', channel: 'feed' as const },
      ]) {
        const extra =
          `and language = '${filter.language}'` +
          ('channel' in filter ? ` and channel = '${filter.channel}'` : '');
        const expected = await everything(extra);
        assert.ok(expected.length > 20, 'enough entries to page through');
        for (const [offset, limit] of [
          [0, 1],
          [0, 7],
          [3, 5],
          [10, 30],
          [0, 1000],
          [expected.length - 2, 10],
        ] as const) {
          const page = await db.repos.desk.queueClusters(filter, offset, limit);
          assert.deepEqual(
            page.map((e) => [e.key, e.itemIds]),
            expected.slice(offset, offset + limit).map((e) => [e.key, e.ids]),
            `${JSON.stringify(filter)} offset ${offset} limit ${limit}`,
          );
        }
      }
    });
  });
}
