/**
 * A corpus of classic cross-site scripting payloads for the browser tests. Each one, if a page
 * ever let it run, calls the canary `window.__xss(id)` or requests http://xss.invalid/<id>
 * (a reserved name that never resolves), which e2e/support/xss-guard.ts watches for. Stored in
 * every field people can write (claims, evidence, notes, tips, statements, checks) and then
 * shown on the desk and portal pages.
 *
 * Sources of the shapes: the OWASP XSS filter evasion cheat sheet, the DOMPurify mutation-XSS
 * bypasses (noscript, template, math/svg namespace confusion) and breakouts of the contexts a
 * server-rendered page has (attribute, <title>, <textarea>, JSON inside <script>).
 */

/** The canary's global name; a page under test must never call it. */
export const XSS_CANARY = '__xss';
/** Requests to this host mean a payload loaded a resource or ran code. */
export const XSS_HOST = 'xss.invalid';

export type XssContext =
  | 'script-tag'
  | 'event-handler'
  | 'javascript-url'
  | 'svg-mathml'
  | 'attribute-breakout'
  | 'mutation'
  | 'css'
  | 'data-url'
  | 'element-breakout'
  | 'json-in-script'
  | 'encoding'
  | 'markdown'
  | 'template'
  | 'resource';

export interface XssPayload {
  /** Stable id, passed to the canary: "x01"… */
  id: string;
  context: XssContext;
  /** The text to store. */
  payload: string;
}

const call = (id: string) => `${XSS_CANARY}('${id}')`;
const url = (id: string) => `http://${XSS_HOST}/${id}`;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const templates: Array<[XssContext, (id: string) => string]> = [
  ['script-tag', (id) => `<script>${call(id)}</script>`],
  ['script-tag', (id) => `<ScRiPt >${call(id)}</sCrIpT >`],
  ['script-tag', (id) => `<script src="${url(id)}.js"></script>`],
  ['event-handler', (id) => `<img src=x onerror=${call(id)}>`],
  ['event-handler', (id) => `<img src="x" onerror="&#95;&#95;xss&#40;'${id}'&#41;">`],
  ['event-handler', (id) => `<body onload=${call(id)}>`],
  ['event-handler', (id) => `<input autofocus onfocus=${call(id)}>`],
  ['event-handler', (id) => `<details open ontoggle=${call(id)}>`],
  ['event-handler', (id) => `<video><source onerror="${call(id)}"></video>`],
  ['event-handler', (id) => `<audio src=x onerror=${call(id)}>`],
  [
    'event-handler',
    (id) => `<div onpointerenter=${call(id)} style="position:fixed;inset:0">x</div>`,
  ],
  ['javascript-url', (id) => `<a href="javascript:${call(id)}">Xem nguồn</a>`],
  ['javascript-url', (id) => `<a href="jav&#x09;ascript:${call(id)}">Xem nguồn</a>`],
  ['javascript-url', (id) => `<iframe src="javascript:${call(id)}"></iframe>`],
  ['javascript-url', (id) => `<form action="javascript:${call(id)}"><button>Gửi</button></form>`],
  ['javascript-url', (id) => `javascript:${call(id)}`],
  ['svg-mathml', (id) => `<svg onload=${call(id)}>`],
  ['svg-mathml', (id) => `<svg><script>${call(id)}</script></svg>`],
  ['svg-mathml', (id) => `<svg><animate onbegin=${call(id)} attributeName=x dur=1s>`],
  [
    'svg-mathml',
    (id) => `<svg><a xlink:href="javascript:${call(id)}"><text x="20" y="20">x</text></a></svg>`,
  ],
  ['svg-mathml', (id) => `<math><mtext><table><mglyph><style><img src=x onerror=${call(id)}>`],
  [
    'svg-mathml',
    (id) =>
      `<math><mi xlink:href="javascript:${call(id)}">x</mi><maction actiontype="statusline#" xlink:href="javascript:${call(id)}">y</maction></math>`,
  ],
  ['attribute-breakout', (id) => `"><img src=x onerror=${call(id)}>`],
  ['attribute-breakout', (id) => `' autofocus onfocus='${call(id)}' x='`],
  ['attribute-breakout', (id) => `" autofocus onfocus="${call(id)}" x="`],
  ['mutation', (id) => `<noscript><p title="</noscript><img src=x onerror=${call(id)}>">`],
  ['mutation', (id) => `<template><img src=x onerror=${call(id)}></template>`],
  ['mutation', (id) => `<svg></p><style><a id="</style><img src=1 onerror=${call(id)}>">`],
  [
    'mutation',
    (id) =>
      `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${call(id)} src>">`,
  ],
  ['css', (id) => `<div style="background:url(javascript:${call(id)})">x</div>`],
  ['css', (id) => `<div style="width:expression(${call(id)})">x</div>`],
  ['css', (id) => `<style>@import '${url(id)}.css';</style>`],
  ['css', (id) => `<link rel="stylesheet" href="${url(id)}.css">`],
  [
    'data-url',
    (id) =>
      `<object data="data:text/html;base64,${b64(`<script>parent.${call(id)}</script>`)}"></object>`,
  ],
  ['data-url', (id) => `<embed src="data:text/html,<script>parent.${call(id)}</script>">`],
  ['data-url', (id) => `<iframe srcdoc="<script>parent.${call(id)}</script>"></iframe>`],
  ['element-breakout', (id) => `</title><script>${call(id)}</script>`],
  ['element-breakout', (id) => `</textarea><script>${call(id)}</script>`],
  ['element-breakout', (id) => `</style></noscript></xmp><img src=x onerror=${call(id)}>`],
  ['json-in-script', (id) => `</script><script>${call(id)}</script>`],
  ['json-in-script', (id) => `"}];${call(id)};//`],
  ['json-in-script', (id) => `<!--<script>${call(id)}//-->`],
  ['encoding', (id) => `\\u003cimg src=x onerror=${call(id)}\\u003e`],
  ['encoding', (id) => `%3Cscript%3E${call(id)}%3C/script%3E`],
  ['encoding', (id) => `＜script＞${call(id)}＜/script＞`],
  ['markdown', (id) => `[Xem nguồn](javascript:${call(id)})`],
  ['markdown', (id) => `![ảnh](${url(id)}.png)`],
  ['markdown', (id) => `<a href="javascript:${call(id)}">**đậm**</a>`],
  ['template', (id) => `{{constructor.constructor("${call(id)}")()}}`],
  ['template', (id) => `\${${call(id)}}`],
  [
    'template',
    (id) =>
      `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${call(id)} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${call(id)}//>\\x3e`,
  ],
  ['resource', (id) => `<img src="${url(id)}.png">`],
  ['resource', (id) => `<iframe src="${url(id)}"></iframe>`],
  ['resource', (id) => `<meta http-equiv="refresh" content="0;url=javascript:${call(id)}">`],
  ['resource', (id) => `<base href="${url(id)}/">`],
];

/** The corpus: every payload with its id. */
export const XSS_PAYLOADS: readonly XssPayload[] = templates.map(([context, make], index) => {
  const id = `x${String(index + 1).padStart(2, '0')}`;
  return { id, context, payload: make(id) };
});

/** Payloads joined into one text of at most `maxLength` characters per chunk (for short fields). */
export function xssChunks(maxLength: number, prefix = ''): string[] {
  const chunks: string[] = [];
  let current = prefix;
  for (const { payload } of XSS_PAYLOADS) {
    if (current.length + payload.length + 1 > maxLength && current !== prefix) {
      chunks.push(current);
      current = prefix;
    }
    current += `${current === prefix ? '' : ' '}${payload}`;
  }
  if (current !== prefix) chunks.push(current);
  return chunks;
}
