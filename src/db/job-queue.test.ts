import { test, describe, before, after } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase } from './client.js';
import type { Database } from './client.js';
import { unwrapTransaction } from './job-boss-adapter.js';
import { createJobQueue, idempotentJobId } from './job-queue.js';
import type { CreateJobQueueOptions, JobLogger, JobQueue } from './job-queue.js';

// TODO(lead): replace with the shared test/db.ts helper.
/** A fresh PostgreSQL database for this file, dropped at the end. */
async function createPostgresDatabase(adminUrl: string) {
  const name = `kc_jobs_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

interface Target {
  label: string;
  /** The database shared by the tests of this file. */
  shared(): Database;
  /** Another connection to the shared database, as a second process would have. */
  openAnother(): Promise<{ database: Database; close(): Promise<void> }>;
  /** A database that survives close() and reopening (the crash test). */
  durable(): Promise<{ open(): Promise<Database>; remove(): Promise<void> }>;
  tearDown(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const db = await openDatabase({});
  return {
    label: 'PGlite',
    shared: () => db,
    // PGlite has a single connection per process: a second "process" shares it.
    openAnother: () => Promise.resolve({ database: db, close: () => Promise.resolve() }),
    async durable() {
      const dir = await mkdtemp(join(tmpdir(), 'kc-jobs-'));
      return {
        open: () => openDatabase({ dataDir: dir }),
        remove: () => rm(dir, { recursive: true, force: true }),
      };
    },
    tearDown: () => db.close(),
  };
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const created = await createPostgresDatabase(adminUrl);
  const open = () => openDatabase({ databaseUrl: created.url, maxConnections: 4 });
  const db = await open();
  return {
    label: 'PostgreSQL',
    shared: () => db,
    async openAnother() {
      const database = await open();
      return { database, close: () => database.close() };
    },
    durable: () => Promise.resolve({ open, remove: () => Promise.resolve() }),
    async tearDown() {
      await db.close();
      await created.drop();
    },
  };
}

/** Keeps what the queue logs at warn and error, printed when JOBS_LOG is set. */
function recordingLogger() {
  const entries: { level: string; msg: string | undefined; obj: object }[] = [];
  const log =
    (level: string) =>
    (obj: object, msg?: string): void => {
      entries.push({ level, msg, obj });
      if (process.env.JOBS_LOG) console.error(level, msg, obj);
    };
  const logger: JobLogger = {
    debug: () => undefined,
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  return { logger, entries };
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A started queue that the test stops when it ends. */
async function startQueue(
  t: TestContext,
  options: Partial<CreateJobQueueOptions> & Pick<CreateJobQueueOptions, 'database'>,
): Promise<JobQueue> {
  const queue = createJobQueue({ workers: true, pollIntervalSeconds: 0.5, ...options });
  t.after(() => queue.stop({ graceful: false }));
  await queue.start();
  return queue;
}

/** A handler's result after a synchronous side effect. */
function done(_effect?: unknown): Promise<void> {
  return Promise.resolve();
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

void test('pg-boss scripts run as one implicit transaction', () => {
  const script = `
    BEGIN;
    SET LOCAL lock_timeout = '30s';
    SELECT pg_advisory_xact_lock(1);
    CREATE TABLE x (id int);
    COMMIT;
  `;
  assert.equal(
    unwrapTransaction(script).trim(),
    `SET LOCAL lock_timeout = '30s';\n    SELECT pg_advisory_xact_lock(1);\n    CREATE TABLE x (id int)`,
  );
  assert.equal(unwrapTransaction('SELECT 1'), 'SELECT 1');
});

const targets: (() => Promise<Target>)[] = [pgliteTarget];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) targets.push(() => postgresTarget(postgresUrl));

for (const makeTarget of targets) {
  void describe(`job queue on ${makeTarget === pgliteTarget ? 'PGlite' : 'PostgreSQL'}`, () => {
    let target: Target;
    before(async () => {
      target = await makeTarget();
    });
    after(() => target.tearDown());

    void test('runs a job once and keeps its data and output', async (t) => {
      const queue = await startQueue(t, { database: target.shared() });
      const seen: { id: string; name: string; data: unknown; attempt: number }[] = [];
      await queue.define<unknown>('jobs.once', ({ id, name, data, attempt }) => {
        seen.push({ id, name, data, attempt });
        return Promise.resolve({ summary: 'đã kiểm tra' });
      });
      const data = {
        text: 'Tin đồn: uống nước chanh nóng chữa được ung thư',
        count: 3,
        nested: { list: [1, 'hai', null], flag: true },
      };
      const id = await queue.enqueue('jobs.once', data);
      assert.ok(id);
      const plain = await queue.enqueue('jobs.once', 'chỉ một chuỗi');
      assert.ok(plain);

      const info = await waitFor('completion', async () => {
        const [a, b] = [await queue.get(id), await queue.get(plain, 'jobs.once')];
        return a?.state === 'completed' && b?.state === 'completed' && a;
      });
      assert.deepEqual(info.data, data);
      assert.deepEqual(info.output, { summary: 'đã kiểm tra' });
      assert.equal(info.error, null);
      assert.equal(info.retryCount, 0);
      await sleep(600); // one more poll: nothing may run twice
      assert.deepEqual(
        seen.find((s) => s.id === id),
        { id, name: 'jobs.once', data, attempt: 1 },
      );
      assert.equal(seen.find((s) => s.id === plain)?.data, 'chỉ một chuỗi');
      assert.equal(seen.length, 2);
      assert.equal(await queue.get('not-a-uuid'), null);
    });

    void test('retries a failing job, then fails it and keeps it as dead', async (t) => {
      const queue = await startQueue(t, { database: target.shared() });
      const attempts: number[] = [];
      await queue.define(
        'jobs.flaky',
        ({ attempt }) => {
          attempts.push(attempt);
          return Promise.reject(new Error('nguồn không phản hồi'));
        },
        { retryLimit: 2, retryDelaySeconds: 1 },
      );
      const id = await queue.enqueue('jobs.flaky', { url: 'https://example.org/a' });
      assert.ok(id);

      const info = await waitFor('failure', async () => {
        const job = await queue.get(id);
        return job?.state === 'failed' && job;
      });
      assert.deepEqual(attempts, [1, 2, 3]);
      assert.equal(info.retryCount, 2);
      assert.match((info.error as { message: string }).message, /nguồn không phản hồi/);

      const dead = await queue.listDead('jobs.flaky');
      assert.deepEqual(
        dead.map((j) => [j.id, j.state]),
        [[id, 'failed']],
      );
      assert.ok((await queue.listDead()).some((j) => j.id === id));
      const counts = await queue.counts();
      assert.deepEqual(counts['jobs.flaky'], { queued: 0, active: 0, failed: 1 });
      // pg-boss copies the job into the dead-letter queue, which nothing works.
      assert.deepEqual(counts['jobs.flaky.dead'], { queued: 1, active: 0, failed: 0 });
    });

    void test('a repeated idempotency key does not create a second job', async (t) => {
      const database = target.shared();
      const producer = await startQueue(t, { database, workers: false });
      const key = 'feed-42:2024-05-01T10';
      const first = await producer.enqueue('jobs.idem', { n: 1 }, { idempotencyKey: key });
      assert.equal(first, idempotentJobId('jobs.idem', key));
      assert.equal(await producer.enqueue('jobs.idem', { n: 2 }, { idempotencyKey: key }), null);
      const other = await producer.enqueue('jobs.idem', { n: 3 }, { idempotencyKey: 'other' });
      assert.ok(other && other !== first);
      assert.ok(await producer.enqueue('jobs.idem2', { n: 4 }, { idempotencyKey: key }));
      assert.equal((await producer.counts())['jobs.idem']?.queued, 2);
      assert.equal((await producer.get(first))?.idempotencyKey, key);

      // Still refused once the job has run…
      const ran: unknown[] = [];
      const worker = await startQueue(t, { database });
      await worker.define('jobs.idem', ({ data }) => done(ran.push(data)));
      await waitFor('both jobs to run', () => Promise.resolve(ran.length === 2));
      assert.equal(await producer.enqueue('jobs.idem', { n: 5 }, { idempotencyKey: key }), null);

      // …and once pg-boss has moved it to the archive (its archive statement, done by hand).
      await database.query(
        `with moved as (delete from pgboss.job where name = $1 and id = $2 returning *)
         insert into pgboss.archive select *, now() from moved`,
        ['jobs.idem', first],
      );
      assert.equal((await producer.get(first))?.state, 'completed');
      assert.equal(await producer.enqueue('jobs.idem', { n: 6 }, { idempotencyKey: key }), null);
      await sleep(600);
      assert.deepEqual(ran, [{ n: 1 }, { n: 3 }]);
    });

    void test('a graceful stop waits for the running job to finish', async (t) => {
      const queue = await startQueue(t, { database: target.shared() });
      const started = deferred();
      let finished = false;
      await queue.define('jobs.slow', async () => {
        started.resolve();
        await sleep(1000);
        finished = true;
      });
      const id = await queue.enqueue('jobs.slow', {});
      assert.ok(id);
      await started.promise;
      await queue.stop({ graceful: true, timeoutMs: 10_000 });
      assert.equal(finished, true);
      assert.equal((await queue.get(id))?.state, 'completed');
    });

    void test('a handler that outlives its expiry is aborted and retried', async (t) => {
      const queue = await startQueue(t, { database: target.shared() });
      const seen: { attempt: number; aborted: boolean }[] = [];
      await queue.define(
        'jobs.stuck',
        async ({ attempt, signal }) => {
          if (attempt === 1) {
            await new Promise((resolve) => signal.addEventListener('abort', resolve));
          }
          seen.push({ attempt, aborted: signal.aborted });
        },
        { retryLimit: 1, expireInSeconds: 1 },
      );
      const id = await queue.enqueue('jobs.stuck', {});
      assert.ok(id);
      await waitFor('the retry', async () => (await queue.get(id))?.state === 'completed');
      assert.deepEqual(seen, [
        { attempt: 1, aborted: true },
        { attempt: 2, aborted: false },
      ]);
    });

    void test('a stop that gives up on a running job puts it back for a retry', async (t) => {
      const database = target.shared();
      const first = await startQueue(t, { database });
      const started = deferred();
      await first.define('jobs.long', async ({ signal }) => {
        started.resolve();
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      });
      const id = await first.enqueue('jobs.long', { n: 1 });
      assert.ok(id);
      await started.promise;
      await first.stop({ graceful: true, timeoutMs: 200 });
      const released = await first.get(id);
      assert.equal(released?.state, 'retry');
      assert.match((released?.error as { message: string }).message, /stopped/);

      const second = await startQueue(t, { database });
      const attempts: number[] = [];
      await second.define('jobs.long', ({ attempt }) => done(attempts.push(attempt)));
      await waitFor('the retry', async () => (await second.get(id))?.state === 'completed');
      assert.deepEqual(attempts, [2]);
    });

    void test('a job whose process died is run again after it expires', async (t) => {
      const durable = await target.durable();
      t.after(() => durable.remove());
      const crashed = recordingLogger();
      const first = await durable.open();
      t.after(() => first.close());
      const hang = deferred();
      t.after(() => hang.resolve());
      const started = deferred();
      const before = await startQueue(t, {
        database: first,
        logger: crashed.logger,
        maintenanceIntervalSeconds: 1,
      });
      await before.define('jobs.crash', async () => {
        started.resolve();
        await hang.promise;
      });
      const id = await before.enqueue('jobs.crash', { item: 7 }, { expireInSeconds: 2 });
      assert.ok(id);
      await started.promise;
      // The crash: the database goes away mid-handler, so nothing can record the job's end.
      await first.close();
      await before.stop({ graceful: false });
      assert.ok(crashed.entries.some((e) => e.msg === 'could not release job'));

      const second = await durable.open();
      t.after(() => second.close());
      const after = await startQueue(t, { database: second, maintenanceIntervalSeconds: 1 });
      assert.equal((await after.get(id))?.state, 'active');
      const attempts: { attempt: number; data: unknown }[] = [];
      await after.define('jobs.crash', ({ attempt, data }) =>
        done(attempts.push({ attempt, data })),
      );
      const info = await waitFor('the retry', async () => {
        const job = await after.get(id);
        return job?.state === 'completed' && job;
      });
      assert.equal(info.retryCount, 1);
      assert.deepEqual(attempts, [{ attempt: 2, data: { item: 7 } }]);
      await after.stop();
    });

    void test('200 jobs on two workers with concurrency 4 each run exactly once', async (t) => {
      const database = target.shared();
      const runs = new Map<number, number>();
      const another = await target.openAnother();
      t.after(() => another.close());
      const workers = [
        await startQueue(t, { database }),
        await startQueue(t, { database: another.database }),
      ];
      const maxActive: number[] = [];
      for (const [index, worker] of workers.entries()) {
        let active = 0;
        maxActive[index] = 0;
        await worker.define<{ n: number }>(
          'jobs.many',
          async ({ data }) => {
            active += 1;
            maxActive[index] = Math.max(maxActive[index] ?? 0, active);
            await sleep(Math.random() * 5);
            runs.set(data.n, (runs.get(data.n) ?? 0) + 1);
            active -= 1;
          },
          { concurrency: 4 },
        );
      }
      const producer = workers[0];
      assert.ok(producer);
      for (let start = 0; start < 200; start += 20) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => producer.enqueue('jobs.many', { n: start + i })),
        );
      }
      await waitFor('all jobs', () => Promise.resolve(runs.size === 200), 30_000);
      await sleep(600);
      assert.equal(runs.size, 200);
      assert.ok([...runs.values()].every((n) => n === 1));
      // Which worker wins each fetch is up to timing; what must hold is the concurrency cap.
      assert.ok(
        maxActive.every((n) => n <= 4) && maxActive.some((n) => n >= 1),
        `max active ${maxActive.join(', ')}`,
      );
      const { rows } = await database.query<{ n: number | string }>(
        `select count(*) as n from pgboss.job where name = 'jobs.many' and state = 'completed'`,
      );
      assert.equal(Number(rows[0]?.n), 200);
      assert.deepEqual((await producer.counts())['jobs.many'], { queued: 0, active: 0, failed: 0 });
      await Promise.all(workers.map((w) => w.stop()));
    });
  });
}

void describe('job queue on PostgreSQL, several processes', { skip: !postgresUrl }, () => {
  void test('processes installing the schema at once all start and stay usable', async (t) => {
    const fresh = await createPostgresDatabase(postgresUrl ?? '');
    t.after(() => fresh.drop());
    // One connection each, so an aborted transaction left behind would break the next query.
    const databases = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: fresh.url, maxConnections: 1 })),
    );
    t.after(() => Promise.all(databases.map((d) => d.close())));
    const queues = databases.map((database) =>
      createJobQueue({ database, workers: false, pollIntervalSeconds: 0.5 }),
    );
    t.after(() => Promise.all(queues.map((q) => q.stop())));
    await Promise.all(queues.map((q) => q.start()));
    const ids = await Promise.all(queues.map((q, i) => q.enqueue('jobs.race', { i })));
    assert.equal(new Set(ids).size, 3);
    for (const q of queues) assert.equal((await q.counts())['jobs.race']?.queued, 3);
  });
});
