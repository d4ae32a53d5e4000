/** The portal's pages: each returns the page's metadata and body for the shell. */
import { renderMarkdown } from '../core/markdown.js';
import type {
  PublicCheckDetail,
  PublicCheckSummary,
  PublicMatch,
  PublicSnapshot,
  PublicStatement,
} from '../core/portal.service.js';
import type { TipStatusView } from '../core/tip.service.js';
import type { Category } from '../core/types.js';
import { aboutBody, GUIDES, methodologyBody, type Guide } from './content.js';
import { highlight } from './highlight.js';
import { html, trusted, type SafeHtml } from './html.js';
import { formatDate, ratingLabel, t, type Lang, type MessageKey } from './i18n.js';
import type { PageMeta } from './layout.js';
import { categoryFeedPath, feedPath, pathOf, type PageName } from './paths.js';
import { TIP_POW_SCRIPT_PATH } from './pow-script.js';

/** A page before the shell: metadata and body. */
export interface Page {
  meta: PageMeta;
  body: SafeHtml;
}

type Marker = (folded: string) => boolean;

const both = (page: PageName, params: Record<string, string> = {}) => ({
  vi: pathOf(page, 'vi', params),
  en: pathOf(page, 'en', params),
});

function dateTag(lang: Lang, date: Date, withTime = false): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatDate(lang, date, withTime)}</time>`;
}

/** The verdict badge. */
export function badge(lang: Lang, rating: PublicCheckSummary['rating']): SafeHtml {
  return html`<span class="badge r-${rating}">${ratingLabel(lang, rating)}</span>`;
}

function categoryName(lang: Lang, category: Category): string {
  return lang === 'vi' ? category.nameVi : category.nameEn;
}

function heading(level: 'h2' | 'h3', content: SafeHtml): SafeHtml {
  return level === 'h2' ? html`<h2>${content}</h2>` : html`<h3>${content}</h3>`;
}

function checkCard(
  lang: Lang,
  check: PublicCheckSummary,
  level: 'h2' | 'h3' = 'h3',
  mark?: Marker,
  extra?: SafeHtml,
): SafeHtml {
  const title = mark ? highlight(check.title, mark) : html`${check.title}`;
  const summary = mark ? highlight(check.summary, mark) : html`${check.summary}`;
  const link = html`<a href="${pathOf('check', lang, { slug: check.slug })}">${title}</a>`;
  return html`<li>${badge(lang, check.rating)}${heading(level, link)}<p lang="${check.language}">${summary}</p>${extra ?? ''}<p class="meta">${t(lang, 'published')} ${dateTag(lang, check.publishedAt)}</p></li>`;
}

function checkList(lang: Lang, checks: readonly PublicCheckSummary[], level: 'h2' | 'h3' = 'h3') {
  return checks.length === 0
    ? html`<p>${t(lang, 'noChecks')}</p>`
    : html`<ul class="cards">${checks.map((c) => checkCard(lang, c, level))}</ul>`;
}

function statementCard(
  lang: Lang,
  statement: PublicStatement,
  level: 'h2' | 'h3' = 'h3',
  mark?: Marker,
): SafeHtml {
  const title = mark ? highlight(statement.title, mark) : html`${statement.title}`;
  const link = html`<a href="${pathOf('statement', lang, { slug: statement.slug })}">${title}</a>`;
  const excerpt = statement.body.length > 240 ? `${statement.body.slice(0, 240)}…` : statement.body;
  return html`<li>${heading(level, link)}<p lang="${statement.language}">${mark ? highlight(excerpt, mark) : excerpt}</p><p class="meta">${t(lang, 'published')} ${dateTag(lang, statement.publishedAt)}</p></li>`;
}

function statementList(
  lang: Lang,
  statements: readonly PublicStatement[],
  level: 'h2' | 'h3' = 'h3',
) {
  return statements.length === 0
    ? html`<p>${t(lang, 'noStatements')}</p>`
    : html`<ul class="cards">${statements.map((s) => statementCard(lang, s, level))}</ul>`;
}

function quickForm(lang: Lang, value = ''): SafeHtml {
  return html`<form method="post" action="${pathOf('quick', lang)}">
<label for="quick-text">${t(lang, 'quickLabel')}</label>
<textarea id="quick-text" name="text" required maxlength="5000" aria-describedby="quick-help">${value}</textarea>
<p class="field-help" id="quick-help">${t(lang, 'quickHelp')}</p>
<p><button type="submit">${t(lang, 'quickButton')}</button></p>
</form>`;
}

function feedLinks(lang: Lang, kind: 'checks' | 'statements'): SafeHtml {
  return html`<p class="meta">${t(lang, 'feeds')}: <a href="${feedPath(kind, 'rss')}">RSS</a> · <a href="${feedPath(kind, 'atom')}">Atom</a> · <a href="${feedPath(kind, 'json')}">JSON Feed</a></p>`;
}

export function homePage(
  lang: Lang,
  data: { checks: PublicCheckSummary[]; statements: PublicStatement[]; categories: Category[] },
): Page {
  const categories =
    data.categories.length > 0
      ? html`<section aria-labelledby="cat-h"><h2 id="cat-h">${t(lang, 'categories')}</h2><ul>${data.categories.map(
          (c) =>
            html`<li><a href="${pathOf('category', lang, { slug: c.slug })}">${categoryName(lang, c)}</a></li>`,
        )}</ul></section>`
      : '';
  return {
    meta: {
      lang,
      title: t(lang, 'homeTitle'),
      description: t(lang, 'homeDescription'),
      paths: both('home'),
      nav: 'home',
    },
    body: html`<h1>${t(lang, 'siteName')}: ${t(lang, 'tagline')}</h1>
<section aria-labelledby="quick-h"><h2 id="quick-h">${t(lang, 'homeQuickTitle')}</h2><p>${t(lang, 'homeQuickText')}</p>
${quickForm(lang)}</section>
<section aria-labelledby="latest-h"><h2 id="latest-h">${t(lang, 'latestChecks')}</h2>${checkList(lang, data.checks)}
<p><a href="${pathOf('checks', lang)}">${t(lang, 'allChecks')}</a></p>${feedLinks(lang, 'checks')}</section>
${categories}
<section aria-labelledby="st-h"><h2 id="st-h">${t(lang, 'latestStatements')}</h2>${statementList(lang, data.statements)}
<p><a href="${pathOf('statements', lang)}">${t(lang, 'allStatements')}</a></p></section>`,
  };
}

export function checksPage(lang: Lang, checks: PublicCheckSummary[]): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'navChecks'),
      description: t(lang, 'homeDescription'),
      paths: both('checks'),
      nav: 'checks',
    },
    body: html`<h1>${t(lang, 'navChecks')}</h1>${checkList(lang, checks, 'h2')}${feedLinks(lang, 'checks')}`,
  };
}

/** Only web links become links: stored URLs are checked at intake, and again here. */
function isWebUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.length > 40 ? `${u.pathname.slice(0, 40)}…` : u.pathname;
    return u.hostname + (path === '/' ? '' : path);
  } catch {
    return url.slice(0, 60);
  }
}

export function checkPage(
  lang: Lang,
  check: PublicCheckDetail,
  options: { canonicalUrl: string; jsonLd: unknown },
): Page {
  const appearances = check.appearances.some((a) => isWebUrl(a.url))
    ? html`<p class="meta" lang="${lang}">${t(lang, 'seenAt')}:</p>
<ul class="meta">${check.appearances
        .filter((a) => isWebUrl(a.url))
        .map(
          (a) =>
            html`<li><a href="${a.url}" rel="nofollow noopener">${shortUrl(a.url)}</a> — <span lang="${lang}">${t(lang, 'firstSeen', { date: formatDate(lang, a.firstSeenAt) })}</span></li>`,
        )}</ul>`
    : '';
  const evidence =
    check.evidence.length === 0
      ? html`<p lang="${lang}">${t(lang, 'noEvidenceLinks')}</p>`
      : html`<ol>${check.evidence.map((e) => {
          const label = isWebUrl(e.url)
            ? html`<a href="${e.url}" rel="nofollow noopener">${e.title || shortUrl(e.url)}</a>`
            : html`${e.title}`;
          const stored = e.snapshot
            ? html` (<a href="${pathOf('snapshot', lang, { slug: check.slug, id: e.snapshot.id })}" lang="${lang}">${t(lang, 'storedCopyOf', { date: formatDate(lang, e.snapshot.fetchedAt) })}</a>)`
            : '';
          return html`<li>${label}${e.note ? html` — ${e.note}` : ''}${stored}</li>`;
        })}</ol>`;
  const explanation = check.explanation.trim()
    ? html`<h2 lang="${lang}">${t(lang, 'explanation')}</h2>
<div>${trusted(renderMarkdown(check.explanation))}</div>`
    : '';
  const category = check.category
    ? html` · ${t(lang, 'category')}: <a href="${pathOf('category', lang, { slug: check.category.slug })}">${categoryName(lang, check.category)}</a>`
    : '';
  const corrections =
    check.corrections.length === 0
      ? html`<p>${t(lang, 'noCorrections')}</p>`
      : html`<ul>${check.corrections.map(
          (c) =>
            html`<li>${dateTag(lang, c.createdAt, true)}: <span lang="${check.language}">${c.reason}</span></li>`,
        )}</ul>`;
  return {
    meta: {
      lang,
      title: check.title,
      description: `${ratingLabel(lang, check.rating)}: ${check.summary}`.slice(0, 300),
      paths: both('check', { slug: check.slug }),
      nav: 'checks',
      ogType: 'article',
      image: `${options.canonicalUrl}/card.png`,
      imageAlt: `${ratingLabel(lang, check.rating)} — ${check.title}`,
      jsonLd: options.jsonLd,
      publishedAt: check.firstPublishedAt,
      modifiedAt: check.updatedAt,
    },
    body: html`<article lang="${check.language}">
<h1>${check.title}</h1>
<p class="verdict" lang="${lang}">${t(lang, 'verdict')}: ${badge(lang, check.rating)}</p>
<h2 lang="${lang}">${t(lang, 'claimAsCirculated')}</h2>
<blockquote class="claim"><p>${check.claimText}</p></blockquote>
${appearances}
<h2 lang="${lang}">${t(lang, 'summary')}</h2>
<p>${check.summary}</p>
${explanation}
<h2 lang="${lang}">${t(lang, 'evidence')}</h2>
${evidence}
<div lang="${lang}">
<p class="meta">${t(lang, 'firstPublished')} ${dateTag(lang, check.firstPublishedAt)} · ${t(lang, 'updated')} ${dateTag(lang, check.updatedAt)}${category}</p>
<h2>${t(lang, 'corrections')}</h2>
${corrections}
<p>${t(lang, 'shareNote')}</p>
<p class="meta"><a href="${pathOf('methodology', lang)}">${t(lang, 'ratingScale')}</a></p>
</div>
</article>`,
  };
}

export function snapshotPage(lang: Lang, slug: string, snapshot: PublicSnapshot): Page {
  const title = snapshot.title || shortUrl(snapshot.url);
  return {
    meta: {
      lang,
      title: t(lang, 'snapshotTitle', { title }),
      description: t(lang, 'snapshotIntro'),
      paths: both('snapshot', { slug, id: snapshot.id }),
      nav: 'checks',
      noindex: true,
    },
    body: html`<h1>${t(lang, 'snapshotTitle', { title })}</h1>
<p>${t(lang, 'snapshotIntro')}</p>
<dl class="facts"><dt>${t(lang, 'snapshotUrl')}</dt><dd>${snapshot.finalUrl}</dd><dt>${t(lang, 'snapshotFetched')}</dt><dd>${dateTag(lang, snapshot.fetchedAt, true)}</dd><dt>${t(lang, 'snapshotStatus')}</dt><dd>${snapshot.httpStatus}</dd><dt>${t(lang, 'snapshotHash')}</dt><dd><code>${snapshot.sha256}</code></dd></dl>
<h2>${t(lang, 'snapshotText')}</h2>
${snapshot.text ? html`<pre class="snapshot">${snapshot.text}</pre>` : html`<p>${t(lang, 'snapshotEmpty')}</p>`}
<p><a href="${pathOf('check', lang, { slug })}">${t(lang, 'backToCheck')}</a></p>`,
  };
}

export function categoryPage(
  lang: Lang,
  category: Category,
  checks: PublicCheckSummary[],
  statements: PublicStatement[],
): Page {
  const name = categoryName(lang, category);
  return {
    meta: {
      lang,
      title: name,
      description: category.description || `${t(lang, 'latestChecks')}: ${name}`,
      paths: both('category', { slug: category.slug }),
      nav: 'checks',
    },
    body: html`<h1>${name}</h1>${category.description ? html`<p>${category.description}</p>` : ''}
<h2>${t(lang, 'latestChecks')}</h2>${checkList(lang, checks)}
${statements.length > 0 ? html`<h2>${t(lang, 'latestStatements')}</h2>${statementList(lang, statements)}` : ''}
<p class="meta">${t(lang, 'feedsOfCategory')}: <a href="${categoryFeedPath(category.slug, 'rss')}">RSS</a> · <a href="${categoryFeedPath(category.slug, 'atom')}">Atom</a> · <a href="${categoryFeedPath(category.slug, 'json')}">JSON Feed</a></p>`,
  };
}

export function statementsPage(lang: Lang, statements: PublicStatement[]): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'statementsTitle'),
      description: t(lang, 'statementsDescription'),
      paths: both('statements'),
      nav: 'statements',
    },
    body: html`<h1>${t(lang, 'statementsTitle')}</h1>${statementList(lang, statements, 'h2')}${feedLinks(lang, 'statements')}`,
  };
}

export function statementPage(lang: Lang, statement: PublicStatement): Page {
  const issued = statement.issuedAt
    ? html`${t(lang, 'issued')} ${dateTag(lang, statement.issuedAt)} · `
    : '';
  return {
    meta: {
      lang,
      title: statement.title,
      description: statement.body.slice(0, 200),
      paths: both('statement', { slug: statement.slug }),
      nav: 'statements',
      ogType: 'article',
      publishedAt: statement.publishedAt,
      modifiedAt: statement.updatedAt,
    },
    body: html`<article lang="${statement.language}"><h1>${statement.title}</h1>
<p class="meta" lang="${lang}">${issued}${t(lang, 'published')} ${dateTag(lang, statement.publishedAt)}</p>
${statement.body.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}
</article>`,
  };
}

/** Values and problems of a form shown again after a refused submission. */
export interface FormState {
  values: Record<string, string>;
  errors: Array<{ field: string; message: string }>;
}

function errorSummary(lang: Lang, state: FormState | undefined, labels: Record<string, string>) {
  if (!state || state.errors.length === 0) return '';
  const items = state.errors.map((e) => {
    const label = labels[e.field];
    return html`<li>${label ? html`<a href="#f-${e.field}">${label}</a>: ` : ''}${e.message}</li>`;
  });
  return html`<div class="errors" role="alert" id="form-errors"><p><strong>${t(lang, 'tipErrors')}</strong></p><ul>${items}</ul></div>`;
}

function invalid(state: FormState | undefined, field: string): SafeHtml {
  return state?.errors.some((e) => e.field === field)
    ? trusted(' aria-invalid="true" aria-describedby="form-errors"')
    : trusted('');
}

function honeypot(lang: Lang): SafeHtml {
  // People never see this field; bots fill every field.
  return html`<div class="hp" aria-hidden="true"><label for="f-website">${t(lang, 'tipWebsite')}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>`;
}

export function pressPage(
  lang: Lang,
  data: {
    contacts: readonly string[];
    statements: PublicStatement[];
    sent: boolean;
    state?: FormState;
  },
): Page {
  const v = data.state?.values ?? {};
  const s = data.state;
  const labels = {
    outlet: t(lang, 'pressOutlet'),
    name: t(lang, 'pressName'),
    contact: t(lang, 'pressContact'),
    question: t(lang, 'pressQuestion'),
  };
  const contacts =
    data.contacts.length > 0
      ? html`<ul>${data.contacts.map((c) => html`<li>${c}</li>`)}</ul>`
      : html`<p>${t(lang, 'pressNoContacts')}</p>`;
  return {
    meta: {
      lang,
      title: t(lang, 'pressTitle'),
      description: t(lang, 'pressDescription'),
      paths: both('press'),
      nav: 'press',
      noindex: data.state !== undefined || data.sent,
    },
    body: html`<h1>${t(lang, 'pressTitle')}</h1>
${data.sent ? html`<div class="ok" role="status"><p>${t(lang, 'pressThanks')}</p></div>` : ''}
<h2>${t(lang, 'pressContacts')}</h2>
${contacts}
<h2 id="ask-h">${t(lang, 'pressAsk')}</h2>
<p>${t(lang, 'pressAskIntro')}</p>
${errorSummary(lang, s, labels)}
<form method="post" action="${pathOf('press', lang)}" aria-labelledby="ask-h">
<label for="f-outlet">${labels.outlet}</label><input type="text" id="f-outlet" name="outlet" required maxlength="200" autocomplete="organization" value="${v.outlet ?? ''}"${invalid(s, 'outlet')}>
<label for="f-name">${labels.name}</label><input type="text" id="f-name" name="name" maxlength="200" autocomplete="name" value="${v.name ?? ''}"${invalid(s, 'name')}>
<label for="f-contact">${labels.contact}</label><input type="text" id="f-contact" name="contact" required maxlength="200" autocomplete="email" value="${v.contact ?? ''}"${invalid(s, 'contact')}>
<label for="f-question">${labels.question}</label><textarea id="f-question" name="question" required maxlength="5000"${invalid(s, 'question')}>${v.question ?? ''}</textarea>
${honeypot(lang)}
<p><button type="submit">${t(lang, 'pressSend')}</button></p>
</form>
<h2>${t(lang, 'latestStatements')}</h2>${statementList(lang, data.statements)}
<h2>${t(lang, 'pressFeeds')}</h2>
<ul><li>${t(lang, 'navChecks')}: <a href="${feedPath('checks', 'rss')}">RSS</a> · <a href="${feedPath('checks', 'atom')}">Atom</a> · <a href="${feedPath('checks', 'json')}">JSON Feed</a></li>
<li>${t(lang, 'navStatements')}: <a href="${feedPath('statements', 'rss')}">RSS</a> · <a href="${feedPath('statements', 'atom')}">Atom</a> · <a href="${feedPath('statements', 'json')}">JSON Feed</a></li>
<li><a href="/api/docs">API (OpenAPI)</a></li></ul>`,
  };
}

export function guidesPage(lang: Lang): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'guidesTitle'),
      description: t(lang, 'guidesDescription'),
      paths: both('guides'),
      nav: 'guides',
    },
    body: html`<h1>${t(lang, 'guidesTitle')}</h1><p>${t(lang, 'guidesDescription')}</p>
<ul class="cards">${GUIDES.map(
      (g) =>
        html`<li><h2><a href="${pathOf('guide', lang, { slug: g.slug })}">${g.title[lang]}</a></h2><p>${g.summary[lang]}</p></li>`,
    )}</ul>`,
  };
}

export function guidePage(lang: Lang, guide: Guide): Page {
  return {
    meta: {
      lang,
      title: guide.title[lang],
      description: guide.summary[lang],
      paths: both('guide', { slug: guide.slug }),
      nav: 'guides',
      ogType: 'article',
    },
    body: html`<article><h1>${guide.title[lang]}</h1><p><strong>${guide.summary[lang]}</strong></p>${guide.body[lang]}</article>
<p><a href="${pathOf('guides', lang)}">${t(lang, 'guidesTitle')}</a></p>`,
  };
}

export function aboutPage(lang: Lang, publisher: string): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'aboutTitle'),
      description: t(lang, 'aboutDescription'),
      paths: both('about'),
    },
    body: html`<h1>${t(lang, 'aboutTitle')}</h1>${aboutBody(lang, publisher)}`,
  };
}

export function methodologyPage(lang: Lang): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'methodologyTitle'),
      description: t(lang, 'methodologyDescription'),
      paths: both('methodology'),
    },
    body: html`<h1>${t(lang, 'methodologyTitle')}</h1>${methodologyBody(lang)}`,
  };
}

export function searchPage(
  lang: Lang,
  q: string,
  results: { checks: PublicMatch[]; statements: PublicStatement[] } | null,
  mark: Marker,
): Page {
  const title = q ? t(lang, 'searchResultsTitle', { q }) : t(lang, 'searchTitle');
  const none = results !== null && results.checks.length === 0 && results.statements.length === 0;
  const query = q ? `?q=${encodeURIComponent(q)}` : '';
  const checks =
    results && results.checks.length > 0
      ? html`<h2>${t(lang, 'searchChecks')}</h2><ul class="cards">${results.checks.map((m) => checkCard(lang, m.check, 'h3', mark))}</ul>`
      : '';
  const statements =
    results && results.statements.length > 0
      ? html`<h2>${t(lang, 'searchStatements')}</h2><ul class="cards">${results.statements.map((s) => statementCard(lang, s, 'h3', mark))}</ul>`
      : '';
  return {
    meta: {
      lang,
      title,
      description: t(lang, 'searchDescription'),
      paths: { vi: pathOf('search', 'vi') + query, en: pathOf('search', 'en') + query },
      nav: undefined,
      // Indexable on purpose: a search is a page people share and find again.
      noindex: false,
    },
    body: html`<h1>${title}</h1>
<form method="get" action="${pathOf('search', lang)}">
<label for="search-q">${t(lang, 'searchLabel')}</label>
<input type="search" id="search-q" name="q" value="${q}" maxlength="500" aria-describedby="search-help">
<p class="field-help" id="search-help">${t(lang, 'searchHint')}</p>
<p><button type="submit">${t(lang, 'searchButton')}</button></p>
</form>
${none ? html`<p role="status">${t(lang, 'searchNone', { q })}</p>` : ''}
${checks}
${statements}`,
  };
}

function percent(lang: Lang, confidence: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(confidence);
}

export function quickPage(lang: Lang, text: string, results: PublicMatch[] | null): Page {
  const answers = results?.filter((m) => m.band === 'answer') ?? [];
  const suggestions = results?.filter((m) => m.band === 'suggest') ?? [];
  const why = (m: PublicMatch) =>
    html`<p class="meta">${t(lang, 'confidence', { p: percent(lang, m.confidence) })}${m.matchedSentence ? html` · ${t(lang, 'matchedSentence', { s: m.matchedSentence })}` : ''}</p>`;
  const found =
    answers.length > 0
      ? html`<h2 id="result-h">${t(lang, 'quickAnswer')}</h2>
<p>${t(lang, 'quickAnswerNote')}</p>
<ul class="cards">${answers.map((m) => checkCard(lang, m.check, 'h3', undefined, why(m)))}</ul>`
      : html`<h2 id="result-h">${t(lang, 'quickNone')}</h2>
<div class="notice"><p><strong>${t(lang, 'notVerified')}.</strong> ${t(lang, 'quickDoNotShare')}</p></div>
<form method="post" action="${pathOf('tip', lang)}"><input type="hidden" name="text" value="${text}"><input type="hidden" name="prefill" value="1"><button type="submit">${t(lang, 'quickOfferTip')}</button></form>`;
  const maybe =
    suggestions.length > 0
      ? html`<h2>${t(lang, 'quickSuggest')}</h2>
<p>${t(lang, 'quickSuggestNote')}</p>
<ul class="cards">${suggestions.map((m) => checkCard(lang, m.check, 'h3', undefined, why(m)))}</ul>`
      : '';
  return {
    meta: {
      lang,
      title: t(lang, 'quickTitle'),
      description: t(lang, 'quickDescription'),
      paths: both('quick'),
      nav: 'quick',
      noindex: results !== null,
    },
    body: html`<h1>${t(lang, 'quickTitle')}</h1>
<p>${t(lang, 'quickDescription')}</p>
${results === null ? '' : html`<section aria-labelledby="result-h">${found}${maybe}</section>`}
${quickForm(lang, text)}`,
  };
}

/**
 * The tip form. With `pow`, the instance asks for proof of work: a script (TIP_POW_SCRIPT_PATH)
 * solves a challenge from the tip API into the hidden fields before sending; without JavaScript
 * the form says so up front instead of failing after a submit.
 */
export function tipPage(
  lang: Lang,
  state: FormState | undefined,
  options: { pow?: boolean } = {},
): Page {
  const v = state?.values ?? {};
  const labels = {
    link: t(lang, 'tipLink'),
    text: t(lang, 'tipText'),
    contact: t(lang, 'tipContact'),
    consent: t(lang, 'tipConsent'),
  };
  const s = state && state.errors.length > 0 ? state : undefined;
  return {
    meta: {
      lang,
      title: t(lang, 'tipTitle'),
      description: t(lang, 'tipDescription'),
      paths: both('tip'),
      nav: 'tip',
      noindex: state !== undefined,
    },
    body: html`<h1>${t(lang, 'tipTitle')}</h1>
<p>${t(lang, 'tipIntro')}</p>
${errorSummary(lang, s, labels)}
${options.pow ? html`<noscript><p class="notice">${t(lang, 'tipPowNoScript')}</p></noscript>` : ''}
<form method="post" action="${pathOf('tip', lang)}"${options.pow ? html` data-pow="/api/v1/tips/challenge" data-pow-working="${t(lang, 'tipPowWorking')}"` : ''}>
<label for="f-link">${labels.link}</label><input type="url" id="f-link" name="link" maxlength="2048" inputmode="url" value="${v.link ?? ''}"${invalid(s, 'link')}>
<label for="f-text">${labels.text}</label><textarea id="f-text" name="text" maxlength="5000" aria-describedby="text-help"${invalid(s, 'text')}>${v.text ?? ''}</textarea>
<p class="field-help" id="text-help">${t(lang, 'tipTextHelp')}</p>
<label for="f-contact">${labels.contact}</label><input type="text" id="f-contact" name="contact" maxlength="200" autocomplete="email" aria-describedby="contact-help" value="${v.contact ?? ''}"${invalid(s, 'contact')}>
<p class="field-help" id="contact-help">${t(lang, 'tipContactHelp')}</p>
<p class="check"><input type="checkbox" id="f-consent" name="consent" value="yes"${v.consent ? trusted(' checked') : ''}${invalid(s, 'consent')}> <label for="f-consent">${labels.consent}</label></p>
${honeypot(lang)}
${options.pow ? html`<input type="hidden" name="pow_challenge" value=""><input type="hidden" name="pow_nonce" value="">` : ''}
<p><button type="submit">${t(lang, 'tipSend')}</button> <span id="pow-status" role="status"></span></p>
</form>
${options.pow ? html`<script src="${TIP_POW_SCRIPT_PATH}" defer></script>` : ''}`,
  };
}

const STATUS_KEYS: Record<TipStatusView['status'], MessageKey> = {
  received: 'statusReceived',
  in_progress: 'statusInProgress',
  answered: 'statusAnswered',
  closed: 'statusClosed',
};

function lookupForm(lang: Lang, value = ''): SafeHtml {
  return html`<form method="get" action="${pathOf('lookup', lang)}"><label for="f-code">${t(lang, 'lookupLabel')}</label><input type="text" id="f-code" name="code" value="${value}" maxlength="64" autocomplete="off" autocapitalize="characters" spellcheck="false"><p><button type="submit">${t(lang, 'lookupButton')}</button></p></form>`;
}

export function receiptPage(lang: Lang, code: string, view: TipStatusView | null): Page {
  const paths = both('receipt', { code });
  const description = t(lang, 'receiptDescription');
  if (!view) {
    return {
      meta: { lang, title: t(lang, 'receiptNotFound'), description, paths, noindex: true },
      body: html`<h1>${t(lang, 'receiptNotFound')}</h1>
<p>${t(lang, 'receiptNotFoundText')}</p>
${lookupForm(lang, code)}`,
    };
  }
  const answer = view.answer;
  const corrections =
    view.corrections.length > 0
      ? html`<h2>${t(lang, 'receiptCorrections')}</h2><ul>${view.corrections.map(
          (c) => html`<li>${dateTag(lang, c.createdAt, true)}: ${c.reason}</li>`,
        )}</ul>`
      : '';
  const outcome = answer
    ? html`<h2>${t(lang, 'receiptAnswer')}</h2>
<ul class="cards"><li>${badge(lang, answer.rating ?? 'unproven')}<h3><a href="${pathOf('check', lang, { slug: answer.slug })}">${answer.title}</a></h3><p>${answer.summary}</p></li></ul>
${corrections}`
    : html`<div class="notice" role="status"><p><strong>${t(lang, 'notVerified')}</strong></p><p>${t(lang, 'notVerifiedText')}</p></div>`;
  return {
    meta: { lang, title: t(lang, 'receiptTitle'), description, paths, noindex: true },
    body: html`<h1>${t(lang, 'receiptTitle')}</h1>
<p>${t(lang, 'receiptCode')}: <span class="code">${code}</span></p>
<p>${t(lang, 'receiptKeep')}</p>
<dl class="facts"><dt>${t(lang, 'receiptStatus')}</dt><dd>${t(lang, STATUS_KEYS[view.status])}</dd><dt>${t(lang, 'receiptReceivedAt')}</dt><dd>${dateTag(lang, view.receivedAt, true)}</dd><dt>${t(lang, 'receiptUpdatedAt')}</dt><dd>${dateTag(lang, view.updatedAt, true)}</dd></dl>
${outcome}`,
  };
}

export function lookupPage(lang: Lang): Page {
  return {
    meta: {
      lang,
      title: t(lang, 'lookupTitle'),
      description: t(lang, 'receiptDescription'),
      paths: both('lookup'),
      noindex: true,
    },
    body: html`<h1>${t(lang, 'lookupTitle')}</h1>${lookupForm(lang)}`,
  };
}

/** 404, 429 and 500 pages in the portal's style. */
export function errorPage(lang: Lang, status: 404 | 429 | 500, requestId?: string): Page {
  const [titleKey, textKey]: [MessageKey, MessageKey] =
    status === 404
      ? ['notFoundTitle', 'notFoundText']
      : status === 429
        ? ['tooManyTitle', 'tooManyText']
        : ['errorTitle', 'errorText'];
  const id =
    status === 500 && requestId
      ? html`<p class="meta">${t(lang, 'errorRequestId', { id: requestId })}</p>`
      : '';
  return {
    meta: {
      lang,
      title: t(lang, titleKey),
      description: t(lang, textKey),
      paths: both('home'),
      noindex: true,
    },
    body: html`<h1>${t(lang, titleKey)}</h1>
<p>${t(lang, textKey)}</p>
${id}
<p><a href="${pathOf('home', lang)}">${t(lang, 'backHome')}</a></p>`,
  };
}
