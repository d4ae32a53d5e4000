/**
 * Markdown preview: rendered by the server with the renderer and allow-list of published
 * explanations (POST /checks/preview), so the preview is what readers will get; sanitised here
 * again with DOMPurify under the same allow-list, so it is safe whatever the server sends.
 */
import DOMPurify from 'dompurify';
import { checks } from './api.js';
import { PREVIEW_ATTRIBUTES, PREVIEW_SCHEMES, PREVIEW_TAGS } from './markdown-policy.js';

/** Safe HTML for a Markdown text. */
export async function renderMarkdown(markdown: string): Promise<string> {
  const { html } = await checks.preview(markdown);
  return sanitize(html);
}

const allAttributes = [...new Set(Object.values(PREVIEW_ATTRIBUTES).flat())];
// A web scheme, or no scheme at all (relative) but not protocol-relative "//host".
const allowedUri = new RegExp(
  `^(?:(?:${PREVIEW_SCHEMES.join('|')}):|(?![a-z][a-z0-9+.-]*:)(?!//))`,
  'i',
);
let hooked = false;

/** Even server HTML is sanitised: the preview must be safe whatever the source. */
export function sanitize(html: string): string {
  if (!hooked) {
    // DOMPurify's attribute list is global; this keeps each attribute on its own tags only.
    DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
      const allowed = PREVIEW_ATTRIBUTES[node.nodeName.toLowerCase()] ?? [];
      if (!allowed.includes(data.attrName)) data.keepAttr = false;
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [...PREVIEW_TAGS],
    ALLOWED_ATTR: allAttributes,
    ALLOWED_URI_REGEXP: allowedUri,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
}
