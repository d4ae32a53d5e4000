/**
 * The activity report page and the retention settings in Chromium against the real server: a
 * lead previews a month, downloads the .docx (a real Word file), and axe finds nothing serious;
 * an administrator changes the retention policy from the admin page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { buildReportFixture } from '../test/report-fixture.js';
import { enableTestTotp } from '../test/factories.js';
import { assertNoSeriousA11yViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { createStaff, openDesk, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';
import { totpCode } from './support/totp.js';

const SECRET_KEY = 'e2e-'.repeat(16);

describe('activity report and retention in the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let lead: Staff;

  before(async () => {
    server = await startServer({ SECRET_KEY });
    browser = await launchBrowser();
    lead = await createStaff(server, 'lead');
    await buildReportFixture(server.db);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a lead previews a month, downloads the .docx, and the page passes axe', async () => {
    const { page, context, problems } = await signedIn(browser, server, lead);
    try {
      // In the navigation for leads; reached by keyboard.
      const link = page.getByRole('link', { name: 'Báo cáo hoạt động' });
      await link.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Báo cáo hoạt động' }).waitFor();
      assert.match(page.url(), /\/desk\/reports$/);

      // A reversed custom range is refused before the server is asked.
      await page.getByLabel('Khoảng ngày tùy chọn').check();
      await page.getByLabel('Từ ngày').fill('2026-03-31');
      await page.getByLabel('Đến ngày (tính cả ngày này)').fill('2026-03-01');
      await page.getByRole('button', { name: 'Xem số liệu' }).click();
      await page.getByText('Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.').waitFor();
      assert.equal(await page.getByLabel('Từ ngày').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Theo tháng').check();
      await page.getByLabel('Tháng', { exact: true }).fill('2026-03');
      await page.getByRole('button', { name: 'Xem số liệu' }).click();
      const figures = page.getByRole('region', {
        name: /Số liệu từ 01\/03\/2026 đến 31\/03\/2026/,
      });
      await figures.waitFor();
      // The fixture month: 5 sightings, 4 new claims, 2 checks published (as the API says).
      const stat = (label: string) =>
        figures.locator('.stats > div', { hasText: label }).locator('dd').innerText();
      assert.equal(await stat('Lượt ghi nhận'), '5');
      assert.equal(await stat('Nhận định mới'), '4');
      assert.equal(await stat('Kết quả đã công bố'), '2');
      await assertNoSeriousA11yViolations(page, 'the activity report page');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải DOCX' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'bao-cao-2026-03-01-den-2026-03-31.docx');
      const bytes = await readFile(await download.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('word/document.xml')?.async('string');
      assert.ok(xml, 'word/document.xml is in the file');
      assert.match(xml, /BÁO CÁO/);
      await page.getByText('Đã tải bao-cao-2026-03-01-den-2026-03-31.docx.').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an administrator changes the retention policy from the admin page', async () => {
    const admin = await createStaff(server, 'admin');
    assert.ok(admin.password, 'the server signs staff in with passwords');
    const secret = await enableTestTotp(server.db.repos, admin.user.id, SECRET_KEY);
    const { page, context, problems } = await openDesk(browser, server);
    try {
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Mật khẩu').fill(admin.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByLabel('Mã xác thực 6 chữ số').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
      await page.goto('/desk/admin/retention');
      await page.getByRole('heading', { name: 'Thời hạn lưu trữ' }).waitFor();
      await page.getByText(/Đang áp dụng cấu hình của máy chủ/).waitFor();
      const after = page.getByLabel(/sau khi đã trả lời/);
      assert.equal(await after.inputValue(), '90');
      await after.fill('30');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu thời hạn lưu trữ.').waitFor();
      await page.getByText(/Đã lưu lúc/).waitFor();
      await assertNoSeriousA11yViolations(page, 'the retention settings');
      const stored = await server.app.inject({
        url: '/api/v1/settings/retention',
        headers: { authorization: `Bearer ${admin.token}` },
      });
      const body = stored.json<{ afterAnswerDays: number; version: number; source: string }>();
      assert.deepEqual([body.afterAnswerDays, body.version, body.source], [30, 1, 'database']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
