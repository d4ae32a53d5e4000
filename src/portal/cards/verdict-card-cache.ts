/**
 * Rendered verdict cards, kept so a popular check's card is drawn once, not once per share.
 *
 * The key is the check id plus a hash of everything the card shows (version and update time
 * included), so a new version, a changed URL or another language draws a new card and the old
 * one is dropped. Memory is an LRU bounded in bytes; an optional directory keeps cards across
 * restarts (one file per check, replaced when the check changes). Concurrent requests for the
 * same card share one render.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderVerdictCard, type VerdictCardInput } from './verdict-card.js';

export interface CachedVerdictCard {
  png: Uint8Array;
  /** The cache key; changes whenever the card's content would. */
  key: string;
  /** A strong HTTP entity tag for the PNG, e.g. "\"vc-3-1f2e…\"". */
  etag: string;
}

export interface VerdictCardCacheOptions {
  /** Upper bound of the PNG bytes kept in memory. Default 32 MiB (about 500 cards). */
  maxBytes?: number;
  /** A directory for cards on disk; none by default. */
  dir?: string;
  /** The renderer; tests may count calls. Default renderVerdictCard. */
  render?: (input: VerdictCardInput) => Promise<Uint8Array>;
}

export interface VerdictCardCacheStats {
  renders: number;
  memoryHits: number;
  diskHits: number;
  entries: number;
  bytes: number;
}

/** The content hash in a key; inputs are listed field by field so the order is fixed. */
function contentHash(input: VerdictCardInput): string {
  const fields = [
    input.checkId,
    input.version,
    input.updatedAt?.toISOString() ?? '',
    input.rating,
    input.claim,
    input.summary,
    input.publishedAt.toISOString(),
    input.url,
    input.siteName,
    input.language ?? 'vi',
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 20);
}

/** A check id usable as a file name; anything unusual is replaced by its hash. */
function fileStem(checkId: string): string {
  return /^[A-Za-z0-9-]{1,64}$/.test(checkId)
    ? checkId
    : `h${createHash('sha256').update(checkId).digest('hex').slice(0, 32)}`;
}

/** Cache of rendered verdict cards; see the module comment. */
export class VerdictCardCache {
  readonly #maxBytes: number;
  readonly #dir: string | undefined;
  readonly #render: (input: VerdictCardInput) => Promise<Uint8Array>;
  /** Insertion order is recency order: a hit moves the entry to the end. */
  readonly #entries = new Map<string, Uint8Array>();
  /** The current key of each check, so a newer card evicts the older one. */
  readonly #keyOfCheck = new Map<string, string>();
  readonly #inFlight = new Map<string, Promise<CachedVerdictCard>>();
  #bytes = 0;
  #stats = { renders: 0, memoryHits: 0, diskHits: 0 };

  constructor(options: VerdictCardCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#dir = options.dir;
    this.#render = options.render ?? ((input) => renderVerdictCard(input));
  }

  /** The key of the card for `input`. */
  keyOf(input: VerdictCardInput): string {
    return `${fileStem(input.checkId)}.${input.version}.${contentHash(input)}`;
  }

  /** The card for `input`: from memory, from disk, or rendered (once, however many ask). */
  get(input: VerdictCardInput): Promise<CachedVerdictCard> {
    const key = this.keyOf(input);
    const cached = this.#entries.get(key);
    if (cached) {
      this.#stats.memoryHits += 1;
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return Promise.resolve(this.#card(key, cached));
    }
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#load(input, key).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  /** Counters for tests and monitoring. */
  stats(): VerdictCardCacheStats {
    return { ...this.#stats, entries: this.#entries.size, bytes: this.#bytes };
  }

  async #load(input: VerdictCardInput, key: string): Promise<CachedVerdictCard> {
    const stem = fileStem(input.checkId);
    let png = await this.#readDisk(key);
    if (png) {
      this.#stats.diskHits += 1;
    } else {
      this.#stats.renders += 1;
      png = await this.#render(input);
      await this.#writeDisk(stem, key, png);
    }
    this.#remember(stem, key, png);
    return this.#card(key, png);
  }

  #card(key: string, png: Uint8Array): CachedVerdictCard {
    return { png, key, etag: `"vc-${key}"` };
  }

  #remember(stem: string, key: string, png: Uint8Array): void {
    const previous = this.#keyOfCheck.get(stem);
    if (previous !== undefined && previous !== key) this.#forget(previous);
    this.#keyOfCheck.set(stem, key);
    // A card larger than the whole budget is served but not kept.
    if (png.byteLength > this.#maxBytes) return;
    this.#forget(key);
    this.#entries.set(key, png);
    this.#bytes += png.byteLength;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#forget(oldest);
    }
  }

  #forget(key: string): void {
    const png = this.#entries.get(key);
    if (!png) return;
    this.#entries.delete(key);
    this.#bytes -= png.byteLength;
  }

  async #readDisk(key: string): Promise<Uint8Array | null> {
    if (!this.#dir) return null;
    try {
      return new Uint8Array(await readFile(join(this.#dir, `${key}.png`)));
    } catch {
      return null;
    }
  }

  async #writeDisk(stem: string, key: string, png: Uint8Array): Promise<void> {
    if (!this.#dir) return;
    // The disk copy is an optimisation: failing to write it must not fail the request.
    try {
      await mkdir(this.#dir, { recursive: true });
      const temporary = join(this.#dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(temporary, png);
      await rename(temporary, join(this.#dir, `${key}.png`));
      for (const name of await readdir(this.#dir)) {
        if (name.startsWith(`${stem}.`) && name !== `${key}.png`) {
          await unlink(join(this.#dir, name)).catch(() => undefined);
        }
      }
    } catch {
      // Served from memory this time; the next process renders it again.
    }
  }
}
