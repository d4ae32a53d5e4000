/**
 * The portal's addresses in both languages: Vietnamese paths at the root, English under /en/.
 * Each page knows its counterpart, so hreflang links pair them.
 */
import type { Lang } from './i18n.js';

const pages = {
  home: { vi: '/', en: '/en/' },
  checks: { vi: '/kiem-chung', en: '/en/checks' },
  check: { vi: '/kiem-chung/:slug', en: '/en/checks/:slug' },
  snapshot: { vi: '/kiem-chung/:slug/ban-luu/:id', en: '/en/checks/:slug/snapshots/:id' },
  category: { vi: '/chuyen-muc/:slug', en: '/en/categories/:slug' },
  statements: { vi: '/thong-cao', en: '/en/statements' },
  statement: { vi: '/thong-cao/:slug', en: '/en/statements/:slug' },
  press: { vi: '/phong-bao-chi', en: '/en/press-room' },
  guides: { vi: '/huong-dan', en: '/en/guides' },
  guide: { vi: '/huong-dan/:slug', en: '/en/guides/:slug' },
  about: { vi: '/gioi-thieu', en: '/en/about' },
  methodology: { vi: '/phuong-phap', en: '/en/methodology' },
  search: { vi: '/tim-kiem', en: '/en/search' },
  quick: { vi: '/kiem-tra-nhanh', en: '/en/quick-check' },
  tip: { vi: '/gui-tin', en: '/en/send-a-tip' },
  receipt: { vi: '/bien-nhan/:code', en: '/en/receipt/:code' },
  lookup: { vi: '/tra-cuu', en: '/en/look-up' },
} as const;

export type PageName = keyof typeof pages;

/** The route pattern of a page in a language (for registering routes). */
export function pattern(page: PageName, lang: Lang): string {
  return pages[page][lang];
}

/** The path of a page in a language, parameters filled and URL-encoded. */
export function pathOf(page: PageName, lang: Lang, params: Record<string, string> = {}): string {
  return pages[page][lang].replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(params[name] ?? ''),
  );
}

/** Every page name. */
export const PAGE_NAMES = Object.keys(pages) as PageName[];

/** Feed addresses (language-neutral: the content is what the desk published). */
export const FEED_FORMATS = {
  rss: { ext: 'rss', type: 'application/rss+xml' },
  atom: { ext: 'atom', type: 'application/atom+xml' },
  json: { ext: 'json', type: 'application/feed+json' },
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

export function feedPath(kind: 'checks' | 'statements', format: FeedFormat): string {
  return `/feeds/${kind}.${FEED_FORMATS[format].ext}`;
}

export function categoryFeedPath(slug: string, format: FeedFormat): string {
  return `/feeds/categories/${encodeURIComponent(slug)}.${FEED_FORMATS[format].ext}`;
}
