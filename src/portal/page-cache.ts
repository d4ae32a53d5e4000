/**
 * The in-process cache of rendered public pages and feeds, keyed by path (which carries the
 * language) and query. Emptied when published content changes (publish, unpublish, correction,
 * statements), and entries expire after a short time anyway, so several web processes — each
 * hearing only its own changes — agree within that time.
 *
 * Bounded by the bytes its bodies hold, least recently read first out: an archive of tens of
 * thousands of check pages read in turn must neither grow the process nor push out the pages
 * everyone is reading.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** A rendered response, ready to send again. */
export interface CachedResponse {
  body: string;
  type: string;
  etag: string;
  lastModified: Date;
  status: number;
}

export interface PageCacheOptions {
  /** Most pages kept. Default 10,000. */
  maxEntries?: number;
  /** Most bytes of bodies kept (UTF-16, as held in memory); 0 keeps none. Default 128 MiB. */
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  value: CachedResponse;
  storedAt: number;
}

/** What an entry holds in memory, roughly: its body (two bytes a character) and its headers. */
const entryBytes = (entry: Entry): number => 2 * entry.value.body.length + 256;

/** A weak validator of a body: equal bodies, equal tags. */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export class PageCache {
  private readonly entries: LRUCache<string, Entry>;
  private pending = new Map<string, Promise<CachedResponse>>();
  private generation = 0;
  private readonly ttl: number;
  private readonly now: () => number;
  /** Renders done since start (a test sees whether a page came from the cache). */
  renders = 0;

  constructor(options: PageCacheOptions = {}) {
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      // lru-cache needs a positive budget; with 0 every page is larger than it and none is kept.
      maxSize: Math.max(1, options.maxBytes ?? 128 * 1024 * 1024),
      sizeCalculation: entryBytes,
    });
    this.ttl = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes the kept pages hold (see {@link PageCacheOptions.maxBytes}). */
  get bytes(): number {
    return this.entries.calculatedSize;
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
      // A page larger than the whole budget is served but not kept.
      if (generation === this.generation) this.entries.set(key, { value, storedAt: this.now() });
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
