/**
 * The admin health page's figures: the same sources as `/metrics` (the database's through
 * db/health.repo.ts, this process's requests and matches through its recent window), gathered
 * into one JSON document a person can read at a glance.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/ports.js';
import type { Database } from '../db/client.js';
import { backupTime, listScheduledBackups } from '../db/backup-schedule.js';
import {
  databaseAnswers,
  readIntakeFigures,
  readJobFailures,
  readQueueFigures,
  readSourceHealth,
  type FailingSource,
  type IntakeFigure,
} from '../db/health.repo.js';
import type { ProcessActivity } from './metrics.js';
import type { WindowSummary } from './recent-window.js';

const APP_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** One queue: work waiting and jobs that failed for good. */
export interface QueueHealth {
  queue: string;
  depth: number;
  oldestAgeSeconds: number;
  failed: number;
  lastFailedAt: string | null;
}

/** The health of the whole system as one process sees it. */
export interface SystemHealth {
  generatedAt: string;
  process: {
    version: string;
    node: string;
    hostname: string;
    pid: number;
    startedAt: string;
    uptimeSeconds: number;
    residentBytes: number;
  };
  database: {
    kind: 'pglite' | 'postgres';
    up: boolean;
    connections: { total: number; idle: number; waiting: number };
  };
  /** This process's requests in the last minutes (the event stream left out). */
  requests: WindowSummary;
  /** This process's matching of texts against the published checks. */
  matcher: WindowSummary;
  /** Null when the database did not answer. */
  queues: QueueHealth[] | null;
  ingestion: IntakeFigure[] | null;
  sources: {
    enabled: number;
    failing: number;
    disabledAfterFailures: number;
    worst: Array<
      Omit<FailingSource, 'lastErrorAt' | 'lastSuccessAt'> & {
        lastErrorAt: string | null;
        lastSuccessAt: string | null;
      }
    >;
  } | null;
  backups: {
    /** Hours between scheduled backups; 0 when none are scheduled. */
    everyHours: number;
    keep: number;
    /** The newest scheduled backup in the backup directory, if any. */
    last: { at: string; bytes: number } | null;
    count: number;
    /** Scheduled backups are on and none is younger than twice the interval. */
    late: boolean;
  };
}

export interface SystemHealthOptions {
  database: Database;
  activity: ProcessActivity;
  backup: { dir: string; everyHours: number; keep: number };
  clock: Clock;
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** Reads the figures; a part the database cannot give is null, never a guess. */
export function createSystemHealth(options: SystemHealthOptions) {
  const { database, activity, clock } = options;

  async function settle<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch {
      return null;
    }
  }

  async function backups(now: Date): Promise<SystemHealth['backups']> {
    const { dir, everyHours, keep } = options.backup;
    const names = (await settle(() => listScheduledBackups(dir))) ?? [];
    const newest = names.at(-1);
    const at = newest ? backupTime(newest) : null;
    const bytes = newest
      ? ((await settle(async () => (await stat(join(dir, newest))).size)) ?? 0)
      : 0;
    return {
      everyHours,
      keep,
      last: at === null ? null : { at: at.toISOString(), bytes },
      count: names.length,
      late:
        everyHours > 0 &&
        (at === null || now.getTime() - at.getTime() > 2 * everyHours * 3_600_000),
    };
  }

  return {
    async read(): Promise<SystemHealth> {
      const now = clock();
      const [up, queues, failures, ingestion, sources, backup] = await Promise.all([
        databaseAnswers(database),
        settle(() => readQueueFigures(database)),
        settle(() => readJobFailures(database)),
        settle(() => readIntakeFigures(database)),
        settle(() => readSourceHealth(database)),
        backups(now),
      ]);
      const uptimeSeconds = process.uptime();
      return {
        generatedAt: now.toISOString(),
        process: {
          version: APP_VERSION,
          node: process.version,
          hostname: hostname(),
          pid: process.pid,
          startedAt: new Date(Date.now() - uptimeSeconds * 1000).toISOString(),
          uptimeSeconds: Math.floor(uptimeSeconds),
          residentBytes: process.memoryUsage.rss(),
        },
        database: { kind: database.kind, up, connections: database.poolStats() },
        requests: activity.requests.summary(),
        matcher: activity.matcher.summary(),
        queues: queues === null || failures === null ? null : mergeQueues(queues, failures),
        ingestion,
        sources:
          sources === null
            ? null
            : {
                ...sources,
                worst: sources.worst.map((s) => ({
                  ...s,
                  lastErrorAt: iso(s.lastErrorAt),
                  lastSuccessAt: iso(s.lastSuccessAt),
                })),
              },
        backups: backup,
      };
    },
  };
}

export type SystemHealthService = ReturnType<typeof createSystemHealth>;

function mergeQueues(
  waiting: Awaited<ReturnType<typeof readQueueFigures>>,
  failures: Awaited<ReturnType<typeof readJobFailures>>,
): QueueHealth[] {
  const byName = new Map<string, QueueHealth>();
  for (const q of waiting) {
    byName.set(q.queue, { ...q, failed: 0, lastFailedAt: null });
  }
  for (const f of failures) {
    const entry = byName.get(f.queue) ?? {
      queue: f.queue,
      depth: 0,
      oldestAgeSeconds: 0,
      failed: 0,
      lastFailedAt: null,
    };
    byName.set(f.queue, { ...entry, failed: f.failed, lastFailedAt: iso(f.lastFailedAt) });
  }
  // The pipeline's own queues first, then the job queues by name.
  return [...byName.values()].sort((a, b) => {
    const rank = (q: string) => (q === 'pipeline' ? 0 : q === 'link_pages' ? 1 : 2);
    return rank(a.queue) - rank(b.queue) || a.queue.localeCompare(b.queue);
  });
}
