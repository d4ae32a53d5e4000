/**
 * Markdown of checks' explanations, rendered once on the server: markdown-it with raw HTML
 * turned off, then sanitize-html with an allow-list, so neither an editor's typo nor pasted
 * markup can put a script, a style or an event handler in front of a reader.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/**
 * Tags a rendered explanation may contain. The desk's preview sanitiser (src/desk/markdown.ts)
 * allows exactly these; a test holds the two together.
 */
export const MARKDOWN_TAGS: readonly string[] = Object.freeze([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/**
 * Attributes allowed per tag. No `style`, `class` or `id`: an inline style (or a class or id the
 * page's own CSS knows) can lay a stored explanation over the whole page, and ids clobber the
 * DOM. Table alignment from Markdown is dropped with them.
 */
export const MARKDOWN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  a: Object.freeze(['href', 'title', 'rel']),
  ol: Object.freeze(['start']),
});

/** URL schemes a link may use. */
export const MARKDOWN_SCHEMES: readonly string[] = Object.freeze(['http', 'https', 'mailto']);

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [...MARKDOWN_TAGS],
  allowedAttributes: Object.fromEntries(
    Object.entries(MARKDOWN_ATTRIBUTES).map(([tag, names]) => [tag, [...names]]),
  ),
  allowedStyles: {},
  allowedSchemes: [...MARKDOWN_SCHEMES],
  allowProtocolRelative: false,
  transformTags: {
    // Links in published answers point away from the site: no referrer, no opener.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }),
  },
};

/** HTML reduced to the explanation allow-list (tags, attributes, link schemes). */
export function sanitizeExplanationHtml(html: string): string {
  return sanitizeHtml(html, allowed);
}

/** Safe HTML of a Markdown text. */
export function renderMarkdown(source: string): string {
  return sanitizeExplanationHtml(markdown.render(source));
}
