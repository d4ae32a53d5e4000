import { Parser } from 'htmlparser2';
import { decodeXmlEntities, type DeclaredEntities } from './feed-text.js';

/**
 * A small XML tree for feeds. Element names are split into a canonical namespace key (see
 * {@link NS}) and a local name, so `<a:entry xmlns:a="http://www.w3.org/2005/Atom">` and
 * `<entry xmlns="http://www.w3.org/2005/Atom">` look the same. Text children are already
 * entity-decoded; CDATA is kept verbatim.
 */
export interface XmlElement {
  ns: string;
  local: string;
  /** Attributes by local name, or "key:local" for namespaced ones (xml:base, rdf:about). */
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
  /** Absolute base URL from xml:base on this element or an ancestor (resolved against the document URL). */
  base?: string;
  /** xml:lang on this element or an ancestor. */
  lang?: string;
}

/** Canonical keys for the namespaces the mappers read. Elements without a namespace get ''. */
export const NS = {
  none: '',
  atom: 'atom',
  atom03: 'atom03',
  rss090: 'rss090',
  rss10: 'rss10',
  rdf: 'rdf',
  dc: 'dc',
  dcterms: 'dcterms',
  content: 'content',
  xhtml: 'xhtml',
  sitemap: 'sitemap',
  news: 'news',
  media: 'media',
  itunes: 'itunes',
} as const;

const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': NS.atom,
  'http://purl.org/atom/ns#': NS.atom03,
  'http://purl.org/atom/ns': NS.atom03,
  'http://my.netscape.com/rdf/simple/0.9/': NS.rss090,
  'http://purl.org/rss/1.0/': NS.rss10,
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': NS.rdf,
  'http://purl.org/dc/elements/1.1/': NS.dc,
  'http://purl.org/dc/elements/1.0/': NS.dc,
  'http://purl.org/dc/terms/': NS.dcterms,
  'http://purl.org/rss/1.0/modules/content/': NS.content,
  'http://www.w3.org/1999/xhtml': NS.xhtml,
  'http://www.sitemaps.org/schemas/sitemap/0.9': NS.sitemap,
  'http://www.google.com/schemas/sitemap/0.9': NS.sitemap,
  'http://www.google.com/schemas/sitemap/0.84': NS.sitemap,
  'http://www.google.com/schemas/sitemap-news/0.9': NS.news,
  'http://search.yahoo.com/mrss/': NS.media,
  'http://search.yahoo.com/mrss': NS.media,
  'http://www.itunes.com/dtds/podcast-1.0.dtd': NS.itunes,
  // RSS 2.0 was briefly given namespaces; its elements mean the same as unqualified ones.
  'http://backend.userland.com/rss2': NS.none,
  'http://blogs.law.harvard.edu/tech/rss': NS.none,
  'http://backend.userland.com/rss092': NS.none,
};

// Prefixes feeds use without declaring them (an XML error that strict parsers reject).
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: NS.atom,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  rdf: NS.rdf,
  media: NS.media,
  news: NS.news,
  itunes: NS.itunes,
  xhtml: NS.xhtml,
};

function namespaceKey(uri: string): string {
  const trimmed = uri.trim();
  return NAMESPACES[trimmed] ?? NAMESPACES[trimmed.toLowerCase()] ?? trimmed;
}

/** Why an XML document was refused before parsing. */
export class UnsafeXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeXmlError';
  }
}

/** Why an XML document could not be read at all. */
export class MalformedXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedXmlError';
  }
}

/** Limits for {@link parseXmlTree}. */
export interface XmlTreeOptions {
  /** Base URL for xml:base resolution (the document's URL). */
  url?: string;
  /** Characters that declared entities may expand to, in total. */
  entityBudget?: number;
}

// Real feeds nest a few dozen levels at most. The tokeniser's open-element stack costs time
// proportional to its depth on every push and mismatched close, so a document nested
// absurdly deep is refused rather than parsed in quadratic time.
const MAX_DEPTH = 256;
const MAX_DECLARED_ENTITIES = 256;
const DEFAULT_ENTITY_BUDGET = 1_000_000;
const ENTITY_DECL = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s*(?:(SYSTEM|PUBLIC)\b|"([^"]*)"|'([^']*)')?/gi;

interface Doctype {
  start: number;
  end: number;
  subset: string;
}

/** Finds a DOCTYPE in the prolog; its internal subset is read with quotes and comments in mind. */
function findDoctype(text: string): Doctype | undefined {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text.charAt(i))) i += 1;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else break;
  }
  if (text.slice(i, i + 9).toUpperCase() !== '<!DOCTYPE') return undefined;
  const start = i;
  let subsetStart = -1;
  let subsetEnd = -1;
  let quote = '';
  let inSubset = false;
  for (let j = i + 9; j < n; j++) {
    const c = text.charAt(j);
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (inSubset && text.startsWith('<!--', j)) {
      const end = text.indexOf('-->', j + 4);
      if (end < 0) break;
      j = end + 2;
    } else if (c === '[' && !inSubset && subsetStart < 0) {
      inSubset = true;
      subsetStart = j + 1;
    } else if (c === ']' && inSubset) {
      inSubset = false;
      subsetEnd = j;
    } else if (c === '>' && !inSubset) {
      return {
        start,
        end: j + 1,
        subset: subsetStart >= 0 ? text.slice(subsetStart, subsetEnd) : '',
      };
    }
  }
  throw new MalformedXmlError('unterminated DOCTYPE');
}

/**
 * Reads a DOCTYPE's internal subset. External entities (SYSTEM/PUBLIC) and parameter entities
 * are refused, since resolving them reads files or the network (XXE); so are entities whose
 * values refer to other entities, the building block of "billion laughs". Plain text
 * entities are kept and expanded later within a total budget, which stops quadratic blowup.
 * The DTD is never fetched.
 */
function declaredEntities(subset: string, budget: number): DeclaredEntities {
  const values = new Map<string, string>();
  if (subset === '') return { values, budget, limit: budget };
  for (const m of subset.matchAll(ENTITY_DECL)) {
    const [, percent, name, external, dq, sq] = m;
    if (percent) throw new UnsafeXmlError(`parameter entity "${name ?? ''}" in the DOCTYPE`);
    if (external) throw new UnsafeXmlError(`external entity "${name ?? ''}" (${external})`);
    const value = dq ?? sq;
    if (value === undefined || name === undefined) continue;
    if (/&(?!#)|%/.test(value))
      throw new UnsafeXmlError(`entity "${name}" refers to other entities`);
    if (values.size >= MAX_DECLARED_ENTITIES)
      throw new UnsafeXmlError('too many entity declarations');
    values.set(name, decodeXmlEntities(value));
  }
  return { values, budget, limit: budget };
}

function resolveBase(ref: string, base: string | undefined): string | undefined {
  try {
    return new URL(ref.trim(), base).href;
  } catch {
    return base;
  }
}

/** True when no attribute needs a namespace, an entity decoded or removing (xmlns). */
function plainAttributes(attribs: Record<string, string>): boolean {
  for (const key in attribs) {
    if (key.includes(':') || key === 'xmlns' || (attribs[key] ?? '').includes('&')) return false;
  }
  return true;
}

function rewriteAttributes(
  attribs: Record<string, string>,
  scope: Map<string, string>,
  declared: DeclaredEntities,
): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const key in attribs) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    const raw = attribs[key] ?? '';
    const value = raw.includes('&') ? decodeXmlEntities(raw, declared) : raw;
    const c = key.indexOf(':');
    if (c > 0) {
      const p = key.slice(0, c);
      const pk = p === 'xml' ? 'xml' : (scope.get(p) ?? CONVENTIONAL_PREFIXES[p] ?? p);
      attrs[`${pk}:${key.slice(c + 1)}`] = value;
    } else attrs[key] = value;
  }
  return attrs;
}

/**
 * Parses XML into a tree of {@link XmlElement}s and returns the root element. Local names of
 * elements in no namespace are lower-cased. Tolerant like a
 * browser's feed reader (unclosed tags, undeclared prefixes and HTML entities are accepted),
 * never expands external or recursive entities, and never fetches anything.
 * Throws {@link UnsafeXmlError} or {@link MalformedXmlError}.
 */
export function parseXmlTree(text: string, options: XmlTreeOptions = {}): XmlElement {
  const doctype = findDoctype(text);
  const declared = declaredEntities(
    doctype?.subset ?? '',
    options.entityBudget ?? DEFAULT_ENTITY_BUDGET,
  );
  const source = doctype ? text.slice(0, doctype.start) + text.slice(doctype.end) : text;

  const top: XmlElement = {
    ns: '',
    local: '#document',
    attrs: {},
    children: [],
  };
  const stack: XmlElement[] = [top];
  const scopes: Array<Map<string, string>> = [new Map<string, string>()];
  let inCdata = false;
  let roots = 0;

  const appendText = (value: string): void => {
    const current = stack[stack.length - 1];
    if (!current || current === top) return;
    const last = current.children.length - 1;
    const prev = current.children[last];
    if (typeof prev === 'string') current.children[last] = prev + value;
    else current.children.push(value);
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (stack.length > MAX_DEPTH)
          throw new MalformedXmlError(`elements nested deeper than ${MAX_DEPTH} levels`);
        const parent = stack[stack.length - 1] ?? top;
        let scope = scopes[scopes.length - 1] ?? new Map<string, string>();
        let copied = false;
        for (const key in attribs) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (!copied) {
              scope = new Map(scope);
              copied = true;
            }
            scope.set(key === 'xmlns' ? '' : key.slice(6), namespaceKey(attribs[key] ?? ''));
          }
        }
        const colon = name.indexOf(':');
        const prefix = colon > 0 ? name.slice(0, colon) : '';
        const local = colon > 0 ? name.slice(colon + 1) : name;
        const ns = scope.get(prefix) ?? (prefix ? (CONVENTIONAL_PREFIXES[prefix] ?? prefix) : '');
        // Unqualified names (RSS 0.9x/2.0) are matched case-insensitively, as feed readers do:
        // <Title> and <pubdate> occur in the wild.
        const name0 = ns === '' ? local.toLowerCase() : local;
        const attrs = plainAttributes(attribs)
          ? attribs
          : rewriteAttributes(attribs, scope, declared);
        const element: XmlElement = { ns, local: name0, attrs, children: [] };
        const xmlBase = attrs['xml:base'];
        const base =
          xmlBase !== undefined ? resolveBase(xmlBase, parent.base ?? options.url) : parent.base;
        if (base !== undefined) element.base = base;
        const lang = attrs['xml:lang'] ?? parent.lang;
        if (lang !== undefined) element.lang = lang;
        if (parent === top) roots += 1;
        parent.children.push(element);
        stack.push(element);
        scopes.push(scope);
      },
      onclosetag() {
        if (stack.length > 1) {
          stack.pop();
          scopes.pop();
        }
      },
      ontext(data) {
        appendText(inCdata ? data : decodeXmlEntities(data, declared));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(source);
  parser.end();
  if (roots === 0) throw new MalformedXmlError('no root element');
  const elements = top.children.filter((c): c is XmlElement => typeof c !== 'string');
  return elements.find((e) => ROOT_NAMES.has(e.local)) ?? (elements[0] as XmlElement);
}

const ROOT_NAMES = new Set(['rss', 'RDF', 'feed', 'urlset', 'sitemapindex', 'channel']);

/** Child elements with the given local name in one of the given namespaces. */
export function childrenOf(el: XmlElement, local: string, ns: readonly string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (typeof c !== 'string' && c.local === local && ns.includes(c.ns)) out.push(c);
  }
  return out;
}

/** First child element with the given local name in one of the given namespaces. */
export function childOf(
  el: XmlElement,
  local: string,
  ns: readonly string[],
): XmlElement | undefined {
  for (const c of el.children) {
    if (typeof c !== 'string' && c.local === local && ns.includes(c.ns)) return c;
  }
  return undefined;
}

/** All text under an element, in document order; block-level XHTML adds line breaks. */
export function textOf(el: XmlElement): string {
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  const parts: string[] = [];
  const walk = (node: XmlElement, depth: number): void => {
    for (const c of node.children) {
      if (typeof c === 'string') parts.push(c);
      else if (depth < MAX_DEPTH) {
        const block = BLOCKISH.has(c.local);
        if (block) parts.push('\n');
        if (!HIDDEN_XHTML.has(c.local)) walk(c, depth + 1);
        if (block) parts.push('\n');
      }
    }
  };
  walk(el, 0);
  return parts.join('');
}

const BLOCKISH = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
]);
const HIDDEN_XHTML = new Set(['script', 'style']);
