/**
 * The in-process cache of rendered public pages and feeds, keyed by path (which carries the
 * language) and query. Emptied when published content changes (publish, unpublish, correction,
 * statements), and entries expire after a short time anyway, so several web processes — each
 * hearing only its own changes — agree within that time.
 */
import { createHash } from 'node:crypto';

/** A rendered response, ready to send again. */
export interface CachedResponse {
  body: string;
  type: string;
  etag: string;
  lastModified: Date;
  status: number;
}

export interface PageCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

/** A weak validator of a body: equal bodies, equal tags. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export class PageCache {
  private entries = new Map<string, { value: CachedResponse; storedAt: number }>();
  private pending = new Map<string, Promise<CachedResponse>>();
  private generation = 0;
  private readonly max: number;
  private readonly ttl: number;
  private readonly now: () => number;
  /** Renders done since start (a test sees whether a page came from the cache). */
  renders = 0;

  constructor(options: PageCacheOptions = {}) {
    this.max = options.maxEntries ?? 2000;
    this.ttl = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every page (published content changed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.pending.clear();
  }

  /** The cached response for `key`, rendering it once when missing or stale. */
  async get(
    key: string,
    render: () => Promise<Omit<CachedResponse, 'etag'>>,
  ): Promise<CachedResponse> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.storedAt < this.ttl) return hit.value;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const work = render().then((rendered) => {
      this.renders += 1;
      const value: CachedResponse = { ...rendered, etag: etagOf(rendered.body) };
      // A render that began before an invalidation may show the old content: not kept.
      if (generation === this.generation) {
        if (this.entries.size >= this.max) {
          const oldest = this.entries.keys().next().value;
          if (oldest !== undefined) this.entries.delete(oldest);
        }
        this.entries.set(key, { value, storedAt: this.now() });
      }
      return value;
    });
    this.pending.set(key, work);
    try {
      return await work;
    } finally {
      if (this.pending.get(key) === work) this.pending.delete(key);
    }
  }
}
