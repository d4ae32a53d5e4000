import assert from 'node:assert/strict';
import type http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../../test/db.js';
import { createTestUser } from '../../../test/factories.js';
import { startLocalServer, type LocalServer } from '../../../test/local-server.js';
import { syntheticRss } from '../../../test/synthetic-feeds.js';
import { CheckIndex } from '../../core/check-index.js';
import { createSourceService } from '../../core/source.service.js';
import { createGuardedFetcher } from '../net/guarded-fetch.js';
import { createRobotsPolicy } from '../net/robots.js';
import { createItemProcessor } from '../pipeline/item-processor.js';
import { createSourcePoller } from './source-poller.js';

/** What the local site answers, changed by each test. */
interface Site {
  feed: { status: number; body: string; etag?: string };
  robots: string;
}

for (const target of databaseTargets()) {
  describe(`source polling on ${target.kind}`, () => {
    let db: TestDatabase;
    let server: LocalServer;
    const site: Site = {
      feed: { status: 200, body: syntheticRss(0, 5), etag: '"v1"' },
      robots: '',
    };
    let now = new Date('2026-11-20T08:00:00Z');
    const clock = () => now;

    before(async () => {
      db = await target.open();
      server = await startLocalServer((req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url === '/robots.txt') {
          res.writeHead(site.robots ? 200 : 404, { 'content-type': 'text/plain' });
          res.end(site.robots);
          return;
        }
        const { status, body, etag } = site.feed;
        if (etag && req.headers['if-none-match'] === etag) {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(status, {
          'content-type': 'application/rss+xml; charset=utf-8',
          ...(etag ? { etag } : {}),
        });
        res.end(body);
      });
    });
    after(async () => {
      await server.close();
      await db.close();
    });

    function poller() {
      // Tests reach their local server through an explicit allow-list; the default has none.
      const fetcher = createGuardedFetcher({ allowList: ['127.0.0.1/32'], timeoutMs: 5000 });
      return createSourcePoller({
        repos: db.repos,
        fetcher,
        robots: createRobotsPolicy(fetcher, { userAgent: 'KiemChung-test', cacheTtlMs: 0 }),
        clock,
        processor: createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), { clock }),
      });
    }

    async function addSource(path: string) {
      const admin = await createTestUser(db.repos, 'admin');
      return createSourceService(db.repos, clock).create(admin.principal, {
        name: `Nguồn thử ${path}`,
        kind: 'feed',
        url: `${server.origin}${path}`,
        scheduleMinutes: 30,
      });
    }

    test('a feed is polled with conditional GET; unchanged content stores nothing; health is reported', async () => {
      const source = await addSource('/rss');
      const p = poller();
      const [first] = await p.pollDue();
      assert.equal(first?.sourceId, source.id);
      assert.equal(first?.stored, 5);
      const state = await db.repos.sources.findFetchState(source.id);
      assert.equal(state?.etag, '"v1"');
      assert.equal(state?.nextFetchAt?.getTime(), now.getTime() + 30 * 60_000);
      assert.deepEqual(await p.pollDue(), [], 'not due again before its schedule');

      now = new Date(now.getTime() + 31 * 60_000);
      const hitsBefore = server.hits.length;
      const [second] = await p.pollDue();
      assert.equal(second?.outcome.ok && second.outcome.status, 304);
      const feedRequest = server.hits.findIndex((h, i) => i >= hitsBefore && h === '/rss');
      assert.ok(feedRequest >= 0);
      assert.equal(server.requestHeaders[feedRequest]?.['if-none-match'], '"v1"');

      // Same bytes without validators: recognised by the body hash, nothing re-read.
      site.feed = { status: 200, body: site.feed.body };
      now = new Date(now.getTime() + 31 * 60_000);
      const [third] = await p.pollDue();
      assert.equal(third?.outcome.ok && third.outcome.unchanged, true);

      // New entries and a repeat of an old one: only the new ones are stored, no sighting twice.
      site.feed = { status: 200, body: syntheticRss(3, 5) };
      now = new Date(now.getTime() + 31 * 60_000);
      const [fourth] = await p.pollDue();
      assert.equal(fourth?.stored, 3);
      const items = await db.database.query<{ n: string; s: string }>(
        'select count(*) as n, sum(sightings_count) as s from items where source_id = $1',
        [source.id],
      );
      assert.deepEqual(
        { n: Number(items.rows[0]?.n), s: Number(items.rows[0]?.s) },
        { n: 8, s: 8 },
      );

      const app = await buildTestApp(db);
      try {
        const health = await app.inject({
          url: `/api/v1/sources/${source.id}/health`,
          headers: (await createTestUser(db.repos, 'editor')).headers,
        });
        assert.equal(health.statusCode, 200, health.body);
        const body = health.json<{
          enabled: boolean;
          lastSuccessAt: string;
          failureScore: number;
          itemsTotal: number;
          itemsLast24h: number;
        }>();
        assert.equal(body.enabled, true);
        assert.equal(body.lastSuccessAt, now.toISOString());
        assert.equal(body.failureScore, 0);
        assert.equal(body.itemsTotal, 8);
      } finally {
        await app.close();
      }
    });

    test('robots.txt is honoured: a disallowed feed is not requested', async () => {
      site.robots = 'User-agent: *\nDisallow: /private\n';
      const source = await addSource('/private/rss');
      const hits = server.hits.length;
      const result = await poller().pollSource((await db.repos.sources.findFetchState(source.id))!);
      assert.equal(result.outcome.ok, false);
      assert.equal(!result.outcome.ok && result.outcome.reason, 'robots');
      assert.ok(!server.hits.slice(hits).some((h) => h.startsWith('/private')));
      site.robots = '';
    });

    test('failures back off, raise the failure score, and a gone feed is turned off', async () => {
      const source = await addSource('/broken');
      const p = poller();
      site.feed = { status: 503, body: 'down' };
      let state = (await db.repos.sources.findFetchState(source.id))!;
      const waits: number[] = [];
      for (let i = 0; i < 3; i++) {
        await p.pollSource(state);
        state = (await db.repos.sources.findFetchState(source.id))!;
        waits.push(state.nextFetchAt!.getTime() - now.getTime());
      }
      assert.equal(state.consecutiveFailures, 3);
      assert.ok(state.failureScore > 0.5);
      assert.match(state.lastError ?? '', /http-status/);
      assert.ok(waits[2]! > waits[0]!, `back-off grows: ${waits.join(', ')}`);
      site.feed = { status: 200, body: '<html>not a feed</html>' };
      await p.pollSource(state);
      state = (await db.repos.sources.findFetchState(source.id))!;
      assert.match(state.lastError ?? '', /parse:not-a-feed/);

      site.feed = { status: 410, body: 'gone' };
      await p.pollSource(state);
      state = (await db.repos.sources.findFetchState(source.id))!;
      assert.equal(state.enabled, false);
      assert.match(state.disabledReason ?? '', /gone/);
      site.feed = { status: 200, body: syntheticRss(0, 5), etag: '"v1"' };
    });

    test('a source on a private address is refused without a request unless allow-listed', async () => {
      const source = await addSource('/rss-private');
      const strictFetcher = createGuardedFetcher();
      const strict = createSourcePoller({
        repos: db.repos,
        fetcher: strictFetcher,
        robots: createRobotsPolicy(strictFetcher, { userAgent: 'KiemChung-test' }),
        clock,
        processor: createItemProcessor(db.repos, new CheckIndex(db.repos.pipeline), { clock }),
      });
      const hits = server.hits.length;
      const result = await strict.pollSource((await db.repos.sources.findFetchState(source.id))!);
      assert.equal(result.outcome.ok, false);
      assert.equal(server.hits.length, hits, 'the local server received nothing');
      const state = (await db.repos.sources.findFetchState(source.id))!;
      assert.equal(state.enabled, false, 'a refused address is a configuration error');
    });
  });
}
