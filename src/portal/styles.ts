/**
 * The portal's whole stylesheet, small enough to inline in every page (no render-blocking
 * request), with the self-hosted Be Vietnam Pro faces (`font-display: swap`: text shows at once
 * in the fallback font). Colours meet WCAG AA contrast on their backgrounds.
 */

const VIETNAMESE_RANGE =
  'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';
const LATIN_RANGE =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';

/** The font files served under /fonts/ (subset × weight). */
export const FONT_FILES = ['vietnamese', 'latin'].flatMap((subset) =>
  [400, 700].map((weight) => `be-vietnam-pro-${subset}-${weight}-normal.woff2`),
);

const fontFaces = [400, 700]
  .flatMap((weight) =>
    (
      [
        ['vietnamese', VIETNAMESE_RANGE],
        ['latin', LATIN_RANGE],
      ] as const
    ).map(
      ([subset, range]) =>
        `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-display:swap;font-weight:${weight};src:url(/fonts/be-vietnam-pro-${subset}-${weight}-normal.woff2) format('woff2');unicode-range:${range}}`,
    ),
  )
  .join('');

const rules = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:'Be Vietnam Pro',system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:1.0625rem;line-height:1.6;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}
a:hover{color:#06325f}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site{background:#0d2b45;color:#fff}
header.site a{color:#fff}
.brand{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding:.75rem 0}
.brand .name{font-weight:700;font-size:1.25rem;text-decoration:none}
nav.main ul{list-style:none;margin:0;padding:0 0 .6rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.main a{text-decoration:none;padding:.35rem 0;display:inline-block}
nav.main a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
form.search{display:flex;gap:.5rem;padding-bottom:.75rem}
form.search input{flex:1;min-width:0}
input,textarea,button{font:inherit}
input[type=text],input[type=search],input[type=url],textarea{width:100%;padding:.55rem .65rem;border:2px solid #4a5561;border-radius:4px;background:#fff;color:#1a1a1a}
textarea{min-height:8rem}
button,.button{display:inline-block;background:#0b4f9c;color:#fff;border:2px solid #0b4f9c;border-radius:4px;padding:.55rem 1.1rem;font-weight:700;cursor:pointer;text-decoration:none}
header.site button{background:#fff;color:#0d2b45;border-color:#fff}
button:hover,.button:hover{background:#06325f;color:#fff}
label{display:block;font-weight:700;margin:.9rem 0 .3rem}
.check label{display:inline;font-weight:400;margin:0}
.field-help{color:#4a5561;font-size:.95rem;margin:.2rem 0 0}
.hp,.vh{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
main{padding:1.25rem 0 2rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem}
h3{font-size:1.1rem;margin:1rem 0 .3rem}
.badge{display:inline-block;padding:.2rem .6rem;border-radius:4px;font-weight:700;color:#fff;background:#3d4f63}
.badge.r-true{background:#0a6b2e}
.badge.r-misleading{background:#8a4b00}
.badge.r-false{background:#b00020}
.badge.r-unproven{background:#3d4f63}
.badge.r-not_checkable{background:#4b4b6b}
.verdict{font-size:1.2rem;margin:.5rem 0 1rem}
ul.cards{list-style:none;padding:0;margin:0}
ul.cards li{border-bottom:1px solid #c9ced4;padding:.85rem 0}
ul.cards h3{margin:.35rem 0}
.meta{color:#4a5561;font-size:.95rem}
blockquote.claim{margin:0 0 1rem;padding:.75rem 1rem;border-left:4px solid #8a4b00;background:#fdf6ec}
.notice{border:2px solid #b00020;background:#fff0f2;padding:.75rem 1rem;border-radius:4px;margin:1rem 0}
.notice strong{color:#8c0019}
.ok{border:2px solid #0a6b2e;background:#eefaf2;padding:.75rem 1rem;border-radius:4px;margin:1rem 0}
.errors{border:2px solid #b00020;padding:.75rem 1rem;margin:1rem 0}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.4rem;font-weight:700;letter-spacing:.05em}
mark{background:#ffe58a;color:#1a1a1a}
pre.snapshot{white-space:pre-wrap;word-break:break-word;background:#f4f5f7;padding:1rem;border-radius:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0;word-break:break-all}
footer.site{border-top:1px solid #c9ced4;padding:1rem 0 2rem;color:#3a434c;font-size:.95rem}
footer.site ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #c9ced4;padding:.4rem .5rem;text-align:left;vertical-align:top}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;

/** The inline stylesheet of every page. */
export const PORTAL_CSS = fontFaces + rules.replace(/\n/g, '');
