/**
 * Verdict cards (src/portal/cards): time to render one 1200×630 PNG (satori layout + resvg
 * raster), median and p95 over varied real-looking checks, and the time of a cached get (what a
 * share of a popular check costs). Also writes docs/verdict-card.png, the example in the docs.
 * `npm run bench -- verdict-card`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RATINGS } from '../src/core/types.js';
import { renderVerdictCard, type VerdictCardInput } from '../src/portal/cards/verdict-card.js';
import { VerdictCardCache } from '../src/portal/cards/verdict-card-cache.js';
import { projectRoot } from './lib/match-data.js';
import { median, printTable, writeResult } from './lib/match-report.js';

const RENDERS = Number(process.env.BENCH_RENDERS ?? 40);
const CACHED_GETS = 10_000;

const CLAIMS = [
  'Bộ Y tế khẳng định nước chanh nóng chữa khỏi ung thư',
  'Từ ngày 1/7, xe máy chạy quá 10 năm sẽ bị cấm lưu thông trong nội thành Hà Nội',
  'Nước máy ở phường Hạc Thành bị nhiễm độc chì, người dân không được dùng để nấu ăn từ hôm nay',
  'Ảnh chụp cầu vượt sông Lam bị nứt dầm chính lan truyền trên mạng xã hội là ảnh mới chụp tuần này, cơ quan chức năng đã phong toả toàn bộ cây cầu và cấm phương tiện qua lại đến hết năm',
  'Giá xăng tăng gấp đôi từ tuần sau',
];

function card(i: number): VerdictCardInput {
  return {
    checkId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: 1,
    rating: RATINGS[i % RATINGS.length]!,
    claim: CLAIMS[i % CLAIMS.length]!,
    summary:
      'Sai: Bộ Y tế chưa từng đưa ra khẳng định này; các nghiên cứu hiện có không cho thấy nước chanh nóng chữa được ung thư.',
    publishedAt: new Date(Date.UTC(2027, 0, 5 + (i % 20), 3)),
    url: `kiemchung.example.vn/c/${i.toString(36)}`,
    siteName: 'Kiểm Chứng',
    language: i % 4 === 3 ? 'en' : 'vi',
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

const coldStart = performance.now();
const example = await renderVerdictCard({ ...card(0), rating: 'false' });
const firstMs = performance.now() - coldStart;
writeFileSync(path.join(projectRoot, 'docs', 'verdict-card.png'), example);

const renderMs: number[] = [];
let bytes = 0;
for (let i = 0; i < RENDERS; i += 1) {
  const start = performance.now();
  const png = await renderVerdictCard(card(i));
  renderMs.push(performance.now() - start);
  bytes += png.byteLength;
}

const cache = new VerdictCardCache();
const hot = card(1);
await cache.get(hot);
const getStart = performance.now();
for (let i = 0; i < CACHED_GETS; i += 1) await cache.get(hot);
const cachedGetMs = (performance.now() - getStart) / CACHED_GETS;

const result = {
  machine: { cpus: os.cpus().length, node: process.version },
  renders: RENDERS,
  firstRenderMs: round(firstMs, 1),
  renderMsMedian: round(median(renderMs), 1),
  renderMsP95: round(percentile(renderMs, 95), 1),
  rendersPerSecond: round(1000 / median(renderMs), 1),
  pngKbMean: round(bytes / RENDERS / 1024, 1),
  cachedGetMs: round(cachedGetMs, 4),
};
printTable([
  { what: 'first render (fonts, wasm)', ms: result.firstRenderMs },
  { what: `render median of ${RENDERS}`, ms: result.renderMsMedian },
  { what: `render p95 of ${RENDERS}`, ms: result.renderMsP95 },
  { what: 'cached get', ms: result.cachedGetMs },
]);
console.log(`PNG ${result.pngKbMean} KB on average; wrote docs/verdict-card.png`);
console.log(JSON.stringify(result));
console.log(`wrote ${writeResult('verdict-card', result)}`);
