/**
 * The public portal as a Fastify plugin at the site root: server-rendered pages in Vietnamese
 * (root) and English (/en/), feeds, sitemap, robots.txt and the self-hosted fonts. Pages are
 * cached in process and revalidated with ETag / Last-Modified; forms work without JavaScript
 * (POST, then redirect) and go through the same services and limits as the API.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ValidationError } from '../core/errors.js';
import type { ChangeEvent } from '../core/events.js';
import type { InquiryService } from '../core/inquiry.service.js';
import type { PortalService } from '../core/portal.service.js';
import { normalizeReceiptCode } from '../core/receipt-code.js';
import type { TipService } from '../core/tip.service.js';
import { TIP_LIMIT_GROUP } from '../server/routes/tips/index.js';
import { TIP_POW_SCRIPT, TIP_POW_SCRIPT_PATH } from './pow-script.js';
import { registerCardRoutes } from './card-route.js';
import { claimReviewOf } from './claim-review.js';
import { GUIDES } from './content.js';
import { renderFeed, renderSitemap } from './feeds.js';
import { queryMatcher } from './highlight.js';
import { LANGS, t, type Lang } from './i18n.js';
import { renderPage, type SiteInfo } from './layout.js';
import { PageCache, type CachedResponse } from './page-cache.js';
import * as pages from './pages.js';
import { FEED_FORMATS, pathOf, pattern, type FeedFormat, type PageName } from './paths.js';
import { FONT_FILES } from './styles.js';

/** Anything that announces committed changes (the server's event bus). */
export interface ChangeSource {
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

export interface PortalOptions {
  baseUrl: string;
  portal: PortalService;
  tips: TipService;
  inquiries: InquiryService;
  /** Who publishes: the author of the ClaimReview markup and the feeds. */
  publisher: string;
  /** The press office's contacts, one line each. */
  pressContacts: readonly string[];
  /** Tips per address per minute (the API's figure). */
  tipPerIpPerMinute: number;
  /** Shared with the API: all tips per minute. */
  takeGlobalTip: () => Promise<boolean>;
  /** The tip line asks for proof of work (TIP_POW_BITS > 0): the form carries its script. */
  tipPowRequired?: boolean;
  events: ChangeSource;
  /** Called when published content changes (the matcher's index reloads). */
  onContentChange?: () => void;
  cache?: PageCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The portal's page cache (tests look at it). */
    portalCache?: PageCache;
  }
}

/** Public pages: a CDN and browsers may keep them a minute and serve them stale while refetching. */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=600, stale-if-error=86400';
const PRIVATE = 'private, no-store';
const YEAR = 31_536_000;
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#0b6b3a"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
const HTML = 'text/html; charset=utf-8';
const STARTED = new Date(Math.floor(Date.now() / 1000) * 1000);

/** Actions on published content that change what the public sees. */
const PUBLIC_ACTIONS = new Set([
  'check.published',
  'check.unpublished',
  'check.corrected',
  'statement.created',
  'statement.updated',
]);

const fontDir = join(
  dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro/package.json')),
  'files',
);

function notModified(request: FastifyRequest, entry: CachedResponse): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string') {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(entry.etag));
  }
  const ims = request.headers['if-modified-since'];
  if (typeof ims === 'string') {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(entry.lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: CachedResponse,
  cacheControl = PUBLIC_CACHE,
) {
  const bodies = encodedBodies(entry);
  void reply
    .header('cache-control', cacheControl)
    .header('etag', entry.etag)
    .header('last-modified', bodies.lastModified)
    .header('vary', 'accept-encoding');
  if (entry.status === 200 && notModified(request, entry)) return reply.code(304).send();
  // Cached pages are encoded and compressed once, not on every request.
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  if (encoding && bodies.identity.length >= 1024) {
    return reply
      .code(entry.status)
      .type(entry.type)
      .header('content-encoding', encoding)
      .send(compressedBody(entry, encoding));
  }
  return reply.code(entry.status).type(entry.type).send(bodies.identity);
}

const ACCEPTS = {
  br: /(^|,)\s*br\s*(;\s*q=(?!0(\.0*)?\s*($|,))[0-9.]+)?\s*($|,)/,
  gzip: /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*($|,))[0-9.]+)?\s*($|,)/,
};

function preferredEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  if (ACCEPTS.br.test(header)) return 'br';
  if (ACCEPTS.gzip.test(header)) return 'gzip';
  return undefined;
}

interface EncodedBodies {
  /** The body as bytes: a string would be encoded again on every send. */
  identity: Buffer;
  lastModified: string;
  br?: Buffer;
  gzip?: Buffer;
}

const encoded = new WeakMap<CachedResponse, EncodedBodies>();

function encodedBodies(entry: CachedResponse): EncodedBodies {
  let bodies = encoded.get(entry);
  if (!bodies) {
    bodies = {
      identity: Buffer.from(entry.body, 'utf8'),
      lastModified: entry.lastModified.toUTCString(),
    };
    encoded.set(entry, bodies);
  }
  return bodies;
}

function compressedBody(entry: CachedResponse, encoding: 'br' | 'gzip'): Buffer {
  const bodies = encodedBodies(entry);
  let data = bodies[encoding];
  if (!data) {
    data =
      encoding === 'br'
        ? brotliCompressSync(bodies.identity, {
            params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6 },
          })
        : gzipSync(bodies.identity, { level: 6 });
    bodies[encoding] = data;
  }
  return data;
}

function latest(...dates: Array<Date | undefined>): Date {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : STARTED;
}

function langOf(url: string): Lang {
  return url === '/en' || url.startsWith('/en/') || url.startsWith('/en?') ? 'en' : 'vi';
}

function formValue(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** A field problem of the tip service, said the portal's way. */
function tipProblem(lang: Lang, problem: { field: string; message: string }) {
  const key =
    problem.field === 'consent'
      ? 'tipNeedConsent'
      : problem.field === 'pow'
        ? 'tipPowRequired'
        : problem.field === 'url' || problem.field === 'link'
          ? 'tipBadLink'
          : /at most/.test(problem.message)
            ? 'tipTooLong'
            : 'tipNeedContent';
  const field = problem.field === 'url' ? 'link' : problem.field === 'pow' ? 'text' : problem.field;
  return { field, message: t(lang, key) };
}

export async function portalPlugin(app: FastifyInstance, options: PortalOptions) {
  const { portal, baseUrl } = options;
  const site: SiteInfo = { baseUrl };
  const cache = options.cache ?? new PageCache();
  const unsubscribe = options.events.subscribe((event) => {
    if (PUBLIC_ACTIONS.has(event.action)) {
      cache.clear();
      options.onContentChange?.();
    }
  });
  app.addHook('onClose', async () => unsubscribe());

  // Responses that are not cached (forms' answers, receipts) are compressed as they go.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

  // Forms post url-encoded bodies; only the portal accepts them.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const htmlPage = (page: pages.Page, lastModified: Date, status = 200) => ({
    body: renderPage(site, page.meta, page.body),
    type: HTML,
    lastModified,
    status,
  });

  const errorResponse = (lang: Lang, status: 404 | 429 | 500, requestId?: string) =>
    renderPage(
      site,
      pages.errorPage(lang, status, requestId).meta,
      pages.errorPage(lang, status, requestId).body,
    );

  /** A page served from the cache: `render` returns undefined when the page does not exist. */
  const cached = (
    render: (
      lang: Lang,
      params: Record<string, string>,
    ) => Promise<ReturnType<typeof htmlPage> | undefined>,
  ) => {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const lang = langOf(request.url);
      const params = request.params as Record<string, string>;
      // Keyed by path: made-up query strings cannot fill the cache with copies.
      const entry = await cache.get(request.url.split('?')[0]!, async () => {
        const rendered = await render(lang, params);
        return rendered ?? { ...htmlPage(pages.errorPage(lang, 404), STARTED), status: 404 };
      });
      return send(
        request,
        reply,
        entry,
        entry.status === 200 ? PUBLIC_CACHE : 'public, max-age=60',
      );
    };
  };

  const get = (page: PageName, handler: ReturnType<typeof cached>) => {
    for (const lang of LANGS) {
      app.get(
        pattern(page, lang),
        { config: { permission: 'public' }, schema: { hide: true } },
        handler,
      );
    }
  };

  get(
    'home',
    cached(async (lang) => {
      const [checks, statements, categories] = await Promise.all([
        portal.latestChecks(10),
        portal.latestStatements(5),
        portal.categories(),
      ]);
      return htmlPage(
        pages.homePage(lang, { checks, statements, categories }),
        latest(checks[0]?.updatedAt, statements[0]?.updatedAt),
      );
    }),
  );
  // /en (without the slash) is the English home too.
  app.get('/en', { config: { permission: 'public' }, schema: { hide: true } }, (_request, reply) =>
    reply.redirect('/en/', 301),
  );

  get(
    'checks',
    cached(async (lang) => {
      const checks = await portal.latestChecks(100);
      return htmlPage(pages.checksPage(lang, checks), latest(...checks.map((c) => c.updatedAt)));
    }),
  );

  get(
    'check',
    cached(async (lang, { slug = '' }) => {
      const check = await portal.check(slug);
      if (!check) return undefined;
      const canonicalUrl = baseUrl + pathOf('check', lang, { slug });
      const jsonLd = claimReviewOf(check, {
        url: baseUrl + pathOf('check', 'vi', { slug }),
        publisher: options.publisher,
        baseUrl,
      });
      return htmlPage(pages.checkPage(lang, check, { canonicalUrl, jsonLd }), check.updatedAt);
    }),
  );

  registerCardRoutes(app, { baseUrl, portal, siteName: options.publisher });

  get(
    'snapshot',
    cached(async (lang, { slug = '', id = '' }) => {
      const snapshot = await portal.snapshot(slug, id);
      return snapshot
        ? htmlPage(pages.snapshotPage(lang, slug, snapshot), snapshot.fetchedAt)
        : undefined;
    }),
  );

  get(
    'category',
    cached(async (lang, { slug = '' }) => {
      const category = await portal.categoryBySlug(slug);
      if (!category) return undefined;
      const [checks, statements] = await Promise.all([
        portal.latestChecks(50, category.id),
        portal.latestStatements(10, category.id),
      ]);
      return htmlPage(
        pages.categoryPage(lang, category, checks, statements),
        latest(category.updatedAt, checks[0]?.updatedAt, statements[0]?.updatedAt),
      );
    }),
  );

  get(
    'statements',
    cached(async (lang) => {
      const statements = await portal.latestStatements(100);
      return htmlPage(
        pages.statementsPage(lang, statements),
        latest(...statements.map((s) => s.updatedAt)),
      );
    }),
  );

  get(
    'statement',
    cached(async (lang, { slug = '' }) => {
      const statement = await portal.statement(slug);
      return statement
        ? htmlPage(pages.statementPage(lang, statement), statement.updatedAt)
        : undefined;
    }),
  );

  get(
    'guides',
    cached(async (lang) => htmlPage(pages.guidesPage(lang), STARTED)),
  );
  get(
    'guide',
    cached(async (lang, { slug = '' }) => {
      const guide = GUIDES.find((g) => g.slug === slug);
      return guide ? htmlPage(pages.guidePage(lang, guide), STARTED) : undefined;
    }),
  );
  get(
    'about',
    cached(async (lang) => htmlPage(pages.aboutPage(lang, options.publisher), STARTED)),
  );
  get(
    'methodology',
    cached(async (lang) => htmlPage(pages.methodologyPage(lang), STARTED)),
  );
  get('lookup', async (request, reply) => {
    const lang = langOf(request.url);
    const code = formValue(request.query, 'code').trim();
    if (code) {
      const canonical = normalizeReceiptCode(code) ?? code.slice(0, 64);
      return reply.redirect(pathOf('receipt', lang, { code: canonical }), 303);
    }
    return send(
      request,
      reply,
      await cache.get(request.url.split('?')[0]!, async () =>
        htmlPage(pages.lookupPage(lang), STARTED),
      ),
    );
  });

  // Search: cached per query (the URL), so a popular search is rendered once.
  get('search', async (request, reply) => {
    const lang = langOf(request.url);
    const q = formValue(request.query, 'q').trim().slice(0, 500);
    const entry = await cache.get(request.url, async () => {
      const results = q ? await portal.search(q) : null;
      return htmlPage(pages.searchPage(lang, q, results, queryMatcher(q)), STARTED);
    });
    return send(request, reply, entry);
  });

  // Quick check: a form page, and its answer to a POST (nothing stored, nothing cached).
  get(
    'quick',
    cached(async (lang) => htmlPage(pages.quickPage(lang, '', null), STARTED)),
  );
  for (const lang of LANGS) {
    app.post(
      pattern('quick', lang),
      {
        config: { permission: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: { hide: true },
      },
      async (request, reply) => {
        const text = formValue(request.body, 'text').slice(0, 5000);
        const results = text.trim() ? await portal.quickCheck(text) : null;
        const page = pages.quickPage(lang, text, results);
        return reply
          .header('cache-control', PRIVATE)
          .type(HTML)
          .send(renderPage(site, page.meta, page.body));
      },
    );
  }

  // The tip form: refused submissions come back with what was typed and why.
  const tipForm = { pow: options.tipPowRequired ?? false };
  if (tipForm.pow) {
    app.get(
      TIP_POW_SCRIPT_PATH,
      { config: { permission: 'public' }, schema: { hide: true } },
      (_request, reply) =>
        reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(TIP_POW_SCRIPT),
    );
  }
  get(
    'tip',
    cached(async (lang) => htmlPage(pages.tipPage(lang, undefined, tipForm), STARTED)),
  );
  for (const lang of LANGS) {
    app.post(
      pattern('tip', lang),
      {
        config: {
          permission: 'public',
          // Counted with the tip API's limit: one address, one allowance.
          rateLimit: {
            max: options.tipPerIpPerMinute,
            timeWindow: 60_000,
            groupId: TIP_LIMIT_GROUP,
          },
        },
        schema: { hide: true },
      },
      async (request, reply) => {
        const values = {
          link: formValue(request.body, 'link').trim(),
          text: formValue(request.body, 'text'),
          contact: formValue(request.body, 'contact').trim(),
          consent: formValue(request.body, 'consent') ? 'yes' : '',
        };
        const again = (errors: pages.FormState['errors'], status = 400) => {
          const page = pages.tipPage(lang, { values, errors }, tipForm);
          return reply
            .code(status)
            .header('cache-control', PRIVATE)
            .type(HTML)
            .send(renderPage(site, page.meta, page.body));
        };
        // From the quick check's "send it": the form, filled in, nothing sent yet.
        if (formValue(request.body, 'prefill')) return again([], 200);
        if (formValue(request.body, 'website')) {
          // A bot filled the hidden field: it sees a receipt-shaped page, nothing is stored.
          return reply.redirect(pathOf('tip', lang), 303);
        }
        if (!values.link && !values.text.trim()) {
          return again([{ field: 'text', message: t(lang, 'tipNeedContent') }]);
        }
        if (!(await options.takeGlobalTip())) {
          const page = pages.errorPage(lang, 429);
          return reply
            .code(429)
            .header('retry-after', '60')
            .header('cache-control', PRIVATE)
            .type(HTML)
            .send(renderPage(site, page.meta, page.body));
        }
        try {
          const challenge = formValue(request.body, 'pow_challenge');
          const nonce = formValue(request.body, 'pow_nonce');
          const receipt = await options.tips.submit(request.principal, {
            link: values.link || undefined,
            text: values.text,
            contact: values.contact || undefined,
            consent: values.consent === 'yes',
            language: lang,
            ...(challenge && nonce ? { pow: { challenge, nonce } } : {}),
          });
          return reply
            .header('cache-control', PRIVATE)
            .redirect(pathOf('receipt', lang, { code: receipt.receiptCode }), 303);
        } catch (error) {
          if (error instanceof ValidationError) {
            return again(error.problems.map((p) => tipProblem(lang, p)));
          }
          throw error;
        }
      },
    );
  }

  // Receipts: never cached, limited like the API's lookups so codes cannot be enumerated.
  for (const lang of LANGS) {
    app.get(
      pattern('receipt', lang),
      {
        config: { permission: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: { hide: true },
      },
      async (request, reply) => {
        const { code = '' } = request.params as { code?: string };
        let view = null;
        try {
          view = await options.tips.status(code.slice(0, 64));
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
        }
        const shown = normalizeReceiptCode(code) ?? code.slice(0, 64);
        const page = pages.receiptPage(lang, shown, view);
        return reply
          .code(view ? 200 : 404)
          .header('cache-control', PRIVATE)
          .header('x-robots-tag', 'noindex')
          .type(HTML)
          .send(renderPage(site, page.meta, page.body));
      },
    );
  }

  // The press room: contacts, statements, and journalists' questions into the desk.
  for (const lang of LANGS) {
    app.get(
      pattern('press', lang),
      { config: { permission: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const sent = formValue(request.query, 'sent') === '1';
        const entry = await cache.get(request.url, async () => {
          const statements = await portal.latestStatements(5);
          return htmlPage(
            pages.pressPage(lang, { contacts: options.pressContacts, statements, sent }),
            latest(statements[0]?.updatedAt),
          );
        });
        return send(request, reply, entry, sent ? PRIVATE : PUBLIC_CACHE);
      },
    );
    app.post(
      pattern('press', lang),
      {
        config: { permission: 'public', rateLimit: { max: 5, timeWindow: 60_000 } },
        schema: { hide: true },
      },
      async (request, reply) => {
        const values = {
          outlet: formValue(request.body, 'outlet'),
          name: formValue(request.body, 'name'),
          contact: formValue(request.body, 'contact'),
          question: formValue(request.body, 'question'),
        };
        if (!formValue(request.body, 'website')) {
          try {
            await options.inquiries.submit(request.principal, values);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            const statements = await portal.latestStatements(5);
            const page = pages.pressPage(lang, {
              contacts: options.pressContacts,
              statements,
              sent: false,
              state: {
                values,
                errors: error.problems.map((p) => ({ field: p.field, message: p.message })),
              },
            });
            return reply
              .code(400)
              .header('cache-control', PRIVATE)
              .type(HTML)
              .send(renderPage(site, page.meta, page.body));
          }
        }
        return reply.redirect(`${pathOf('press', lang)}?sent=1`, 303);
      },
    );
  }

  // Feeds of checks, of statements, and of each category.
  const feedRoute = (
    url: string,
    load: (request: FastifyRequest) => Promise<
      | {
          context: Parameters<typeof renderFeed>[0];
          entries: Parameters<typeof renderFeed>[2];
          format: FeedFormat;
        }
      | undefined
    >,
  ) =>
    app.get(
      url,
      { config: { permission: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const entry = await cache.get(request.url, async () => {
          const loaded = await load(request);
          if (!loaded) return { ...htmlPage(pages.errorPage('vi', 404), STARTED), status: 404 };
          const body = renderFeed(loaded.context, loaded.format, loaded.entries);
          const dates = [...loaded.entries.checks, ...loaded.entries.statements].map(
            (e) => e.updatedAt,
          );
          return {
            body,
            type: `${FEED_FORMATS[loaded.format].type}; charset=utf-8`,
            lastModified: latest(...dates),
            status: 200,
          };
        });
        return send(request, reply, entry);
      },
    );
  const formatOf = (file: string): { name: string; format: FeedFormat } | undefined => {
    const match = /^([a-z0-9-]+)\.(rss|atom|json)$/.exec(file);
    return match ? { name: match[1]!, format: match[2] as FeedFormat } : undefined;
  };
  feedRoute('/feeds/:file', async (request) => {
    const parsed = formatOf((request.params as { file: string }).file);
    if (!parsed || (parsed.name !== 'checks' && parsed.name !== 'statements')) return undefined;
    const isChecks = parsed.name === 'checks';
    const [checks, statements] = await Promise.all([
      isChecks ? portal.latestChecks(50) : Promise.resolve([]),
      isChecks ? Promise.resolve([]) : portal.latestStatements(50),
    ]);
    return {
      format: parsed.format,
      entries: { checks, statements },
      context: {
        baseUrl,
        publisher: options.publisher,
        title: `${t('vi', 'siteName')} — ${t('vi', isChecks ? 'navChecks' : 'navStatements')}`,
        description: t('vi', isChecks ? 'homeDescription' : 'statementsDescription'),
        selfBase: `/feeds/${parsed.name}`,
        pageUrl: baseUrl + pathOf(isChecks ? 'checks' : 'statements', 'vi'),
      },
    };
  });
  feedRoute('/feeds/categories/:file', async (request) => {
    const parsed = formatOf((request.params as { file: string }).file);
    const category = parsed ? await portal.categoryBySlug(parsed.name) : undefined;
    if (!parsed || !category) return undefined;
    const [checks, statements] = await Promise.all([
      portal.latestChecks(50, category.id),
      portal.latestStatements(20, category.id),
    ]);
    return {
      format: parsed.format,
      entries: { checks, statements },
      context: {
        baseUrl,
        publisher: options.publisher,
        title: `${t('vi', 'siteName')} — ${category.nameVi}`,
        description: category.description || category.nameVi,
        selfBase: `/feeds/categories/${category.slug}`,
        pageUrl: baseUrl + pathOf('category', 'vi', { slug: category.slug }),
      },
    };
  });

  app.get(
    '/sitemap.xml',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const entry = await cache.get('/sitemap.xml', async () => {
        const [map, categories] = await Promise.all([portal.sitemap(), portal.categories()]);
        const both = (page: PageName, params: Record<string, string> = {}) => ({
          vi: pathOf(page, 'vi', params),
          en: pathOf(page, 'en', params),
        });
        const entries = [
          ...(
            [
              'home',
              'checks',
              'statements',
              'press',
              'guides',
              'about',
              'methodology',
              'quick',
              'tip',
              'search',
            ] as const
          ).map((page) => both(page)),
          ...GUIDES.map((g) => both('guide', { slug: g.slug })),
          ...categories.map((c) => ({
            ...both('category', { slug: c.slug }),
            lastmod: c.updatedAt,
          })),
          ...map.checks.map((c) => ({ ...both('check', { slug: c.slug }), lastmod: c.updatedAt })),
          ...map.statements.map((s) => ({
            ...both('statement', { slug: s.slug }),
            lastmod: s.updatedAt,
          })),
        ];
        return {
          body: renderSitemap(baseUrl, entries),
          type: 'application/xml; charset=utf-8',
          lastModified: latest(
            ...map.checks.map((c) => c.updatedAt),
            ...map.statements.map((s) => s.updatedAt),
          ),
          status: 200,
        };
      });
      return send(request, reply, entry);
    },
  );

  // The site's icon: a tick in the portal's green. Without one, browsers ask for /favicon.ico
  // on every first visit and log the 404.
  app.get(
    '/favicon.svg',
    { config: { permission: 'public' }, schema: { hide: true } },
    (_request, reply) =>
      reply
        .type('image/svg+xml')
        .header('cache-control', `public, max-age=${YEAR}, immutable`)
        .send(FAVICON_SVG),
  );
  app.get(
    '/favicon.ico',
    { config: { permission: 'public' }, schema: { hide: true } },
    (_request, reply) => reply.redirect('/favicon.svg', 301),
  );

  app.get(
    '/robots.txt',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const entry = await cache.get('/robots.txt', async () => ({
        body: [
          'User-agent: *',
          'Allow: /',
          // Staff pages, the API, personal receipts and forms' answers are not for indexes.
          'Disallow: /desk/',
          'Disallow: /api/',
          'Disallow: /bien-nhan/',
          'Disallow: /en/receipt/',
          'Disallow: /tra-cuu',
          'Disallow: /en/look-up',
          '',
          `Sitemap: ${baseUrl}/sitemap.xml`,
          '',
        ].join('\n'),
        type: 'text/plain; charset=utf-8',
        lastModified: STARTED,
        status: 200,
      }));
      return send(request, reply, entry);
    },
  );

  // Self-hosted fonts: immutable files, cached for a year.
  const fonts = new Map<string, Buffer>();
  app.get(
    '/fonts/:file',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const { file } = request.params as { file: string };
      if (!FONT_FILES.includes(file)) {
        return reply.code(404).type(HTML).send(errorResponse('vi', 404));
      }
      let data = fonts.get(file);
      if (!data) {
        data = await readFile(join(fontDir, file));
        fonts.set(file, data);
      }
      return reply
        .header('cache-control', `public, max-age=${YEAR}, immutable`)
        .header('access-control-allow-origin', '*')
        .type('font/woff2')
        .send(data);
    },
  );

  // Errors on the portal's pages are pages too, in the same style; internals never shown.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const lang = langOf(request.url);
    const status = statusOf(error);
    if (status === 429) {
      return reply
        .code(429)
        .header('cache-control', PRIVATE)
        .type(HTML)
        .send(errorResponse(lang, 429));
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'portal page failed');
      return reply
        .code(500)
        .header('cache-control', PRIVATE)
        .type(HTML)
        .send(errorResponse(lang, 500, request.id));
    }
    const page = pages.errorPage(lang, 404);
    return reply
      .code(status)
      .header('cache-control', PRIVATE)
      .type(HTML)
      .send(renderPage(site, { ...page.meta, title: t(lang, 'errorTitle') }, page.body));
  });

  // Forms post to the same origin; with no-referrer, browsers would send "Origin: null".
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('referrer-policy', 'same-origin');
  });
}

/** The few domain errors a page can meet, as statuses; any other refusal is a bad request. */
const STATUS_OF_CODE: Partial<Record<DomainError['code'], number>> = {
  rate_limited: 429,
  not_found: 404,
  validation_failed: 400,
  csrf: 403,
  forbidden: 403,
};

function statusOf(error: Error & { statusCode?: number }): number {
  if (error instanceof DomainError) return STATUS_OF_CODE[error.code] ?? 400;
  return error.statusCode ?? 500;
}

/** The 404 page of any unknown path outside the API and the desk. */
export function portalNotFound(baseUrl: string) {
  const site: SiteInfo = { baseUrl };
  const bodies = new Map<Lang, string>(
    LANGS.map((lang) => {
      const page = pages.errorPage(lang, 404);
      return [lang, renderPage(site, page.meta, page.body)];
    }),
  );
  return (request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(404)
      .header('cache-control', 'public, max-age=60')
      .type(HTML)
      .send(bodies.get(langOf(request.url))!);
}
