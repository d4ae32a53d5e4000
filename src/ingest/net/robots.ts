/**
 * robots.txt, fetched through the guarded fetcher and cached per origin, following RFC 9309: a
 * 4xx answer means no restrictions; a 5xx, 429 or network failure means "crawl nothing" for a short
 * while (or keep using the last good copy); a good copy is cached for `cacheTtlMs`.
 */
import robotsParserModule from 'robots-parser';
import { decodeBody } from './charset.js';
import { FetchRefusedError } from './guarded-fetch.js';
import type { GuardedFetch } from './guarded-fetch.js';

/** Answers whether the product may fetch a URL, per its site's robots.txt. */
export interface RobotsPolicy {
  /** False when robots.txt disallows the URL for our user agent, or cannot be read right now. */
  isAllowed(url: string): Promise<boolean>;
  /** The Crawl-delay for our user agent in ms, when the site sets one. */
  crawlDelayMs(url: string): Promise<number | undefined>;
}

/** Options of createRobotsPolicy. */
export interface RobotsPolicyOptions {
  /** Our User-Agent (full string or product token); groups are matched on the token before "/". */
  userAgent: string;
  /** How long a fetched robots.txt (or a 4xx "allow all") is trusted. Default 24 h (RFC 9309). */
  cacheTtlMs?: number;
  /** How long an unreachable robots.txt blocks the origin before retrying. Default 5 min. */
  errorTtlMs?: number;
  /** robots.txt bytes read at most. Default 512 KiB (RFC 9309 asks for at least 500 KiB). */
  maxBytes?: number;
  /** Origins kept in the cache; the oldest are dropped first. Default 1000. */
  maxEntries?: number;
  /** Clock, for tests. */
  now?: () => number;
}

// The package is CommonJS (module.exports = fn) but its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

interface Entry {
  rules: Robot | 'allow-all' | 'disallow-all';
  expiresAt: number;
  /** Whether this came from a real robots.txt (kept as a fallback when the site is down). */
  good: boolean;
}

function originOf(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** Creates a cached robots.txt policy that fetches through `fetcher`. */
export function createRobotsPolicy(
  fetcher: GuardedFetch,
  options: RobotsPolicyOptions,
): RobotsPolicy {
  const agent = options.userAgent;
  const cacheTtlMs = options.cacheTtlMs ?? 24 * 60 * 60 * 1000;
  const errorTtlMs = options.errorTtlMs ?? 5 * 60 * 1000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();

  async function load(origin: string, previous: Entry | undefined): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await fetcher(robotsUrl, { maxBytes });
      const { text } = decodeBody(response.body, { kind: 'text', charset: 'utf-8' });
      // Rules from a redirected robots.txt still apply to the origin that was asked (RFC 9309 2.3.1.2).
      return {
        rules: robotsParser(robotsUrl, text),
        expiresAt: now() + cacheTtlMs,
        good: true,
      };
    } catch (error) {
      const status = error instanceof FetchRefusedError ? error.status : undefined;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
        return { rules: 'allow-all', expiresAt: now() + cacheTtlMs, good: true };
      }
      if (previous?.good) return { ...previous, expiresAt: now() + errorTtlMs };
      return { rules: 'disallow-all', expiresAt: now() + errorTtlMs, good: false };
    }
  }

  async function entryFor(url: string): Promise<Entry | null> {
    const parsed = originOf(url);
    if (!parsed) return null;
    const origin = parsed.origin;
    const cached = cache.get(origin);
    if (cached && cached.expiresAt > now()) return cached;
    let inflight = pending.get(origin);
    if (!inflight) {
      inflight = load(origin, cached).finally(() => pending.delete(origin));
      pending.set(origin, inflight);
    }
    const entry = await inflight;
    cache.delete(origin);
    cache.set(origin, entry);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      cache.delete(oldest.value);
    }
    return entry;
  }

  return {
    async isAllowed(url) {
      const entry = await entryFor(url);
      if (!entry) return false;
      if (entry.rules === 'allow-all') return true;
      if (entry.rules === 'disallow-all') return false;
      return entry.rules.isAllowed(url, agent) ?? true;
    },
    async crawlDelayMs(url) {
      const entry = await entryFor(url);
      if (!entry || typeof entry.rules === 'string') return undefined;
      const seconds = entry.rules.getCrawlDelay(agent);
      return seconds === undefined ? undefined : seconds * 1000;
    },
  };
}
