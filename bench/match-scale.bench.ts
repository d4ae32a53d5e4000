/**
 * The scale benchmark's matching figures without its database: the published checks of the
 * scale corpus (bench/lib/scale-corpus.ts) at a given count, indexed in memory as the check
 * index does (claim text, check title as headline), and the same texts the scale benchmark puts
 * to them (bench/lib/scale-measure.ts): retold claims, new feed items with their headline apart,
 * long articles. p50/p95 per kind (median over rounds), CPU per round, and a hash of the answers
 * so that a change meant to be exact can be checked for it.
 *
 *   npm run bench -- match-scale [--checks 20000] [--rounds 5]
 *
 * 20,000 checks is the 1,000,000-item step of the scale benchmark.
 */
import { createHash } from 'node:crypto';
import { ClaimMatcher } from '../src/text/matcher.js';
import { quantile } from '../src/text/match-eval.js';
import { median, printTable, writeResult } from './lib/match-report.js';
import { loadScalePool, ScaleCorpus } from './lib/scale-corpus.js';
import { matchingQueries } from './lib/scale-measure.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const checks = option('checks', 20_000);
const rounds = option('rounds', 5);
const corpus = new ScaleCorpus(loadScalePool());

const built = performance.now();
const matcher = new ClaimMatcher();
for (let j = 0; j < checks; j++) {
  const check = corpus.check(j);
  const claim = corpus.claim(check.claim);
  matcher.add({ id: String(j), text: claim.text, title: check.title, language: claim.language });
}
matcher.compact();
const buildMs = performance.now() - built;

// The scale benchmark's texts for an archive of this many checks (items: 50 per check).
const { retold, kinds } = matchingQueries(corpus, { items: checks * 50, checks });
const byKind = new Map<string, number[][]>();
const cpuPerRound: number[] = [];
let answers = '';
for (let round = 0; round <= rounds; round++) {
  // Round 0 warms the JIT and is not counted.
  const cpu = process.cpuUsage();
  answers = '';
  for (const [kind, queries] of kinds) {
    for (const q of queries) {
      const started = performance.now();
      const found = matcher.match(q.text, { limit: 5, ...(q.title ? { title: q.title } : {}) });
      const ms = performance.now() - started;
      answers += `${found.map((c) => `${c.id}:${c.confidence.toFixed(6)}`).join(',')};`;
      if (round === 0) continue;
      for (const k of [kind, 'all']) {
        const runs = byKind.get(k) ?? [];
        (runs[round - 1] ??= []).push(ms);
        byKind.set(k, runs);
      }
    }
  }
  const used = process.cpuUsage(cpu);
  if (round > 0) cpuPerRound.push((used.user + used.system) / 1000);
}
const retoldFirst =
  retold.filter((q) => matcher.match(q.text, { limit: 1 })[0]?.id === String(q.check)).length /
  retold.length;

const round2 = (x: number) => Math.round(x * 100) / 100;
const figures = [...byKind].map(([kind, runs]) => ({
  kind,
  n: runs[0]?.length ?? 0,
  p50: round2(median(runs.map((r) => quantile(r, 0.5)))),
  p95: round2(median(runs.map((r) => quantile(r, 0.95)))),
}));
printTable(figures.map((f) => ({ texts: f.kind, n: f.n, 'p50 ms': f.p50, 'p95 ms': f.p95 })));
const result = {
  checks,
  rounds,
  buildMs: Math.round(buildMs),
  cpuMsPerRound: Math.round(median(cpuPerRound)),
  retoldFirst: round2(retoldFirst),
  answersHash: createHash('sha256').update(answers).digest('hex').slice(0, 16),
  figures,
  goal: { p95Ms: 20 },
};
console.log(
  `${checks} checks indexed in ${result.buildMs} ms; CPU per round ${result.cpuMsPerRound} ms; retold claims found first ${result.retoldFirst}; answers ${result.answersHash}`,
);
console.log(`wrote ${writeResult('match-scale', result)}`);
