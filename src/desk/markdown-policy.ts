/**
 * What a check's explanation may contain once rendered: the same allow-list as the server's
 * sanitiser (src/core/markdown.ts; markdown-policy.test.ts holds the two together). No `style`,
 * `class` or `id` anywhere: those let a stored text cover the desk (UI redress) or clobber the DOM.
 */
export const PREVIEW_TAGS: readonly string[] = [
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
];

/** Attributes allowed per tag. */
export const PREVIEW_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'rel'],
  ol: ['start'],
};

/** URL schemes a link may use; relative links are kept, protocol-relative ones are not. */
export const PREVIEW_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];
