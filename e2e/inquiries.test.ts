/**
 * Journalists' questions end to end, in Chromium against the real server: a journalist sends a
 * question through the portal's press room; the press office finds it in the desk (live, with
 * the counts and the late ones marked), reveals the contact (recorded), assigns it, meets a
 * colleague's change (409, the typed answer kept), answers and closes it; axe on both pages; an
 * editor is refused by the desk and by the API.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { assertNoSeriousA11yViolations } from './support/axe.js';
import { apiGuard } from './support/api-guard.js';
import { launchBrowser } from './support/browser.js';
import { callApi } from './support/data.js';
import { createStaff, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';

const OUTLET = 'Báo Lam Giang điện tử';
const QUESTION =
  'Đề nghị Sở cho biết khi nào công bố kết quả xét nghiệm nước máy đợt hai ở phường Hạc Thành?';
const ANSWER =
  'Kết quả đợt hai được công bố lúc 9 giờ sáng thứ Sáu tại họp báo của Sở Y tế.\n\nTrân trọng.';

interface InquiryJson {
  id: string;
  outlet: string;
  status: string;
  assigneeId: string | null;
  answer: string | null;
  version: number;
}

describe("journalists' questions in the desk", () => {
  let server: TestServer;
  let browser: Browser;
  let press: Staff;
  let colleague: Staff;
  let editor: Staff;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    press = await createStaff(server, 'press');
    colleague = await createStaff(server, 'press');
    editor = await createStaff(server, 'editor');
  });

  beforeEach(() => apiGuard.reset());
  afterEach(() => apiGuard.assertClean());

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const listed = async () =>
    (await callApi<{ items: InquiryJson[] }>(server, press, 'GET', '/inquiries?limit=200')).items;

  test('a question from the press room is found, revealed, assigned, answered and closed', async () => {
    // The journalist, on the public portal.
    const portal = await browser.newContext({ locale: 'vi-VN' });
    const journalist = await portal.newPage();
    await journalist.goto(`${server.origin}/phong-bao-chi`);
    await journalist.getByLabel('Cơ quan báo chí').fill(OUTLET);
    await journalist.getByLabel('Họ tên (không bắt buộc)').fill('Trần Văn Minh');
    await journalist
      .getByLabel('Thư điện tử hoặc số điện thoại để trả lời')
      .fill('minh.tran@baolamgiang.example');
    await journalist.getByLabel('Câu hỏi', { exact: true }).fill(QUESTION);
    await Promise.all([
      journalist.waitForURL(/\/phong-bao-chi\?sent=1$/),
      journalist.getByRole('button', { name: 'Gửi câu hỏi' }).click(),
    ]);
    await journalist.getByText('Đã nhận câu hỏi.', { exact: false }).waitFor();
    await portal.close();

    // An older question, already late, for the overdue marking.
    await server.app.inject({
      method: 'POST',
      url: '/phong-bao-chi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '198.51.100.77',
      payload: new URLSearchParams({
        outlet: 'Đài Truyền hình Lam Giang',
        contact: '0905 000 111',
        question: 'Số ca ngộ độc đã được xác minh là bao nhiêu?',
      }).toString(),
    });
    const late = (await listed()).find((i) => i.outlet === 'Đài Truyền hình Lam Giang')!;
    await server.db.database.query(
      `update inquiries set due_at = now() - interval '3 hours', created_at = now() - interval '51 hours' where id = $1`,
      [late.id],
    );

    const { page, context, problems } = await signedIn(browser, server, press);
    try {
      // In the navigation for the press office.
      await page.getByRole('link', { name: 'Câu hỏi báo chí' }).click();
      await page.getByRole('heading', { level: 1, name: 'Câu hỏi của báo chí' }).waitFor();
      assert.match(page.url(), /\/desk\/inquiries$/);
      const counts = page.locator('.counts');
      await counts.getByText('2 chờ trả lời').waitFor();
      await counts.getByText('1 quá hạn').waitFor();
      const rows = page.locator('.inquiry-row');
      assert.equal(await rows.count(), 2);
      // The late one first, marked; dates the Vietnamese way (hours, then day/month/year).
      assert.match(await rows.nth(0).innerText(), /Đài Truyền hình Lam Giang/);
      assert.equal(await rows.nth(0).getAttribute('class'), 'inquiry-row late');
      assert.match(
        await rows.nth(0).innerText(),
        /quá hạn từ \d{1,2}:\d{2} \d{1,2}\/\d{1,2}\/\d{2,4}/,
      );
      assert.match(
        await rows.nth(1).innerText(),
        /hạn trả lời \d{1,2}:\d{2} \d{1,2}\/\d{1,2}\/\d{2,4}/,
      );
      await assertNoSeriousA11yViolations(page, 'the inquiries list');

      // A new question arrives while the list is open: it appears without reloading.
      await server.app.inject({
        method: 'POST',
        url: '/en/press-room',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        remoteAddress: '198.51.100.78',
        payload: new URLSearchParams({
          outlet: 'Lam Giang Weekly',
          contact: 'desk@weekly.example',
          question: 'Will the second round of results be published in English?',
        }).toString(),
      });
      await page.locator('.inquiry-row', { hasText: 'Lam Giang Weekly' }).waitFor();
      await counts.getByText('3 chờ trả lời').waitFor();

      // In English, dates the British way (day/month/year, then the time).
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Press inquiries' }).waitFor();
      await page.locator('.counts').getByText('3 awaiting an answer').waitFor();
      assert.match(
        await rows.nth(0).innerText(),
        /overdue since \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}/,
      );
      await page.getByLabel('Language').selectOption('vi');
      await page.getByRole('heading', { level: 1, name: 'Câu hỏi của báo chí' }).waitFor();

      // The question itself.
      await page.getByRole('link', { name: new RegExp(OUTLET) }).click();
      await page.getByRole('heading', { level: 1, name: `Câu hỏi của ${OUTLET}` }).waitFor();
      await page.getByText(QUESTION).waitFor();
      const id = /\/desk\/inquiries\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
      assert.ok(id, page.url());
      assert.equal(
        await page.getByText('minh.tran@baolamgiang.example').count(),
        0,
        'the contact is not shown until asked for',
      );
      await assertNoSeriousA11yViolations(page, 'an inquiry');

      // The contact, on request; the server records who saw it.
      const contactPanel = page.getByRole('region', { name: 'Liên hệ của phóng viên' });
      await contactPanel.getByRole('button', { name: 'Hiện thông tin liên hệ' }).click();
      await contactPanel.getByText('Trần Văn Minh — minh.tran@baolamgiang.example').waitFor();
      const viewed = await server.db.database.query<{ actor_id: string }>(
        `select actor_id from audit_events where action = 'inquiry.contact_viewed' and entity_id = $1`,
        [id],
      );
      assert.deepEqual(
        viewed.rows.map((r) => r.actor_id),
        [press.user.id],
      );

      // Assigned to a colleague of the press office.
      await page.getByLabel('Giao cho').selectOption(colleague.user.id);
      await page.getByRole('button', { name: 'Giao', exact: true }).click();
      await page.getByText('Đã giao câu hỏi.').waitFor();
      await page.locator('.claim-meta .badge', { hasText: 'Đã giao' }).waitFor();

      // The colleague reassigns it meanwhile: the page says so, and an answer based on the old
      // version is refused without overwriting, the typed text kept.
      const before = await callApi<InquiryJson>(server, colleague, 'GET', `/inquiries/${id}`);
      await callApi(server, colleague, 'POST', `/inquiries/${id}/assign`, {
        version: before.version,
        assigneeId: colleague.user.id === before.assigneeId ? press.user.id : colleague.user.id,
      });
      await page.getByText('Đồng nghiệp vừa thay đổi câu hỏi này.').waitFor();
      const answerBox = page.getByLabel('Câu trả lời đã gửi phóng viên');
      await answerBox.fill(ANSWER);
      await page.getByRole('button', { name: 'Ghi nhận câu trả lời' }).click();
      await page.getByText('Người khác vừa sửa mục này.').waitFor();
      assert.equal(await answerBox.inputValue(), ANSWER);
      assert.equal(
        (await callApi<InquiryJson>(server, press, 'GET', `/inquiries/${id}`)).answer,
        null,
      );
      await page.locator('.conflict').getByRole('button', { name: 'Tải lại' }).click();
      await page.locator('.claim-meta .badge', { hasText: 'Đã giao' }).waitFor();
      assert.equal(await answerBox.inputValue(), ANSWER, 'the draft survives the reload');

      // Answered, then closed.
      await page.getByRole('button', { name: 'Ghi nhận câu trả lời' }).click();
      await page.getByText('Đã ghi nhận câu trả lời.').waitFor();
      await page.locator('.claim-meta .badge', { hasText: 'Đã trả lời' }).waitFor();
      await page
        .getByText('Kết quả đợt hai được công bố lúc 9 giờ sáng', { exact: false })
        .waitFor();
      await page.getByRole('button', { name: 'Đóng câu hỏi' }).click();
      await page.getByText('Đã đóng câu hỏi.').waitFor();
      await page.locator('.claim-meta .badge', { hasText: 'Đã đóng' }).waitFor();
      await page.getByRole('button', { name: 'Mở lại' }).waitFor();

      const done = await callApi<InquiryJson>(server, press, 'GET', `/inquiries/${id}`);
      assert.equal(done.status, 'closed');
      assert.equal(done.answer, ANSWER);
      const actions = await server.db.database.query<{ action: string; actor_id: string | null }>(
        `select action, actor_id from audit_events where entity_id = $1 order by id`,
        [id],
      );
      assert.deepEqual(
        actions.rows.map((r) => r.action),
        [
          'inquiry.received',
          'inquiry.contact_viewed',
          'inquiry.assigned',
          'inquiry.assigned',
          'inquiry.answered',
          'inquiry.closed',
        ],
      );

      // Back in the list: no longer owed; found under "closed".
      await page.getByRole('link', { name: 'Câu hỏi của báo chí' }).click();
      await page.locator('.counts').getByText('2 chờ trả lời').waitFor();
      assert.equal(await page.locator('.inquiry-row', { hasText: OUTLET }).count(), 0);
      await page.getByLabel('Hiển thị').selectOption('closed');
      await page.locator('.inquiry-row', { hasText: OUTLET }).waitFor();
      assert.match(page.url(), /\?view=closed$/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an editor is refused: no link, the page says so, the API answers 403', async () => {
    const { page, context, problems } = await signedIn(browser, server, editor);
    try {
      await page.getByRole('link', { name: 'Hàng đợi' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Câu hỏi báo chí' }).count(), 0);
      await page.goto('/desk/inquiries');
      await page.getByRole('heading', { level: 1, name: 'Câu hỏi của báo chí' }).waitFor();
      await page
        .getByText('Vai trò của bạn không được xem câu hỏi của báo chí', { exact: false })
        .waitFor();
      assert.equal(await page.locator('.inquiry-row').count(), 0);

      // The server decides, whatever the desk shows.
      apiGuard.expect(
        { status: 403, method: 'GET', path: /^\/api\/v1\/inquiries/ },
        { status: 403, method: 'POST', path: /^\/api\/v1\/inquiries\// },
      );
      const id = (await listed())[0]!.id;
      const answers = await page.evaluate(async (inquiryId) => {
        const csrf = await (await fetch('/api/v1/auth/me')).json();
        return [
          (await fetch('/api/v1/inquiries')).status,
          (await fetch(`/api/v1/inquiries/${inquiryId}?include=contact`)).status,
          (
            await fetch(`/api/v1/inquiries/${inquiryId}/close`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-csrf-token': (csrf as { csrfToken: string }).csrfToken,
              },
              body: JSON.stringify({ version: 1 }),
            })
          ).status,
        ];
      }, id);
      assert.deepEqual(answers, [403, 403, 403]);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
