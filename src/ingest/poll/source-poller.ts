/**
 * Polls monitored sources: feeds and sitemaps with conditional GET (ETag, Last-Modified) and a
 * body hash so unchanged content costs nothing; single pages through article extraction. Every
 * request goes through the guarded fetcher, honours robots.txt unless a source opts out, and at
 * most one request at a time goes to any host. Each poll updates the source's health.
 */
import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { prepareItem, type PreparedItem } from '../../core/intake.js';
import type { Clock, Repositories, SourceFetchState } from '../../core/ports.js';
import { nextSourceHealth, type FetchOutcome } from '../../core/source-health.js';
import { parseFeed } from '../feeds/feed-parse.js';
import { fetchArticle } from '../net/extract.js';
import {
  FEED_CONTENT_TYPES,
  FetchRefusedError,
  type GuardedFetch,
  type GuardedResponse,
} from '../net/guarded-fetch.js';
import type { RobotsPolicy } from '../net/robots.js';
import type { ItemProcessor } from '../pipeline/item-processor.js';
import { prepareFeedEntries } from './feed-entries.js';

export interface SourcePollerOptions {
  repos: Repositories;
  fetcher: GuardedFetch;
  /** robots.txt policy; sources with respectRobots=false skip it. */
  robots: RobotsPolicy;
  clock: Clock;
  /** Sources polled at once (on different hosts). Default 4. */
  concurrency?: number;
  /** Child sitemaps read from a sitemap index per poll. Default 3. */
  maxChildSitemaps?: number;
  /** How long a leased source is kept from other pollers. Default 10 minutes. */
  leaseMs?: number;
  /** Stores and assesses fetched items in one go (the pipeline's fast path). */
  processor: Pick<ItemProcessor, 'storeAndProcess'>;
  /** Called after items were stored, e.g. to wake the pipeline for re-scoring. */
  onItems?: (count: number) => void;
}

/** What one poll did. */
export interface PollResult {
  sourceId: string;
  outcome: FetchOutcome;
  stored: number;
  seen: number;
}

/** Refusals that no retry will cure: the source's address is not allowed or not a URL. */
const PERMANENT_REFUSALS = new Set(['invalid-url', 'scheme', 'credentials', 'address']);

export function createSourcePoller(options: SourcePollerOptions) {
  const { repos, fetcher, robots, clock } = options;
  const concurrency = options.concurrency ?? 4;
  const maxChildSitemaps = options.maxChildSitemaps ?? 3;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const busyHosts = new Set<string>();

  async function store(prepared: PreparedItem[], reach: number): Promise<number> {
    if (prepared.length === 0) return 0;
    const { outcomes } = await options.processor.storeAndProcess(SYSTEM_ACTOR, prepared, reach);
    const stored = outcomes.filter((o) => o.created).length;
    if (outcomes.some((o) => o.counted)) options.onItems?.(outcomes.length);
    return stored;
  }

  async function fetchFeed(
    source: SourceFetchState,
    url: string,
    conditional: boolean,
  ): Promise<GuardedResponse> {
    return fetcher(url, {
      accept: FEED_CONTENT_TYPES,
      ...(conditional && source.etag ? { ifNoneMatch: source.etag } : {}),
      ...(conditional && source.lastModified ? { ifModifiedSince: source.lastModified } : {}),
    });
  }

  async function pollFeed(source: SourceFetchState) {
    const response = await fetchFeed(source, source.url, true);
    const validators = {
      etag: response.headers.etag ?? source.etag,
      lastModified: response.headers['last-modified'] ?? source.lastModified,
    };
    if (response.notModified) {
      return { outcome: ok(304, true, 0), stored: 0, seen: 0, validators };
    }
    const bodyHash = createHash('sha256').update(response.body).digest('hex');
    if (bodyHash === source.lastBodyHash) {
      return { outcome: ok(response.status, true, 0), stored: 0, seen: 0, validators, bodyHash };
    }
    const feed = parseFeed(response.body, {
      contentType: response.headers['content-type'],
      url: response.finalUrl,
    });
    if (!feed.ok) {
      return {
        outcome: failure(`parse:${feed.reason}`, feed.message, response.status),
        stored: 0,
        seen: 0,
        validators,
      };
    }
    const now = clock();
    const prepared = prepareFeedEntries(feed, source.id, now, { sourceId: source.id }).items;
    if (feed.format === 'sitemap-index') {
      // The newest child sitemaps carry the news; older ones were read before.
      const children = [...feed.entries]
        .sort((a, b) => (b.updatedAt?.getTime() ?? 0) - (a.updatedAt?.getTime() ?? 0))
        .slice(0, maxChildSitemaps)
        .flatMap((entry) => (entry.link ? [entry.link] : []));
      for (const child of children) {
        const childResponse = await fetchFeed(source, child, false);
        const childFeed = parseFeed(childResponse.body, {
          contentType: childResponse.headers['content-type'],
          url: childResponse.finalUrl,
        });
        if (childFeed.ok) {
          prepared.push(
            ...prepareFeedEntries(childFeed, source.id, now, { sourceId: source.id }).items,
          );
        }
      }
    }
    const stored = await store(prepared, source.reach);
    return {
      outcome: ok(response.status, false, stored),
      stored,
      seen: prepared.length,
      validators,
      bodyHash,
    };
  }

  async function pollPage(source: SourceFetchState) {
    const article = await fetchArticle(fetcher, source.url);
    if (!article.ok) {
      return {
        outcome: failure(
          article.reason,
          article.message,
          article.status,
          PERMANENT_REFUSALS.has(article.reason),
        ),
        stored: 0,
        seen: 0,
      };
    }
    const stored = await store(
      [
        prepareItem(
          {
            channel: 'url',
            url: article.canonicalUrl,
            title: article.title,
            text: article.text,
            language: article.lang?.slice(0, 2),
            publishedAt: article.publishedAt,
            sourceId: source.id,
            // A page is one sighting per distinct content: a changed page is seen anew.
            sightingKey: `page:${source.id}:${createHash('sha256').update(article.text).digest('hex').slice(0, 32)}`,
          },
          clock(),
          { clipLongFields: true },
        ),
      ],
      source.reach,
    );
    return { outcome: ok(200, stored === 0, stored), stored, seen: 1 };
  }

  /** Polls one source now and records its health. */
  async function pollSource(source: SourceFetchState): Promise<PollResult> {
    let result: {
      outcome: FetchOutcome;
      stored: number;
      seen: number;
      validators?: { etag: string | null; lastModified: string | null };
      bodyHash?: string;
    };
    try {
      // A source the fetcher would refuse outright is a configuration error, not a robots rule.
      await fetcher.check?.(source.url);
      if (source.respectRobots && !(await robots.isAllowed(source.url))) {
        result = {
          outcome: failure('robots', `robots.txt disallows ${source.url}`),
          stored: 0,
          seen: 0,
        };
      } else {
        result = source.kind === 'page' ? await pollPage(source) : await pollFeed(source);
      }
    } catch (error) {
      if (!(error instanceof FetchRefusedError)) throw error;
      const status = error.status;
      result = {
        outcome: failure(
          status === 410 ? 'gone' : error.reason,
          error.message,
          status,
          PERMANENT_REFUSALS.has(error.reason) || status === 410,
        ),
        stored: 0,
        seen: 0,
      };
    }
    const health = nextSourceHealth(source, result.outcome, clock());
    await repos.sources.recordFetch(source.id, {
      ...health,
      ...(result.validators ?? {}),
      ...(result.bodyHash ? { lastBodyHash: result.bodyHash } : {}),
      itemsAdded: result.stored,
    });
    return {
      sourceId: source.id,
      outcome: result.outcome,
      stored: result.stored,
      seen: result.seen,
    };
  }

  /**
   * Leases the sources that are due and polls them, several hosts at once but one request at a
   * time per host. Returns the number of sources polled.
   */
  async function pollDue(signal?: AbortSignal): Promise<PollResult[]> {
    const due = await repos.sources.leaseDue(clock(), concurrency * 4, leaseMs);
    const byHost = new Map<string, SourceFetchState[]>();
    for (const source of due) {
      const host = hostOf(source.url);
      byHost.set(host, [...(byHost.get(host) ?? []), source]);
    }
    const hosts = [...byHost.keys()];
    const results: PollResult[] = [];
    const worker = async () => {
      for (;;) {
        if (signal?.aborted) return;
        const host = hosts.find((h) => !busyHosts.has(h) && (byHost.get(h)?.length ?? 0) > 0);
        if (!host) return;
        busyHosts.add(host);
        try {
          const queue = byHost.get(host)!;
          while (queue.length > 0 && !signal?.aborted) {
            const source = queue.shift()!;
            results.push(await pollSource(source));
            const delay = source.respectRobots ? await robots.crawlDelayMs(source.url) : undefined;
            if (delay && queue.length > 0)
              await new Promise((r) => setTimeout(r, Math.min(delay, 30_000)));
          }
        } finally {
          busyHosts.delete(host);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, hosts.length) }, worker));
    return results;
  }

  return { pollSource, pollDue };
}
export type SourcePoller = ReturnType<typeof createSourcePoller>;

const ok = (status: number, unchanged: boolean, items: number): FetchOutcome => ({
  ok: true,
  status,
  unchanged,
  items,
});

const failure = (
  reason: string,
  message: string,
  status?: number,
  permanent = false,
): FetchOutcome => ({ ok: false, reason, message, status, permanent });

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
