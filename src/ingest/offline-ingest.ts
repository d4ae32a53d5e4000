/**
 * `kiemchung ingest`: runs feed files through the same parser and pipeline as monitored sources
 * (parse → store once → match, cluster, score), for tests, benchmarks and back-filling archives.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../core/audit.js';
import type { CheckIndex } from '../core/check-index.js';
import type { PreparedItem } from '../core/intake.js';
import type { Clock, Repositories } from '../core/ports.js';
import { DEFAULT_MAX_FEED_BYTES, parseFeed } from './feeds/feed-parse.js';
import { createItemProcessor } from './pipeline/item-processor.js';
import { prepareFeedEntries } from './poll/feed-entries.js';

/** The figures `kiemchung ingest --json` prints. */
export interface IngestReport {
  files: number;
  parsed: number;
  rejected: number;
  rejectReasons: Record<string, number>;
  /** Entries read from the parsed files. */
  items: number;
  /** New items stored. */
  stored: number;
  /** Entries that were already stored (repeats within or across files, or earlier runs). */
  duplicates: number;
  /** Entries that could not become items (no link and no text). */
  unusable: number;
  /** Items linked to a published check by the matcher. */
  matched: number;
  elapsedMs: number;
  itemsPerSecond: number;
}

/** Every regular file under `dir`, sorted, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

export async function ingestFiles(
  repos: Repositories,
  checkIndex: CheckIndex,
  clock: Clock,
  paths: readonly string[],
  options: {
    batchSize?: number;
    homeProvinceCodes?: readonly string[];
    /** Called after each stored batch with the entries read so far. */
    onProgress?: (entriesRead: number, stored: number) => void;
  } = {},
): Promise<IngestReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const processor = createItemProcessor(repos, checkIndex, {
    clock,
    batchSize,
    homeProvinceCodes: options.homeProvinceCodes ?? [],
  });
  const report: IngestReport = {
    files: paths.length,
    parsed: 0,
    rejected: 0,
    rejectReasons: {},
    items: 0,
    stored: 0,
    duplicates: 0,
    unusable: 0,
    matched: 0,
    elapsedMs: 0,
    itemsPerSecond: 0,
  };
  const reject = (reason: string) => {
    report.rejected += 1;
    report.rejectReasons[reason] = (report.rejectReasons[reason] ?? 0) + 1;
  };
  let pending: PreparedItem[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const { outcomes, report: processed } = await processor.storeAndProcess(SYSTEM_ACTOR, batch);
    const created = outcomes.filter((o) => o.created).length;
    report.stored += created;
    report.duplicates += outcomes.length - created;
    report.matched += processed.matched;
    options.onProgress?.(report.items, report.stored);
  };
  for (const path of paths) {
    const size = (await stat(path)).size;
    if (size > DEFAULT_MAX_FEED_BYTES) {
      reject('too-large');
      continue;
    }
    const bytes = await readFile(path);
    const feed = parseFeed(bytes, { url: undefined });
    if (!feed.ok) {
      reject(feed.reason);
      continue;
    }
    report.parsed += 1;
    const scope = `file:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
    const { items, rejected } = prepareFeedEntries(feed, scope, clock());
    report.items += items.length + rejected;
    report.unusable += rejected;
    pending.push(...items);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  // Repeats that raised a count are re-scored by the ordinary path.
  report.matched += (await processor.drain()).matched;
  report.elapsedMs = Math.round(performance.now() - started);
  report.itemsPerSecond = Math.round((report.items / Math.max(1, report.elapsedMs)) * 1000);
  return report;
}
