/**
 * The desk in Chromium against the real server: served with its CSP, in Vietnamese and English,
 * the queue (filters, search, keyboard), a claim, the dashboard, and axe on each page.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertNoSeriousA11yViolations } from './support/axe.js';
import { apiGuard } from './support/api-guard.js';
import { launchBrowser } from './support/browser.js';
import { createClaim, type CreatedClaim } from './support/data.js';
import { createStaff, openDesk, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';

describe('desk', () => {
  let server: TestServer;
  let browser: Browser;
  let editor: Staff;
  const claims: CreatedClaim[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    editor = await createStaff(server, 'editor');
    const lead = await createStaff(server, 'lead');
    const past = new Date(Date.now() - 3_600_000).toISOString();
    claims.push(
      await createClaim(server, lead, {
        text: 'Nước máy ở phường Hạc Thành bị nhiễm độc chì',
        priority: 'urgent',
        dueAt: past,
      }),
      await createClaim(server, lead, {
        text: 'Cầu vượt sông Lam bị nứt dầm chính',
        priority: 'high',
      }),
      await createClaim(server, lead, {
        text: 'Giá xăng tăng gấp đôi từ tuần sau',
        priority: 'low',
      }),
    );
  });

  // Every desk answer of 400, 404, 405 or 5xx fails the test unless the test expects it.
  beforeEach(() => apiGuard.reset());
  afterEach(() => apiGuard.assertClean());

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('is served at /desk/ with the CSP and long-lived hashed assets', async () => {
    const page = await server.app.inject({ method: 'GET', url: '/desk/' });
    assert.equal(page.statusCode, 200);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    const asset = /src="(\/desk\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    assert.ok(asset);
    const js = await server.app.inject({ method: 'GET', url: asset });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['cache-control']), /max-age=31536000, immutable/);
    const deep = await server.app.inject({ method: 'GET', url: `/desk/claims/${claims[0]!.id}` });
    assert.equal(deep.statusCode, 200, 'client routes get index.html');
    assert.equal(deep.headers['cache-control'], 'no-cache');
  });

  test('the login page: Vietnamese by default, English on request, accessible', async () => {
    const { page, context, problems } = await openDesk(browser, server);
    try {
      await page.getByRole('heading', { level: 1, name: 'Đăng nhập bàn biên tập' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      await assertNoSeriousA11yViolations(page, 'the login page');
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Sign in to the desk' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Sign in to the desk' }).waitFor();
      // The first field has focus: a keyboard user types straight away.
      assert.equal(await page.evaluate('document.activeElement.id'), 'login-email');
      await page.getByLabel('Language').selectOption('vi');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the queue: counts, filters, search without diacritics, keyboard, axe', async () => {
    const { page, context, problems } = await signedIn(browser, server, editor);
    try {
      await page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
      const list = page.getByRole('listbox', { name: 'Các nhận định trong hàng đợi' });
      await list.getByRole('option').first().waitFor();
      assert.equal(await list.getByRole('option').count(), 3);
      // Most urgent first.
      assert.match(await list.getByRole('option').first().innerText(), /nhiễm độc chì/);
      await page.getByText('1 quá hạn').waitFor();
      await assertNoSeriousA11yViolations(page, 'the queue');

      // The skip link is the keyboard's first stop and leads to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement.className'), 'skip-link');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate('document.activeElement.id'), 'main');

      await page.getByLabel('Mức ưu tiên').selectOption('high');
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): { length: number } };
            }
          ).document.querySelectorAll('[role=option]').length === 1,
      );
      assert.match(await list.getByRole('option').first().innerText(), /Cầu vượt/);
      await page.getByRole('button', { name: 'Bỏ lọc' }).click();

      // "/" jumps to the search box; text without diacritics finds the claim.
      await page.getByRole('heading', { level: 1 }).click();
      await page.keyboard.press('/');
      assert.equal(await page.evaluate('document.activeElement.id'), 'queue-search');
      await page.keyboard.type('gia xang');
      await page.waitForFunction(
        () =>
          (
            globalThis as unknown as {
              document: { querySelectorAll(s: string): { length: number } };
            }
          ).document.querySelectorAll('[role=option]').length === 1,
      );
      assert.match(await list.getByRole('option').first().innerText(), /Giá xăng/);
      await page.getByLabel('Tìm kiếm').fill('');

      // j/k move the selection, Enter opens the claim.
      await page.keyboard.press('Escape');
      await page.keyboard.press('j');
      assert.equal(await list.locator('[aria-selected=true]').count(), 1);
      assert.match(await list.locator('[aria-selected=true]').innerText(), /Cầu vượt/);
      await page.keyboard.press('k');
      assert.match(await list.locator('[aria-selected=true]').innerText(), /nhiễm độc chì/);
      await list.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /nhiễm độc chì/ }).waitFor();
      assert.match(page.url(), new RegExp(`/desk/claims/${claims[0]!.id}$`));

      // "?" opens the shortcuts, Escape closes them.
      await page.locator('body').press('?');
      await page.getByRole('dialog', { name: 'Phím tắt' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the API guard catches a desk request the server cannot answer', async () => {
    const { page, context } = await signedIn(browser, server, editor);
    try {
      await page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
      const status = await page.evaluate(
        async () => (await fetch('/api/v1/claims?claim=not-a-filter')).status,
      );
      assert.equal(status, 400);
      assert.deepEqual(apiGuard.unexpected(), ['400 GET /api/v1/claims?claim=not-a-filter']);
      // Declared, it passes: this is how a test allows a failure it provokes.
      apiGuard.expect({ status: 400, method: 'GET', path: /^\/api\/v1\/claims\?/ });
      assert.deepEqual(apiGuard.unexpected(), []);
    } finally {
      await context.close();
    }
  });

  test('a claim page and the dashboard pass axe and work by keyboard', async () => {
    const { page, context, problems } = await signedIn(
      browser,
      server,
      editor,
      `/desk/claims/${claims[1]!.id}`,
    );
    try {
      await page.getByRole('heading', { level: 1, name: /Cầu vượt/ }).waitFor();
      await page.getByRole('heading', { name: 'Kết quả kiểm chứng' }).waitFor();
      await page.getByRole('heading', { name: 'Bằng chứng' }).waitFor();
      // The matcher's suggestions load (none for this claim) instead of failing.
      const suggestions = page.locator('section[aria-labelledby=suggestions-title]');
      await suggestions
        .getByText('Bộ so khớp chưa thấy kết quả hay nhận định nào tương tự.')
        .waitFor();
      await assertNoSeriousA11yViolations(page, 'a claim page');

      // The cluster view: its items and sightings per day, from the server.
      await page.getByRole('link', { name: 'Xem nhóm tin và diễn biến' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhóm tin/bài' }).waitFor();
      await page.getByRole('link', { name: 'Nhận định', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Cầu vượt/ }).waitFor();

      await page.getByRole('link', { name: 'Tổng quan' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
      await page.getByText('Trung vị thời gian phản hồi đầu tiên').waitFor();
      await page.locator('.stats dd').first().waitFor();
      assert.equal(await page.locator('.stats dd').first().innerText(), '3');
      await assertNoSeriousA11yViolations(page, 'the dashboard');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
