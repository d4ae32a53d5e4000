/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 of published checks and statements, through `feed`. */
import { Feed } from 'feed';
import type { PublicCheckSummary, PublicStatement } from '../core/portal.service.js';
import { ratingLabel, type Lang } from './i18n.js';
import { FEED_FORMATS, pathOf, type FeedFormat } from './paths.js';

export interface FeedContext {
  baseUrl: string;
  publisher: string;
  title: string;
  description: string;
  /** This feed's own path without the extension, e.g. /feeds/checks. */
  selfBase: string;
  /** The page the feed mirrors. */
  pageUrl: string;
}

const lang: Lang = 'vi';

function newFeed(context: FeedContext, updated: Date): Feed {
  const links = Object.fromEntries(
    Object.values(FEED_FORMATS).map((f) => [
      f.ext === 'rss' ? 'rss' : f.ext,
      `${context.baseUrl}${context.selfBase}.${f.ext}`,
    ]),
  );
  return new Feed({
    id: `${context.baseUrl}${context.selfBase}`,
    title: context.title,
    description: context.description,
    link: context.pageUrl,
    language: 'vi',
    updated,
    generator: 'Kiểm Chứng',
    feedLinks: links,
    copyright: context.publisher,
    author: { name: context.publisher, link: context.baseUrl },
  });
}

function render(feed: Feed, format: FeedFormat): string {
  switch (format) {
    case 'rss':
      return feed.rss2();
    case 'atom':
      return feed.atom1();
    case 'json':
      return feed.json1();
  }
}

/** A feed of checks and/or statements, newest first. */
export function renderFeed(
  context: FeedContext,
  format: FeedFormat,
  entries: { checks: PublicCheckSummary[]; statements: PublicStatement[] },
): string {
  const items = [
    ...entries.checks.map((check) => {
      const link = context.baseUrl + pathOf('check', lang, { slug: check.slug });
      const verdict = ratingLabel(check.language === 'en' ? 'en' : 'vi', check.rating);
      return {
        // Atom says its titles and summaries are HTML, and readers treat RSS's alike.
        title: escapeXmlText(`${verdict}: ${check.title}`),
        id: link,
        link,
        date: check.updatedAt,
        published: check.firstPublishedAt,
        // Readers take descriptions as HTML: text goes in escaped.
        description: escapeXmlText(check.summary),
        content: `<p><strong>${escapeXmlText(verdict)}</strong></p><blockquote>${escapeXmlText(check.claimText)}</blockquote><p>${escapeXmlText(check.summary)}</p>`,
        category: [{ name: verdict, term: check.rating }],
        author: [{ name: context.publisher }],
      };
    }),
    ...entries.statements.map((statement) => {
      const link = context.baseUrl + pathOf('statement', lang, { slug: statement.slug });
      return {
        title: escapeXmlText(statement.title),
        id: link,
        link,
        date: statement.updatedAt,
        published: statement.publishedAt,
        description: escapeXmlText(statement.body.slice(0, 300)),
        content: statement.body
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeXmlText(p)}</p>`)
          .join(''),
        author: [{ name: context.publisher }],
      };
    }),
  ].sort((a, b) => b.date.getTime() - a.date.getTime());
  const updated = items[0]?.date ?? new Date(0);
  const feed = newFeed(context, updated);
  for (const item of items) feed.addItem(item);
  return render(feed, format);
}

function escapeXmlText(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

/** sitemap.xml: every public page in both languages, with hreflang alternates. */
export function renderSitemap(
  baseUrl: string,
  entries: Array<{ vi: string; en: string; lastmod?: Date | undefined }>,
): string {
  const esc = escapeXmlText;
  const urls = entries.flatMap((entry) =>
    (['vi', 'en'] as const).map((language) => {
      const alternates = (['vi', 'en'] as const)
        .map(
          (l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(baseUrl + entry[l])}"/>`,
        )
        .join('');
      return `<url><loc>${esc(baseUrl + entry[language])}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod.toISOString()}</lastmod>` : ''}${alternates}<xhtml:link rel="alternate" hreflang="x-default" href="${esc(baseUrl + entry.vi)}"/></url>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}
