/**
 * The product's log lines, captured from the logger the server and the workers use: a request's
 * lines carry its id, which is also answered in `x-request-id` (a sane id from the proxy is kept);
 * every line written while a queued job, the pipeline or a scheduled job runs carries the job's
 * id and name, including lines written by other modules through the same logger.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildTestApp, TEST_SECRET_KEY } from '../../test/app.js';
import { databaseTargets, type TestDatabase } from '../../test/db.js';
import { loadConfig } from '../config.js';
import { CheckIndex } from '../core/check-index.js';
import { prepareItem } from '../core/intake.js';
import { storeItems } from '../core/intake.service.js';
import { createJobQueue } from '../db/job-queue.js';
import { startLoop } from '../ingest/loop.js';
import { startIngestWorkers } from '../ingest/workers.js';
import { createLogger } from './server.js';

interface Line {
  msg?: string;
  reqId?: string;
  jobId?: string;
  jobName?: string;
  [key: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The product's logger, writing its JSON lines into an array. */
function capturedLogger(): { logger: Logger; lines: Line[]; raw: string[] } {
  const lines: Line[] = [];
  const raw: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'debug' });
  const logger = createLogger(config, {
    write: (text: string) => {
      for (const line of text.split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Line);
      }
    },
  });
  return { logger, lines, raw };
}

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const target of databaseTargets()) {
  describe(`structured logs on ${target.kind}`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await target.open();
    });
    after(async () => {
      await db.close();
    });

    describe('requests', () => {
      let app: FastifyInstance;
      const { logger, lines } = capturedLogger();
      before(async () => {
        app = await buildTestApp(db, { LOG_LEVEL: 'debug' }, { deps: { logger } });
      });
      after(async () => {
        await app.close();
      });

      const linesOf = (reqId: string) => lines.filter((l) => l.reqId === reqId);

      test("keeps the proxy's request id, answers it and logs every line of the request with it", async () => {
        const res = await app.inject({
          url: '/api/v1/categories',
          headers: { 'x-request-id': 'edge-7f3a.42:1' },
        });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['x-request-id'], 'edge-7f3a.42:1');
        const mine = linesOf('edge-7f3a.42:1');
        assert.deepEqual(
          mine.map((l) => l.msg),
          ['incoming request', 'request completed'],
        );
        assert.equal((mine[1]?.res as { statusCode?: number }).statusCode, 200);
      });

      test('replaces a missing or unsafe request id with a fresh one', async () => {
        for (const incoming of [undefined, 'has spaces in it', 'x'.repeat(129), 'line\\nbreak']) {
          const res = await app.inject({
            url: '/api/v1/categories',
            headers: incoming === undefined ? {} : { 'x-request-id': incoming },
          });
          const id = String(res.headers['x-request-id']);
          assert.match(id, UUID, `for ${incoming}`);
          assert.equal(linesOf(id).length, 2);
          if (incoming) assert.equal(linesOf(incoming).length, 0);
        }
        // Error answers carry it too, in the problem document.
        const missing = await app.inject({
          url: '/api/v1/claims/00000000-0000-4000-8000-000000000000',
          headers: { 'x-request-id': 'edge-404' },
        });
        assert.equal(missing.statusCode, 401);
        assert.equal(missing.headers['x-request-id'], 'edge-404');
        assert.equal(linesOf('edge-404').length, 2);
        // No request line is mistaken for a job's.
        assert.ok(lines.every((l) => l.jobId === undefined));
      });
    });

    test('every line written while a queued job runs carries its id and name', async () => {
      const { logger, lines, raw } = capturedLogger();
      const jobs = createJobQueue({
        database: db.database,
        logger,
        workers: true,
        pollIntervalSeconds: 0.5,
      });
      await jobs.start();
      try {
        await jobs.define(
          'mail.send',
          async ({ data }: { data: { to: string } }) => {
            // Another module would log through the same logger, without knowing the job.
            logger.info({ to: data.to }, 'sending the message');
            await new Promise((resolve) => setTimeout(resolve, 10));
            setTimeout(() => logger.info('a timer the handler started'), 0);
            throw new Error('the mail server refused');
          },
          { retryLimit: 0 },
        );
        const id = await jobs.enqueue('mail.send', { to: 'toa-soan' });
        await until(() => lines.some((l) => l.msg === 'a timer the handler started'), 'the job');
        logger.info('after the job');
        const byMessage = (msg: string) => lines.find((l) => l.msg === msg);
        for (const msg of ['sending the message', 'job failed', 'a timer the handler started']) {
          assert.deepEqual(
            [byMessage(msg)?.jobId, byMessage(msg)?.jobName],
            [id, 'mail.send'],
            msg,
          );
        }
        assert.equal(byMessage('job failed')?.attempt, 1);
        assert.equal(byMessage('after the job')?.jobId, undefined);
        // Each key once per line: pino writes a key given twice twice, and JSON.parse hides it.
        assert.ok(raw.every((text) => (text.match(/"jobId":/g) ?? []).length <= 1));
      } finally {
        await jobs.stop({ graceful: false });
      }
    });

    test('lines of the pipeline, the scheduled work and a failing loop carry their round and loop', async () => {
      const { logger, lines } = capturedLogger();
      const now = new Date();
      await db.repos.transaction((tx) =>
        storeItems(tx, { kind: 'system', id: null }, now, [
          prepareItem({ channel: 'staff', text: 'Tin đồn mới về giá điện tăng gấp ba' }, now),
        ]),
      );
      const workers = startIngestWorkers({
        repos: db.repos,
        checkIndex: new CheckIndex(db.repos.pipeline),
        clock: () => new Date(),
        fetch: { baseUrl: 'http://127.0.0.1:9', allowHosts: [], maxBytes: 1e6, timeoutMs: 1000 },
        homeProvinceCodes: [],
        scheduledReports: async () => {
          logger.info('making the weekly report');
          return 1;
        },
        logger,
        pollIdleMs: 60_000,
      });
      let failed = false;
      const failing = startLoop(
        'sources.poll',
        async () => {
          if (failed) return false;
          failed = true;
          throw new Error('name resolution failed');
        },
        { idleMs: 60_000, errorBackoffMs: 60_000, logger },
      );
      try {
        await until(
          () =>
            ['items processed', 'scheduled activity reports made', 'sources.poll failed; retrying']
              .map((msg) => lines.some((l) => l.msg === msg))
              .every(Boolean),
          'the worker lines',
        );
      } finally {
        await failing.stop();
        await workers.stop();
      }
      const line = (msg: string) => lines.find((l) => l.msg === msg)!;
      assert.equal(line('items processed').jobName, 'pipeline');
      assert.match(String(line('items processed').jobId), UUID);
      assert.equal(line('making the weekly report').jobName, 'housekeeping');
      assert.equal(
        line('making the weekly report').jobId,
        line('scheduled activity reports made').jobId,
        'one round of housekeeping, one id',
      );
      assert.notEqual(line('making the weekly report').jobId, line('items processed').jobId);
      assert.equal(line('sources.poll failed; retrying').jobName, 'sources.poll');
      assert.match(String(line('sources.poll failed; retrying').jobId), UUID);
      assert.match(
        String((line('sources.poll failed; retrying').err as { message?: string }).message),
        /name resolution/,
      );
    });
  });
}
