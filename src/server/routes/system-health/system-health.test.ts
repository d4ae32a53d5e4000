/**
 * GET /api/v1/admin/health after real activity: a feed polled from a local site and a source
 * that fails, a staff report through the API, a job that fails all its attempts and jobs left
 * waiting, a scheduled backup, requests and a match. The document shows each of them, agrees
 * with /metrics, and is refused to roles other than admin and lead.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { buildTestApp, TEST_SECRET_KEY } from '../../../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../../../test/db.js';
import { createTestSession, createTestUser, enableTestTotp } from '../../../../test/factories.js';
import { startLocalServer, type LocalServer } from '../../../../test/local-server.js';
import { syntheticRss } from '../../../../test/synthetic-feeds.js';
import { CheckIndex } from '../../../core/check-index.js';
import { createSourceService } from '../../../core/source.service.js';
import { runScheduledBackup } from '../../../db/backup-schedule.js';
import { createJobQueue, type JobQueue } from '../../../db/job-queue.js';
import { createGuardedFetcher } from '../../../ingest/net/guarded-fetch.js';
import { createRobotsPolicy } from '../../../ingest/net/robots.js';
import { createItemProcessor } from '../../../ingest/pipeline/item-processor.js';
import { createSourcePoller } from '../../../ingest/poll/source-poller.js';
import type { SystemHealth } from '../../system-health.js';

async function until(condition: () => Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const target of databaseTargets()) {
  describe(`admin health on ${target.kind}`, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let site: LocalServer;
    let jobs: JobQueue;
    let backupDir: string;
    let checkIndex: CheckIndex;
    const clock = () => new Date();

    before(async () => {
      db = await target.open();
      backupDir = await mkdtemp(join(tmpdir(), 'kc-health-'));
      site = await startLocalServer((req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.url === '/rss') {
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
          res.end(syntheticRss(0, 4));
        } else if (req.url === '/robots.txt') {
          res.writeHead(404).end();
        } else {
          res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        }
      });
      checkIndex = new CheckIndex(db.repos.pipeline);
      app = await buildTestApp(
        db,
        { BACKUP_DIR: backupDir, BACKUP_EVERY_HOURS: '24', BACKUP_KEEP: '3' },
        { deps: { checkIndex } },
      );
      jobs = createJobQueue({ database: db.database, workers: true, pollIntervalSeconds: 0.5 });
      await jobs.start();
    });
    after(async () => {
      await jobs.stop({ graceful: false });
      await app.close();
      await site.close();
      await db.close();
      await rm(backupDir, { recursive: true, force: true });
    });

    const read = async (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/v1/admin/health', headers });

    test('shows queues, failed jobs, intake, failing sources, the backup and this process', async () => {
      const admin = await createTestUser(db.repos, 'admin');
      const before = (await read(admin.headers)).json<SystemHealth>();
      const intakeBefore = (channel: string) =>
        before.ingestion?.find((f) => f.channel === channel)?.total ?? 0;

      // A feed with 4 entries, polled for real, and a source whose site answers 503.
      const sources = createSourceService(db.repos, clock);
      const feed = await sources.create(admin.principal, {
        name: 'Báo địa phương',
        kind: 'feed',
        url: `${site.origin}/rss`,
        scheduleMinutes: 30,
      });
      const broken = await sources.create(admin.principal, {
        name: 'Cổng tin hỏng',
        kind: 'feed',
        url: `${site.origin}/broken`,
        scheduleMinutes: 30,
      });
      const fetcher = createGuardedFetcher({ allowList: ['127.0.0.1/32'], timeoutMs: 5000 });
      const polled = await createSourcePoller({
        repos: db.repos,
        fetcher,
        robots: createRobotsPolicy(fetcher, { userAgent: 'KiemChung-test', cacheTtlMs: 0 }),
        clock,
        processor: createItemProcessor(db.repos, checkIndex, { clock }),
      }).pollDue();
      assert.deepEqual(
        polled.map((p) => [p.sourceId, p.outcome.ok]).sort(),
        [
          [feed.id, true],
          [broken.id, false],
        ].sort(),
      );

      // An item handed in through the API with a token (channel api), and a request that fails.
      const editor = await createTestUser(db.repos, 'editor');
      const report = await app.inject({
        method: 'POST',
        url: '/api/v1/items',
        headers: editor.headers,
        payload: { text: 'Tin đồn mới về nước máy nhiễm độc ở phường' },
      });
      assert.equal(report.statusCode, 201, report.body);
      const missing = await app.inject({
        method: 'GET',
        url: '/api/v1/claims/00000000-0000-4000-8000-000000000000',
        headers: editor.headers,
      });
      assert.equal(missing.statusCode, 404);
      await checkIndex.match('Uống nước chanh nóng chữa khỏi ung thư');

      // A job that fails its only attempt, and two jobs nobody works on.
      await jobs.define(
        'health.fails',
        async () => {
          throw new Error('the mail server refused');
        },
        { retryLimit: 0 },
      );
      const failing = await jobs.enqueue('health.fails', { n: 1 });
      await until(
        async () => (await jobs.get(failing!, 'health.fails'))?.state === 'failed',
        'the job to fail',
      );
      await jobs.enqueue('health.waiting', { n: 1 });
      await jobs.enqueue('health.waiting', { n: 2 });

      const backup = await runScheduledBackup(
        db.database,
        { dir: backupDir, everyHours: 24, keep: 3 },
        clock,
      );
      assert.ok(backup);

      const res = await read(admin.headers);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['cache-control'], 'no-store');
      const health = res.json<SystemHealth>();

      const intake = (channel: string) => health.ingestion?.find((f) => f.channel === channel);
      assert.equal(intake('feed')!.total - intakeBefore('feed'), 4);
      assert.equal(intake('feed')!.lastHour, 4);
      assert.equal(intake('feed')!.lastDay, 4);
      assert.equal(intake('api')!.total - intakeBefore('api'), 1);
      assert.equal(intake('api')!.lastHour, 1);

      const queue = (name: string) => health.queues?.find((q) => q.queue === name);
      // The polled entries went through the pipeline on intake; the staff report waits for it.
      assert.equal(queue('pipeline')?.depth, 1);
      assert.ok(queue('pipeline')!.oldestAgeSeconds < 600);
      assert.equal(queue('health.waiting')?.depth, 2);
      assert.deepEqual(
        [queue('health.fails')?.failed, typeof queue('health.fails')?.lastFailedAt],
        [1, 'string'],
      );

      assert.equal(health.sources?.enabled, 2);
      assert.equal(health.sources?.failing, 1);
      const worst = health.sources?.worst[0];
      assert.deepEqual(
        [worst?.id, worst?.name, worst?.consecutiveFailures],
        [broken.id, 'Cổng tin hỏng', 1],
      );
      assert.match(worst?.lastError ?? '', /503/);

      assert.equal(health.backups.everyHours, 24);
      assert.equal(health.backups.count, 1);
      assert.ok(health.backups.last && health.backups.last.bytes > 0);
      assert.ok(Math.abs(Date.parse(health.backups.last.at) - Date.now()) < 60_000);
      assert.equal(health.backups.late, false);

      // The first read, the item and the missing claim (this read is counted when it ends).
      assert.ok(health.requests.count >= 3, JSON.stringify(health.requests));
      assert.ok(health.requests.clientErrors >= 1);
      assert.equal(health.requests.serverErrors, 0);
      assert.ok(health.requests.p95Ms !== null && health.requests.p95Ms > 0);
      assert.ok(health.matcher.count >= 1, JSON.stringify(health.matcher));

      assert.equal(health.database.kind, target.kind);
      assert.equal(health.database.up, true);
      assert.ok(health.database.connections.total >= 1);
      assert.match(health.process.version, /^\d+\.\d+\.\d+/);
      assert.equal(health.process.pid, process.pid);
      assert.ok(health.process.uptimeSeconds >= 0);

      // The same figures as /metrics.
      const metrics = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
      const families = new Map(parsePrometheusTextFormat(metrics.body).map((f) => [f.name, f]));
      const value = (family: string, label: string, name: string) =>
        Number(families.get(family)?.metrics.find((m) => m.labels?.[label] === name)?.value ?? NaN);
      assert.equal(
        value('kiemchung_items_ingested_total', 'channel', 'feed'),
        intake('feed')!.total,
      );
      assert.equal(value('kiemchung_queue_depth', 'queue', 'health.waiting'), 2);
      assert.equal(value('kiemchung_job_failures', 'queue', 'health.fails'), 1);
      assert.equal(value('kiemchung_job_failures', 'queue', 'source_polling'), 1);
    });

    test('admins and leads may read it; other roles, anonymous callers and narrow tokens may not', async () => {
      const admin = await createTestUser(db.repos, 'admin');
      await enableTestTotp(db.repos, admin.user.id, TEST_SECRET_KEY);
      const adminSession = await createTestSession(db.repos, admin.user.id);
      assert.equal((await read(adminSession.cookie)).statusCode, 200);
      const lead = await createTestUser(db.repos, 'lead');
      assert.equal((await read(lead.headers)).statusCode, 200);
      for (const role of ['editor', 'contributor', 'press'] as const) {
        const user = await createTestUser(db.repos, role);
        const res = await read(user.headers);
        assert.equal(res.statusCode, 403, `${role}: ${res.statusCode}`);
      }
      assert.equal((await read({})).statusCode, 401);
      const narrow = await createTestUser(db.repos, 'admin', { scopes: ['reports.read'] });
      assert.equal((await read(narrow.headers)).statusCode, 403);
      const scoped = await createTestUser(db.repos, 'lead', { scopes: ['health.read'] });
      assert.equal((await read(scoped.headers)).statusCode, 200);
    });
  });
}
