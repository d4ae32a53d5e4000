import { decodeHTMLStrict, replaceCodePoint } from 'entities/decode';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** Thrown when the entities a document declares would expand past its budget. */
export class EntityBudgetError extends Error {
  constructor(readonly limit: number) {
    super(`declared entities would expand to more than ${limit} characters`);
    this.name = 'EntityBudgetError';
  }
}

/**
 * Entities a document declared in its DOCTYPE (plain internal text only) and how many
 * characters their expansion may still produce in the whole document.
 */
export interface DeclaredEntities {
  values: Map<string, string>;
  /** Characters left to expand; starts at `limit`. */
  budget: number;
  limit: number;
}

const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z_][A-Za-z0-9._-]{0,63});/g;
const XML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const htmlNamedCache = new Map<string, string | null>();

function decodeNamedHtml(name: string): string | undefined {
  let hit = htmlNamedCache.get(name);
  if (hit === undefined) {
    const ref = `&${name};`;
    const decoded = decodeHTMLStrict(ref);
    hit = decoded === ref ? null : decoded;
    if (htmlNamedCache.size < 4096) htmlNamedCache.set(name, hit);
  }
  return hit ?? undefined;
}

/**
 * Decodes character references in XML character data: numeric ones, the five XML names, the
 * document's own plain internal entities (within their budget) and, because feeds use them
 * without declaring them, HTML's named entities. Unknown names stay as written.
 */
export function decodeXmlEntities(raw: string, declared?: DeclaredEntities): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const hex = ref.charCodeAt(1) === 0x78 || ref.charCodeAt(1) === 0x58;
      const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      // replaceCodePoint maps 0, surrogates and out-of-range values to U+FFFD and the C1 range
      // to windows-1252, which is what "&#146;" in a feed meant. Other controls are dropped.
      const cp = replaceCodePoint(code);
      return isControl(cp) ? '' : String.fromCodePoint(cp);
    }
    const xml = XML_NAMED[ref];
    if (xml !== undefined) return xml;
    const own = declared?.values.get(ref);
    if (own !== undefined && declared) {
      declared.budget -= own.length;
      if (declared.budget < 0) throw new EntityBudgetError(declared.limit);
      return own;
    }
    return decodeNamedHtml(ref) ?? whole;
  });
}

// Control characters other than tab and newlines, which XML forbids and which break storage.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const NON_ASCII = /[\u0080-\uffff]/;

function isControl(cp: number): boolean {
  return (
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    cp === 0x7f ||
    cp === 0xfffe ||
    cp === 0xffff
  );
}

/**
 * Removes control characters (other than tab and line breaks). XML documents are cleaned once
 * as a whole before parsing, and decoded character references never produce them, so text
 * fields from XML need no further pass; JSON strings are cleaned one by one.
 */
export function stripControls(s: string): string {
  return s.replace(CONTROL, '');
}

/** Unicode NFC; the last step for every text field. */
export function finishText(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

// Whitespace runs other than a lone space: one scan, and no new string when there are none.
const UNTIDY = /[^\S ]\s*| \s+/g;

/** Whitespace runs to single spaces, trimmed, NFC: for titles and summaries. */
export function collapseText(s: string): string {
  return finishText(s.replace(UNTIDY, ' ').trim());
}

/** Blank runs to one space and at most one empty line between paragraphs: for content. */
export function tidyMultiline(s: string): string {
  return finishText(
    s
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  );
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
// Elements whose text is not part of what a reader sees.
const HIDDEN = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'svg',
  'math',
]);

const HTML_HINT = /<[A-Za-z!/?]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});/;

/** True when a string carries markup or character references worth parsing as HTML. */
export function looksLikeHtml(s: string): boolean {
  return HTML_HINT.test(s);
}

/**
 * Collects the visible text of an HTML fragment from htmlparser2's tokeniser. The tokeniser
 * alone is used, not its Parser: text extraction needs no element stack, and the Parser's stack
 * costs time proportional to nesting depth on every tag (quadratic on hostile input).
 */
class TextCollector implements TokenizerCallbacks {
  readonly parts: string[] = [];
  private hidden = 0;
  private lastOpen = '';

  constructor(private readonly html: string) {}

  private name(start: number, end: number): string {
    return this.html.slice(start, end).toLowerCase();
  }

  onopentagname(start: number, end: number): void {
    const name = this.name(start, end);
    this.lastOpen = name;
    if (HIDDEN.has(name)) this.hidden += 1;
    else if (BLOCK.has(name)) this.parts.push('\n');
  }

  onselfclosingtag(): void {
    // <svg/> and the like open nothing.
    if (HIDDEN.has(this.lastOpen)) this.hidden = Math.max(0, this.hidden - 1);
  }

  onclosetag(start: number, end: number): void {
    const name = this.name(start, end);
    if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden - 1);
    else if (BLOCK.has(name)) this.parts.push('\n');
  }

  ontext(start: number, end: number): void {
    if (this.hidden === 0) this.parts.push(this.html.slice(start, end));
  }

  onattribdata(): void {}
  onattribentity(): void {}
  onattribend(): void {}
  onattribname(): void {}
  oncdata(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onopentagend(): void {}
  onprocessinginstruction(): void {}
  ontextentity(): void {}
}

/**
 * Plain text of an HTML fragment: tags removed, entities decoded, script and style dropped,
 * block elements turned into line breaks. Nothing is executed or fetched: the tokeniser only
 * splits text from markup. With multiline false every whitespace run becomes one space.
 */
export function htmlToText(html: string, multiline = false): string {
  const finish = multiline ? tidyMultiline : collapseText;
  // No tags: character references are all there is to do, without a tokeniser.
  if (!html.includes('<')) return finish(decodeXmlEntities(html));
  const collector = new TextCollector(html);
  // Entities are decoded once, on the joined text: cheaper than per-entity callbacks.
  const tokenizer = new Tokenizer({ decodeEntities: false }, collector);
  tokenizer.write(html);
  tokenizer.end();
  return finish(decodeXmlEntities(collector.parts.join('')));
}
