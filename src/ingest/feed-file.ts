/** One feed file read, parsed and turned into prepared items: `kiemchung ingest`'s first half. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { PreparedItem } from '../core/intake.js';
import { DEFAULT_MAX_FEED_BYTES, parseFeed } from './feeds/feed-parse.js';
import { prepareFeedEntries } from './poll/feed-entries.js';

/** A file refused (with the reason) or its prepared items and the count of unusable entries. */
export type FeedFileResult =
  { ok: false; reason: string } | { ok: true; items: PreparedItem[]; rejected: number };

/** Reads, parses and prepares the entries of one feed file seen at `now`. */
export async function readFeedFile(path: string, now: Date): Promise<FeedFileResult> {
  const size = (await stat(path)).size;
  if (size > DEFAULT_MAX_FEED_BYTES) return { ok: false, reason: 'too-large' };
  const bytes = await readFile(path);
  const feed = parseFeed(bytes, { url: undefined });
  if (!feed.ok) return { ok: false, reason: feed.reason };
  const scope = `file:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
  const { items, rejected } = prepareFeedEntries(feed, scope, now);
  return { ok: true, items, rejected };
}
