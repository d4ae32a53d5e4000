/**
 * Running the product: opens the database, applies migrations, loads the demo on a first
 * embedded start, runs the web server and/or the job workers, and shuts down gracefully:
 * in-flight requests and jobs finish before the database closes.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { ensureSecretKey, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { DEMO_PASSWORD } from '../db/demo/demo-content.js';
import { demoAccounts, seedDemo } from '../db/demo/seed-demo.js';
import { jobLogFields } from '../db/job-context.js';
import { createJobQueue, type JobQueue } from '../db/job-queue.js';
import { runScheduledBackup } from '../db/backup-schedule.js';
import { compactIntakeCounts } from '../db/health.repo.js';
import { migrate } from '../db/migrate.js';
import { purgeExpiredRawPages } from '../db/raw-page-retention.js';
import { createRepositories } from '../db/repositories.js';
import { CheckIndex } from '../core/check-index.js';
import { startIngestWorkers } from '../ingest/workers.js';
import { runReportSchedule } from '../reports/report.service.js';
import { buildApp } from './app.js';
import { createEventBus, createSharedEventBus } from './event-bus.js';

export type ProcessRole = 'all' | 'web' | 'worker';

/** A running product process. */
export interface RunningProcess {
  url: string | null;
  database: Database;
  jobs: JobQueue;
  logger: Logger;
  /** In demo mode, the demo accounts and their password (to print); null otherwise. */
  demo: { password: string; accounts: Array<{ email: string; role: string }> } | null;
  /** Stops accepting work, lets in-flight requests and jobs finish, closes the database. */
  shutdown(reason?: string): Promise<void>;
}

/**
 * Logger shared by the server and the workers: JSON lines. A request's lines carry its `reqId`
 * (Fastify's child logger; also the `x-request-id` answer header), and every line written while
 * a job or a worker loop's round runs carries `jobId` and `jobName`, from whichever module.
 */
export function createLogger(config: Config, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'kiemchung' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      mixin: jobLogFields,
    },
    destination,
  );
}

/** Opens the database and brings its schema up to date. */
export async function openAndMigrate(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(database);
    if (applied > 0) logger.info({ applied }, 'database migrations applied');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Starts the web server and/or workers for `role`. */
export async function startProcess(baseConfig: Config, role: ProcessRole): Promise<RunningProcess> {
  const config = ensureSecretKey(baseConfig);
  const logger = createLogger(config);
  const database = await openAndMigrate(config, logger);
  const shouldSeed =
    config.demoData === 'always' || (config.demoData === 'auto' && database.kind === 'pglite');
  if (shouldSeed && role !== 'worker') {
    const result = await seedDemo(database, { secretKey: config.secretKey! });
    if (result.seeded) logger.info({ counts: result.counts }, 'demo content loaded (first start)');
  }
  const accounts = shouldSeed && role !== 'worker' ? await demoAccounts(database) : [];
  const demo = accounts.length > 0 ? { password: DEMO_PASSWORD, accounts } : null;
  const jobs = createJobQueue({ database, logger, workers: role !== 'web' });
  await jobs.start();

  const repos = createRepositories(database.db);
  const clock = () => new Date();
  // One matcher per process, shared by the tip line and the pipeline.
  const checkIndex = new CheckIndex(repos.pipeline);
  const workers =
    role === 'web'
      ? null
      : startIngestWorkers({
          repos,
          checkIndex,
          clock,
          fetch: {
            baseUrl: config.baseUrl,
            allowHosts: config.fetchAllowHosts,
            maxBytes: config.fetchMaxBytes,
            timeoutMs: config.fetchTimeoutMs,
          },
          homeProvinceCodes: config.homeProvinces,
          contactRetention: config.contactRetention,
          compactCounters: () => compactIntakeCounts(database),
          scheduledReports: async () =>
            (await runReportSchedule(database.db, clock, config.reports)).length,
          ...(config.rawPageRetentionDays > 0
            ? {
                retentionJobs: () =>
                  purgeExpiredRawPages(database.db, clock(), config.rawPageRetentionDays),
              }
            : {}),
          ...(config.backup.everyHours > 0
            ? {
                scheduledBackup: async () =>
                  (await runScheduledBackup(database, config.backup, clock))?.file ?? null,
              }
            : {}),
          logger,
        });

  let url: string | null = null;
  // On PostgreSQL several web processes may serve the same desks: changes travel between them.
  const events =
    role === 'worker'
      ? null
      : database.kind === 'postgres'
        ? await createSharedEventBus(database, logger)
        : createEventBus();
  const app = events
    ? await buildApp({ config, database, repos, logger, checkIndex, events })
    : null;
  if (app) {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = config.baseUrl.replace(/:\d+$/, `:${port}`);
  }

  let stopping: Promise<void> | null = null;
  const shutdown = (reason = 'shutdown') => {
    stopping ??= (async () => {
      logger.info({ reason }, 'shutting down: finishing in-flight requests and jobs');
      const deadline = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs + 5_000);
      deadline.unref();
      try {
        if (app) await app.close();
        await events?.close();
        await workers?.stop();
        await jobs.stop({ graceful: true, timeoutMs: config.shutdownTimeoutMs });
      } finally {
        await database.close();
        clearTimeout(deadline);
        logger.info('stopped');
      }
    })();
    return stopping;
  };
  return { url, database, jobs, logger, demo, shutdown };
}
