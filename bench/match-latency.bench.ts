/**
 * Matching latency on a ~100k-claim archive assembled from the shared sets (CheckThat! 2022 and
 * 2020 claims and titles, vnPara sentences, vietnamese-mds-200 titles, summaries and body
 * sentences, vfnd sentences): build time, heap growth, p50/p95 per query on one core, median of
 * several runs. Queries: CheckThat! dev-test tweets, vnPara queries with and without diacritics,
 * social-media variants, and a few long articles (sentence-by-sentence mode).
 *
 *   node --expose-gc --import tsx bench/match-latency.bench.ts
 */
import { ClaimMatcher, type MatchDocument } from '../src/text/matcher.js';
import { quantile } from '../src/text/match-eval.js';
import { splitSentences } from '../src/text/sentences.js';
import {
  loadClef2020,
  loadClef2022,
  loadMdsDocs,
  loadVnPara,
  loadVfndTexts,
} from './lib/match-data.js';
import { perturb, rng } from './lib/match-perturb.js';
import { median, printTable, writeResult } from './lib/match-report.js';

const TARGET = Number(process.env.ARCHIVE_SIZE ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 5);
const t0 = performance.now();
const gc = (globalThis as { gc?: () => void }).gc;

// Assemble the archive.
const docs: MatchDocument[] = [];
const clef = loadClef2022('dev-test', { subtitle: true });
docs.push(...clef.archive);
for (const d of loadClef2020('dev').archive) docs.push({ ...d, id: `c20-${d.id}`, kind: 'open' });
for (const d of loadVnPara('text').archive) docs.push(d);
const mdsDocs = loadMdsDocs();
const longArticles: string[] = [];
for (const d of mdsDocs) {
  docs.push({ id: `mds-t-${d.doc_id}`, text: d.summary, title: d.title });
  for (const [i, s] of splitSentences(d.body).entries())
    if (s.length > 30) docs.push({ id: `mds-s-${d.doc_id}-${i}`, text: s });
  if (longArticles.length < 30 && d.body.length > 1500) longArticles.push(d.body);
}
for (const v of loadVfndTexts()) {
  for (const [i, s] of splitSentences(v.text).entries())
    if (s.length > 30) docs.push({ id: `vfnd-${v.id}-${i}`, text: s });
}
const base = docs.length;
// Top up to the target size with recombined sentences from the same pool (halves of two claims),
// so the vocabulary and postings lengths stay realistic.
const r = rng(42);
for (let i = 0; docs.length < TARGET; i++) {
  const a = docs[Math.floor(r() * base)]?.text ?? '';
  const b = docs[Math.floor(r() * base)]?.text ?? '';
  const wa = a.split(' ');
  const wb = b.split(' ');
  docs.push({
    id: `mix-${i}`,
    text: [...wa.slice(0, wa.length >> 1), ...wb.slice(wb.length >> 1)].join(' '),
  });
}
docs.length = Math.min(docs.length, TARGET);

// Queries.
const vn = loadVnPara('text');
const vnNd = loadVnPara('text_no_diacritics');
const qr = rng(7);
const queries: { kind: string; text: string }[] = [
  ...clef.queries.map((q) => ({ kind: 'tweet (en)', text: q.text })),
  ...vn.queries.slice(0, 300).map((q) => ({ kind: 'vi with diacritics', text: q.text })),
  ...vnNd.queries.slice(300, 600).map((q) => ({ kind: 'vi without diacritics', text: q.text })),
  ...vn.queries
    .slice(600, 900)
    .map((q) => ({ kind: 'vi social mix', text: perturb(q.text, 'social_mix', qr) })),
];

const builds: number[] = [];
const heaps: number[] = [];
const perKind = new Map<string, number[][]>();
const longRuns: number[][] = [];
let matcher: ClaimMatcher | null = null;
let postingBytes = 0;
let vocab = { unigrams: 0, bigrams: 0, accented: 0 };
for (let run = 0; run < RUNS; run++) {
  matcher = null;
  gc?.();
  const mem0 = process.memoryUsage();
  const b0 = performance.now();
  const m = new ClaimMatcher();
  for (const d of docs) m.add(d);
  builds.push(performance.now() - b0);
  gc?.();
  const mem1 = process.memoryUsage();
  // Typed-array postings live outside the JS heap: count heapUsed and arrayBuffers together.
  heaps.push((mem1.heapUsed + mem1.arrayBuffers - mem0.heapUsed - mem0.arrayBuffers) / 2 ** 20);
  matcher = m;
  postingBytes = m.postingBytes();
  vocab = m.vocabulary();
  // Warm-up, then timed queries.
  for (const q of queries.slice(0, 50)) m.match(q.text, { limit: 10 });
  const lat = new Map<string, number[]>();
  for (const q of queries) {
    const s = performance.now();
    m.match(q.text, { limit: 10 });
    const ms = performance.now() - s;
    const l = lat.get(q.kind) ?? [];
    l.push(ms);
    lat.set(q.kind, l);
    const all = lat.get('all short queries') ?? [];
    all.push(ms);
    lat.set('all short queries', all);
  }
  for (const [k, v] of lat) {
    const runs = perKind.get(k) ?? [];
    runs.push(v);
    perKind.set(k, runs);
  }
  const ll: number[] = [];
  for (const a of longArticles) {
    const s = performance.now();
    m.match(a, { limit: 10 });
    ll.push(performance.now() - s);
  }
  longRuns.push(ll);
}

const rows = [...perKind].map(([kind, runs]) => ({
  queries: kind,
  n: runs[0]?.length ?? 0,
  p50_ms: median(runs.map((x) => quantile(x, 0.5))),
  p95_ms: median(runs.map((x) => quantile(x, 0.95))),
  max_ms: median(runs.map((x) => Math.max(...x))),
}));
rows.push({
  queries: `long article (${longArticles.length}, sentence mode)`,
  n: longArticles.length,
  p50_ms: median(longRuns.map((x) => quantile(x, 0.5))),
  p95_ms: median(longRuns.map((x) => quantile(x, 0.95))),
  max_ms: median(longRuns.map((x) => Math.max(...x))),
});
printTable(rows);
const summary = {
  archive: docs.length,
  from_shared_sets: Math.min(base, docs.length),
  runs: RUNS,
  build_ms_median: median(builds),
  heap_mb_median: median(heaps),
  heap_mb_first_run: heaps[0] ?? 0,
  gc_exposed: gc !== undefined,
  posting_typed_array_mb: postingBytes / 2 ** 20,
  vocabulary: vocab,
  rss_mb: process.memoryUsage().rss / 2 ** 20,
};
console.log(
  `\narchive ${summary.archive} claims (${summary.from_shared_sets} from the shared sets, rest recombined), ${RUNS} runs`,
);
console.log(
  `build ${summary.build_ms_median.toFixed(0)} ms (median), heap+arrayBuffers +${summary.heap_mb_first_run.toFixed(1)} MB first run, +${summary.heap_mb_median.toFixed(1)} MB median (gc ${summary.gc_exposed ? 'on' : 'off'}), postings ${summary.posting_typed_array_mb.toFixed(1)} MB, rss ${summary.rss_mb.toFixed(0)} MB`,
);
console.log(`vocabulary: ${JSON.stringify(vocab)}`);
const file = writeResult('match-latency', {
  summary,
  rows,
  seconds: (performance.now() - t0) / 1000,
});
console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
void matcher;
