/**
 * Lighthouse performance of the portal (PRODUCT.md target: ≥ 95 on a mobile device with
 * simulated slow 4G and a 4× slower CPU, Lighthouse's default): home, a check page, search
 * results and the tip form, against the real server on a fresh database with a check published
 * through the API. Each page is run BENCH_RUNS times (default 3); the median score is reported
 * with its core metrics, then JSON. The accessibility, best-practices and SEO scores are
 * asserted by e2e/portal-lighthouse.test.ts.
 *
 * `npm run bench -- portal-lighthouse`.
 */
import os from 'node:os';
import { createStaff } from '../e2e/support/desk.js';
import {
  launchLighthouseChromium,
  runLighthouse,
  type LighthouseRun,
} from '../e2e/support/lighthouse.js';
import { createCategory, publishCheck } from '../e2e/support/portal-data.js';
import { startServer } from '../e2e/support/server.js';
import { median, printTable, writeResult } from './lib/match-report.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET = 95;

const server = await startServer();
const chromium = await launchLighthouseChromium();
const rows: Array<{
  page: string;
  path: string;
  scores: number[];
  performance: number;
  metrics: Record<string, number>;
  failures: string[];
}> = [];
try {
  const admin = await createStaff(server, 'admin');
  const editor = await createStaff(server, 'editor');
  const lead = await createStaff(server, 'lead');
  const category = await createCategory(server, admin, {
    slug: 'suc-khoe',
    nameVi: 'Sức khoẻ',
    nameEn: 'Health',
  });
  const { slug } = await publishCheck(server, editor, lead, {
    claimText: 'Uống nước chanh nóng mỗi sáng chữa khỏi ung thư, Bộ Y tế đã xác nhận',
    title: 'Nước chanh nóng không chữa khỏi ung thư',
    summary: 'Bộ Y tế chưa từng đưa ra khẳng định này; không có nghiên cứu nào cho thấy điều đó.',
    explanation:
      'Chúng tôi đã liên hệ Bộ Y tế và tra cứu các nghiên cứu đã công bố.\n\n' +
      '## Nguồn gốc tin đồn\n\nBài đăng lan truyền từ năm 2019.\n\n' +
      '## Kết luận\n\nKhông có bằng chứng nào cho thấy nước chanh nóng chữa được ung thư.',
    evidenceTitles: ['Thông báo của Bộ Y tế ngày 12/3', 'Tổng quan nghiên cứu về vitamin C'],
    categoryId: category.id,
  });
  const pages = [
    ['home', '/'],
    ['home (en)', '/en/'],
    ['check page', `/kiem-chung/${slug}`],
    ['search results', '/tim-kiem?q=n%C6%B0%E1%BB%9Bc%20chanh'],
    ['tip form', '/gui-tin'],
  ] as const;
  for (const [page, path] of pages) {
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await runLighthouse(server.origin + path, {
          chromium,
          formFactor: 'mobile',
          onlyCategories: ['performance'],
        }),
      );
    }
    const scores = runs.map((r) => r.scores.performance ?? 0);
    const performance = median(scores);
    // The metrics of the run whose score is the median.
    const middle = runs.find((r) => r.scores.performance === performance) ?? runs[0]!;
    rows.push({
      page,
      path,
      scores,
      performance,
      metrics: middle.metrics,
      failures: middle.failures.map((f) => `${f.id} ${f.displayValue ?? ''}`.trim()),
    });
  }
} finally {
  chromium.kill();
  await server.close();
}

printTable(
  rows.map((r) => ({
    page: r.page,
    performance: r.performance,
    runs: r.scores.join('/'),
    'FCP ms': Math.round(r.metrics['first-contentful-paint'] ?? 0),
    'LCP ms': Math.round(r.metrics['largest-contentful-paint'] ?? 0),
    'TBT ms': Math.round(r.metrics['total-blocking-time'] ?? 0),
    CLS: Math.round((r.metrics['cumulative-layout-shift'] ?? 0) * 1000) / 1000,
    'SI ms': Math.round(r.metrics['speed-index'] ?? 0),
    target: r.performance >= TARGET ? 'met' : 'MISSED',
  })),
);
for (const r of rows) {
  if (r.failures.length > 0) console.log(`${r.page}: ${r.failures.join('; ')}`);
}
const report = {
  machine: { cpus: os.cpus().length, node: process.version },
  runsPerPage: RUNS,
  formFactor: 'mobile',
  target: { performance: TARGET },
  pages: rows,
};
console.log(JSON.stringify(report));
console.log(`wrote ${writeResult('portal-lighthouse', report)}`);
