/**
 * The whole path with several people, in Chromium against the real server: a contributor
 * reports a link → it waits in the queue grouped with its duplicates → an editor triages,
 * attaches evidence, rates and submits → the same editor cannot approve → a lead approves and
 * publishes → the check is served by the API → a correction. Plus a conflict between two
 * editors, a contributor denied publishing, session expiry and two-factor sign-in.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startLocalServer, type LocalServer } from '../test/local-server.js';
import { apiGuard } from './support/api-guard.js';
import { launchBrowser } from './support/browser.js';
import { callApi, createClaim } from './support/data.js';
import { createStaff, hasAccounts, openDesk, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';
import { totpCode } from './support/totp.js';

const RUMOUR =
  'Nước máy ở phường Hạc Thành bị nhiễm độc chì, người dân không được dùng để nấu ăn từ hôm nay';

interface CheckJson {
  id: string;
  version: number;
  status: string;
  summary: string;
  rating: string | null;
  claimId: string;
}

describe('the verification workflow in the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: LocalServer;
  let contributor: Staff;
  let editor: Staff;
  let secondEditor: Staff;
  let lead: Staff;
  let accounts = false;

  before(async () => {
    // Evidence links point here; the guarded fetcher may reach it because the test allows it.
    pages = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html lang="vi"><head><title>Thông báo của Công ty Cấp nước</title></head><body><article><h1>Nước máy đạt chuẩn</h1><p>Kết quả xét nghiệm ngày 20/11 cho thấy nước máy đạt quy chuẩn QCVN 01-1:2018/BYT, không có chì vượt ngưỡng.</p></article></body></html>',
      );
    });
    server = await startServer({ FETCH_ALLOW_HOSTS: '127.0.0.1' });
    browser = await launchBrowser();
    contributor = await createStaff(server, 'contributor');
    editor = await createStaff(server, 'editor');
    secondEditor = await createStaff(server, 'editor');
    lead = await createStaff(server, 'lead');
    accounts = await hasAccounts(server);
  });

  // Every desk answer of 400, 404, 405 or 5xx fails the test unless the test expects it.
  beforeEach(() => apiGuard.reset());
  afterEach(() => apiGuard.assertClean());

  after(async () => {
    await browser?.close();
    await server?.close();
    await pages?.close();
  });

  test('report → grouped in the queue → triage, evidence, rating → review → publish → correction', async () => {
    const link = 'https://mxh.example.vn/bai-viet/nuoc-may-nhiem-doc';

    // A contributor reports a link with what it says.
    const c = await signedIn(browser, server, contributor, '/desk/report');
    await c.page.getByRole('heading', { level: 1, name: 'Báo tin cần kiểm chứng' }).waitFor();
    await c.page.getByLabel('Đường dẫn').fill(link);
    await c.page.getByLabel('Nội dung').fill(RUMOUR);
    await c.page.getByLabel('Ghi chú').fill('Thấy trong nhóm cư dân');
    await c.page.getByRole('button', { name: 'Gửi' }).click();
    await c.page.getByText('Đã nhận. Tin đã vào hàng đợi.').waitFor();
    assert.deepEqual(c.problems, []);
    await c.context.close();

    // The same link again and a near-duplicate copy elsewhere.
    await callApi(server, secondEditor, 'POST', '/reports', { url: link, text: RUMOUR });
    await callApi(server, secondEditor, 'POST', '/reports', {
      url: 'https://dien-dan.example.vn/t/12345',
      text: `${RUMOUR}. Chia sẻ cho mọi người cùng biết!`,
    });
    await server.processPipeline();

    // The editor finds it among incoming items, grouped, and makes it a claim.
    const e = await signedIn(browser, server, editor, '/desk/?view=incoming');
    await e.page.getByRole('heading', { name: 'Tin mới đến, chưa phân loại' }).waitFor();
    const entry = e.page.locator('.incoming-list > li').filter({ hasText: 'nhiễm độc chì' });
    await entry.first().waitFor();
    assert.equal(await entry.count(), 1, 'duplicates are one entry');
    assert.match(await entry.innerText(), /2 tin\/bài/);
    assert.match(await entry.innerText(), /3 lượt ghi nhận/);
    await entry
      .getByLabel('Nhận định cần kiểm chứng')
      .fill('Nước máy ở phường Hạc Thành bị nhiễm độc chì');
    await entry.getByRole('button', { name: 'Tạo nhận định' }).click();
    await e.page.getByRole('heading', { level: 1, name: /Hạc Thành bị nhiễm độc chì/ }).waitFor();
    const claimId = /\/desk\/claims\/([0-9a-f-]{36})/.exec(e.page.url())?.[1];
    assert.ok(claimId, e.page.url());

    // Evidence, then the check: title, rating, summary, explanation.
    const evidence = e.page.getByRole('region', { name: 'Bằng chứng' });
    await evidence.getByLabel('Đường dẫn').fill(`${pages.origin}/thong-bao`);
    await evidence.getByLabel('Tiêu đề').first().fill('Thông báo của Công ty Cấp nước');
    await evidence.getByRole('button', { name: 'Thêm bằng chứng' }).click();
    await e.page.getByRole('link', { name: 'Thông báo của Công ty Cấp nước' }).waitFor();

    await e.page.getByRole('button', { name: 'Bắt đầu viết kết quả' }).click();
    await e.page.getByLabel('Đánh giá').selectOption('false');
    await e.page
      .getByLabel('Tóm tắt', { exact: true })
      .fill('Sai: nước máy đạt chuẩn theo xét nghiệm ngày 20/11.');
    await e.page
      .getByRole('textbox', { name: 'Giải thích' })
      .fill('Công ty Cấp nước công bố **kết quả xét nghiệm**.\n\n<script>alert(1)</script>');
    await e.page.getByRole('button', { name: 'Xem trước' }).click();
    await e.page.locator('.markdown-preview strong', { hasText: 'kết quả xét nghiệm' }).waitFor();
    assert.equal(
      await e.page.locator('.markdown-preview script').count(),
      0,
      'preview is sanitised',
    );
    await e.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await e.page.getByText('Đã lưu.').waitFor();
    await e.page.getByRole('button', { name: 'Gửi duyệt' }).click();
    await e.page.locator('.check-editor .badge', { hasText: 'Chờ duyệt' }).waitFor();

    // The author cannot approve: no button, and the API refuses.
    assert.equal(await e.page.getByRole('button', { name: 'Duyệt' }).count(), 0);
    const check = (
      await callApi<{ items: CheckJson[] }>(server, editor, 'GET', '/checks')
    ).items.find((x) => x.claimId === claimId)!;
    await callApi(
      server,
      editor,
      'PATCH',
      `/checks/${check.id}`,
      { version: check.version, status: 'approved' },
      [403],
    );
    assert.deepEqual(e.problems, []);
    await e.context.close();

    // A lead approves and publishes.
    const l = await signedIn(browser, server, lead, `/desk/claims/${claimId}`);
    await l.page.getByRole('button', { name: 'Duyệt' }).click();
    await l.page.locator('.check-editor .badge', { hasText: 'Đã duyệt' }).waitFor();
    await l.page.getByRole('button', { name: 'Công bố' }).click();
    await l.page.locator('.check-editor .badge', { hasText: 'Đã công bố' }).waitFor();

    // The API serves it to anyone.
    const published = await server.app.inject({
      method: 'GET',
      url: '/api/v1/checks?status=published',
    });
    const served = published.json<{ items: CheckJson[] }>().items.find((x) => x.id === check.id);
    assert.equal(served?.rating, 'false');

    // A correction: the reason is required and recorded with the versions.
    await l.page
      .getByLabel('Tóm tắt', { exact: true })
      .fill('Sai: nước máy đạt chuẩn theo xét nghiệm ngày 21/11.');
    await l.page.getByLabel('Lý do đính chính (công khai)').fill('Sửa ngày xét nghiệm.');
    await l.page.getByRole('button', { name: 'Lưu đính chính' }).click();
    await l.page.getByText('Sửa ngày xét nghiệm.').first().waitFor();
    const history = await callApi<{ corrections: Array<{ reason: string }> }>(
      server,
      lead,
      'GET',
      `/checks/${check.id}/versions`,
    );
    assert.deepEqual(
      history.corrections.map((x) => x.reason),
      ['Sửa ngày xét nghiệm.'],
    );
    // The version history shows what changed.
    await l.page.locator('.diff ins', { hasText: '21/11' }).waitFor();
    assert.deepEqual(l.problems, []);
    await l.context.close();
  });

  test('two editors on one check: the stale save is refused, explained, and overwrites nothing', async () => {
    const claim = await createClaim(server, lead, { text: 'Cầu vượt sông Lam bị nứt dầm chính' });
    const check = await callApi<CheckJson>(server, editor, 'POST', '/checks', {
      claimId: claim.id,
      title: 'Cầu vượt sông Lam không bị nứt',
    });
    const a = await signedIn(browser, server, editor, `/desk/claims/${claim.id}`);
    const b = await signedIn(browser, server, secondEditor, `/desk/claims/${claim.id}`);
    try {
      for (const page of [a.page, b.page])
        await page.getByLabel('Tóm tắt', { exact: true }).waitFor();
      await a.page.getByLabel('Tóm tắt', { exact: true }).fill('Bản của biên tập viên A');
      await a.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await a.page.getByText('Đã lưu.').waitFor();

      await b.page.getByLabel('Tóm tắt', { exact: true }).fill('Bản của biên tập viên B');
      await b.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      const alert = b.page.getByRole('alert').filter({ hasText: 'Người khác vừa sửa mục này.' });
      await alert.waitFor();
      assert.match(await alert.innerText(), /không ghi đè/);

      const stored = await callApi<CheckJson>(server, editor, 'GET', `/checks/${check.id}`);
      assert.equal(stored.summary, 'Bản của biên tập viên A');

      await alert.getByRole('button', { name: 'Tải lại' }).click();
      await b.page.waitForFunction(
        (text) =>
          (
            globalThis as unknown as {
              document: { getElementById(id: string): { value: string } | null };
            }
          ).document.getElementById('check-summary')?.value === text,
        'Bản của biên tập viên A',
      );
      assert.deepEqual([...a.problems, ...b.problems], []);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  test('a contributor is not offered publishing and the API refuses it', async () => {
    const claim = await createClaim(server, lead, { text: 'Giá xăng tăng gấp đôi từ tuần sau' });
    const check = await callApi<CheckJson>(server, editor, 'POST', '/checks', {
      claimId: claim.id,
      title: 'Giá xăng không tăng gấp đôi',
    });
    const c = await signedIn(browser, server, contributor, `/desk/claims/${claim.id}`);
    try {
      await c.page.getByRole('heading', { name: 'Kết quả kiểm chứng' }).waitFor();
      await c.page.locator('.check-editor').waitFor();
      for (const name of ['Công bố', 'Duyệt', 'Lưu bản nháp']) {
        assert.equal(await c.page.getByRole('button', { name }).count(), 0, name);
      }
      assert.equal(await c.page.getByRole('button', { name: 'Nhận xử lý' }).count(), 0);
      await callApi(
        server,
        contributor,
        'PATCH',
        `/checks/${check.id}`,
        { version: check.version, status: 'published' },
        [403],
      );
    } finally {
      await c.context.close();
    }
  });

  test('an expired session brings back the login page', async (t) => {
    if (!accounts) return t.skip('needs the accounts API: POST /api/v1/auth/login');
    const d = await signedIn(browser, server, editor);
    try {
      // Expire every session of the user, as the idle timeout would.
      await server.db.database.query(
        `update sessions set expires_at = now() - interval '1 minute'`,
      );
      const expiredNote = d.page.getByText('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.');
      // Whichever asks the API first finds the session gone: this click, or a refresh of the
      // page in the background, which may bring the login page back before the click lands.
      await d.page
        .getByRole('link', { name: 'Tổng quan' })
        .click({ timeout: 10_000 })
        .catch(async (error: unknown) => {
          if (!(await expiredNote.isVisible())) throw error;
        });
      await expiredNote.waitFor();
      await d.page.getByRole('heading', { level: 1, name: 'Đăng nhập bàn biên tập' }).waitFor();
    } finally {
      await d.context.close();
    }
  });

  test('two-factor sign-in with a code, then with a recovery code', async (t) => {
    if (!accounts)
      return t.skip('needs the accounts API: POST /api/v1/auth/login, /auth/totp/setup');
    const admin = await createStaff(server, 'admin');
    // Turn two-factor on through the API, as the account page would.
    const api = await browser.newContext({ baseURL: server.origin });
    try {
      const login = await api.request.post('/api/v1/auth/login', {
        data: { email: admin.email, password: admin.password },
      });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = { 'x-csrf-token': csrfToken };
      const setup = await api.request.post('/api/v1/auth/totp/setup', { headers, data: {} });
      const { secret } = (await setup.json()) as { secret: string };
      const confirm = await api.request.post('/api/v1/auth/totp/confirm', {
        headers,
        data: { code: totpCode(secret) },
      });
      const { recoveryCodes } = (await confirm.json()) as { recoveryCodes: string[] };
      assert.ok(recoveryCodes.length > 0);

      const withCode = await openDesk(browser, server);
      await twoFactorStep(withCode.page, admin);
      await withCode.page
        .getByLabel('Mã xác thực 6 chữ số')
        .fill(totpCode(secret, Date.now() + 30_000));
      await withCode.page.getByRole('button', { name: 'Xác nhận' }).click();
      await withCode.page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
      await withCode.context.close();

      const withRecovery = await openDesk(browser, server);
      await twoFactorStep(withRecovery.page, admin);
      await withRecovery.page.getByRole('button', { name: 'Dùng mã khôi phục' }).click();
      await withRecovery.page.getByLabel('Mã khôi phục').fill(recoveryCodes[0]!);
      await withRecovery.page.getByRole('button', { name: 'Xác nhận' }).click();
      await withRecovery.page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();
      await withRecovery.context.close();
    } finally {
      await api.close();
    }
  });
});

/** Email and password accepted, the desk asks for the second factor. */
async function twoFactorStep(page: Page, staff: Staff): Promise<void> {
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Mật khẩu').fill(staff.password!);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByLabel('Mã xác thực 6 chữ số').waitFor();
}
