import { gunzipSync } from 'node:zlib';
import { decodeFeedBytes } from './feed-decode.js';
import { mapAtom, mapRss, mapSitemap, type MapContext, type MappedFeed } from './feed-formats.js';
import { NotJsonFeedError, mapJsonFeed } from './feed-json.js';
import { EntityBudgetError, finishText, stripControls } from './feed-text.js';
import { MalformedXmlError, UnsafeXmlError, parseXmlTree } from './feed-xml.js';
import type {
  FeedParseOptions,
  FeedParseResult,
  FeedRejectReason,
  FeedRejected,
} from './feed.types.js';

export type {
  FeedEntry,
  FeedFormat,
  FeedParseOptions,
  FeedParseResult,
  FeedParsed,
  FeedRejectReason,
  FeedRejected,
} from './feed.types.js';

/** Default largest document accepted by {@link parseFeed}, in bytes. */
export const DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;
/** Default most entries returned by {@link parseFeed}. */
export const DEFAULT_MAX_FEED_ENTRIES = 5000;

function reject(reason: FeedRejectReason, message: string): FeedRejected {
  return { ok: false, reason, message };
}

const JSON_TYPE = /\bjson\b/i;

/**
 * Reads RSS 0.90–2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1, XML sitemaps (with Google News)
 * and sitemap indexes into plain-text entries. Bytes are decoded by BOM, XML declaration or
 * Content-Type charset; gzip is unpacked. It never throws: anything it cannot read comes back
 * as `{ ok: false, reason }` with a stable reason code. XML with external or recursive entity
 * declarations is refused as 'unsafe-xml' and nothing is ever fetched.
 */
export function parseFeed(input: Buffer | string, options: FeedParseOptions = {}): FeedParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const ctx: MapContext = {
    maxEntries: Math.max(0, options.maxEntries ?? DEFAULT_MAX_FEED_ENTRIES),
    ...(options.url !== undefined ? { url: options.url } : {}),
  };
  try {
    let text: string;
    if (typeof input === 'string') {
      if (Buffer.byteLength(input, 'utf8') > maxBytes)
        return reject('too-large', `document is larger than ${maxBytes} bytes`);
      text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    } else {
      let bytes = input;
      if (bytes.length > maxBytes)
        return reject('too-large', `document is larger than ${maxBytes} bytes`);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
        } catch (error) {
          return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
            ? reject('too-large', `gzip content is larger than ${maxBytes} bytes`)
            : reject('not-a-feed', 'corrupt gzip data');
        }
      }
      const decoded = decodeFeedBytes(bytes, options.contentType);
      if (!decoded.ok) return decoded;
      text = decoded.text;
    }
    const start = firstSignificant(text);
    if (start < 0) return reject('empty', 'document is empty');
    const first = text.charAt(start);
    if (
      first === '{' ||
      first === '[' ||
      (first !== '<' && JSON_TYPE.test(options.contentType ?? ''))
    )
      return parseJson(text, ctx);
    if (first !== '<' && !/<(rss|feed|rdf:RDF|urlset|sitemapindex)\b/.test(text.slice(0, 4096)))
      return reject('not-a-feed', 'document is neither XML nor JSON');
    return parseXml(stripControls(text), ctx);
  } catch (error) {
    // Last line of defence: parseFeed must not throw, whatever the input.
    return reject('malformed-xml', `could not read the document: ${String(error).slice(0, 200)}`);
  }
}

function firstSignificant(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Whitespace, NUL padding and stray BOMs before the document.
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff && c !== 0) return i;
  }
  return -1;
}

function parseJson(text: string, ctx: MapContext): FeedParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return reject('malformed-json', (error as Error).message.slice(0, 200));
  }
  try {
    return finish(mapJsonFeed(doc, ctx));
  } catch (error) {
    if (error instanceof NotJsonFeedError) return reject('not-a-feed', error.message);
    throw error;
  }
}

function parseXml(text: string, ctx: MapContext): FeedParseResult {
  let mapped: MappedFeed;
  try {
    const root = parseXmlTree(text, ctx.url !== undefined ? { url: ctx.url } : {});
    switch (root.local) {
      case 'rss':
      case 'RDF':
      case 'channel':
        mapped = mapRss(root, ctx);
        break;
      case 'feed':
        mapped = mapAtom(root, ctx);
        break;
      case 'urlset':
      case 'sitemapindex':
        mapped = mapSitemap(root, ctx);
        break;
      default:
        return reject('not-a-feed', `root element <${root.local.slice(0, 40)}> is not a feed`);
    }
  } catch (error) {
    if (error instanceof UnsafeXmlError || error instanceof EntityBudgetError)
      return reject('unsafe-xml', error.message);
    if (error instanceof MalformedXmlError) return reject('malformed-xml', error.message);
    throw error;
  }
  return finish(mapped);
}

function finish(mapped: MappedFeed): FeedParseResult {
  return {
    ok: true,
    format: mapped.format,
    ...(mapped.version !== undefined ? { version: mapped.version } : {}),
    title: finishText(mapped.title),
    ...(mapped.link !== undefined ? { link: mapped.link } : {}),
    ...(mapped.language !== undefined ? { language: mapped.language } : {}),
    entries: mapped.entries,
    truncated: mapped.truncated,
  };
}
