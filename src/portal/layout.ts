/** The page shell: head (meta, hreflang, canonical, social cards, structured data), header, footer. */
import { html, jsonForScript, trusted, type SafeHtml } from './html.js';
import { t, type Lang, type MessageKey } from './i18n.js';
import { feedPath, pathOf, type PageName } from './paths.js';
import { PORTAL_CSS } from './styles.js';

/** What a page tells the shell about itself. */
export interface PageMeta {
  lang: Lang;
  title: string;
  description: string;
  /** This page's path in each language (absent when it has no counterpart). */
  paths: Partial<Record<Lang, string>>;
  /** Which navigation entry is current. */
  nav?: PageName | undefined;
  ogType?: 'website' | 'article' | undefined;
  /** Absolute URL of the social card image. */
  image?: string | undefined;
  imageAlt?: string | undefined;
  jsonLd?: unknown;
  /** Receipts, forms with what a person typed, error pages: not for search engines. */
  noindex?: boolean | undefined;
  publishedAt?: Date | undefined;
  modifiedAt?: Date | undefined;
}

/** What the shell needs from the instance. */
export interface SiteInfo {
  baseUrl: string;
}

const CSS = trusted(PORTAL_CSS);

const NAV: Array<[PageName, MessageKey]> = [
  ['home', 'navHome'],
  ['checks', 'navChecks'],
  ['quick', 'navQuick'],
  ['tip', 'navTip'],
  ['statements', 'navStatements'],
  ['press', 'navPress'],
  ['guides', 'navGuides'],
];

function navigation(lang: Lang, current: PageName | undefined): SafeHtml {
  const items = NAV.map(
    ([page, key]) =>
      html`<li><a href="${pathOf(page, lang)}"${page === current ? trusted(' aria-current="page"') : ''}>${t(lang, key)}</a></li>`,
  );
  return html`<nav class="main" aria-label="${t(lang, 'navMain')}"><ul>${items}</ul></nav>`;
}

function head(site: SiteInfo, meta: PageMeta): SafeHtml {
  const { lang } = meta;
  const canonical = site.baseUrl + (meta.paths[lang] ?? pathOf('home', lang));
  const title =
    meta.title === t(lang, 'siteName') ? meta.title : `${meta.title} · ${t(lang, 'siteName')}`;
  const alternates =
    meta.paths.vi && meta.paths.en
      ? html`<link rel="alternate" hreflang="vi" href="${site.baseUrl + meta.paths.vi}">
<link rel="alternate" hreflang="en" href="${site.baseUrl + meta.paths.en}">
<link rel="alternate" hreflang="x-default" href="${site.baseUrl + meta.paths.vi}">
`
      : '';
  const image = meta.image
    ? html`<meta property="og:image" content="${meta.image}">
<meta property="og:image:alt" content="${meta.imageAlt ?? meta.title}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:image" content="${meta.image}">
`
    : html`<meta name="twitter:card" content="summary">
`;
  const dates = html`${
    meta.publishedAt
      ? html`<meta property="article:published_time" content="${meta.publishedAt.toISOString()}">
`
      : ''
  }${
    meta.modifiedAt
      ? html`<meta property="article:modified_time" content="${meta.modifiedAt.toISOString()}">
`
      : ''
  }`;
  return html`<head>
<meta charset="utf-8">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
${
  meta.noindex
    ? html`<meta name="robots" content="noindex">
`
    : ''
}<link rel="canonical" href="${canonical}">
${alternates}<meta property="og:site_name" content="${t(lang, 'siteName')}">
<meta property="og:type" content="${meta.ogType ?? 'website'}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${lang === 'vi' ? 'vi_VN' : 'en_GB'}">
${dates}${image}<meta name="twitter:title" content="${meta.title}">
<meta name="twitter:description" content="${meta.description}">
<meta name="theme-color" content="#0d2b45">
<link rel="alternate" type="application/rss+xml" title="RSS" href="${feedPath('checks', 'rss')}">
<link rel="alternate" type="application/atom+xml" title="Atom" href="${feedPath('checks', 'atom')}">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="${feedPath('checks', 'json')}">
<link rel="preload" href="/fonts/be-vietnam-pro-${lang === 'vi' ? 'vietnamese' : 'latin'}-400-normal.woff2" as="font" type="font/woff2" crossorigin>
<style>${CSS}</style>
${
  meta.jsonLd
    ? html`<script type="application/ld+json">${jsonForScript(meta.jsonLd)}</script>
`
    : ''
}</head>`;
}

/** A whole HTML document around `body`. */
export function renderPage(site: SiteInfo, meta: PageMeta, body: SafeHtml): string {
  const { lang } = meta;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const otherPath = meta.paths[other];
  const switcher = otherPath
    ? html`<a href="${otherPath}" hreflang="${other}" lang="${other}">${t(lang, 'otherLanguage')}<span class="vh"> — ${t(lang, 'otherLanguageLabel')}</span></a>`
    : '';
  const footerLinks = html`<li><a href="${pathOf('about', lang)}">${t(lang, 'navAbout')}</a></li><li><a href="${pathOf('methodology', lang)}">${t(lang, 'navMethodology')}</a></li><li><a href="${pathOf('lookup', lang)}">${t(lang, 'lookupTitle')}</a></li><li><a href="${feedPath('checks', 'rss')}">RSS</a></li><li><a href="${feedPath('checks', 'atom')}">Atom</a></li><li><a href="${feedPath('checks', 'json')}">JSON Feed</a></li>`;
  return html`<!doctype html>
<html lang="${lang}">
${head(site, meta)}
<body>
<a class="skip" href="#main">${t(lang, 'skip')}</a>
<header class="site"><div class="wrap">
<div class="brand"><a class="name" href="${pathOf('home', lang)}">${t(lang, 'siteName')}</a>${switcher}</div>
${navigation(lang, meta.nav)}
<form class="search" role="search" action="${pathOf('search', lang)}" method="get"><label class="vh" for="site-q">${t(lang, 'searchLabel')}</label><input type="search" id="site-q" name="q" autocomplete="off"><button type="submit">${t(lang, 'searchButton')}</button></form>
</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${body}
</div></main>
<footer class="site"><div class="wrap"><p>${t(lang, 'footerNote')}</p>
<nav aria-label="${t(lang, 'navFooter')}"><ul>${footerLinks}</ul></nav>
</div></footer>
</body>
</html>
`.value;
}
