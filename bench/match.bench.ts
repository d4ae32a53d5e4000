/**
 * Claim-matching quality: MAP@5, P@1, MRR, answer-band rate and precision, false answers when the
 * correct claim is absent, per-query latency. CheckThat! 2022 2A (dev-test reported; train used for
 * tuning and calibration), CheckThat! 2020 dev, vnPara derived (every written form, and generated
 * social-media variants on the even-numbered half not used for calibration), vietnamese-mds-200 titles.
 *
 *   node --import tsx bench/match.bench.ts
 */
import { ClaimMatcher } from '../src/text/matcher.js';
import { type EvalQuery, evaluateMatching } from '../src/text/match-eval.js';
import {
  type MatchDataset,
  loadClef2020,
  loadClef2022,
  loadMds,
  loadVnPara,
  stripDiacritics,
} from './lib/match-data.js';
import { PERTURBATIONS, perturb, rng } from './lib/match-perturb.js';
import { printTable, writeResult } from './lib/match-report.js';

const t0 = performance.now();
const rows: Record<string, string | number>[] = [];

function run(
  name: string,
  matcher: ClaimMatcher,
  queries: readonly EvalQuery[],
  qrels: MatchDataset['qrels'],
  note = '',
  negatives = false,
): void {
  const r = evaluateMatching({ matcher, queries, qrels, negatives });
  rows.push({
    set: name,
    n: r.n,
    map5: r.map5,
    p1: r.p1,
    mrr: r.mrr,
    answer_rate: r.answer.rate,
    answer_prec: r.answer.precision,
    false_answer: r.falseAnswerRate ?? '',
    p50_ms: r.latency_ms.p50,
    p95_ms: r.latency_ms.p95,
    note,
  });
}

function build(ds: MatchDataset): { matcher: ClaimMatcher; ms: number } {
  const s = performance.now();
  const matcher = new ClaimMatcher();
  for (const d of ds.archive) matcher.add(d);
  return { matcher, ms: performance.now() - s };
}

// English.
const clefTest = loadClef2022('dev-test', { subtitle: true });
const clef = build(clefTest);
run('clef2022-2a dev-test', clef.matcher, clefTest.queries, clefTest.qrels, 'reported', true);
const clefDev = loadClef2022('dev', { subtitle: true });
run('clef2022-2a dev', clef.matcher, clefDev.queries, clefDev.qrels, 'held out');
const clefTrain = loadClef2022('train', { subtitle: true });
run('clef2022-2a train', clef.matcher, clefTrain.queries, clefTrain.qrels, 'tuning/calibration');
const c20 = loadClef2020('dev');
const c20m = build(c20);
run('clef2020-2 dev', c20m.matcher, c20.queries, c20.qrels, 'held out');

// Vietnamese: vnPara written forms (all queries), then perturbations on the held-out half.
const vn = loadVnPara('text');
const vnm = build(vn);
for (const form of [
  'text',
  'text_no_diacritics',
  'text_nfd',
  'text_tone_on_second_vowel',
  'text_tone_on_first_vowel',
] as const) {
  const ds = loadVnPara(form);
  run(`vnpara ${form}`, vnm.matcher, ds.queries, ds.qrels, 'all queries');
}
const even = vn.queries.filter((q) => Number(q.id.replace(/\D/g, '')) % 2 === 0);
run('vnpara even text', vnm.matcher, even, vn.qrels, 'held out from calibration', true);
const r = rng(2025);
for (const p of PERTURBATIONS) {
  run(
    `vnpara even ${p}`,
    vnm.matcher,
    even.map((q) => ({ id: q.id, text: perturb(q.text, p, r) })),
    vn.qrels,
    'generated',
    p === 'social_mix',
  );
}

// vietnamese-mds-200 titles.
const mds = loadMds('title');
const mdsm = build(mds);
run('mds200 title', mdsm.matcher, mds.queries, mds.qrels);
run(
  'mds200 title stripped',
  mdsm.matcher,
  mds.queries.map((q) => ({ id: q.id, text: stripDiacritics(q.text) })),
  mds.qrels,
  'diacritics removed here',
);
const mdsNd = loadMds('title_no_diacritics');
run('mds200 title_no_diacritics', mdsm.matcher, mdsNd.queries, mdsNd.qrels, 'as shipped');
const r2 = rng(99);
for (const p of ['half_diacritics', 'abbreviations', 'typos', 'social_mix'] as const) {
  run(
    `mds200 ${p}`,
    mdsm.matcher,
    mds.queries.map((q) => ({ id: q.id, text: perturb(q.text, p, r2) })),
    mds.qrels,
    'generated',
  );
}

printTable(rows);
const get = (set: string): number => Number(rows.find((x) => x.set === set)?.map5 ?? 0);
const gaps = {
  vnpara_no_diacritics_gap: get('vnpara text') - get('vnpara text_no_diacritics'),
  mds_no_diacritics_gap: get('mds200 title') - get('mds200 title stripped'),
};
console.log(
  `\ngaps (with − without diacritics): vnPara ${gaps.vnpara_no_diacritics_gap.toFixed(4)}, mds ${gaps.mds_no_diacritics_gap.toFixed(4)}`,
);
console.log(
  `build ms: clef2022 ${clef.ms.toFixed(0)} (${clefTest.archive.length} claims), vnpara ${vnm.ms.toFixed(0)}, mds ${mdsm.ms.toFixed(0)}`,
);
const file = writeResult('match', {
  rows,
  gaps,
  build_ms: { clef2022: clef.ms, clef2020: c20m.ms, vnpara: vnm.ms, mds: mdsm.ms },
  seconds: (performance.now() - t0) / 1000,
});
console.log(`wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
