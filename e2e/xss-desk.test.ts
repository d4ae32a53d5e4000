/**
 * Stored cross-site scripting on the desk: the payloads of e2e/support/xss-payloads.ts go into
 * every field people write through the API — claims, evidence titles, notes and URLs, tips,
 * statements, check titles, summaries and explanations — and the desk pages that show them
 * (queue, incoming items, claim page with the check preview, cluster, dashboard) must neither
 * run them, nor open a dialog, nor request anything outside the server, nor carry their markup.
 * First the guard itself is shown to catch a page that does run them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../test/local-server.js';
import { launchBrowser } from './support/browser.js';
import { callApi, createClaim, type CreatedClaim } from './support/data.js';
import { createStaff, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';
import { installXssGuard, type XssGuard } from './support/xss-guard.js';
import { XSS_HOST, XSS_PAYLOADS, xssChunks } from './support/xss-payloads.js';

interface CheckJson {
  id: string;
  version: number;
  status: string;
}

describe('stored XSS on the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let editor: Staff;
  let lead: Staff;
  let main: CreatedClaim;
  const claims: CreatedClaim[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    editor = await createStaff(server, 'editor');
    lead = await createStaff(server, 'lead');

    // One claim per payload (the queue shows them all), and one that carries everything else.
    for (const { payload } of XSS_PAYLOADS) {
      claims.push(await createClaim(server, lead, { text: `Tin đồn ${payload}` }));
    }
    main = await createClaim(server, lead, {
      text: `Nhận định chính ${XSS_PAYLOADS.map((p) => p.payload).join(' ')}`.slice(0, 5000),
      priority: 'urgent',
    });

    for (const title of xssChunks(500, 'Bằng chứng')) {
      await callApi(server, editor, 'POST', `/claims/${main.id}/evidence`, {
        kind: 'document',
        title,
        note: XSS_PAYLOADS.map((p) => p.payload).join('\n'),
      });
    }
    // Script-bearing URLs as evidence links are refused by the API.
    for (const url of [
      `javascript:__xss('ev-url')`,
      `data:text/html,<script>__xss('ev-data')</script>`,
    ]) {
      await callApi(
        server,
        editor,
        'POST',
        `/claims/${main.id}/evidence`,
        { kind: 'url', title: 'Liên kết', url },
        [400],
      );
    }
    await callApi(server, editor, 'POST', `/claims/${main.id}/evidence`, {
      kind: 'url',
      title: 'Nguồn ngoài',
      url: `https://nguon.example.vn/bai?q=%22%3E%3Cscript%3E__xss('ev-q')%3C/script%3E`,
    });

    await callApi(server, editor, 'POST', `/claims/${main.id}/notes`, {
      body: XSS_PAYLOADS.map((p) => p.payload).join('\n\n'),
    });
    for (const { payload } of XSS_PAYLOADS.slice(0, 5)) {
      await callApi(server, editor, 'POST', `/claims/${main.id}/notes`, { body: payload });
    }

    // Tips from the public: text and link. Before the check is published, which would answer
    // them (its summary holds the same payloads) and take them out of the incoming list.
    for (const text of xssChunks(5000, 'Có thật không?')) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        payload: { text, link: `https://mxh.example.vn/p/${claims.length}` },
      });
      assert.equal(response.statusCode, 201, response.body);
    }
    const hostileLink = await server.app.inject({
      method: 'POST',
      url: '/api/v1/tips',
      payload: { text: 'Xem liên kết này', link: `javascript:__xss('tip-link')` },
    });
    assert.equal(hostileLink.statusCode, 400, 'a javascript: link is refused');
    await server.processPipeline();

    // A check with payloads in every text field, through review to publication.
    const check = await callApi<CheckJson>(server, editor, 'POST', '/checks', {
      claimId: main.id,
      title: xssChunks(300)[0]!,
      rating: 'false',
      summary: xssChunks(2000)[0]!,
      explanation: XSS_PAYLOADS.map((p) => `${p.payload}\n\n`).join(''),
    });
    const submitted = await callApi<CheckJson>(server, editor, 'PATCH', `/checks/${check.id}`, {
      version: check.version,
      status: 'in_review',
    });
    const approved = await callApi<CheckJson>(server, lead, 'PATCH', `/checks/${check.id}`, {
      version: submitted.version,
      status: 'approved',
    });
    await callApi(server, lead, 'PATCH', `/checks/${check.id}`, {
      version: approved.version,
      status: 'published',
    });

    for (const title of xssChunks(300)) {
      await callApi(server, lead, 'POST', '/statements', {
        title,
        body: XSS_PAYLOADS.map((p) => p.payload).join('\n\n'),
        claimId: main.id,
        status: 'published',
      });
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A signed-in desk page with the guard installed before the desk loads. */
  async function guardedDesk(
    path: string,
  ): Promise<{ page: Page; guard: XssGuard; close: () => Promise<void> }> {
    const desk = await signedIn(browser, server, lead, '/desk/');
    const guard = await installXssGuard(desk.page, {
      allowedOrigins: [server.origin],
      // The Markdown preview's sanitiser (DOMPurify) parses the HTML in an inert document that
      // shares the page's CSP, so a <base> in the text is reported there before it is removed.
      // A <base> that reached the live page would be caught by the DOM scan instead.
      ignoreConsole: [/^Setting the document's base URI to .* "base-uri 'self'"/],
    });
    await desk.page.goto(path);
    return { page: desk.page, guard, close: () => desk.context.close() };
  }

  test('the guard catches a page that does run the payloads (the test can fail)', async () => {
    let vulnerable: LocalServer | undefined;
    const context = await browser.newContext();
    try {
      vulnerable = await startLocalServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><title>x</title><body>${XSS_PAYLOADS.map((p) => p.payload).join('\n')}<script>alert('dialog')</script></body>`,
        );
      });
      const page = await context.newPage();
      const guard = await installXssGuard(page, { allowedOrigins: [vulnerable.origin] });
      await page.goto(`${vulnerable.origin}/`);
      await page.waitForTimeout(500);
      await guard.scan();
      const kinds = new Set(guard.findings().map((f) => f.kind));
      for (const kind of ['canary', 'dialog', 'request', 'markup'] as const) {
        assert.ok(kinds.has(kind), `${kind} in ${[...kinds].join(', ')}`);
      }
      const ran = new Set(
        guard
          .findings()
          .filter((f) => f.kind === 'canary')
          .map((f) => f.detail.split(' ')[0]),
      );
      assert.ok(ran.size >= 5, `several payloads ran: ${[...ran].join(', ')}`);
      assert.ok(guard.findings().some((f) => f.kind === 'request' && f.detail.includes(XSS_HOST)));
    } finally {
      await context.close();
      await vulnerable?.close();
    }
  });

  test('the queue shows every payload as text', async () => {
    const { page, guard, close } = await guardedDesk('/desk/');
    try {
      const list = page.getByRole('listbox', { name: 'Các nhận định trong hàng đợi' });
      await list.getByRole('option').first().waitFor();
      // The literal text is on screen: it was escaped, not parsed.
      await page.getByText(`Tin đồn ${XSS_PAYLOADS[0]!.payload}`).first().waitFor();
      // Hover and focus everything so handlers needing interaction get their chance.
      await page.mouse.move(300, 300);
      await page.keyboard.press('Tab');
      await page.waitForTimeout(300);
      assert.equal(await guard.report(), '');
    } finally {
      await close();
    }
  });

  test('incoming items from tips', async () => {
    const { page, guard, close } = await guardedDesk('/desk/?view=incoming');
    try {
      await page.getByRole('heading', { name: 'Tin mới đến, chưa phân loại' }).waitFor();
      await page.locator('.incoming-list > li').first().waitFor();
      await page.getByText('Có thật không?', { exact: false }).first().waitFor();
      await page.waitForTimeout(300);
      assert.equal(await guard.report(), '');
    } finally {
      await close();
    }
  });

  test('the claim page: claim, evidence, notes, check and its Markdown preview', async () => {
    const { page, guard, close } = await guardedDesk(`/desk/claims/${main.id}`);
    try {
      await page.getByRole('heading', { level: 1, name: /Nhận định chính/ }).waitFor();
      await page
        .getByRole('region', { name: 'Bằng chứng' })
        .getByText('Bằng chứng')
        .first()
        .waitFor();
      await page.getByText(XSS_PAYLOADS[1]!.payload).first().waitFor();
      const preview = page.getByRole('button', { name: 'Xem trước' });
      if ((await preview.count()) > 0) {
        await preview.click();
        await page.locator('.markdown-preview').waitFor();
      }
      // Links on the page: none may carry a script URL (React blocks them; the scan checks).
      await page.mouse.move(400, 400);
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate('document.baseURI'), page.url());
      assert.equal(await guard.report(), '');
    } finally {
      await close();
    }
  });

  test('the Markdown preview keeps no inline styles (a payload could overlay the whole desk)', async () => {
    const { page, guard, close } = await guardedDesk(`/desk/claims/${main.id}`);
    const stripped = '.markdown-preview [style], .markdown-preview [class], .markdown-preview [id]';
    try {
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.locator('.markdown-preview').waitFor();
      assert.equal(await page.locator(stripped).count(), 0, 'styled elements in the preview');

      // Even HTML with styles from the server (a renderer changed, a proxy) is cleaned by the
      // desk's own sanitiser before it reaches the page.
      await page.route('**/api/v1/checks/preview', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({
            html:
              '<p style="position:fixed;inset:0;z-index:2147483647;background:#fff" class="skip-link" id="main">Phiên đã hết hạn</p>' +
              '<a href="https://x.example/" style="position:fixed;inset:0" target="_top">tiếp tục</a>' +
              '<div style="position:fixed;inset:0;background:red">phủ</div>' +
              '<table><tr><td style="text-align:right" align="right">1</td></tr></table>',
          }),
        }),
      );
      await page.getByRole('button', { name: 'Soạn' }).click();
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await page.locator('.markdown-preview', { hasText: 'Phiên đã hết hạn' }).waitFor();
      assert.equal(await page.locator(stripped).count(), 0, 'styled elements in the preview');
      assert.equal(
        await page
          .locator('.markdown-preview [target], .markdown-preview [align], .markdown-preview div')
          .count(),
        0,
      );
      // Nothing covers the desk: the top-left corner is still the desk's own layout.
      const corner = await page.evaluate(
        "document.elementFromPoint(5, 5)?.closest('.markdown-preview') === null",
      );
      assert.equal(corner, true, 'the preview covers the page');
      assert.equal(await guard.report(), '');
    } finally {
      await close();
    }
  });

  test('the cluster page and the dashboard', async () => {
    for (const path of [`/desk/claims/${main.id}/cluster`, '/desk/dashboard']) {
      const { page, guard, close } = await guardedDesk(path);
      try {
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        assert.equal(await guard.report(), '', path);
      } finally {
        await close();
      }
    }
  });

  test('the public API returns the payloads as data, byte for byte', async () => {
    const published = await server.app.inject({
      method: 'GET',
      url: '/api/v1/checks?status=published',
    });
    assert.equal(published.statusCode, 200);
    assert.match(String(published.headers['content-type']), /application\/json/);
    const body = published.json<{ items: Array<{ explanation?: string; summary: string }> }>();
    assert.ok(body.items.some((c) => c.summary.includes(XSS_PAYLOADS[0]!.payload)));
  });
});
