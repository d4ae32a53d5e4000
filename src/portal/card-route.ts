/**
 * The verdict card of a published check: a 1200×630 PNG for link previews (og:image,
 * twitter:image) at `<check page>/card.png`, in the page's language. Cards are drawn once per
 * content (the cache key covers everything the card shows, update time included), so a corrected
 * or re-published check gets a new card and the next request draws it; browsers and proxies
 * revalidate with the card's ETag.
 */
import type { FastifyInstance } from 'fastify';
import type { PortalService } from '../core/portal.service.js';
import { VerdictCardCache } from './cards/verdict-card-cache.js';
import { LANGS } from './i18n.js';
import { pathOf, pattern } from './paths.js';

export interface CardRouteOptions {
  baseUrl: string;
  portal: PortalService;
  /** The name printed on the card. */
  siteName: string;
  cache?: VerdictCardCache;
}

/** Cards may be kept five minutes and served stale while a fresh one is fetched. */
const CARD_CACHE = 'public, max-age=300, stale-while-revalidate=86400';

export function registerCardRoutes(app: FastifyInstance, options: CardRouteOptions): void {
  const cache = options.cache ?? new VerdictCardCache();
  for (const lang of LANGS) {
    app.get<{ Params: { slug: string } }>(
      `${pattern('check', lang)}/card.png`,
      { config: { permission: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const { slug } = request.params;
        const check = await options.portal.check(slug);
        if (!check) {
          return reply
            .code(404)
            .header('cache-control', 'public, max-age=60')
            .type('text/plain; charset=utf-8')
            .send('Not found');
        }
        const page = new URL(options.baseUrl + pathOf('check', 'vi', { slug }));
        const card = await cache.get({
          checkId: check.id,
          version: 0,
          updatedAt: check.updatedAt,
          rating: check.rating,
          claim: check.claimText,
          summary: check.summary,
          publishedAt: check.publishedAt,
          url: `${page.host}${page.pathname}`,
          siteName: options.siteName,
          language: lang,
        });
        void reply
          .header('cache-control', CARD_CACHE)
          .header('etag', card.etag)
          .header('last-modified', check.updatedAt.toUTCString());
        const inm = request.headers['if-none-match'];
        if (typeof inm === 'string' && inm.split(',').some((tag) => tag.trim() === card.etag)) {
          return reply.code(304).send();
        }
        return reply.type('image/png').send(Buffer.from(card.png));
      },
    );
  }
}
