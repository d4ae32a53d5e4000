/**
 * Durable background jobs stored in the product's database, on PGlite and PostgreSQL alike.
 *
 * pg-boss 10 owns the tables (schema `pgboss`), the atomic fetch (`FOR UPDATE SKIP LOCKED`, so
 * several processes on one PostgreSQL each get different jobs), retries, expiry of jobs whose
 * worker died, dead-letter queues and archiving. This module runs its own small worker loop on
 * top of `fetch`/`complete`/`fail` so that concurrency, graceful shutdown and result writes are
 * under our control (pg-boss 10's `work()` sleeps a full polling interval between jobs and does
 * not await its completion writes).
 *
 * Delivery is at least once: a job whose process dies mid-handler is retried after its
 * `expireInSeconds` (plus up to one maintenance interval). Handlers must be idempotent.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Database } from './client.js';
import { createBossDbAdapter } from './job-boss-adapter.js';
import { runAsJob } from './job-context.js';
import type { BossDbAdapter } from './job-boss-adapter.js';
import { isUuid } from '../core/ids.js';

/** The pg-boss schema; its tables are pg-boss's, created and migrated by `start()`. */
const BOSS_SCHEMA = 'pgboss';
/** Suffix of the dead-letter queue that receives a copy of every job that exhausted its retries. */
export const DEAD_LETTER_SUFFIX = '.dead';
const MIN_POLL_SECONDS = 0.5;

/** The subset of a pino logger the queue uses. */
export interface JobLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobQueueOptions {
  database: Database;
  logger?: JobLogger;
  /** How often an idle worker looks for new jobs; at least 0.5. Default 2. */
  pollIntervalSeconds?: number;
  /**
   * How often expired jobs (their worker died) are put back for retry and old jobs archived.
   * Runs only in processes with workers; pg-boss makes sure one process at a time does it.
   * Default 60.
   */
  maintenanceIntervalSeconds?: number;
}

export interface EnqueueOptions {
  /**
   * At most one job per queue and key: a repeated enqueue returns null while the first job is
   * kept — queued, running, finished or failed, and then in the archive (by default 12 h after
   * completion + 7 days; 7 + 7 days for failed jobs).
   */
  idempotencyKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A date, or a number of seconds from now. */
  startAfter?: Date | number;
  /** Longest a handler may run; a job still active after that counts as a failed attempt. */
  expireInSeconds?: number;
  /** Higher runs first. */
  priority?: number;
}

/** What a handler receives. `attempt` starts at 1. */
export interface JobContext<T> {
  id: string;
  name: string;
  data: T;
  attempt: number;
  /** Aborted when the job expires or the queue stops without waiting for it. */
  signal: AbortSignal;
}

/**
 * Runs one job. Throwing fails the attempt (retried until `retryLimit`); a returned object is
 * kept as the job's output.
 */
export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>;

export interface DefineOptions {
  /** Jobs of this queue run at once in this process. Default 1. */
  concurrency?: number;
  /** Retries after the first attempt. Default 2. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** Default 15 minutes. */
  expireInSeconds?: number;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A job as stored, for admin screens and tests. */
export interface JobInfo {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  /** Attempts so far beyond the first. */
  retryCount: number;
  retryLimit: number;
  idempotencyKey: string | null;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** What the handler returned (completed jobs). */
  output: unknown;
  /** The last error (`retry` and `failed` jobs): `{ name, message, stack }` of what was thrown. */
  error: unknown;
}

/** Per queue: waiting (`created` + `retry`), running, and failed for good. */
export type JobCounts = Record<string, { queued: number; active: number; failed: number }>;

export interface StopOptions {
  /** Wait for running handlers (default true); otherwise their jobs are failed for a retry. */
  graceful?: boolean;
  /** Longest wait for running handlers. Default 30 000. */
  timeoutMs?: number;
}

export interface JobQueue {
  /** Installs or migrates the pg-boss schema as needed. Call before anything else. */
  start(): Promise<void>;
  /**
   * Creates the queue (and its dead-letter queue `${name}.dead`), stores its defaults, and in a
   * process with workers starts working it with `handler`.
   */
  define<T>(name: string, handler: JobHandler<T>, opts?: DefineOptions): Promise<void>;
  /** Adds a job; null when `idempotencyKey` already has a job. `data` is stored as JSON. */
  enqueue<T>(name: string, data: T, opts?: EnqueueOptions): Promise<string | null>;
  /** A job by id, live or archived; `name` makes the lookup cheaper. */
  get(id: string, name?: string): Promise<JobInfo | null>;
  /** Jobs that exhausted their retries, newest first (live and archived). */
  listDead(name?: string, limit?: number): Promise<JobInfo[]>;
  /** Job counts per queue, for metrics. Dead-letter queues show their jobs as queued. */
  counts(): Promise<JobCounts>;
  /** Stops fetching; see `StopOptions`. Safe to call twice. Leaves the database open. */
  stop(opts?: StopOptions): Promise<void>;
}

export interface CreateJobQueueOptions extends JobQueueOptions {
  /** Run handlers and maintenance in this process; false for processes that only enqueue. */
  workers: boolean;
}

/** Creates the job queue; nothing touches the database before `start()`. */
export function createJobQueue(options: CreateJobQueueOptions): JobQueue {
  const { database, workers } = options;
  const logger = options.logger ?? silentLogger;
  const pollMs = Math.max(options.pollIntervalSeconds ?? 2, MIN_POLL_SECONDS) * 1000;
  const adapter: BossDbAdapter = createBossDbAdapter(database);
  const boss = new PgBoss({
    db: adapter,
    schema: BOSS_SCHEMA,
    migrate: true,
    supervise: workers,
    // Cron scheduling polls its own queue; nothing uses it yet.
    schedule: false,
    maintenanceIntervalSeconds: Math.max(1, Math.round(options.maintenanceIntervalSeconds ?? 60)),
    // Failed jobs stay in the live table (where pg-boss can retry them) for a week.
    archiveFailedAfterSeconds: 7 * 24 * 3600,
  });
  // pg-boss emits maintenance errors; an EventEmitter 'error' without a listener would throw.
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));

  const loops = new Map<string, WorkerLoop>();
  const knownQueues = new Set<string>();
  let state: 'new' | 'started' | 'stopped' = 'new';
  let stopping: Promise<void> | undefined;

  function assertStarted(): void {
    if (state === 'new') throw new Error('The job queue is not started: call start() first.');
  }

  async function ensureQueue(name: string, opts: DefineOptions = {}): Promise<void> {
    assertQueueName(name);
    const deadLetter = `${name}${DEAD_LETTER_SUFFIX}`;
    const queueOptions = {
      policy: 'standard' as const,
      deadLetter,
      ...(opts.retryLimit !== undefined && { retryLimit: opts.retryLimit }),
      ...(opts.retryDelaySeconds !== undefined && { retryDelay: opts.retryDelaySeconds }),
      ...(opts.retryBackoff !== undefined && { retryBackoff: opts.retryBackoff }),
      ...(opts.expireInSeconds !== undefined && { expireInSeconds: opts.expireInSeconds }),
    };
    // The dead-letter queue must exist first (foreign key).
    if (!(await boss.getQueue(deadLetter))) await createQueue(deadLetter, { policy: 'standard' });
    if (await boss.getQueue(name)) {
      // Keeps the stored defaults in step with the code.
      await boss.updateQueue(name, { name, ...queueOptions });
    } else {
      await createQueue(name, queueOptions);
    }
    knownQueues.add(name);
  }

  // pg-boss 10's createQueue deadlocks when processes create the same queue at once (each waits
  // on the other's queue row while holding the lock the partition's foreign keys need). Its
  // create_queue function is run here under the advisory lock pg-boss takes for schema changes
  // and maintenance, in one implicit transaction.
  async function createQueue(name: string, queueOptions: object): Promise<void> {
    await database.exec(`
      SELECT pg_advisory_xact_lock(('x' || encode(sha224((current_database() || '.pgboss.${BOSS_SCHEMA}')::bytea), 'hex'))::bit(64)::bigint);
      SELECT ${BOSS_SCHEMA}.create_queue(${sqlLiteral(name)}, ${sqlLiteral(JSON.stringify(queueOptions))}::json);
    `);
  }

  return {
    async start() {
      if (state !== 'new') return;
      // Its schema already exists (migration 0011): processes installing pg-boss at once on an
      // empty database then only meet "already exists" errors, which pg-boss expects.
      await boss.start();
      state = 'started';
    },

    async define<T>(name: string, handler: JobHandler<T>, opts: DefineOptions = {}) {
      assertStarted();
      assertQueueName(name);
      if (name.endsWith(DEAD_LETTER_SUFFIX)) {
        throw new Error(`Queue names ending in ${DEAD_LETTER_SUFFIX} are kept for dead letters.`);
      }
      if (loops.has(name)) throw new Error(`The job queue ${name} is already defined.`);
      await ensureQueue(name, opts);
      if (!workers || state !== 'started') return;
      const loop = new WorkerLoop({
        boss,
        name,
        handler: handler as JobHandler<unknown>,
        concurrency: Math.max(1, Math.floor(opts.concurrency ?? 1)),
        pollMs,
        logger,
      });
      loops.set(name, loop);
      loop.start();
    },

    async enqueue<T>(name: string, data: T, opts: EnqueueOptions = {}) {
      assertStarted();
      if (name.endsWith(DEAD_LETTER_SUFFIX)) {
        throw new Error(`Jobs cannot be sent to the dead-letter queue ${name}.`);
      }
      if (!knownQueues.has(name)) await ensureQueue(name);
      const sendOptions: PgBoss.SendOptions = {
        ...(opts.retryLimit !== undefined && { retryLimit: opts.retryLimit }),
        ...(opts.retryDelaySeconds !== undefined && { retryDelay: opts.retryDelaySeconds }),
        ...(opts.retryBackoff !== undefined && { retryBackoff: opts.retryBackoff }),
        ...(opts.expireInSeconds !== undefined && { expireInSeconds: opts.expireInSeconds }),
        ...(opts.priority !== undefined && { priority: opts.priority }),
        ...(opts.startAfter !== undefined && { startAfter: opts.startAfter }),
      };
      if (opts.idempotencyKey !== undefined) {
        // The key becomes the job id, so the job table's primary key rejects a second job
        // atomically, across processes. A job that was already archived is checked first.
        const id = idempotentJobId(name, opts.idempotencyKey);
        const archived = await database.query(
          `select 1 from ${BOSS_SCHEMA}.archive where name = $1 and id = $2`,
          [name, id],
        );
        if (archived.rows.length > 0) return null;
        sendOptions.id = id;
        sendOptions.singletonKey = opts.idempotencyKey;
      }
      // Sent as JSON text so every value (strings included) is stored as its JSON form.
      const id = await boss.send(
        name,
        JSON.stringify(data ?? null) as unknown as object,
        sendOptions,
      );
      if (id) loops.get(name)?.notify();
      return id;
    },

    async get(id: string, name?: string) {
      assertStarted();
      if (!isUuid(id)) return null;
      const byName = name === undefined ? '' : 'and name = $2';
      const params = name === undefined ? [id] : [id, name];
      const { rows } = await database.query<JobRow>(
        `select ${jobColumns} from ${BOSS_SCHEMA}.job where id = $1 ${byName}
         union all
         select ${jobColumns} from ${BOSS_SCHEMA}.archive where id = $1 ${byName}
         limit 1`,
        params,
      );
      return rows[0] ? toJobInfo(rows[0]) : null;
    },

    async listDead(name?: string, limit = 100) {
      assertStarted();
      const where =
        `state = 'failed' and name not like '%${DEAD_LETTER_SUFFIX}'` +
        (name === undefined ? '' : ' and name = $2');
      const params = name === undefined ? [limit] : [limit, name];
      const { rows } = await database.query<JobRow>(
        `select * from (
           select ${jobColumns} from ${BOSS_SCHEMA}.job where ${where}
           union all
           select ${jobColumns} from ${BOSS_SCHEMA}.archive where ${where}
         ) dead order by "completedOn" desc nulls last limit $1`,
        params,
      );
      return rows.map(toJobInfo);
    },

    async counts() {
      assertStarted();
      const [queues, states] = await Promise.all([
        database.query<{ name: string }>(
          `select name from ${BOSS_SCHEMA}.queue where name not like '\\_\\_pgboss\\_\\_%'`,
        ),
        database.query<{ name: string; state: JobState; n: number | string }>(
          `select name, state::text as state, count(*) as n
           from ${BOSS_SCHEMA}.job where name not like '\\_\\_pgboss\\_\\_%'
           group by name, state`,
        ),
      ]);
      const result: JobCounts = {};
      for (const { name } of queues.rows) result[name] = { queued: 0, active: 0, failed: 0 };
      for (const row of states.rows) {
        const entry = (result[row.name] ??= { queued: 0, active: 0, failed: 0 });
        const n = Number(row.n);
        if (row.state === 'created' || row.state === 'retry') entry.queued += n;
        else if (row.state === 'active') entry.active += n;
        else if (row.state === 'failed') entry.failed += n;
      }
      return result;
    },

    stop(opts: StopOptions = {}) {
      if (state !== 'started') {
        state = 'stopped';
        return stopping ?? Promise.resolve();
      }
      state = 'stopped';
      const graceful = opts.graceful ?? true;
      const timeoutMs = opts.timeoutMs ?? 30_000;
      stopping = (async () => {
        await Promise.all([...loops.values()].map((loop) => loop.stop(graceful, timeoutMs)));
        try {
          await boss.stop({ graceful: false, close: false, wait: true });
        } catch (error) {
          logger.error({ err: error }, 'job queue stop failed');
        }
        // Maintenance may still be running a statement; let it end before the database closes.
        await adapter.idle();
      })();
      return stopping;
    },
  };
}

interface WorkerLoopOptions {
  boss: PgBoss;
  name: string;
  handler: JobHandler<unknown>;
  concurrency: number;
  pollMs: number;
  logger: JobLogger;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
  /** Set when stop() has given up on the handler: its outcome must not be written. */
  abandoned: boolean;
}

/** Fetches and runs the jobs of one queue, at most `concurrency` at a time. */
class WorkerLoop {
  private readonly running = new Map<string, Running>();
  private stopped = false;
  private abandonAll = false;
  private woken = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly o: WorkerLoopOptions) {}

  start(): void {
    this.loop = this.run();
  }

  /** Looks for jobs now instead of at the next poll. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(graceful: boolean, timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.loop;
    if (graceful && this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all([...this.running.values()].map((r) => r.done)), timeout]);
      clearTimeout(timer);
    }
    await this.abandonRunning();
  }

  /** Fails every job still running so that it is retried (by this or another process). */
  private async abandonRunning(): Promise<void> {
    this.abandonAll = true;
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    for (const entry of this.running.values()) {
      entry.abandoned = true;
      entry.controller.abort(new Error('job queue stopped'));
    }
    this.o.logger.warn({ jobName: this.o.name, jobIds: ids }, 'stopping with jobs still running');
    for (const id of ids) {
      try {
        await this.o.boss.fail(this.o.name, id, {
          message: 'job queue stopped before the job ended',
        });
      } catch (error) {
        // It stays active and expires, then is retried like the job of a crashed process.
        this.o.logger.error(
          { err: error, jobName: this.o.name, jobId: id },
          'could not release job',
        );
      }
    }
  }

  private async run(): Promise<void> {
    const { boss, name, concurrency, pollMs, logger } = this.o;
    while (!this.stopped) {
      const free = concurrency - this.running.size;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await boss.fetch<unknown>(name, { batchSize: free, includeMetadata: true });
          fetched = jobs.length;
          for (const job of jobs) this.runJob(job);
        } catch (error) {
          logger.error({ err: error, jobName: name }, 'job fetch failed');
        }
      }
      if (this.stopped) break;
      // A full batch means more may be waiting: fetch again as soon as a slot frees up.
      await this.sleep(free > 0 && fetched === free ? undefined : pollMs);
    }
  }

  private async sleep(ms: number | undefined): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (ms !== undefined) timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.wake = undefined;
    this.woken = false;
  }

  private runJob(job: PgBoss.JobWithMetadata<unknown>): void {
    const { boss, name, handler, logger } = this.o;
    const controller = new AbortController();
    const entry: Running = { controller, done: Promise.resolve(), abandoned: this.abandonAll };
    this.running.set(job.id, entry);
    const expireMs = Math.max(1, Number(job.expireInSeconds)) * 1000;
    const attempt = job.retryCount + 1;

    // Every line logged while the handler runs carries the job's id and name.
    entry.done = runAsJob({ jobId: job.id, jobName: name }, async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        if (entry.abandoned) throw new Error('job queue stopped before the job started');
        // Abandoned at stop: the handler may go on, but no timer should keep the process alive.
        controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new Error(`job exceeded its ${expireMs / 1000} s expiry`);
            controller.abort(error);
            reject(error);
          }, expireMs);
        });
        const output = await Promise.race([
          handler({ id: job.id, name, data: job.data, attempt, signal: controller.signal }),
          expired,
        ]);
        clearTimeout(timer);
        if (entry.abandoned) return;
        if (isRecord(output)) await boss.complete(name, job.id, output);
        else await boss.complete(name, job.id);
        logger.debug({ jobId: job.id, jobName: name, attempt }, 'job completed');
      } catch (error) {
        clearTimeout(timer);
        if (entry.abandoned) return;
        logger.warn({ err: error, jobId: job.id, jobName: name, attempt }, 'job failed');
        await boss.fail(name, job.id, toErrorRecord(error));
      }
    })
      .catch((error: unknown) => {
        // Writing the outcome failed: the job stays active, expires and is retried.
        logger.error({ err: error, jobId: job.id, jobName: name }, 'could not record job outcome');
      })
      .finally(() => {
        this.running.delete(job.id);
        this.notify();
      });
  }
}

interface JobRow {
  id: string;
  name: string;
  data: unknown;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  output: unknown;
}

const jobColumns = `id::text as id, name, data, state::text as state,
  retry_count as "retryCount", retry_limit as "retryLimit", singleton_key as "singletonKey",
  created_on as "createdOn", start_after as "startAfter", started_on as "startedOn",
  completed_on as "completedOn", output`;

function toJobInfo(row: JobRow): JobInfo {
  const failed = row.state === 'failed' || row.state === 'retry';
  return {
    id: row.id,
    name: row.name,
    data: row.data,
    state: row.state,
    retryCount: row.retryCount,
    retryLimit: row.retryLimit,
    idempotencyKey: row.singletonKey,
    createdOn: row.createdOn,
    startAfter: row.startAfter,
    startedOn: row.startedOn,
    completedOn: row.completedOn,
    output: failed ? null : (row.output ?? null),
    error: failed ? (row.output ?? null) : null,
  };
}

// A fixed namespace so that a (queue, key) pair always maps to the same job id.
const idNamespace = Buffer.from('6f1b8a1e3c2d4f5a9b7c0d1e2f3a4b5c', 'hex');

/** The job id for an idempotency key: a name-based (version 5) UUID of the queue and the key. */
export function idempotentJobId(name: string, key: string): string {
  const hash = createHash('sha1').update(idNamespace).update(`${name}\n${key}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const queueNamePattern = /^[a-z0-9][a-z0-9_.-]{0,98}$/i;

function assertQueueName(name: string): void {
  if (!queueNamePattern.test(name)) {
    throw new Error(`Invalid job queue name ${JSON.stringify(name)}: use letters, digits, . _ -`);
  }
}

/** A string literal; standard_conforming_strings is on (the default on both databases). */
function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function toErrorRecord(error: unknown): object {
  if (error instanceof Error) return error;
  return { message: String(error) };
}

const silentLogger: JobLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
