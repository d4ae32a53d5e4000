import { isUtf8 } from 'node:buffer';
import { parseFeedDate } from './feed-date.js';
import { collapseText, htmlToText, looksLikeHtml, tidyMultiline } from './feed-text.js';
import type { FeedEntry, FeedFormat } from './feed.types.js';
import { NS, childOf, childrenOf, textOf, type XmlElement } from './feed-xml.js';

/** A feed as the XML mappers see it, before the caller's cap and result shape. */
export interface MappedFeed {
  format: FeedFormat;
  version?: string;
  title: string;
  link?: string;
  language?: string;
  entries: FeedEntry[];
  truncated: boolean;
}

/** Context every mapper needs. */
export interface MapContext {
  url?: string;
  maxEntries: number;
}

/** How many characters of content stand in for a missing summary. */
export const SUMMARY_FROM_CONTENT_CHARS = 500;

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves a link to an absolute http(s) URL, or undefined (relative with no base, other schemes). */
export function absoluteHttpUrl(
  ref: string | undefined,
  ...bases: Array<string | undefined>
): string | undefined {
  if (ref === undefined) return undefined;
  const trimmed = ref.trim();
  if (trimmed === '') return undefined;
  for (const base of [undefined, ...bases]) {
    if (base === undefined && bases.length > 0 && !ABSOLUTE.test(trimmed)) continue;
    try {
      const u = new URL(trimmed, base);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
      return undefined;
    } catch {
      // Try the next base.
    }
  }
  return undefined;
}

/** The start of a text, cut at a word boundary: a summary for items that only have content. */
export function summaryFromContent(content: string | undefined): string {
  if (!content) return '';
  const flat = collapseText(content);
  if (flat.length <= SUMMARY_FROM_CONTENT_CHARS) return flat;
  const cut = flat.slice(0, SUMMARY_FROM_CONTENT_CHARS);
  const space = cut.lastIndexOf(' ');
  return space > SUMMARY_FROM_CONTENT_CHARS * 0.6 ? cut.slice(0, space) : cut;
}

function plain(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = collapseText(textOf(el));
  return t === '' ? undefined : t;
}

/** A title or other short field that may or may not be HTML (RSS does not say). */
function maybeHtml(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const raw = textOf(el);
  const t = looksLikeHtml(raw) ? htmlToText(raw) : collapseText(raw);
  return t === '' ? undefined : t;
}

function html(el: XmlElement | undefined, multiline: boolean): string | undefined {
  if (!el) return undefined;
  const t = htmlToText(textOf(el), multiline);
  return t === '' ? undefined : t;
}

function firstDate(...els: Array<XmlElement | undefined>): Date | undefined {
  for (const el of els) {
    if (!el) continue;
    const d = parseFeedDate(textOf(el));
    if (d) return d;
  }
  return undefined;
}

function language(el: XmlElement, own: XmlElement | undefined): string | undefined {
  return plain(own) ?? el.attrs['xml:lang']?.trim() ?? undefined;
}

/**
 * Builds an entry without undefined-valued keys (and without `delete`, which slows objects).
 * A feed that gives only one of the two times gives it for both.
 */
export function makeEntry(f: FeedEntry): FeedEntry {
  const e: FeedEntry = { title: f.title, summary: f.summary };
  if (f.guid !== undefined) e.guid = f.guid;
  if (f.link !== undefined) e.link = f.link;
  const published = f.publishedAt ?? f.updatedAt;
  if (published !== undefined) e.publishedAt = published;
  const updated = f.updatedAt ?? f.publishedAt;
  if (updated !== undefined) e.updatedAt = updated;
  if (f.content !== undefined) e.content = f.content;
  if (f.language !== undefined) e.language = f.language;
  return e;
}

function makeFeed(f: MappedFeed): MappedFeed {
  const feed: MappedFeed = {
    format: f.format,
    title: f.title,
    entries: f.entries,
    truncated: f.truncated,
  };
  if (f.version !== undefined) feed.version = f.version;
  if (f.link !== undefined) feed.link = f.link;
  if (f.language !== undefined) feed.language = f.language;
  return feed;
}

const ATOM_NS = [NS.atom, NS.atom03] as const;

/** An Atom link with rel="alternate" (or no rel), preferring HTML; resolved where it stands. */
function atomAlternate(el: XmlElement, nsList: readonly string[], url: string | undefined) {
  const links = childrenOf(el, 'link', nsList);
  const alternates = links.filter((l) => {
    const rel = (l.attrs.rel ?? 'alternate').trim().toLowerCase();
    return rel === 'alternate' || rel === '';
  });
  const chosen = alternates.find((l) => /html/i.test(l.attrs.type ?? 'text/html')) ?? alternates[0];
  if (!chosen) return undefined;
  return { href: chosen.attrs.href ?? chosen.attrs.url ?? plain(chosen), base: chosen.base ?? url };
}

function mapEntries<T>(
  items: T[],
  ctx: MapContext,
  map: (item: T) => FeedEntry,
): { entries: FeedEntry[]; truncated: boolean } {
  const kept = items.length > ctx.maxEntries ? items.slice(0, ctx.maxEntries) : items;
  return { entries: kept.map(map), truncated: kept.length < items.length };
}

/**
 * An RSS `<link>`: its text, or its href when it is written Atom-style. When there are several,
 * an Atom-style alternate (href, rel alternate or none) is taken over text, being explicit
 * markup of the item's page; otherwise the first with text.
 */
function rssLink(
  el: XmlElement,
  rssNs: readonly string[],
): { href: string; base: string | undefined } | undefined {
  let text: XmlElement | undefined;
  for (const l of childrenOf(el, 'link', rssNs)) {
    const href = l.attrs.href?.trim();
    const rel = (l.attrs.rel ?? 'alternate').trim().toLowerCase();
    if (href && (rel === 'alternate' || rel === '')) return { href, base: l.base };
    if (!text && plain(l) !== undefined) text = l;
  }
  const href = text ? plain(text) : undefined;
  return href !== undefined ? { href, base: text?.base } : undefined;
}

/** Media RSS title or description of an item, directly or in its media:group / media:content. */
function mediaField(item: XmlElement, local: string): string | undefined {
  const direct = childOf(item, local, [NS.media]);
  if (direct) return maybeHtml(direct);
  for (const holder of ['group', 'content']) {
    const h = childOf(item, holder, [NS.media]);
    const found = h ? childOf(h, local, [NS.media]) : undefined;
    if (found) return maybeHtml(found);
  }
  return undefined;
}

/** RSS 0.9x/2.0 (`<rss>`) and RSS 0.90/1.0 (`<rdf:RDF>`). */
export function mapRss(root: XmlElement, ctx: MapContext): MappedFeed {
  const rdf = root.local === 'RDF';
  const rssNs = [...new Set<string>([NS.none, NS.rss10, NS.rss090, root.ns])];
  const channel = root.local === 'channel' ? root : childOf(root, 'channel', rssNs);
  const scope = channel ?? root;
  const feedLinkEl = rssLink(scope, rssNs);
  const atomLink = atomAlternate(scope, [NS.atom], ctx.url);
  const feedLink =
    absoluteHttpUrl(feedLinkEl?.href, feedLinkEl?.base, ctx.url) ??
    absoluteHttpUrl(atomLink?.href, atomLink?.base);
  const items = [
    ...childrenOf(root, 'item', rssNs),
    ...(channel && channel !== root ? childrenOf(channel, 'item', rssNs) : []),
  ];
  const { entries, truncated } = mapEntries(items, ctx, (item) => {
    const guidEl = childOf(item, 'guid', rssNs);
    const guid =
      plain(guidEl) ??
      item.attrs['rdf:about']?.trim() ??
      plain(childOf(item, 'identifier', [NS.dc]));
    const linkEl = rssLink(item, rssNs);
    const base = item.base ?? feedLink ?? ctx.url;
    let link = absoluteHttpUrl(linkEl?.href, linkEl?.base ?? base, ctx.url);
    if (!link) {
      const alt = atomAlternate(item, [NS.atom], ctx.url);
      link = absoluteHttpUrl(alt?.href, alt?.base ?? base);
    }
    // RSS 2.0: a guid is a permalink unless it says otherwise.
    if (!link && guidEl && (guidEl.attrs.isPermaLink ?? 'true').trim().toLowerCase() !== 'false') {
      const g = plain(guidEl);
      if (g && /^https?:\/\//i.test(g)) link = absoluteHttpUrl(g);
    }
    const content =
      html(childOf(item, 'encoded', [NS.content]), true) ??
      atomTextConstruct(childOf(item, 'content', [NS.atom]), true) ??
      html(childOf(item, 'body', [NS.xhtml]), true);
    const summary =
      html(childOf(item, 'description', rssNs), false) ??
      atomTextConstruct(childOf(item, 'summary', [NS.atom]), false) ??
      html(childOf(item, 'description', [NS.dc]), false) ??
      maybeHtml(childOf(item, 'summary', [NS.itunes])) ??
      mediaField(item, 'description') ??
      summaryFromContent(content);
    return makeEntry({
      guid,
      title:
        maybeHtml(childOf(item, 'title', rssNs)) ??
        maybeHtml(childOf(item, 'title', [NS.dc])) ??
        mediaField(item, 'title') ??
        '',
      link,
      publishedAt: firstDate(
        childOf(item, 'pubdate', rssNs),
        childOf(item, 'date', [NS.dc]),
        childOf(item, 'published', [NS.atom]),
        childOf(item, 'issued', [NS.dcterms]),
        childOf(item, 'created', [NS.dcterms]),
      ),
      updatedAt: firstDate(
        childOf(item, 'updated', [NS.atom]),
        childOf(item, 'modified', [NS.dcterms]),
      ),
      summary,
      content,
      language: item.attrs['xml:lang']?.trim() || plain(childOf(item, 'language', [NS.dc])),
    });
  });
  const version = rdf
    ? root.children.some((c) => typeof c !== 'string' && c.ns === NS.rss090)
      ? '0.90'
      : '1.0'
    : root.attrs.version?.trim() || undefined;
  return makeFeed({
    format: rdf ? 'rdf' : 'rss',
    version,
    title:
      maybeHtml(childOf(scope, 'title', rssNs)) ??
      maybeHtml(childOf(scope, 'title', [NS.dc])) ??
      '',
    link: feedLink,
    language:
      plain(childOf(scope, 'language', rssNs)) ??
      language(scope, childOf(scope, 'language', [NS.dc])) ??
      root.attrs['xml:lang']?.trim(),
    entries,
    truncated,
  });
}

/**
 * An Atom text construct as plain text: type text (default), html (escaped markup) or xhtml
 * (inline markup); Atom 0.3's mode="escaped" and mode="base64" too. Other media types are
 * read as base64 when that decodes to text, else as they stand; out-of-line content (src=…)
 * gives undefined.
 */
function atomTextConstruct(el: XmlElement | undefined, multiline: boolean): string | undefined {
  if (!el || el.attrs.src !== undefined) return undefined;
  const type = (el.attrs.type ?? '').trim().toLowerCase();
  const mode = (el.attrs.mode ?? '').trim().toLowerCase();
  let raw = textOf(el);
  let isHtml = type === 'html' || type === 'text/html' || mode === 'escaped';
  if (mode === 'base64' || !isTextual(type)) {
    // Atom: other media types are base64. Keep the decoded form only when it is text.
    const decoded = decodeBase64Text(raw);
    if (decoded !== undefined) {
      raw = decoded;
      isHtml = isHtml || looksLikeHtml(decoded);
    } else if (mode === 'base64') return undefined;
  }
  // text and xhtml: textOf has already given the characters, with line breaks at XHTML blocks.
  const t = isHtml
    ? htmlToText(raw, multiline)
    : multiline
      ? tidyMultiline(raw)
      : collapseText(raw);
  return t === '' ? undefined : t;
}

// One quantifier only: the string is trimmed first, so no backtracking between whitespace runs.
const BASE64 = /^[A-Za-z0-9+/\s]*[A-Za-z0-9+/]={0,2}$/;

/** The UTF-8 text a base64 string encodes, or undefined when it is not base64 of text. */
function decodeBase64Text(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (trimmed.length > 1_000_000 || !BASE64.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0 || !isUtf8(bytes)) return undefined;
  const text = bytes.toString('utf8');
  // Binary that happens to be valid UTF-8 still has control characters.
  // eslint-disable-next-line no-control-regex -- looking for exactly those
  return /[\u0000-\u0008\u000E-\u001F]/.test(text) ? undefined : text;
}

function isTextual(type: string): boolean {
  return (
    type === '' ||
    type === 'text' ||
    type === 'html' ||
    type === 'xhtml' ||
    type.startsWith('text/') ||
    type.endsWith('/xml') ||
    type.endsWith('+xml')
  );
}

/** Atom 1.0 and 0.3 (`<feed>`). */
export function mapAtom(root: XmlElement, ctx: MapContext): MappedFeed {
  const nsList = [...new Set<string>([...ATOM_NS, root.ns])];
  const is03 = root.ns === NS.atom03 || root.attrs.version?.trim() === '0.3';
  const alt = atomAlternate(root, nsList, ctx.url);
  const feedLink = absoluteHttpUrl(alt?.href, alt?.base, ctx.url);
  const items = childrenOf(root, 'entry', nsList);
  const { entries, truncated } = mapEntries(items, ctx, (entry) => {
    const link = atomAlternate(entry, nsList, ctx.url);
    const content = atomTextConstruct(childOf(entry, 'content', nsList), true);
    return makeEntry({
      guid: plain(childOf(entry, 'id', nsList)),
      title: atomTextConstruct(childOf(entry, 'title', nsList), false) ?? '',
      link: absoluteHttpUrl(link?.href, link?.base, ctx.url, feedLink),
      publishedAt: firstDate(
        childOf(entry, 'published', nsList),
        childOf(entry, 'issued', nsList),
        childOf(entry, 'created', nsList),
        childOf(entry, 'date', [NS.dc]),
      ),
      updatedAt: firstDate(childOf(entry, 'updated', nsList), childOf(entry, 'modified', nsList)),
      summary:
        atomTextConstruct(childOf(entry, 'summary', nsList), false) ??
        html(childOf(entry, 'description', [NS.dc]), false) ??
        summaryFromContent(content),
      content,
      language: entry.attrs['xml:lang']?.trim() || undefined,
    });
  });
  return makeFeed({
    format: 'atom',
    version: is03 ? '0.3' : '1.0',
    title: atomTextConstruct(childOf(root, 'title', nsList), false) ?? '',
    link: feedLink,
    language: root.attrs['xml:lang']?.trim() || undefined,
    entries,
    truncated,
  });
}

/** XML sitemaps (`<urlset>`, with Google News extensions) and sitemap indexes. */
export function mapSitemap(root: XmlElement, ctx: MapContext): MappedFeed {
  const nsList = [...new Set<string>([NS.sitemap, NS.none, root.ns])];
  const index = root.local === 'sitemapindex';
  const items = childrenOf(root, index ? 'sitemap' : 'url', nsList);
  const { entries, truncated } = mapEntries(items, ctx, (item) => {
    const news = childOf(item, 'news', [NS.news]);
    const publication = news ? childOf(news, 'publication', [NS.news]) : undefined;
    return makeEntry({
      title: (news && maybeHtml(childOf(news, 'title', [NS.news]))) ?? '',
      link: absoluteHttpUrl(plain(childOf(item, 'loc', nsList)), item.base, ctx.url),
      publishedAt: news ? firstDate(childOf(news, 'publication_date', [NS.news])) : undefined,
      updatedAt: firstDate(childOf(item, 'lastmod', nsList)),
      summary: '',
      language: publication ? plain(childOf(publication, 'language', [NS.news])) : undefined,
    });
  });
  return {
    format: index ? 'sitemap-index' : 'sitemap',
    title: '',
    entries,
    truncated,
  };
}
