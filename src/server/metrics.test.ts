import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildTestApp } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { CheckIndex } from '../core/check-index.js';
import { prepareItem } from '../core/intake.js';
import { storeItems } from '../core/intake.service.js';
import { compactIntakeCounts, readIntakeFigures } from '../db/health.repo.js';

const TOKEN = 'metrics-token-0123456789';
const SYSTEM = { kind: 'system' as const, id: null };

for (const target of databaseTargets()) {
  describe(`/metrics on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let checkIndex: CheckIndex;
    before(async () => {
      db = await target.open();
      checkIndex = new CheckIndex(db.repos.pipeline);
      app = await buildTestApp(db, { METRICS_TOKEN: TOKEN }, { deps: { checkIndex } });
    });
    after(async () => {
      await app.close();
      await db.close();
    });

    test('parses as Prometheus text and carries every family after some traffic', async () => {
      await db.database.exec(`
        insert into items (channel, text, content_hash, created_at)
          values ('tip', 'tin một', 'h1', now() - interval '90 seconds'),
                 ('feed', 'tin hai', 'h2', now()), ('feed', 'tin ba', 'h3', now());`);
      for (let i = 0; i < 3; i += 1) await app.inject({ method: 'GET', url: '/health' });
      await app.inject({
        method: 'GET',
        url: '/api/v1/claims/00000000-0000-4000-8000-000000000000',
      });
      await app.inject({ method: 'GET', url: '/no/such/page' });
      await checkIndex.match('Uống nước chanh nóng chữa khỏi ung thư');

      const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const families = new Map(parsePrometheusTextFormat(res.body).map((f) => [f.name, f]));
      const family = (name: string) => {
        const found = families.get(name);
        assert.ok(found, `${name} missing`);
        return found;
      };

      const requests = family('kiemchung_http_requests_total');
      assert.equal(requests.type, 'COUNTER');
      const health = requests.metrics.find(
        (m) => m.labels?.route === '/health' && m.labels.method === 'GET',
      );
      assert.equal(health?.labels?.status_class, '2xx');
      assert.equal(Number(health?.value), 3);
      // Route patterns, never URLs with ids in them.
      const routes = requests.metrics.map((m) => m.labels?.route ?? '');
      assert.ok(routes.includes('/api/v1/claims/:id'), routes.join());
      assert.ok(routes.includes('unmatched'));
      assert.ok(!routes.some((r) => r.includes('00000000')));

      const durations = family('kiemchung_http_request_duration_seconds');
      assert.equal(durations.type, 'HISTOGRAM');
      // This parser folds labelled histograms into their buckets; their counts are read from the lines.
      assert.match(
        res.body,
        /^kiemchung_http_request_duration_seconds_count\{route="\/health",method="GET"\} 3$/m,
      );

      const depth = family('kiemchung_queue_depth');
      const pipeline = depth.metrics.find((m) => m.labels?.queue === 'pipeline');
      assert.equal(Number(pipeline?.value), 3);
      const age = family('kiemchung_queue_oldest_age_seconds').metrics.find(
        (m) => m.labels?.queue === 'pipeline',
      );
      assert.ok(Number(age?.value) >= 89 && Number(age?.value) < 600, age?.value);

      const failures = family('kiemchung_job_failures');
      assert.ok(failures.metrics.some((m) => m.labels?.queue === 'source_polling'));

      const ingested = family('kiemchung_items_ingested_total');
      assert.equal(ingested.type, 'COUNTER');
      const byChannel: Record<string, number> = Object.fromEntries(
        ingested.metrics.map((m) => [m.labels?.channel ?? '', Number(m.value)] as const),
      );
      assert.deepEqual(byChannel, { feed: 2, tip: 1 });

      const matcher = family('kiemchung_matcher_duration_seconds');
      assert.equal(matcher.type, 'HISTOGRAM');
      assert.match(res.body, /^kiemchung_matcher_duration_seconds_count 1$/m);

      const pool = family('kiemchung_db_connections');
      const states: Record<string, number> = Object.fromEntries(
        pool.metrics.map((m) => [m.labels?.state ?? '', Number(m.value)] as const),
      );
      assert.ok(
        states.total! >= 1 && states.idle! >= 0 && states.waiting! >= 0,
        JSON.stringify(states),
      );
      assert.equal(Number(family('kiemchung_db_up').metrics[0]?.value), 1);
      assert.ok(families.has('kiemchung_process_cpu_seconds_total'));
    });

    const ingested = async () => {
      const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      const family = parsePrometheusTextFormat(res.body).find(
        (f) => f.name === 'kiemchung_items_ingested_total',
      );
      return Object.fromEntries(
        (family?.metrics ?? []).map((m) => [m.labels?.channel ?? '', Number(m.value)] as const),
      ) as Record<string, number>;
    };

    test('items taken in through the intake are counted from the counters, never the items table', async () => {
      const before = await ingested();
      const now = new Date();
      // One bulk store (one INSERT statement for all) plus a repeat that only adds a sighting.
      const feed = Array.from({ length: 30 }, (_, i) =>
        prepareItem(
          { channel: 'feed', url: `https://tin.example.vn/bai-${i}`, text: `Bài số ${i} về lũ` },
          now,
        ),
      );
      await db.repos.transaction((tx) => storeItems(tx, SYSTEM, now, feed));
      await db.repos.transaction((tx) =>
        storeItems(tx, SYSTEM, now, [
          prepareItem(
            { channel: 'feed', url: 'https://tin.example.vn/bai-3', text: 'Bài số 3 về lũ' },
            now,
          ),
          prepareItem({ channel: 'staff', text: 'Cán bộ báo một tin đồn mới' }, now),
        ]),
      );
      const after = await ingested();
      assert.equal(after.feed! - (before.feed ?? 0), 30);
      assert.equal(after.staff! - (before.staff ?? 0), 1);

      // A counter: deleting items does not lower it (and shows it is not a count of the table).
      await db.database.exec(`delete from items where channel = 'feed'`);
      assert.deepEqual(await ingested(), after);

      const figures = await readIntakeFigures(db.database);
      const staff = figures.find((f) => f.channel === 'staff');
      assert.deepEqual(staff && [staff.lastHour, staff.lastDay], [1, 1]);
    });

    test('compaction merges the counter rows and folds old minutes without changing a total', async () => {
      // Old items, one statement each: several rows for the same minute and channel.
      for (const [i, age] of ['3 days', '3 days', '10 days', '10 days'].entries()) {
        await db.database.exec(`
          insert into items (channel, text, content_hash, created_at)
            values ('import', 'tin cũ ${i}', 'old-${i}', date_trunc('minute', now()) - interval '${age}');`);
      }
      const totals = async () =>
        Object.fromEntries(
          (await readIntakeFigures(db.database)).map((f) => [f.channel, [f.total, f.lastDay]]),
        );
      const rowCount = async () =>
        Number(
          (
            await db.database.query<{ n: string }>(
              'select count(*)::text as n from item_intake_counts',
            )
          ).rows[0]!.n,
        );
      const totalsBefore = await totals();
      assert.deepEqual(totalsBefore.import, [4, 0]);
      const rowsBefore = await rowCount();

      // Two processes compacting at once count every row once.
      const merged = await Promise.all([
        compactIntakeCounts(db.database),
        compactIntakeCounts(db.database),
      ]);
      assert.ok(merged[0] + merged[1] > 0);
      assert.deepEqual(await totals(), totalsBefore);
      assert.equal(await rowCount(), rowsBefore - merged[0] - merged[1]);
      const { rows } = await db.database.query<{ minute: Date; items: string }>(
        `select minute, items::text as items from item_intake_counts where channel = 'import'`,
      );
      assert.deepEqual(
        rows.map((r) => [new Date(r.minute).toISOString(), Number(r.items)]),
        [['1970-01-01T00:00:00.000Z', 4]],
      );
      const duplicates = await db.database.query(
        'select minute, channel from item_intake_counts group by 1, 2 having count(*) > 1',
      );
      assert.equal(duplicates.rows.length, 0);
      assert.equal(await compactIntakeCounts(db.database), 0);
    });

    test('never public: other addresses and proxied requests need the token', async () => {
      const outside = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
      });
      assert.equal(outside.statusCode, 403);
      const proxied = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(proxied.statusCode, 403);
      const wrong = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer not-the-token-at-all' },
      });
      assert.ok([401, 403].includes(wrong.statusCode), String(wrong.statusCode));
      const allowed = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(allowed.statusCode, 200);
    });
  });
}
