/**
 * The public portal in Chromium against the real server: axe finds no violation on the home
 * page, a check page, search results and the tip form (in both languages), no console errors,
 * and the forms work from the keyboard with JavaScript turned off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { insertPublishedCheck } from '../test/factories.js';
import { assertNoA11yViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('public portal', () => {
  let server: TestServer;
  let browser: Browser;
  let slug: string;

  before(async () => {
    server = await startServer({ TIP_RATE_PER_IP: '100' });
    browser = await launchBrowser();
    ({ slug } = await insertPublishedCheck(server.db.repos, server.db.database, {
      claimText: 'Nước máy ở phường Hạc Thành bị nhiễm độc chì, không được uống',
      title: 'Nước máy phường Hạc Thành không nhiễm độc chì',
      summary: 'Kết quả xét nghiệm mẫu nước đạt quy chuẩn.',
    }));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page that records console errors and failed requests. */
  async function open(
    context: BrowserContext,
    path: string,
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`failed: ${request.url()}`));
    // Names the address behind a "Failed to load resource" console message.
    page.on('response', (res) => {
      if (res.status() >= 400) errors.push(`${res.status()}: ${res.url()}`);
    });
    const response = await page.goto(server.origin + path, { waitUntil: 'load' });
    assert.equal(response?.status(), 200, path);
    return { page, errors };
  }

  test('axe finds no violation and the console stays clean on home, a check, search results and the tip form', async () => {
    const context = await browser.newContext();
    try {
      for (const path of [
        '/',
        '/en/',
        `/kiem-chung/${slug}`,
        `/en/checks/${slug}`,
        '/tim-kiem?q=nuoc%20may%20nhiem%20doc',
        '/en/search?q=nuoc%20may',
        '/gui-tin',
        '/en/send-a-tip',
        '/kiem-tra-nhanh',
        '/phong-bao-chi',
      ]) {
        const { page, errors } = await open(context, path);
        await assertNoA11yViolations(page, path);
        // The fonts are self-hosted and load (no request failed, nothing logged).
        await page.evaluate(async () => {
          await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } })
            .document.fonts.ready;
        });
        assert.deepEqual(errors, [], `console errors on ${path}`);
        await page.close();
      }
      const { page } = await open(context, '/tim-kiem?q=nuoc%20may%20nhiem%20doc');
      assert.ok((await page.locator('mark').count()) >= 2, 'matched words are highlighted');
      await page.close();
    } finally {
      await context.close();
    }
  });

  test('the tip form works from the keyboard without JavaScript and gives a receipt', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(context, '/gui-tin');
      // The skip link is the first stop and leads to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.locator(':focus').getAttribute('class'), 'skip');
      const focusedId = () => page.locator(':focus').getAttribute('id');
      let steps = 0;
      while ((await focusedId()) !== 'f-link' && steps++ < 30) await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'f-link');
      await page.keyboard.type('https://mxh.example.com/bai-dang/123');
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'f-text');
      await page.keyboard.type('Nghe nói ngày mai cắt điện toàn tỉnh ba ngày');
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'f-contact');
      await page.keyboard.press('Tab');
      assert.equal(await focusedId(), 'f-consent');
      await page.keyboard.press('Tab');
      // The honeypot is skipped: the next stop is the button.
      assert.equal(await page.locator(':focus').getAttribute('type'), 'submit');
      await Promise.all([page.waitForURL(/\/bien-nhan\/KC-/), page.keyboard.press('Enter')]);
      const text = await page.locator('main').innerText();
      assert.match(text, /KC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/);
      assert.match(text, /Chưa được kiểm chứng — đừng chia sẻ/);
      await page.close();
    } finally {
      await context.close();
    }
  });

  test('quick check from the keyboard without JavaScript answers from the published checks', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page } = await open(context, '/en/quick-check');
      await page.locator('#quick-text').focus();
      await page.keyboard.type('Nước máy ở phường Hạc Thành bị nhiễm độc chì, không được uống');
      await page.keyboard.press('Tab');
      assert.equal(await page.locator(':focus').getAttribute('type'), 'submit');
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      await page.waitForSelector('#result-h');
      assert.match(await page.locator('#result-h').innerText(), /This has been checked/);
      assert.equal(await page.locator(`a[href="/en/checks/${slug}"]`).count(), 1);
      await page.close();
    } finally {
      await context.close();
    }
  });
});
