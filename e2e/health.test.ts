/**
 * The system health page in Chromium against the real server: after real activity (items
 * handed in through the API, a feed source that fails, a job that fails, a scheduled backup)
 * an administrator sees those figures, the page refreshes itself and passes axe; an editor has
 * no link to it, is told it is not for them, and the API refuses them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestUser, enableTestTotp } from '../test/factories.js';
import { startLocalServer, type LocalServer } from '../test/local-server.js';
import { createSourceService } from '../src/core/source.service.js';
import { runScheduledBackup } from '../src/db/backup-schedule.js';
import { createJobQueue, type JobQueue } from '../src/db/job-queue.js';
import { CheckIndex } from '../src/core/check-index.js';
import { createGuardedFetcher } from '../src/ingest/net/guarded-fetch.js';
import { createRobotsPolicy } from '../src/ingest/net/robots.js';
import { createItemProcessor } from '../src/ingest/pipeline/item-processor.js';
import { createSourcePoller } from '../src/ingest/poll/source-poller.js';
import { apiGuard } from './support/api-guard.js';
import { assertNoSeriousA11yViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { createStaff, openDesk, signedIn, type Staff } from './support/desk.js';
import { startServer, type TestServer } from './support/server.js';
import { totpCode } from './support/totp.js';

const SECRET_KEY = 'e2e-'.repeat(16);

describe('system health in the desk', () => {
  let server: TestServer;
  let browser: Browser;
  let site: LocalServer;
  let jobs: JobQueue;
  let backupDir: string;
  let editor: Staff;

  const handIn = async (text: string) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/items',
      headers: { authorization: `Bearer ${editor.token}` },
      payload: { text },
    });
    assert.equal(res.statusCode, 201, res.body);
  };

  before(async () => {
    backupDir = await mkdtemp(join(tmpdir(), 'kc-e2e-health-'));
    server = await startServer({
      SECRET_KEY,
      BACKUP_DIR: backupDir,
      BACKUP_EVERY_HOURS: '24',
      BACKUP_KEEP: '5',
    });
    browser = await launchBrowser();
    editor = await createStaff(server, 'editor');
    site = await startLocalServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url === '/robots.txt') res.writeHead(404).end();
      else res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
    });

    // Real activity: three items through the API, a source polled that fails, a job that
    // fails its only attempt, and a scheduled backup.
    for (const text of [
      'Tin đồn nước máy nhiễm độc ở phường Hạc Thành',
      'Tin đồn cầu vượt sông Lam bị nứt',
      'Tin đồn giá xăng tăng gấp đôi',
    ])
      await handIn(text);
    const lead = await createTestUser(server.db.repos, 'lead');
    const clock = () => new Date();
    await createSourceService(server.db.repos, clock).create(lead.principal, {
      name: 'Cổng tin xã bị lỗi',
      kind: 'feed',
      url: `${site.origin}/rss`,
      scheduleMinutes: 30,
    });
    const fetcher = createGuardedFetcher({ allowList: ['127.0.0.1/32'], timeoutMs: 5000 });
    await createSourcePoller({
      repos: server.db.repos,
      fetcher,
      robots: createRobotsPolicy(fetcher, { userAgent: 'KiemChung-test', cacheTtlMs: 0 }),
      clock,
      processor: createItemProcessor(server.db.repos, new CheckIndex(server.db.repos.pipeline), {
        clock,
      }),
    }).pollDue();
    jobs = createJobQueue({
      database: server.db.database,
      workers: true,
      pollIntervalSeconds: 0.5,
    });
    await jobs.start();
    await jobs.define(
      'mail.send',
      async () => {
        throw new Error('the mail server refused');
      },
      { retryLimit: 0 },
    );
    const id = await jobs.enqueue('mail.send', { to: 'nobody' });
    const deadline = Date.now() + 20_000;
    while ((await jobs.get(id!, 'mail.send'))?.state !== 'failed') {
      if (Date.now() > deadline) throw new Error('the job did not fail');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await runScheduledBackup(
      server.db.database,
      { dir: backupDir, everyHours: 24, keep: 5 },
      clock,
    );
  });

  beforeEach(() => apiGuard.reset());
  afterEach(() => apiGuard.assertClean());

  after(async () => {
    await jobs?.stop({ graceful: false });
    await browser?.close();
    await server?.close();
    await site?.close();
    await rm(backupDir, { recursive: true, force: true });
  });

  test('an administrator reads the figures, which refresh by themselves, and axe finds nothing serious', async () => {
    const admin = await createStaff(server, 'admin');
    assert.ok(admin.password);
    const secret = await enableTestTotp(server.db.repos, admin.user.id, SECRET_KEY);
    const { page, context, problems } = await openDesk(browser, server);
    try {
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Mật khẩu').fill(admin.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByLabel('Mã xác thực 6 chữ số').fill(totpCode(secret));
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hàng đợi' }).waitFor();

      await page.getByRole('link', { name: 'Tình trạng hệ thống' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tình trạng hệ thống' }).waitFor();
      assert.match(page.url(), /\/desk\/health$/);

      const stat = (label: string) =>
        page.locator('.stats > div', { hasText: label }).locator('dd').innerText();
      assert.equal(await stat('Cơ sở dữ liệu'), 'Hoạt động (pglite)');
      assert.equal(await stat('Tin/bài trong 1 giờ qua'), '3');
      assert.equal(await stat('Việc thất bại'), '1');
      assert.equal(await stat('Nguồn đang lỗi'), '1');

      const row = (table: string, name: string | RegExp) =>
        page.getByRole('region', { name: table }).getByRole('row', { name }).getByRole('cell');
      // The API channel: 3 in the last hour, 3 in the last day, 3 in all.
      assert.deepEqual(await row('Tin/bài nhận vào theo kênh', 'API').allInnerTexts(), [
        '3',
        '3',
        '3',
      ]);
      const mail = await row('Hàng chờ xử lý', /^mail\.send /).allInnerTexts();
      assert.deepEqual(mail.slice(0, 3), ['0', '—', '1']);
      assert.notEqual(mail[3], '—', 'the time of the failure');
      // The three items wait for the pipeline (no worker runs in this test).
      const pipeline = await row('Hàng chờ xử lý', /^Xử lý tin\/bài/).allInnerTexts();
      assert.equal(pipeline[0], '3');

      const sources = page.getByRole('region', { name: 'Nguồn theo dõi bị lỗi' });
      await sources
        .getByText('Đang theo dõi: 1 · đang lỗi: 1 · đã tắt vì lỗi liên tục: 0')
        .waitFor();
      await sources.getByRole('rowheader', { name: /Cổng tin xã bị lỗi/ }).waitFor();
      await sources.getByText(/HTTP 503/).waitFor();

      const backups = page.getByRole('region', { name: 'Sao lưu' });
      await backups
        .getByText(/Định kỳ mỗi 24 giờ, giữ 5 bản; hiện có 1 bản\. Bản gần nhất: .+ \(.+kB\)\./)
        .waitFor();

      await page.getByRole('region', { name: 'Tiến trình đã trả lời trang này' }).waitFor();
      await assertNoSeriousA11yViolations(page, 'the system health page');

      // A fourth item shows up without a reload (the page refreshes every 15 seconds).
      await handIn('Tin đồn thứ tư về lũ ở Nghệ An');
      await page
        .locator('.stats > div', { hasText: 'Tin/bài trong 1 giờ qua' })
        .locator('dd', { hasText: /^4$/ })
        .waitFor({ timeout: 25_000 });

      // English, every label translated.
      await page.getByLabel('Ngôn ngữ').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'System health' }).waitFor();
      await page.getByRole('region', { name: 'Items taken in per channel' }).waitFor();
      await page
        .getByText('Polled: 1 · failing: 1 · turned off after repeated failures: 0')
        .waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an editor has no link to it, is told so, and the API refuses them', async () => {
    const { page, context, problems } = await signedIn(browser, server, editor);
    try {
      await page.getByRole('link', { name: 'Tổng quan' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Tình trạng hệ thống' }).count(), 0);
      await page.goto('/desk/health');
      await page.getByRole('heading', { level: 1, name: 'Tình trạng hệ thống' }).waitFor();
      await page.getByText('Trang này dành cho quản trị viên và trưởng nhóm.').waitFor();
      assert.equal(await page.locator('.stats').count(), 0);
      const refused = await context.request.get('/api/v1/admin/health');
      assert.equal(refused.status(), 403);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
