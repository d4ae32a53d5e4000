/**
 * Fetches a page pasted as evidence through the guarded fetcher: the raw bytes for the record,
 * and for HTML and text the readable text, so the snapshot can be read and searched after the
 * page changes or disappears. Pages, text, PDFs and images are accepted; size and time are the
 * fetcher's caps.
 */
import type { DocumentFetcher } from '../../core/evidence.service.js';
import { FetchFailedError } from '../../core/errors.js';
import { decodeBody } from '../net/charset.js';
import { extractArticle } from '../net/extract.js';
import { FetchRefusedError, type GuardedFetch } from '../net/guarded-fetch.js';

/** What a snapshot may be of. */
export const SNAPSHOT_CONTENT_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/*',
  'application/pdf',
  'image/*',
];

const HTML = new Set(['text/html', 'application/xhtml+xml']);

export function createDocumentFetcher(fetcher: GuardedFetch): DocumentFetcher {
  return async (url) => {
    let response;
    try {
      response = await fetcher(url, {
        accept: SNAPSHOT_CONTENT_TYPES,
        headers: { 'accept-language': 'vi,en;q=0.8' },
      });
    } catch (error) {
      if (error instanceof FetchRefusedError)
        throw new FetchFailedError(error.reason, error.message);
      throw error;
    }
    let title: string | null = null;
    let text = '';
    const type = response.contentType;
    if (type === null || HTML.has(type) || type.startsWith('text/')) {
      const isHtml = type === null || HTML.has(type);
      const decoded = decodeBody(response.body, {
        contentType: type,
        ...(response.charset ? { charset: response.charset } : {}),
        kind: isHtml ? 'html' : 'text',
      });
      if (isHtml) {
        const article = extractArticle(decoded.text, response.finalUrl);
        title = article.title || null;
        text = article.text;
      } else {
        text = decoded.text;
      }
    }
    return {
      url,
      finalUrl: response.finalUrl,
      status: response.status,
      contentType: type,
      body: response.body,
      title,
      text,
    };
  };
}
