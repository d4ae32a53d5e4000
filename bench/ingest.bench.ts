/**
 * Intake throughput on the embedded database, end to end: feed files are parsed, every entry is
 * normalised, redacted, fingerprinted, stored once, matched against published checks, grouped
 * with near duplicates and scored — `kiemchung ingest`'s path. Runs 10k items into an empty
 * database, then 100k, and compares the per-item time of the last 10k of the large run with the
 * small run (the target: within 1.3×, and ≥ 2,000 items/s).
 *
 * Text comes from the vnPara news sentences (../shared/data); 2 % of entries repeat a published
 * claim in other words, so matching does real work. `npm run bench -- ingest`.
 *
 * Diagnostics: BENCH_SMALL=N BENCH_SMALL_ONLY=1 runs one size only; BENCH_NO_CHECKS=1 publishes no
 * checks, which shows the cost of everything but matching; BENCH_SHORT=1 gives entries of a title
 * and one sentence instead of two; BENCH_WORKERS=N sets the text worker threads (0: none).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { insertPublishedCheck } from '../test/factories.js';
import { CheckIndex } from '../src/core/check-index.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createRepositories } from '../src/db/repositories.js';
import { ingestFiles } from '../src/ingest/offline-ingest.js';
import { dataDir } from './lib/match-data.js';
import { printTable, writeResult } from './lib/match-report.js';

const PER_FILE = 200;
const CHECKS = 300;

interface Pair {
  sentence1: string;
  sentence2: string;
  label: number;
}

const pairs: Pair[] = readFileSync(path.join(dataDir, 'vnpara/vnpara.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Pair);
const paraphrases = pairs.filter((p) => p.label === 1).slice(0, CHECKS);
// Filler sentences never repeat a checked claim, so only the planted 2 % should match.
const checked = new Set(paraphrases.flatMap((p) => [p.sentence1, p.sentence2]));
const sentences = pairs.flatMap((p) => [p.sentence1, p.sentence2]).filter((s) => !checked.has(s));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deterministic pseudo-random sentence picks (xorshift), so runs are comparable. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function writeFeeds(dir: string, total: number): string[] {
  mkdirSync(dir, { recursive: true });
  const random = rng(total);
  const pick = () => sentences[Math.floor(random() * sentences.length)]!;
  const files: string[] = [];
  for (let f = 0; f * PER_FILE < total; f++) {
    const items: string[] = [];
    for (let i = 0; i < PER_FILE && f * PER_FILE + i < total; i++) {
      const n = f * PER_FILE + i;
      // Every 50th entry retells a checked claim in other words.
      const title = n % 50 === 0 ? paraphrases[(n / 50) % paraphrases.length]!.sentence2 : pick();
      const summary = process.env.BENCH_SHORT
        ? `${pick()} (Tin số ${n}.)`
        : `${pick()} ${pick()} (Tin số ${n}.)`;
      const date = new Date(Date.UTC(2026, 10, 1) + n * 1000).toUTCString();
      items.push(
        `<item><title>${escape(title)}</title><link>https://baomau.example/tin/${n}</link><guid>bm-${n}</guid><pubDate>${date}</pubDate><description>${escape(summary)}</description></item>`,
      );
    }
    const file = path.join(dir, `feed-${String(f).padStart(5, '0')}.xml`);
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo mẫu</title><link>https://baomau.example/</link><language>vi</language>${items.join('\n')}</channel></rss>`,
    );
    files.push(file);
  }
  return files;
}

async function run(total: number, work: string) {
  const files = writeFeeds(path.join(work, `feeds-${total}`), total);
  const database = await openDatabase({ dataDir: path.join(work, `db-${total}`) });
  try {
    await migrate(database);
    const repos = createRepositories(database.db);
    for (const pair of process.env.BENCH_NO_CHECKS ? [] : paraphrases) {
      await insertPublishedCheck(repos, database, { claimText: pair.sentence1 });
    }
    const marks: { read: number; at: number }[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const report = await ingestFiles(
      repos,
      new CheckIndex(repos.pipeline),
      () => new Date(),
      files,
      {
        onProgress: (read) => marks.push({ read, at: performance.now() - started }),
        ...(process.env.BENCH_WORKERS ? { workers: Number(process.env.BENCH_WORKERS) } : {}),
      },
    );
    const cpu = process.cpuUsage(cpuBefore);
    // CPU of every thread of the process, per item: what the 2-core budget is spent on.
    const cpuMsPerItem = (cpu.user + cpu.system) / 1000 / Math.max(1, report.items);
    // Per-item time of each 10k slice of the run.
    const slices: number[] = [];
    let prev = { read: 0, at: 0 };
    for (const mark of marks) {
      if (mark.read - prev.read >= 10_000 || mark === marks.at(-1)) {
        slices.push((mark.at - prev.at) / (mark.read - prev.read));
        prev = mark;
      }
    }
    return {
      total,
      report: { ...report, cpuMsPerItem: Math.round(cpuMsPerItem * 1000) / 1000 },
      slices,
    };
  } finally {
    await database.close();
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'kc-ingest-bench-'));
try {
  const small = await run(Number(process.env.BENCH_SMALL ?? 10_000), work);
  if (process.env.BENCH_SMALL_ONLY) {
    console.log(JSON.stringify(small.report));
    process.exit(0);
  }
  const large = await run(100_000, work);
  const smallMs = small.report.elapsedMs / small.report.items;
  const lastSliceMs = large.slices.at(-1)!;
  const result = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    runs: [small, large].map((r) => ({
      items: r.report.items,
      stored: r.report.stored,
      matched: r.report.matched,
      elapsedMs: r.report.elapsedMs,
      itemsPerSecond: r.report.itemsPerSecond,
      cpuMsPerItem: r.report.cpuMsPerItem,
      msPerItemBy10k: r.slices.map((x) => Math.round(x * 1000) / 1000),
    })),
    msPerItemAt10k: Math.round(smallMs * 1000) / 1000,
    msPerItemLast10kOf100k: Math.round(lastSliceMs * 1000) / 1000,
    growthRatio: Math.round((lastSliceMs / smallMs) * 100) / 100,
    targets: { itemsPerSecond: 2000, growthRatio: 1.3 },
  };
  printTable(
    result.runs.map((r) => ({
      items: r.items,
      stored: r.stored,
      matched: r.matched,
      'elapsed s': (r.elapsedMs / 1000).toFixed(1),
      'items/s': r.itemsPerSecond,
      'CPU ms/item': r.cpuMsPerItem,
    })),
  );
  console.log(
    `per item: ${result.msPerItemAt10k} ms at 10k, ${result.msPerItemLast10kOf100k} ms for the last 10k of 100k (ratio ${result.growthRatio})`,
  );
  console.log(`wrote ${writeResult('ingest', result)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
