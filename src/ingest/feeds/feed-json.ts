import { parseFeedDate } from './feed-date.js';
import {
  absoluteHttpUrl,
  summaryFromContent,
  type MapContext,
  type MappedFeed,
} from './feed-formats.js';
import {
  collapseText,
  htmlToText,
  looksLikeHtml,
  stripControls,
  tidyMultiline,
} from './feed-text.js';
import type { FeedEntry } from './feed.types.js';

/** Thrown when a JSON document is valid JSON but not a JSON Feed. */
export class NotJsonFeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotJsonFeedError';
  }
}

// The spec's version URL; bare "1.0"/"1.1" too, which some generators write.
const VERSION = /^(?:https?:\/\/jsonfeed\.org\/version\/)?(1(?:\.\d+)?)\/?$/i;

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return stripControls(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/**
 * Maps a parsed JSON value to a feed: JSON Feed 1.0 and 1.1 (a `version` URL under
 * jsonfeed.org or a bare "1.x", plus an `items` array). Authors are not read.
 */
export function mapJsonFeed(doc: unknown, ctx: MapContext): MappedFeed {
  if (!isRecord(doc)) throw new NotJsonFeedError('JSON document is not an object');
  const versionUrl = str(doc.version);
  const version = versionUrl ? VERSION.exec(versionUrl.trim())?.[1] : undefined;
  if (version === undefined)
    throw new NotJsonFeedError(
      versionUrl === undefined
        ? 'JSON document has no JSON Feed version'
        : `not a JSON Feed version: ${versionUrl.slice(0, 80)}`,
    );
  if (!Array.isArray(doc.items)) throw new NotJsonFeedError('JSON Feed has no items array');
  const items = Array.isArray(doc.items) ? doc.items.filter(isRecord) : [];
  const feedUrl = absoluteHttpUrl(str(doc.feed_url), ctx.url);
  const home = absoluteHttpUrl(str(doc.home_page_url), feedUrl ?? ctx.url);
  const kept = items.slice(0, ctx.maxEntries);
  const entries = kept.map((item): FeedEntry => {
    const html = str(item.content_html);
    const text = str(item.content_text);
    const content = nonEmpty(
      html !== undefined
        ? htmlToText(html, true)
        : text !== undefined
          ? tidyMultiline(text)
          : undefined,
    );
    const rawSummary = str(item.summary);
    const rawTitle = str(item.title) ?? '';
    const entry: FeedEntry = {
      // JSON Feed titles are plain text, but publishers paste escaped HTML there too.
      title: looksLikeHtml(rawTitle) ? htmlToText(rawTitle) : collapseText(rawTitle),
      summary:
        nonEmpty(rawSummary !== undefined ? htmlToText(rawSummary) : undefined) ??
        summaryFromContent(content),
    };
    const guid = nonEmpty(str(item.id)?.trim());
    if (guid !== undefined) entry.guid = guid;
    // Relative URLs: against the site, as for RSS, then the feed's own URL.
    const link =
      absoluteHttpUrl(str(item.url), home, feedUrl, ctx.url) ??
      absoluteHttpUrl(str(item.external_url), home, feedUrl, ctx.url);
    if (link !== undefined) entry.link = link;
    const published = parseFeedDate(str(item.date_published));
    const updated = parseFeedDate(str(item.date_modified));
    // As for XML feeds: a feed that gives only one of the two times gives it for both.
    if (published ?? updated) entry.publishedAt = published ?? updated;
    if (updated ?? published) entry.updatedAt = updated ?? published;
    if (content !== undefined) entry.content = content;
    const lang = nonEmpty(str(item.language)?.trim());
    if (lang !== undefined) entry.language = lang;
    return entry;
  });
  const feed: MappedFeed = {
    format: 'json',
    title: collapseText(str(doc.title) ?? ''),
    entries,
    truncated: kept.length < items.length,
  };
  feed.version = version === '1' ? '1.0' : version;
  if (home !== undefined) feed.link = home;
  const lang = nonEmpty(str(doc.language)?.trim());
  if (lang !== undefined) feed.language = lang;
  return feed;
}
