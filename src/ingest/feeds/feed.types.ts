/** Formats {@link FeedParseResult} reports. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap' | 'sitemap-index';

/** Stable codes for why a document was not read as a feed. */
export type FeedRejectReason =
  | 'empty'
  | 'too-large'
  | 'unknown-encoding'
  | 'unsafe-xml'
  | 'malformed-xml'
  | 'malformed-json'
  | 'not-a-feed';

/**
 * One item of a feed, as plain text. No author names or handles are extracted: the product
 * tracks claims, not people. For a sitemap index, each entry is a child sitemap (its link).
 */
export interface FeedEntry {
  /** The feed's own identifier (RSS guid, Atom id, JSON Feed id, rdf:about). */
  guid?: string;
  /** Plain text; '' when the feed gives none (sitemaps without news:title). */
  title: string;
  /** Absolute http(s) URL of the item, resolved against xml:base, the feed's link and its URL. */
  link?: string;
  /** When the item was published; the update time when that is all the feed gives. */
  publishedAt?: Date;
  /** When the item was last changed; the publication time when that is all the feed gives. */
  updatedAt?: Date;
  /** Plain text; the description/summary, or the start of the content when there is none. */
  summary: string;
  /** Plain text of the full content when the feed carries it separately from the summary. */
  content?: string;
  /** Language tag of the item when it states its own (xml:lang, dc:language, JSON Feed). */
  language?: string;
}

/** A document read as a feed. */
export interface FeedParsed {
  ok: true;
  format: FeedFormat;
  /** Version as declared or inferred, e.g. '2.0', '0.91', '1.0' (RDF), '0.3' (Atom), '1.1'. */
  version?: string;
  title: string;
  /** The site the feed belongs to (absolute http(s)). */
  link?: string;
  language?: string;
  entries: FeedEntry[];
  /** True when entries beyond the cap were dropped. */
  truncated: boolean;
}

/** A document that was not read as a feed, with a stable reason code. */
export interface FeedRejected {
  ok: false;
  reason: FeedRejectReason;
  message: string;
}

/** What {@link parseFeed} returns; it never throws. */
export type FeedParseResult = FeedParsed | FeedRejected;

/** Options for {@link parseFeed}. */
export interface FeedParseOptions {
  /** The HTTP Content-Type, for its charset and to tell JSON from XML. */
  contentType?: string;
  /** The URL the document was fetched from: the base for relative links. */
  url?: string;
  /** Largest accepted document in bytes (after gunzip); default 5 MB. */
  maxBytes?: number;
  /** Most entries returned; the rest are dropped and `truncated` is set. Default 5,000. */
  maxEntries?: number;
}
