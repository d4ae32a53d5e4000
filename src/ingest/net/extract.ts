/**
 * Article extraction: the readable text of a news page (Readability over a linkedom DOM; no script
 * ever runs), its title, language, publication time and canonical URL, so that AMP and mobile
 * variants are stored under the main article. Author names and handles are deliberately not
 * extracted (claims, not people).
 */
import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';
import { canonicalizeUrl } from '../../core/url.js';
import { decodeBody } from './charset.js';
import { ARTICLE_CONTENT_TYPES, FetchRefusedError } from './guarded-fetch.js';
import type { FetchRefusalReason, GuardedFetch } from './guarded-fetch.js';
import type { RobotsPolicy } from './robots.js';

/** What extractArticle finds in a page. */
export interface ExtractedArticle {
  title: string;
  /** Paragraphs separated by blank lines, no markup, NFC. */
  text: string;
  excerpt?: string;
  /** Primary language subtag, lower-case ("vi", "en"). */
  lang?: string;
  /** rel=canonical (else og:url), absolute, http(s), same site as the page, tracking parameters removed. */
  canonicalUrl?: string;
  /** rel=amphtml, absolute. */
  ampUrl?: string;
  publishedAt?: Date;
  siteName?: string;
}

/** Options of extractArticle. */
export interface ExtractOptions {
  /** UTC offset assumed for timestamps written without one. Default "+07:00" (Vietnam). */
  defaultUtcOffset?: string;
}

// The subset of the DOM used here; linkedom's own typings lean on the browser's lib.dom.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
// Readability's cost grows faster than the element count (on linkedom ≈0.5 s for a 4k-element news
// page, up to ≈3 s for a contrived 8k-element one); past these limits a page is hostile or broken
// and gets the plain block-text fallback instead.
const MAX_READABILITY_ELEMENTS = 8_000;
const MAX_READABILITY_DEPTH = 80;
const MAX_HTML_CHARS = 8 * 1024 * 1024;
// The HTML parser under linkedom (htmlparser2) spends time proportional to the current nesting on
// every start tag, so 100k nested <div>s take minutes. Pages whose summed nesting passes this budget
// (a real page is well under 1M) are read by the linear tag scanner below instead.
const MAX_NESTING_COST = 20_000_000;
// Building a DOM costs ≈20 µs an element on linkedom; a real page has a few thousand.
const MAX_PARSED_TAGS = 60_000;
// linkedom handles each character reference separately (5–15 µs each): 1M "&amp;" take 5 s.
const MAX_CHARACTER_REFERENCES = 50_000;
// Readability runs several regular-expression passes over the text; beyond this size the plain
// block text is taken (real article pages are well under 1 MB of HTML).
const MAX_READABILITY_CHARS = 2_000_000;
const MAX_JSON_LD_CHARS = 512 * 1024;

// Never article text; removing them first also makes Readability's passes cheaper.
const NOISE_SELECTOR =
  'script, style, noscript, template, iframe, object, embed, svg, math, canvas, nav, aside, select, button, textarea';
// Bylines and author boxes: the product indexes claims, not people.
const AUTHOR_SELECTOR = [
  '[rel~="author"]',
  '[itemprop~="author"]',
  '[class*="author" i]',
  '[id*="author" i]',
  '[class*="byline" i]',
  '[class*="tac-gia" i]',
  '[class*="tacgia" i]',
].join(', ');
const MAX_AUTHOR_BOX_CHARS = 160;

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'HEAD',
]);
const CELL_TAGS = new Set(['TD', 'TH']);

/** Block-aware text of a subtree, walked without recursion so deep nesting cannot overflow the stack. */
function blockText(root: DomNode, extraSkipped?: ReadonlySet<string>): string {
  let out = '';
  const brk = (tag: string): void => {
    if (BLOCK_TAGS.has(tag)) out += '\n\n';
    else if (CELL_TAGS.has(tag)) out += ' ';
  };
  let node: DomNode | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      out += (node.textContent ?? '').replace(/\s+/g, ' ');
    } else if (node.nodeType === ELEMENT_NODE) {
      const tag = node.nodeName.toUpperCase();
      if (tag === 'BR') out += '\n';
      else if (!SKIPPED_TAGS.has(tag) && !extraSkipped?.has(tag)) {
        brk(tag);
        descend = node.firstChild !== null;
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === ELEMENT_NODE) brk(node.nodeName.toUpperCase());
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return tidy(out);
}

/** Paragraphs (blank-line separated) from raw text with \n\n block breaks and \n line breaks. */
function tidy(out: string): string {
  return out
    .replace(/[ \t\u00a0]*\n[ \t\u00a0]*/g, '\n')
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n')
    .normalize('NFC');
}

/** Element count and nesting depth, walked iteratively; stops counting once `limit` is passed. */
function measure(root: DomNode, limit: number): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  let maxDepth = 0;
  let node: DomNode | null = root.firstChild;
  while (node && elements <= limit) {
    if (node.nodeType === ELEMENT_NODE) {
      elements++;
      if (node.firstChild) {
        depth++;
        if (depth > maxDepth) maxDepth = depth;
        node = node.firstChild;
        continue;
      }
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return { elements, depth: maxDepth };
}

function removeNoise(doc: DomDocument): void {
  for (const el of Array.from(doc.querySelectorAll(NOISE_SELECTOR))) el.remove();
  for (const el of Array.from(doc.querySelectorAll(AUTHOR_SELECTOR))) {
    // A container whose class merely mentions "author" may hold the article itself.
    if ((el.textContent ?? '').length <= MAX_AUTHOR_BOX_CHARS) el.remove();
  }
}

const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
// Closed implicitly by the next sibling, so they do not deepen real documents.
const SELF_CLOSING_IN_PRACTICE = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);
const RAW_TEXT_TAGS = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'noscript',
  'template',
  'xmp',
]);
// [^<>]: a tag never spans another "<", so a page of "<a<a<a…" cannot make the scan quadratic.
const TAG_RE = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^<>]*>/g;

interface TagVisitor {
  text(raw: string): void;
  open(name: string): void;
  close(name: string): void;
  rawText(name: string, raw: string): void;
}

/** A linear scan over tags and text (no tree), for sizing a page and reading hostile ones. */
function scanTags(html: string, visit: TagVisitor): void {
  TAG_RE.lastIndex = 0;
  let last = 0;
  for (let m = TAG_RE.exec(html); m; m = TAG_RE.exec(html)) {
    if (m.index > last) visit.text(html.slice(last, m.index));
    last = TAG_RE.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // a comment
    if (m[1]) {
      visit.close(name);
      continue;
    }
    visit.open(name);
    if (RAW_TEXT_TAGS.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'ig');
      end.lastIndex = last;
      const close = end.exec(html);
      visit.rawText(name, html.slice(last, close ? close.index : html.length));
      last = close ? end.lastIndex : html.length;
      TAG_RE.lastIndex = last;
    }
  }
  if (last < html.length) visit.text(html.slice(last));
}

/** Start tags, and the sum over start tags of the nesting depth there: what parsing would cost. */
function parseCost(html: string): { tags: number; nesting: number } {
  let depth = 0;
  let nesting = 0;
  let tags = 0;
  scanTags(html, {
    text: () => undefined,
    rawText: () => undefined,
    open(name) {
      tags++;
      if (VOID_TAGS.has(name) || SELF_CLOSING_IN_PRACTICE.has(name) || RAW_TEXT_TAGS.has(name)) {
        return;
      }
      depth++;
      nesting += depth;
    },
    close(name) {
      if (depth > 0 && !SELF_CLOSING_IN_PRACTICE.has(name) && !VOID_TAGS.has(name)) depth--;
    },
  });
  return { tags, nesting };
}

function countAmpersands(html: string, limit: number): number {
  let count = 0;
  for (let i = html.indexOf('&'); i >= 0 && count <= limit; i = html.indexOf('&', i + 1)) count++;
  return count;
}

/** Title and block text of a page too hostile to build a DOM for. */
function scanFallback(html: string): ExtractedArticle {
  let out = '';
  let title: string | undefined;
  let inBody = !/<body\b/i.test(html);
  scanTags(html, {
    text(raw) {
      if (inBody) out += decodeHTML(raw).replace(/\s+/g, ' ');
    },
    rawText(name, raw) {
      if (name === 'title' && title === undefined) title = clean(decodeHTML(raw));
    },
    open(name) {
      if (name === 'body') inBody = true;
      else if (name === 'br') out += '\n';
      else if (BLOCK_TAGS.has(name.toUpperCase())) out += '\n\n';
    },
    close(name) {
      if (BLOCK_TAGS.has(name.toUpperCase())) out += '\n\n';
    },
  });
  return { title: title ?? '', text: tidy(out) };
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim().normalize('NFC');
  return text ? text : undefined;
}

function httpUrl(href: string | null | undefined, base: string): URL | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function siteHost(host: string): string {
  return host.replace(/^(?:(?:www|m|mobile|amp|wap)\.)+/, '');
}

/** Same site: equal after dropping www/m/amp prefixes, or one a subdomain of the other. */
function sameSite(a: URL, b: URL): boolean {
  const x = siteHost(a.hostname);
  const y = siteHost(b.hostname);
  if (x === y) return true;
  const [shorter, longer] = x.length < y.length ? [x, y] : [y, x];
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
}

function canonicalOf(href: string | null | undefined, base: string): string | undefined {
  const url = httpUrl(href, base);
  const page = httpUrl(base, base);
  // A page may not claim another site's address: a copy would be filed as the original.
  if (!url || !page || !sameSite(url, page)) return undefined;
  try {
    return canonicalizeUrl(url.href);
  } catch {
    return undefined;
  }
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parses an ISO-8601-like timestamp; a missing offset is taken as `defaultOffset`. */
function parseDate(value: string | null | undefined, defaultOffset: string): Date | undefined {
  const m = value ? ISO_DATE.exec(value.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  let offset = zone ?? defaultOffset;
  if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset.toUpperCase()}`);
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 1990 || year > 2100 ? undefined : date;
}

/** datePublished from JSON-LD blocks (objects, arrays, @graph), searched breadth-first with a bound. */
function jsonLdDatePublished(doc: DomDocument): string | undefined {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = script.textContent ?? '';
    if (raw.length > MAX_JSON_LD_CHARS) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    for (let seen = 0; queue.length > 0 && seen < 500; seen++) {
      const item = queue.shift();
      if (Array.isArray(item)) {
        for (const value of item as unknown[]) if (queue.length < 500) queue.push(value);
      } else if (item && typeof item === 'object') {
        const record = item as Record<string, unknown>;
        if (typeof record.datePublished === 'string') return record.datePublished;
        for (const [key, value] of Object.entries(record)) {
          // Authors and publishers are people and organisations, not the article.
          if (key !== 'author' && key !== 'publisher' && typeof value === 'object')
            queue.push(value);
        }
      }
    }
  }
  return undefined;
}

interface PageMeta {
  meta: Map<string, string>;
  links: Map<string, string>;
  lang?: string;
  jsonLdPublished?: string;
  timeDatetime?: string;
  documentTitle?: string;
  firstHeading?: string;
}

function readMeta(doc: DomDocument): PageMeta {
  const meta = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const key = (
      el.getAttribute('property') ??
      el.getAttribute('name') ??
      el.getAttribute('itemprop') ??
      el.getAttribute('http-equiv') ??
      ''
    ).toLowerCase();
    const content = el.getAttribute('content');
    if (key && content && !meta.has(key)) meta.set(key, content);
  }
  const links = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('link[rel][href]'))) {
    const href = el.getAttribute('href') ?? '';
    for (const rel of (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/)) {
      if (rel && !links.has(rel)) links.set(rel, href);
    }
  }
  const time =
    doc.querySelector('time[itemprop="datePublished"][datetime]') ??
    doc.querySelector('article time[datetime]') ??
    doc.querySelector('time[datetime]');
  return {
    meta,
    links,
    lang: doc.documentElement?.getAttribute('lang') ?? undefined,
    jsonLdPublished: jsonLdDatePublished(doc),
    timeDatetime: time?.getAttribute('datetime') ?? undefined,
    documentTitle: clean(doc.querySelector('title')?.textContent),
    firstHeading: clean(doc.querySelector('h1')?.textContent),
  };
}

function primaryLanguage(...candidates: (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const primary = candidate?.trim().split(/[-_]/)[0]?.toLowerCase();
    if (primary && /^[a-z]{2,3}$/.test(primary)) return primary;
  }
  return undefined;
}

/** Extracts the readable article from an HTML page fetched from `baseUrl`. Never runs page scripts. */
export function extractArticle(
  html: string,
  baseUrl: string,
  options: ExtractOptions = {},
): ExtractedArticle {
  const defaultOffset = options.defaultUtcOffset ?? '+07:00';
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const cost = parseCost(source);
  if (
    cost.tags > MAX_PARSED_TAGS ||
    cost.nesting > MAX_NESTING_COST ||
    countAmpersands(source, MAX_CHARACTER_REFERENCES) > MAX_CHARACTER_REFERENCES
  ) {
    return scanFallback(source);
  }
  const { document } = parseHTML(source) as unknown as { document: DomDocument };
  const page = readMeta(document);
  const { meta, links } = page;

  removeNoise(document);

  type Parsed = ReturnType<Readability<DomNode>['parse']>;
  let parsed: Parsed = null;
  const size = document.documentElement
    ? measure(document.documentElement, MAX_READABILITY_ELEMENTS)
    : { elements: 0, depth: 0 };
  if (
    source.length <= MAX_READABILITY_CHARS &&
    size.elements <= MAX_READABILITY_ELEMENTS &&
    size.depth <= MAX_READABILITY_DEPTH
  ) {
    try {
      parsed = new Readability<DomNode>(document, {
        serializer: (node) => node as DomNode,
        // Metadata was read above; the page's JSON-LD may name people.
        disableJSONLD: true,
      }).parse();
    } catch {
      parsed = null;
    }
  }
  let text = parsed?.content ? blockText(parsed.content) : '';
  if (!text && document.body) {
    text = blockText(document.body, new Set(['HEADER', 'FOOTER', 'FORM']));
  }

  const title =
    clean(parsed?.title) ??
    clean(meta.get('og:title')) ??
    clean(meta.get('twitter:title')) ??
    page.documentTitle ??
    page.firstHeading ??
    '';
  const publishedAt =
    parseDate(meta.get('article:published_time'), defaultOffset) ??
    parseDate(meta.get('datepublished'), defaultOffset) ??
    parseDate(page.jsonLdPublished, defaultOffset) ??
    parseDate(meta.get('pubdate'), defaultOffset) ??
    parseDate(meta.get('publishdate'), defaultOffset) ??
    parseDate(meta.get('dc.date.issued'), defaultOffset) ??
    parseDate(page.timeDatetime, defaultOffset) ??
    parseDate(parsed?.publishedTime, defaultOffset);
  const canonicalUrl =
    canonicalOf(links.get('canonical'), baseUrl) ?? canonicalOf(meta.get('og:url'), baseUrl);
  const ampUrl = httpUrl(links.get('amphtml'), baseUrl)?.href;
  const lang = primaryLanguage(
    parsed?.lang,
    page.lang,
    meta.get('content-language'),
    meta.get('og:locale'),
  );
  const excerpt = clean(parsed?.excerpt);
  const siteName = clean(parsed?.siteName) ?? clean(meta.get('og:site_name'));
  return {
    title,
    text,
    ...(excerpt ? { excerpt } : {}),
    ...(lang ? { lang } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(ampUrl ? { ampUrl } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    ...(siteName ? { siteName } : {}),
  };
}

/** Result of fetchArticle: the article, or why there is none. */
export type FetchArticleResult =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      /** The page's own canonical URL, else the canonicalised final URL. */
      canonicalUrl: string;
      title: string;
      text: string;
      excerpt?: string;
      lang?: string;
      publishedAt?: Date;
      siteName?: string;
      ampUrl?: string;
      /** The character encoding the body was decoded from. */
      encoding: string;
      /** Size of the (decompressed) body. */
      bytes: number;
    }
  | {
      ok: false;
      url: string;
      reason: FetchRefusalReason | 'robots' | 'no-content';
      message: string;
      status?: number;
    };

/** Options of fetchArticle. */
export interface FetchArticleOptions extends ExtractOptions {
  /** When given, a URL that robots.txt disallows is not fetched. */
  robots?: RobotsPolicy;
  signal?: AbortSignal;
}

/** Fetches an article page through the guarded fetcher, decodes it and extracts the article. */
export async function fetchArticle(
  fetcher: GuardedFetch,
  url: string,
  options: FetchArticleOptions = {},
): Promise<FetchArticleResult> {
  if (options.robots && !(await options.robots.isAllowed(url))) {
    return { ok: false, url, reason: 'robots', message: `robots.txt disallows ${url}.` };
  }
  let response;
  try {
    response = await fetcher(url, {
      accept: ARTICLE_CONTENT_TYPES,
      headers: { 'accept-language': 'vi,en;q=0.8' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof FetchRefusedError)) throw error;
    return {
      ok: false,
      url,
      reason: error.reason,
      message: error.message,
      ...(error.status === undefined ? {} : { status: error.status }),
    };
  }
  const decoded = decodeBody(response.body, {
    contentType: response.contentType,
    ...(response.charset ? { charset: response.charset } : {}),
    kind: 'html',
  });
  const article = extractArticle(decoded.text, response.finalUrl, options);
  if (!article.text) {
    return {
      ok: false,
      url,
      reason: 'no-content',
      message: `No article text found at ${response.finalUrl}.`,
      status: response.status,
    };
  }
  const { canonicalUrl, ...rest } = article;
  return {
    ok: true,
    url,
    finalUrl: response.finalUrl,
    canonicalUrl: canonicalUrl ?? canonicalizeUrl(response.finalUrl),
    ...rest,
    encoding: decoded.encoding,
    bytes: response.body.length,
  };
}
