/**
 * Traps for cross-site scripting on a playwright page: the canary function the payloads of
 * xss-payloads.ts call, dialogs (alert/confirm/prompt), requests to any host outside an
 * allow-list (aborted and recorded), page errors and console errors (a CSP refusal of an inline
 * script means markup got into the page even though it did not run), and a scan of the DOM for
 * markup that can only have come from a payload (event-handler attributes, script-bearing URLs,
 * elements carrying the canary). Install before the first navigation.
 */
import type { Page } from 'playwright-core';
import { XSS_CANARY, XSS_HOST, XSS_PAYLOADS } from './xss-payloads.js';

export type XssFindingKind = 'canary' | 'dialog' | 'request' | 'page-error' | 'console' | 'markup';

export interface XssFinding {
  kind: XssFindingKind;
  detail: string;
  /** The page URL when it was seen. */
  url: string;
}

export interface XssGuardOptions {
  /** Origins the page may request, e.g. the server under test ("http://127.0.0.1:4123"). */
  allowedOrigins: string[];
  /** Console errors that are expected and harmless (matched against the text). */
  ignoreConsole?: RegExp[];
}

export interface XssGuard {
  /** Everything seen so far, scans included. */
  findings(): XssFinding[];
  /** Scans the DOM of every frame as it is now; adds and returns what it finds. */
  scan(): Promise<XssFinding[]>;
  /** Scans, then lists the findings as text ("" when clean), for an assertion message. */
  report(): Promise<string>;
}

// React 19 replaces a javascript: URL it is given with this one, which only throws.
const REACT_BLOCKED_URL = "javascript:throw new Error('React has blocked a javascript: URL";

/** Installs the traps on `page`. */
export async function installXssGuard(page: Page, options: XssGuardOptions): Promise<XssGuard> {
  const findings: XssFinding[] = [];
  const allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  const add = (kind: XssFindingKind, detail: string) =>
    findings.push({ kind, detail, url: page.url() });

  await page.exposeFunction(XSS_CANARY, (id: unknown) => {
    const payload = XSS_PAYLOADS.find((p) => p.id === id);
    add('canary', `${String(id)} ran${payload ? `: ${payload.payload}` : ''}`);
  });
  page.on('dialog', (dialog) => {
    add('dialog', `${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => add('page-error', error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A failed request is no sign of injection: an outside one is a finding of its own, and
    // the page's own API calls may fail by design (a lead is refused an admin list).
    if (/^Failed to load resource|ERR_BLOCKED_BY_CLIENT/.test(text)) return;
    if (options.ignoreConsole?.some((pattern) => pattern.test(text))) return;
    add('console', text);
  });
  await page.route('**/*', async (route) => {
    const requested = route.request().url();
    let origin: string;
    try {
      origin = new URL(requested).origin;
    } catch {
      origin = 'invalid';
    }
    if (allowed.has(origin)) return route.fallback();
    add('request', `${route.request().method()} ${requested}`);
    return route.abort('blockedbyclient');
  });

  async function scan(): Promise<XssFinding[]> {
    const found: XssFinding[] = [];
    for (const frame of page.frames()) {
      let details: string[];
      try {
        const marks = { canary: XSS_CANARY, host: XSS_HOST, reactBlocked: REACT_BLOCKED_URL };
        details = await frame.evaluate<string[]>(`(${SCAN_SOURCE})(${JSON.stringify(marks)})`);
      } catch {
        continue; // a frame that went away or is cross-origin
      }
      for (const detail of details) found.push({ kind: 'markup', detail, url: frame.url() });
    }
    findings.push(...found);
    return found;
  }

  return {
    findings: () => [...findings],
    scan,
    async report() {
      await scan();
      return findings.map((f) => `${f.kind} at ${f.url}: ${f.detail}`).join('\n');
    },
  };
}

/**
 * Runs in the page: markup that only a payload could have put there. Kept as source text, not a
 * function, because the TypeScript loader adds helpers to compiled functions that the page lacks.
 */
const SCAN_SOURCE = String.raw`(marks) => {
  const marker = new RegExp(marks.canary + '|' + marks.host.replace('.', '\\.'), 'i');
  // Links only matter with a script scheme (following them is the visitor's choice); attributes
  // that load or run something matter with the canary's name or host in them too.
  const linkAttributes = new Set(['href', 'xlink:href', 'action', 'formaction']);
  const loadAttributes = new Set(['src', 'data', 'srcdoc', 'poster', 'background', 'content',
    'style', 'srcset', 'imagesrcset']);
  const active = new Set(['script', 'style', 'iframe', 'object', 'embed', 'base', 'meta', 'link']);
  // A server-rendered page's own metadata in <head> quotes stored text (a title in og:title, a
  // path in rel=canonical, a ClaimReview in JSON-LD) as inert data: a <meta> without
  // http-equiv, a <link> that is only canonical/alternate (no stylesheet), a JSON data block.
  // Anything there that loads or runs (http-equiv, stylesheets, script with src or of another
  // type) is still reported, and so is any such element outside <head>.
  const inertMetadata = (el, tag) => {
    if (el.parentElement !== document.head) return false;
    if (tag === 'meta') return !el.hasAttribute('http-equiv');
    if (tag === 'link') {
      const rel = (el.getAttribute('rel') || '').toLowerCase().split(/\s+/).filter(Boolean);
      return rel.length > 0 && rel.every((r) => r === 'canonical' || r === 'alternate');
    }
    if (tag === 'script') {
      return !el.hasAttribute('src') && /^application\/(ld\+)?json$/i.test(el.type);
    }
    return false;
  };
  const out = [];
  const visit = (root) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      const html = el.outerHTML.slice(0, 160);
      const inert = inertMetadata(el, tag);
      for (const { name, value } of Array.from(el.attributes)) {
        const attr = name.toLowerCase();
        if (attr.startsWith('on')) out.push('event handler ' + attr + ' on <' + tag + '>: ' + html);
        else if (linkAttributes.has(attr) || loadAttributes.has(attr)) {
          const scriptUrl =
            /^\s*(javascript:|vbscript:|data:text\/html)/i.test(value) &&
            !value.startsWith(marks.reactBlocked);
          const loads = !inert && loadAttributes.has(attr) && marker.test(value);
          if (scriptUrl || loads) out.push(attr + ' on <' + tag + '>: ' + html);
        }
      }
      if (!inert && active.has(tag) && marker.test(el.outerHTML)) out.push('<' + tag + '> element: ' + html);
      if (el.shadowRoot) visit(el.shadowRoot);
      if (tag === 'template' && el.content) visit(el.content);
    }
  };
  visit(document);
  return out;
}`;
