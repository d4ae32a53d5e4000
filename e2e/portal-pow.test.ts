/**
 * The tip form when the instance asks for proof of work (TIP_POW_BITS), in Chromium against the
 * real server: with JavaScript the form's script solves a fresh challenge and the tip arrives
 * (receipt page, console clean under the portal's CSP); without JavaScript the form says up front
 * that it needs it, and a submit is refused with a clear message, nothing stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('tip form with proof of work', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ TIP_RATE_PER_IP: '100', TIP_POW_BITS: '12' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const tipCount = async () =>
    Number(
      (await server.db.database.query<{ n: number }>('select count(*)::int as n from tips')).rows[0]
        ?.n,
    );

  test('with JavaScript the challenge is solved in the browser and the tip is sent', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.origin}/gui-tin`, { waitUntil: 'load' });
      assert.equal(await page.locator('noscript').count(), 1);
      const before = await tipCount();
      await page.getByLabel('Nội dung tin').fill('Nghe nói sắp đổi tiền, tiền cũ mất giá trị');
      await Promise.all([
        page.waitForURL(/\/bien-nhan\/KC-/, { timeout: 60_000 }),
        page.getByRole('button', { name: 'Gửi tin' }).click(),
      ]);
      assert.match(await page.locator('body').innerText(), /Chưa được kiểm chứng — đừng chia sẻ/);
      assert.equal(await tipCount(), before + 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the form says it needs it, and a submit stores nothing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/gui-tin`, { waitUntil: 'load' });
      assert.match(await page.locator('main').innerText(), /biểu mẫu này cần bật JavaScript/);
      const before = await tipCount();
      await page.getByLabel('Nội dung tin').fill('Tin đồn không kèm lời giải');
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('button', { name: 'Gửi tin' }).click(),
      ]);
      assert.match(
        await page.locator('body').innerText(),
        /Turn JavaScript on|bật JavaScript rồi bấm gửi lại/,
      );
      assert.equal(await tipCount(), before);
    } finally {
      await context.close();
    }
  });
});
