/**
 * Stored and reflected cross-site scripting on the public portal: the payloads of
 * e2e/support/xss-payloads.ts go into claims, evidence titles and notes, a check's title,
 * summary and explanation, a category's name and description, statements and tips (through the
 * portal's own form), and into search and quick-check queries. Every portal page that shows
 * them — home in both languages, the check page, the category page, the statements list and a
 * statement, search results, the quick check's answer and its "send it" form, the tip form
 * given back with an error, and the receipt page — must neither run them, nor open a dialog,
 * nor request anything outside the server, nor carry their markup (e2e/support/xss-guard.ts;
 * e2e/xss-desk.test.ts shows the guard catching a page that does run them).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { callApi } from './support/data.js';
import { createStaff } from './support/desk.js';
import { createCategory, publishCheck } from './support/portal-data.js';
import { startServer, type TestServer } from './support/server.js';
import { installXssGuard, type XssGuard } from './support/xss-guard.js';
import { XSS_PAYLOADS, xssChunks } from './support/xss-payloads.js';

const ALL = XSS_PAYLOADS.map((p) => p.payload);

describe('XSS on the public portal', () => {
  let server: TestServer;
  let browser: Browser;
  let checkSlug: string;
  let categorySlug: string;
  const statementSlugs: string[] = [];

  before(async () => {
    server = await startServer({ TIP_RATE_PER_IP: '100' });
    browser = await launchBrowser();
    const admin = await createStaff(server, 'admin');
    const editor = await createStaff(server, 'editor');
    const lead = await createStaff(server, 'lead');

    const category = await createCategory(server, admin, {
      slug: 'tin-don',
      nameVi: `Tin đồn ${ALL[0]}`.slice(0, 120),
      nameEn: `Rumours ${ALL[3]}`.slice(0, 120),
      description: xssChunks(2000, 'Chuyên mục')[0]!,
    });
    categorySlug = category.slug;

    ({ slug: checkSlug } = await publishCheck(server, editor, lead, {
      claimText: `Nhận định ${ALL.join(' ')}`.slice(0, 5000),
      title: xssChunks(300, 'Kiểm chứng')[0]!,
      summary: xssChunks(2000, 'Tóm tắt')[0]!,
      explanation: ALL.map((p) => `${p}\n\n`).join(''),
      evidenceTitles: xssChunks(500, 'Bằng chứng'),
      evidenceNote: ALL.join('\n'),
      categoryId: category.id,
    }));
    // Further checks whose titles carry the rest of the corpus (the home page lists titles).
    for (const [i, title] of xssChunks(300, 'Kiểm chứng').slice(1).entries()) {
      await publishCheck(server, editor, lead, {
        claimText: `Tin đồn số ${i} ${title}`,
        title,
        summary: `Tóm tắt ${title}`.slice(0, 2000),
        explanation: title,
        evidenceTitles: [`Bằng chứng ${title}`.slice(0, 500)],
        categoryId: category.id,
      });
    }

    for (const title of xssChunks(300, 'Thông cáo')) {
      const statement = await callApi<{ slug: string }>(server, lead, 'POST', '/statements', {
        title,
        body: ALL.join('\n\n'),
        status: 'published',
      });
      statementSlugs.push(statement.slug);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser context whose page carries the guard from its first navigation. */
  async function guarded(
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<{ page: Page; guard: XssGuard; context: BrowserContext }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const guard = await installXssGuard(page, { allowedOrigins: [server.origin] });
    return { page, guard, context };
  }

  /** Loads `path`, gives interaction-bound handlers their chance, then scans. */
  async function visit(page: Page, path: string, status = 200): Promise<void> {
    const response = await page.goto(server.origin + path, { waitUntil: 'load' });
    assert.equal(response?.status(), status, path);
    await settle(page);
  }

  async function settle(page: Page): Promise<void> {
    await page.mouse.move(200, 300);
    await page.keyboard.press('Tab');
    await page.waitForTimeout(200);
  }

  test('stored payloads on home, check, category and statement pages stay text', async () => {
    const { page, guard, context } = await guarded();
    try {
      const paths = [
        '/',
        '/en/',
        '/kiem-chung',
        `/kiem-chung/${checkSlug}`,
        `/en/checks/${checkSlug}`,
        `/chuyen-muc/${categorySlug}`,
        `/en/categories/${categorySlug}`,
        '/thong-cao',
        ...statementSlugs.map((slug) => `/thong-cao/${slug}`),
      ];
      for (const path of paths) await visit(page, path);

      // The payloads were shown, escaped, not parsed: the literal text is on the check page.
      await visit(page, `/kiem-chung/${checkSlug}`);
      const main = await page.locator('main').innerText();
      for (const payload of [ALL[0]!, ALL[3]!, ALL[22]!]) {
        assert.ok(main.includes(payload), `shown as text: ${payload}`);
      }
      assert.equal(await page.evaluate('document.baseURI'), page.url());
      assert.equal(await guard.report(), '');
    } finally {
      await context.close();
    }
  });

  test('search results with payloads as the query (highlighted inside stored payloads)', async () => {
    const { page, guard, context } = await guarded();
    try {
      for (const q of [...xssChunks(480), 'Kiểm chứng onerror', 'script xss']) {
        await visit(page, `/tim-kiem?q=${encodeURIComponent(q)}`);
        // The query comes back in the search box as a value, never as markup.
        assert.equal(await page.locator('#search-q').inputValue(), q);
      }
      await visit(page, `/en/search?q=${encodeURIComponent(ALL[22]!)}`);
      assert.ok((await page.locator('main li').count()) > 0, 'the stored payloads were found');
      assert.equal(await guard.report(), '');
    } finally {
      await context.close();
    }
  });

  test('quick check with payloads, and its "send it" form filled with them', async () => {
    const { page, guard, context } = await guarded();
    try {
      for (const text of xssChunks(5000, 'Nhận định')) {
        await visit(page, '/kiem-tra-nhanh');
        await page.locator('#quick-text').fill(text);
        await Promise.all([
          page.waitForURL(/kiem-tra-nhanh/),
          page.locator('main form button[type=submit]').first().click(),
        ]);
        await page.waitForSelector('#result-h');
        await settle(page);
        const offer = page.locator('main form input[name=prefill] ~ button');
        if ((await offer.count()) > 0) {
          await Promise.all([page.waitForURL(/gui-tin/), offer.click()]);
          assert.equal(await page.locator('#f-text').inputValue(), text);
          await settle(page);
        }
      }
      assert.equal(await guard.report(), '');
    } finally {
      await context.close();
    }
  });

  test('tips through the portal form: refused form given back, then receipt pages', async () => {
    const { page, guard, context } = await guarded();
    try {
      for (const text of xssChunks(5000, 'Có thật không?')) {
        await visit(page, '/gui-tin');
        // A refused link: the form comes back with everything typed, payloads included.
        await page.locator('#f-link').fill('khong-phai-lien-ket');
        await page.locator('#f-text').fill(text);
        await page.locator('#f-contact').fill(ALL[23]!.slice(0, 200));
        await page.evaluate(`document.querySelector('form[method=post]').noValidate = true`);
        await Promise.all([
          page.waitForLoadState('load'),
          page.locator('main form button[type=submit]').click(),
        ]);
        await page.locator('#f-text').waitFor();
        assert.equal(await page.locator('#f-text').inputValue(), text);
        await settle(page);

        // Sent properly: the receipt page.
        await page.locator('#f-link').fill('');
        await page.locator('#f-contact').fill('');
        await Promise.all([
          page.waitForURL(/\/bien-nhan\/KC-/),
          page.locator('main form button[type=submit]').click(),
        ]);
        await settle(page);
        assert.match(await page.locator('main').innerText(), /KC-/);
      }
      // A code made of payloads on the receipt page: not found, and inert.
      await visit(page, `/bien-nhan/${encodeURIComponent(ALL[0]!)}`, 404);
      await visit(page, `/en/receipt/${encodeURIComponent(ALL[22]!)}`, 404);
      assert.equal(await guard.report(), '');
    } finally {
      await context.close();
    }
  });
});
