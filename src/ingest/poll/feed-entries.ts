/** Feed entries as pipeline input: one item per entry, its sighting keyed by source and entry. */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../core/errors.js';
import { prepareItem, type PreparedItem } from '../../core/intake.js';
import type { FeedEntry, FeedParsed } from '../feeds/feed.types.js';

/** Prepared items and the entries that could not become items (no link and no text). */
export interface PreparedEntries {
  items: PreparedItem[];
  rejected: number;
}

/**
 * Maps parsed entries to prepared items. `scope` names where the feed came from (a source id,
 * a file's hash) so the same entry seen again from the same place is not a new sighting.
 */
export function prepareFeedEntries(
  feed: FeedParsed,
  scope: string,
  now: Date,
  options: { sourceId?: string | undefined } = {},
): PreparedEntries {
  const items: PreparedItem[] = [];
  let rejected = 0;
  // A sitemap index lists sitemaps, not articles.
  if (feed.format === 'sitemap-index') return { items, rejected };
  for (const entry of feed.entries) {
    try {
      items.push(
        prepareItem(
          {
            channel: 'feed',
            url: entry.link,
            title: entry.title,
            text:
              entry.content && entry.content.length > entry.summary.length
                ? entry.content
                : entry.summary,
            language: normalizeLanguage(entry.language ?? feed.language),
            publishedAt: entry.publishedAt,
            sourceId: options.sourceId,
            sightingKey: `feed:${scope}:${entryKey(entry)}`,
            seenAt: now,
          },
          now,
          { clipLongFields: true },
        ),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      rejected += 1;
    }
  }
  return { items, rejected };
}

function entryKey(entry: FeedEntry): string {
  const key = entry.guid ?? entry.link;
  if (key && key.length <= 500) return key;
  return createHash('sha256')
    .update(`${key ?? ''}\n${entry.title}\n${entry.summary}`)
    .digest('hex')
    .slice(0, 32);
}

/** 'vi-VN' → 'vi'; anything unusable → undefined (the item's default applies). */
function normalizeLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}
