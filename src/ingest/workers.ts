/**
 * The background work of a worker process: the pipeline (match, cluster, score every waiting
 * item), source polling, and housekeeping. Each runs as a loop whose state of work lives in the
 * database (items waiting, sources due, leases), so any number of worker processes can run and
 * a crashed one loses nothing.
 */
import type { CheckIndex } from '../core/check-index.js';
import type { Clock, Repositories } from '../core/ports.js';
import { startLoop, type LoopLogger } from './loop.js';
import { buildUserAgent, createGuardedFetcher, type GuardedFetch } from './net/guarded-fetch.js';
import { createRobotsPolicy } from './net/robots.js';
import { createItemProcessor, type ItemProcessor } from './pipeline/item-processor.js';
import { createLinkPageFetcher } from './pipeline/link-pages.js';
import { createSourcePoller, type SourcePoller } from './poll/source-poller.js';
import {
  DEFAULT_CONTACT_RETENTION,
  purgeContactsUnderPolicy,
  type ContactRetention,
} from '../core/retention.js';

/** Settings of the outbound fetcher, from the configuration. */
export interface FetchSettings {
  baseUrl: string;
  allowHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

/** The guarded fetcher every outbound request of the product uses. */
export function createProductFetcher(settings: FetchSettings): GuardedFetch {
  return createGuardedFetcher({
    userAgent: buildUserAgent(settings.baseUrl),
    allowList: settings.allowHosts,
    maxBytes: settings.maxBytes,
    timeoutMs: settings.timeoutMs,
  });
}

export interface IngestWorkerOptions {
  repos: Repositories;
  checkIndex: CheckIndex;
  clock: Clock;
  fetch: FetchSettings;
  homeProvinceCodes: readonly string[];
  /**
   * Tipsters' contacts are deleted by the housekeeping loop under the policy stored from the
   * desk, or this one (the configuration's) when none is stored.
   */
  contactRetention?: ContactRetention;
  logger?: LoopLogger & { info(obj: object, msg?: string): void };
  /**
   * Makes the weekly and monthly reports that are due (each once); run by the housekeeping loop
   * every minute. Returns how many it made.
   */
  scheduledReports?: () => Promise<number>;
  /**
   * Makes a backup when one is due and prunes old ones; run by the housekeeping loop every
   * minute. Returns the file made, or null.
   */
  scheduledBackup?: () => Promise<string | null>;
  /**
   * Deletes what the retention policy says is due beyond tipsters' contacts (raw pages); run
   * hourly by the housekeeping loop. Returns how many records it deleted.
   */
  retentionJobs?: () => Promise<number>;
  /**
   * Merges the intake counters the metrics read (see item_intake_counts); run by the
   * housekeeping loop every minute.
   */
  compactCounters?: () => Promise<unknown>;
  /** Idle wait of the pipeline loop. Default 1 s. */
  pipelineIdleMs?: number;
  /** Idle wait of the polling loop. Default 15 s. */
  pollIdleMs?: number;
}

export interface IngestWorkers {
  processor: ItemProcessor;
  poller: SourcePoller;
  /** Tells the pipeline there is new work (items stored by this process). */
  wake(): void;
  stop(): Promise<void>;
}

export function startIngestWorkers(options: IngestWorkerOptions): IngestWorkers {
  const { repos, clock, logger } = options;
  const fetcher = createProductFetcher(options.fetch);
  const robots = createRobotsPolicy(fetcher, { userAgent: buildUserAgent(options.fetch.baseUrl) });
  const processor = createItemProcessor(repos, options.checkIndex, {
    clock,
    homeProvinceCodes: options.homeProvinceCodes,
  });
  const pipeline = startLoop(
    'pipeline',
    async () => {
      const report = await processor.processBatch();
      if (report.processed > 0) logger?.info({ pipeline: report }, 'items processed');
      return report.processed > 0;
    },
    { idleMs: options.pipelineIdleMs ?? 1000, ...(logger ? { logger } : {}) },
  );
  const poller = createSourcePoller({
    repos,
    fetcher,
    robots,
    clock,
    processor,
    onItems: () => pipeline.wake(),
  });
  const fetchPages = createLinkPageFetcher({ repos, fetcher, clock });
  const linkPages = startLoop(
    'link-pages',
    async (signal) => {
      const attempted = await fetchPages(signal);
      if (attempted > 0) pipeline.wake();
      return attempted > 0;
    },
    { idleMs: options.pipelineIdleMs ?? 1000, ...(logger ? { logger } : {}) },
  );
  const polling = startLoop(
    'sources.poll',
    async (signal) => (await poller.pollDue(signal)).length > 0,
    { idleMs: options.pollIdleMs ?? 15_000, ...(logger ? { logger } : {}) },
  );
  let lastPurge = 0;
  const housekeeping = startLoop(
    'housekeeping',
    async () => {
      const now = clock();
      if (now.getTime() - lastPurge > 3_600_000) {
        lastPurge = now.getTime();
        await repos.nonces.purgeExpired(now);
        await repos.rateCounters.purgeExpired(now);
        // The policy is read each time: an administrator may have changed it from the desk.
        const deleted = await purgeContactsUnderPolicy(
          repos,
          clock,
          options.contactRetention ?? DEFAULT_CONTACT_RETENTION,
        );
        if (deleted > 0)
          logger?.info({ deleted }, "deleted tipsters' and journalists' contacts past retention");
        if (options.retentionJobs) {
          const removed = await options.retentionJobs();
          if (removed > 0) logger?.info({ removed }, 'deleted raw pages past retention');
        }
      }
      if (options.scheduledReports) {
        const made = await options.scheduledReports();
        if (made > 0) logger?.info({ made }, 'scheduled activity reports made');
      }
      if (options.scheduledBackup) {
        const file = await options.scheduledBackup();
        if (file) logger?.info({ file }, 'scheduled backup written');
      }
      if (options.compactCounters) await options.compactCounters();
      return false;
    },
    { idleMs: 60_000, ...(logger ? { logger } : {}) },
  );
  return {
    processor,
    poller,
    wake: () => pipeline.wake(),
    async stop() {
      await Promise.all([pipeline.stop(), linkPages.stop(), polling.stop(), housekeeping.stop()]);
    },
  };
}
