/**
 * Lighthouse (mobile, Chromium) on the portal's main pages — home, a check page, search results
 * and the tip form, in both languages for home and check: accessibility 100, best practices
 * ≥ 95 and SEO 100 (PRODUCT.md). Performance is measured by bench/portal-lighthouse.bench.ts,
 * since simulated throttling on a shared machine makes it too noisy to assert in a test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createStaff } from './support/desk.js';
import {
  describeFailures,
  launchLighthouseChromium,
  runLighthouse,
  type LighthouseChromium,
} from './support/lighthouse.js';
import { createCategory, publishCheck } from './support/portal-data.js';
import { startServer, type TestServer } from './support/server.js';

describe('portal pages in Lighthouse', () => {
  let server: TestServer;
  let chromium: LighthouseChromium;
  let slug: string;

  before(async () => {
    server = await startServer();
    const admin = await createStaff(server, 'admin');
    const editor = await createStaff(server, 'editor');
    const lead = await createStaff(server, 'lead');
    const category = await createCategory(server, admin, {
      slug: 'suc-khoe',
      nameVi: 'Sức khoẻ',
      nameEn: 'Health',
    });
    ({ slug } = await publishCheck(server, editor, lead, {
      claimText: 'Uống nước chanh nóng mỗi sáng chữa khỏi ung thư, Bộ Y tế đã xác nhận',
      title: 'Nước chanh nóng không chữa khỏi ung thư',
      summary: 'Bộ Y tế chưa từng đưa ra khẳng định này; không có nghiên cứu nào cho thấy điều đó.',
      explanation:
        'Chúng tôi đã liên hệ Bộ Y tế và tra cứu các nghiên cứu đã công bố.\n\n' +
        '## Nguồn gốc tin đồn\n\nBài đăng lan truyền từ năm 2019, gắn tên một giáo sư không có thật.\n\n' +
        '## Kết luận\n\nKhông có bằng chứng nào cho thấy nước chanh nóng chữa được ung thư.',
      evidenceTitles: ['Thông báo của Bộ Y tế ngày 12/3', 'Tổng quan nghiên cứu về vitamin C'],
      categoryId: category.id,
    }));
    chromium = await launchLighthouseChromium();
  });

  after(async () => {
    chromium?.kill();
    await server?.close();
  });

  const PAGES = [
    ['home', () => '/'],
    ['home (English)', () => '/en/'],
    ['check page', () => `/kiem-chung/${slug}`],
    ['check page (English)', () => `/en/checks/${slug}`],
    ['search results', () => '/tim-kiem?q=n%C6%B0%E1%BB%9Bc%20chanh'],
    ['tip form', () => '/gui-tin'],
  ] as const;

  for (const [name, path] of PAGES) {
    test(`${name}: accessibility 100, best practices ≥ 95, SEO 100`, async () => {
      const run = await runLighthouse(server.origin + path(), {
        chromium,
        formFactor: 'mobile',
        onlyCategories: ['accessibility', 'best-practices', 'seo'],
      });
      const why = `${path()}:\n${describeFailures(run)}`;
      assert.equal(run.scores.accessibility, 100, why);
      assert.ok((run.scores['best-practices'] ?? 0) >= 95, why);
      assert.equal(run.scores.seo, 100, why);
    });
  }
});
