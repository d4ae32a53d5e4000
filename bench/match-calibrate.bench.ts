/**
 * Fits the matcher's confidence calibration (src/text/match-calibration.ts) on training data only:
 * CheckThat! 2022 2A train (English) and the odd-numbered vnPara derived queries (Vietnamese, in
 * their written forms and generated social-media variants). Each query gives two examples: its top
 * candidate (label: correct or not) and the top candidate after its correct claims were removed
 * (label 0: a post with no prior check). Prints the coefficients to paste into DEFAULT_CALIBRATION.
 *
 *   node --import tsx bench/match-calibrate.bench.ts
 */
import { ClaimMatcher, type MatchDocument } from '../src/text/matcher.js';
import {
  FEATURE_NAMES,
  confidenceOf,
  featureVector,
  fitLogistic,
  thresholdForPrecision,
} from '../src/text/match-calibration.js';
import type { EvalQuery } from '../src/text/match-eval.js';
import { type MatchDataset, loadClef2022, loadVnPara } from './lib/match-data.js';
import { printTable, writeResult } from './lib/match-report.js';
import { type Perturbation, perturb, rng } from './lib/match-perturb.js';

const TARGET_PRECISION = 0.97;

interface Example {
  x: number[];
  y: number;
  set: string;
}

function collect(
  matcher: ClaimMatcher,
  queries: readonly EvalQuery[],
  qrels: MatchDataset['qrels'],
  set: string,
  out: Example[],
): void {
  for (const q of queries) {
    const relevant = qrels.get(q.id);
    if (!relevant) continue;
    const top = matcher.explain(q.text, 2)[0];
    if (top) out.push({ x: featureVector(top.features), y: relevant.has(top.id) ? 1 : 0, set });
    const removed: MatchDocument[] = [];
    for (const id of relevant) {
      const d = matcher.get(id);
      if (d && matcher.remove(id)) removed.push(d);
    }
    const neg = matcher.explain(q.text, 2)[0];
    if (neg) out.push({ x: featureVector(neg.features), y: 0, set: set + ' (removed)' });
    for (const d of removed) matcher.add(d);
  }
}

const t0 = performance.now();
const examples: Example[] = [];

const clef = loadClef2022('train', { subtitle: true });
const clefMatcher = new ClaimMatcher();
for (const d of clef.archive) clefMatcher.add(d);
collect(clefMatcher, clef.queries, clef.qrels, 'clef2022 train', examples);

const vn = loadVnPara('text');
const vnMatcher = new ClaimMatcher();
for (const d of vn.archive) vnMatcher.add(d);
const odd = (id: string): boolean => Number(id.replace(/\D/g, '')) % 2 === 1;
const r = rng(7);
for (const form of ['text', 'text_no_diacritics'] as const) {
  const ds = loadVnPara(form);
  collect(
    vnMatcher,
    ds.queries.filter((q) => odd(q.id)),
    ds.qrels,
    `vnpara odd ${form}`,
    examples,
  );
}
for (const p of ['social_mix', 'typos', 'truncated', 'abbreviations'] as Perturbation[]) {
  const qs = vn.queries
    .filter((q) => odd(q.id))
    .map((q) => ({ id: q.id, text: perturb(q.text, p, r) }));
  collect(vnMatcher, qs, vn.qrels, `vnpara odd ${p}`, examples);
}

const xs = examples.map((e) => e.x);
const ys = examples.map((e) => e.y);
const weights = fitLogistic(xs, ys, 1e-3);
const cal = { weights, answerThreshold: 0.5 };
const scores = examples.map((e) => {
  const f = Object.fromEntries(
    FEATURE_NAMES.map((n, i) => [n, e.x[i] ?? 0]),
  ) as unknown as Parameters<typeof confidenceOf>[0];
  return confidenceOf(f, cal);
});
const threshold = thresholdForPrecision(scores, ys, TARGET_PRECISION);
cal.answerThreshold = threshold;

const bySet = new Map<string, { n: number; pos: number; answered: number; right: number }>();
examples.forEach((e, i) => {
  const s = bySet.get(e.set) ?? { n: 0, pos: 0, answered: 0, right: 0 };
  s.n++;
  s.pos += e.y;
  if ((scores[i] ?? 0) >= threshold) {
    s.answered++;
    s.right += e.y;
  }
  bySet.set(e.set, s);
});
const rows = [...bySet].map(([set, s]) => ({
  set,
  examples: s.n,
  correct_top1: s.pos / s.n,
  answer_rate: s.answered / s.n,
  answer_precision: s.answered ? s.right / s.answered : 1,
}));
printTable(rows);
let logLoss = 0;
scores.forEach((p, i) => {
  const y = ys[i] ?? 0;
  logLoss -= y * Math.log(Math.max(p, 1e-12)) + (1 - y) * Math.log(Math.max(1 - p, 1e-12));
});
console.log(
  `\nexamples ${examples.length}, log loss ${(logLoss / examples.length).toFixed(4)}, threshold for precision ≥ ${TARGET_PRECISION}: ${threshold.toFixed(4)}`,
);
console.log('weights (intercept, ' + FEATURE_NAMES.join(', ') + '):');
console.log(
  `  weights: [${weights.map((w) => w.toFixed(4)).join(', ')}],\n  answerThreshold: ${threshold.toFixed(4)},`,
);
const file = writeResult('match-calibrate', {
  features: FEATURE_NAMES,
  weights,
  answerThreshold: threshold,
  targetPrecision: TARGET_PRECISION,
  examples: examples.length,
  logLoss: logLoss / examples.length,
  sets: rows,
  seconds: (performance.now() - t0) / 1000,
});
console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
