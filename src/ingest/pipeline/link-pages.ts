/**
 * Links handed in without their text (a tip or a report that is only a URL) are fetched through
 * the guarded fetcher and their article extracted, so the matcher can compare what the page
 * says with the published checks. Fetching happens outside any transaction; the item then goes
 * through the pipeline again.
 */
import { preparePageText } from '../../core/intake.js';
import type { Clock, Repositories } from '../../core/ports.js';
import { fetchArticle } from '../net/extract.js';
import type { GuardedFetch } from '../net/guarded-fetch.js';

export interface LinkPageOptions {
  repos: Repositories;
  fetcher: GuardedFetch;
  clock: Clock;
  /** Pages fetched at once. Default 4. */
  concurrency?: number;
}

/** Fetches the pages of waiting links; returns how many were attempted. */
export function createLinkPageFetcher(options: LinkPageOptions) {
  const { repos, fetcher, clock } = options;
  const concurrency = options.concurrency ?? 4;
  return async function fetchWaitingPages(signal?: AbortSignal): Promise<number> {
    const links = await repos.pipeline.claimLinksToFetch(concurrency * 4, clock());
    let next = 0;
    const worker = async () => {
      while (next < links.length && !signal?.aborted) {
        const link = links[next++]!;
        // Asked for by a person, like a browser would: robots.txt governs crawling, not this.
        const article = await fetchArticle(fetcher, link.url, signal ? { signal } : {});
        if (article.ok) {
          await repos.pipeline.attachPage(link.id, {
            ...preparePageText({ title: article.title, text: article.text }),
            language: article.lang?.slice(0, 2).toLowerCase(),
            publishedAt: article.publishedAt,
          });
        } else {
          await repos.pipeline.pageFailed(link.id, `${article.reason}: ${article.message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, links.length) }, worker));
    return links.length;
  };
}
