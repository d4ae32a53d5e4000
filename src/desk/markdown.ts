/**
 * Markdown preview: rendered by the server when it offers that, otherwise here with marked and
 * sanitised with DOMPurify (no scripts, no event handlers, no javascript: links).
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { ApiError, checks } from './api.js';

let serverRenders: boolean | null = null;

/** Safe HTML for a Markdown text. */
export async function renderMarkdown(markdown: string): Promise<string> {
  if (serverRenders !== false) {
    try {
      const { html } = await checks.preview(markdown);
      serverRenders = true;
      return sanitize(html);
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      serverRenders = false;
    }
  }
  return sanitize(await marked.parse(markdown, { async: true, gfm: true }));
}

/** Even server HTML is sanitised: the preview must be safe whatever the source. */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'] });
}
