/**
 * Feed parsing throughput (src/ingest/feeds/feed-parse.ts), one core, in process.
 *
 *   node --import tsx bench/feeds.bench.ts
 *
 * 1. A synthetic Vietnamese RSS 2.0 feed of 5,000 items (the default entry cap), each like a
 *    news site's item: CDATA title, link, guid, RFC 822 date, HTML description with an image.
 * 2. The real-world news feeds of feeds-rss-parser and feeds-feedjira (RSS, Atom, RDF).
 * 3. Every file of every feeds-* corpus, feeds or not (mostly tiny test cases: this measures
 *    per-document overhead more than item throughput).
 * Each figure is the best of several passes (wall clock; the machine is shared, so the best
 * pass is the least disturbed one); CPU time of the same pass is reported beside it.
 * Writes bench/results/feeds.json.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../src/ingest/feeds/feed-parse.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.KC_DATA_DIR ?? join(root, '..', 'shared', 'data');

interface Doc {
  name: string;
  bytes: Buffer;
}

interface Figure {
  docs: number;
  megabytes: number;
  entries: number;
  bestMs: number;
  cpuMs: number;
  entriesPerSecond: number;
  megabytesPerSecond: number;
}

/** Deterministic pseudo-random numbers (LCG), so every run parses the same feed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function syntheticVietnameseRss(items: number): Buffer {
  const words = (
    'Thủ tướng yêu cầu các bộ ngành khẩn trương triển khai giải pháp ứng phó bão lũ tại miền ' +
    'Trung người dân được hỗ trợ kịp thời thông tin sai sự thật lan truyền trên mạng xã hội cơ ' +
    'quan chức năng đã xác minh Hà Nội Thành phố Hồ Chí Minh Đà Nẵng giá xăng tăng giảm điện nước'
  ).split(' ');
  const rnd = lcg(42);
  const sentence = (n: number): string =>
    Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)] ?? '').join(' ');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
    '<title>Tin mới nhất</title><link>https://bao.example.vn/</link><language>vi</language>',
  ];
  for (let i = 0; i < items; i++) {
    const date = new Date(Date.UTC(2025, 6, 1) + i * 600_000).toUTCString().replace('GMT', '+0700');
    out.push(
      `<item><title><![CDATA[${sentence(14)}]]></title>`,
      `<link>https://bao.example.vn/thoi-su/tin-${i}.html</link>`,
      `<guid isPermaLink="false">tin-${i}</guid><pubDate>${date}</pubDate>`,
      `<description><![CDATA[<a href="https://bao.example.vn/thoi-su/tin-${i}.html"><img src="https://img.example.vn/${i}.jpg" alt="" /></a>${sentence(60)}]]></description>`,
      '</item>',
    );
  }
  out.push('</channel></rss>');
  return Buffer.from(out.join('\n'), 'utf8');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

function measure(docs: readonly Doc[], passes: number): Figure {
  let entries = 0;
  for (const d of docs) {
    const r = parseFeed(d.bytes);
    if (r.ok) entries += r.entries.length;
  }
  let bestMs = Infinity;
  let cpuMs = 0;
  for (let p = 0; p < passes; p++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const d of docs) parseFeed(d.bytes);
    const ms = performance.now() - start;
    if (ms < bestMs) {
      bestMs = ms;
      const used = process.cpuUsage(cpu);
      cpuMs = (used.user + used.system) / 1000;
    }
  }
  const megabytes = docs.reduce((sum, d) => sum + d.bytes.length, 0) / 1e6;
  return {
    docs: docs.length,
    megabytes: Math.round(megabytes * 1000) / 1000,
    entries,
    bestMs: Math.round(bestMs * 10) / 10,
    cpuMs: Math.round(cpuMs * 10) / 10,
    entriesPerSecond: Math.round(entries / (bestMs / 1000)),
    megabytesPerSecond: Math.round((megabytes / (bestMs / 1000)) * 10) / 10,
  };
}

const results: Record<string, Figure> = {};
const synthetic = syntheticVietnameseRss(5000);
results.syntheticVietnameseRss5000 = measure([{ name: 'synthetic', bytes: synthetic }], 15);

let corpora: Doc[] = [];
try {
  corpora = readdirSync(dataDir)
    .filter((n) => n.startsWith('feeds-'))
    .flatMap((n) => listFiles(join(dataDir, n)))
    .map((path) => ({ name: path, bytes: readFileSync(path) }));
} catch {
  console.log(`no feed corpora under ${dataDir}; only the synthetic feed is measured`);
}
if (corpora.length > 0) {
  const realWorld = corpora.filter(
    (d) =>
      /feeds-rss-parser\/test\/input\//.test(d.name) ||
      /feeds-feedjira\/spec\/sample_feeds\/.*\.xml$/.test(d.name),
  );
  results.realWorldNewsFeeds = measure(realWorld, 10);
  results.allCorpusFiles = measure(corpora, 5);
}

const rows = Object.entries(results).map(([name, f]) => ({
  set: name,
  docs: f.docs,
  MB: f.megabytes,
  entries: f.entries,
  'best ms': f.bestMs,
  'cpu ms': f.cpuMs,
  'entries/s': f.entriesPerSecond,
  'MB/s': f.megabytesPerSecond,
}));
console.table(rows);
const target = results.syntheticVietnameseRss5000.entriesPerSecond;
console.log(
  `typical RSS (synthetic Vietnamese news feed): ${target.toLocaleString('en')} entries/s on one core ` +
    `(target ≥ 20,000)`,
);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'feeds.json'),
  `${JSON.stringify({ node: process.version, ...results }, null, 2)}\n`,
);
console.log('wrote bench/results/feeds.json');
