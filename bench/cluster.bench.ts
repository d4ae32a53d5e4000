/**
 * Story clustering benchmark on vietnamese-mds-200 (628 articles, 199 gold clusters).
 *
 *   node --import tsx bench/cluster.bench.ts
 *
 * 1. Threshold by two-fold cross-validation over clusters: each half picks the threshold that
 *    maximises its own pairwise F1; that threshold is scored on the other half.
 * 2. All 628 documents with the default threshold, in file order and in a shuffled order.
 * 3. The same with distractors: every vfnd article/post (gold: singletons, except the re-posts
 *    listed in crossrefs.tsv) and the vnpara sentence archive as short items; reports how many
 *    mds documents get glued to a distractor and the precision over pairs involving mds docs.
 * 4. Fingerprint and LSH micro-benchmarks.
 * Writes bench/results/cluster.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_CLUSTER_THRESHOLD,
  clusterDocuments,
  type ClusterDocument,
} from '../src/text/cluster.js';
import { evaluateClustering, type ClusteringEvaluation } from '../src/text/cluster-eval.js';
import {
  fingerprintTokens,
  minhashFromHashes,
  minhashSignature,
  shingleHashes,
} from '../src/text/fingerprint.js';
import { NearDuplicateIndex } from '../src/text/near-duplicate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.KC_DATA_DIR ?? join(root, '..', 'shared', 'data');

interface MdsLine {
  cluster_id: number;
  doc_id: string;
  title: string;
  summary: string;
  body: string;
}
interface VfndLine {
  id: string;
  title: string | null;
  description: string | null;
  maintext: string | null;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** Deterministic shuffle (LCG), so runs are comparable. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const keyed = items.map((item) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return { item, key: s };
  });
  return keyed.sort((a, b) => a.key - b.key).map(({ item }) => item);
}

const clean = (s: string | null | undefined): string => (s && s !== 'None' ? s : '');

const mds = readJsonl<MdsLine>(join(dataDir, 'vietnamese-mds-200', 'docs.jsonl'));
const mdsDocs: ClusterDocument[] = mds.map((d) => ({
  id: `mds:${d.doc_id}`,
  title: d.title,
  summary: d.summary,
  text: d.body,
}));
const mdsGold = new Map(mds.map((d) => [`mds:${d.doc_id}`, `mds:${d.cluster_id}`]));

const round = (x: number): number => Math.round(x * 10000) / 10000;
function summary(e: ClusteringEvaluation): Record<string, unknown> {
  return {
    pairwise: {
      precision: round(e.pairwise.precision),
      recall: round(e.pairwise.recall),
      f1: round(e.pairwise.f1),
    },
    bcubed: {
      precision: round(e.bcubed.precision),
      recall: round(e.bcubed.recall),
      f1: round(e.bcubed.f1),
    },
    clusters: e.clusters,
    n: e.n,
  };
}
function line(label: string, e: ClusteringEvaluation, msPerDoc?: number): void {
  const f = (x: number): string => x.toFixed(3);
  console.log(
    `${label.padEnd(34)} pairwise P ${f(e.pairwise.precision)} R ${f(e.pairwise.recall)} F1 ${f(e.pairwise.f1)} | ` +
      `B3 P ${f(e.bcubed.precision)} R ${f(e.bcubed.recall)} F1 ${f(e.bcubed.f1)} | ` +
      `clusters ${e.clusters.predicted}/${e.clusters.gold}` +
      (msPerDoc === undefined ? '' : ` | ${msPerDoc.toFixed(2)} ms/doc`),
  );
}

function run(
  docs: readonly ClusterDocument[],
  threshold: number,
): { predicted: Map<string, string>; msPerDoc: number } {
  const start = performance.now();
  const predicted = clusterDocuments(docs, { threshold });
  return { predicted, msPerDoc: (performance.now() - start) / docs.length };
}

const results: Record<string, unknown> = { threshold: DEFAULT_CLUSTER_THRESHOLD };

// 1. Two-fold cross-validation over clusters (random halves, fixed seed). All 628 documents are
//    clustered together; a half is scored on the pairs that involve its documents, where a pair
//    with a document of the other half is wrong by construction (the halves share no story). So
//    each half sees the full density of competing stories, but only its own labels.
const grid = [0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25];
const clusterIds = shuffle([...new Set(mds.map((d) => d.cluster_id))], 2024);
const halfOf = new Map(clusterIds.map((id, i) => [`mds:${id}`, i % 2]));

/** Pairwise P/R/F1 of one half (see above). */
function halfScore(predicted: ReadonlyMap<string, string>, half: number): number[] {
  const inHalf = (id: string): boolean => halfOf.get(mdsGold.get(id) ?? '') === half;
  const members = new Map<string, string[]>();
  for (const [id, c] of predicted) members.set(c, [...(members.get(c) ?? []), id]);
  let predictedPairs = 0;
  let truePairs = 0;
  for (const ids of members.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] ?? '';
        const b = ids[j] ?? '';
        if (!inHalf(a) && !inHalf(b)) continue;
        predictedPairs++;
        if (mdsGold.get(a) === mdsGold.get(b)) truePairs++;
      }
    }
  }
  const sizes = new Map<string, number>();
  for (const [id, c] of mdsGold) if (inHalf(id)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  let goldPairs = 0;
  for (const n of sizes.values()) goldPairs += (n * (n - 1)) / 2;
  const p = predictedPairs > 0 ? truePairs / predictedPairs : 1;
  const r = goldPairs > 0 ? truePairs / goldPairs : 1;
  return [p, r, p + r > 0 ? (2 * p * r) / (p + r) : 0];
}

console.log(`vietnamese-mds-200: ${mds.length} docs, ${clusterIds.length} clusters`);
console.log('two-fold cross-validation of the threshold over random halves of the clusters:');
const shuffledMds = shuffle(mdsDocs, 3);
const curves = grid.map((threshold) => {
  const { predicted } = run(shuffledMds, threshold);
  return { threshold, halves: [halfScore(predicted, 0), halfScore(predicted, 1)] };
});
const cv: unknown[] = [];
for (const h of [0, 1]) {
  let best = curves[0];
  for (const c of curves) if ((c.halves[h]?.[2] ?? 0) > (best?.halves[h]?.[2] ?? 0)) best = c;
  if (!best) continue;
  const held = best.halves[1 - h] ?? [0, 0, 0];
  const f = (x: number | undefined): string => (x ?? 0).toFixed(3);
  console.log(
    `  half ${h} curve (F1): ${curves.map((c) => `${c.threshold}:${f(c.halves[h]?.[2])}`).join(' ')}`,
  );
  console.log(
    `  half ${h} picks ${best.threshold} → held-out half ${1 - h}: pairwise P ${f(held[0])} R ${f(held[1])} F1 ${f(held[2])}`,
  );
  cv.push({
    trainHalf: h,
    threshold: best.threshold,
    curve: curves.map((c) => ({ threshold: c.threshold, f1: round(c.halves[h]?.[2] ?? 0) })),
    heldOut: {
      precision: round(held[0] ?? 0),
      recall: round(held[1] ?? 0),
      f1: round(held[2] ?? 0),
    },
  });
}
results.crossValidation = cv;

// 2. All documents, default threshold.
console.log(`all documents, threshold ${DEFAULT_CLUSTER_THRESHOLD}:`);
const full: Record<string, unknown> = {};
for (const [label, docs] of [
  ['file order', mdsDocs],
  ['shuffled (seed 7)', shuffle(mdsDocs, 7)],
  ['shuffled (seed 8)', shuffle(mdsDocs, 8)],
] as const) {
  const { predicted, msPerDoc } = run(docs, DEFAULT_CLUSTER_THRESHOLD);
  const e = evaluateClustering(predicted, mdsGold);
  line(`  ${label}`, e, msPerDoc);
  full[label] = { ...summary(e), msPerDoc: round(msPerDoc) };
}
results.all = full;

// 3. Distractors.
const vfnd = readJsonl<VfndLine>(join(dataDir, 'vfnd', 'vfnd_all.jsonl'));
const vfndDocs: ClusterDocument[] = vfnd
  .map((d) => ({
    id: `vfnd:${d.id}`,
    title: clean(d.title).split('\n')[0] ?? '',
    text: [clean(d.description), clean(d.maintext), clean(d.title)].join('\n'),
  }))
  .filter((d) => d.text.trim() !== '');
// Re-posts of one story are one gold cluster (union-find over crossrefs).
const parent = new Map<string, string>();
const find = (x: string): string => {
  let r = x;
  while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) ?? r;
  return r;
};
for (const row of readFileSync(join(dataDir, 'vfnd', 'crossrefs.tsv'), 'utf8')
  .split('\n')
  .slice(1)) {
  const [a, b] = row.split('\t');
  if (a && b) parent.set(find(`vfnd:${a}`), find(`vfnd:${b}`));
}
const vnpara = readFileSync(join(dataDir, 'vnpara', 'derived', 'archive.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.includes('\t'))
  .map((l) => {
    const [id, text] = l.split('\t');
    return { id: `vnpara:${id}`, text: text ?? '' };
  });
const distractorSets = [
  { label: `+ vfnd (${vfndDocs.length})`, docs: vfndDocs },
  { label: `+ vfnd + vnpara (${vfndDocs.length + vnpara.length})`, docs: [...vfndDocs, ...vnpara] },
];
console.log('with distractors (gold: distractors are singletons, vfnd re-posts joined):');
const withDistractors: Record<string, unknown> = {};
for (const { label, docs: distractors } of distractorSets) {
  const docs = shuffle([...mdsDocs, ...distractors], 11);
  const gold = new Map(mdsGold);
  for (const d of distractors) gold.set(d.id, `d:${find(d.id)}`);
  const { predicted, msPerDoc } = run(docs, DEFAULT_CLUSTER_THRESHOLD);
  const all = evaluateClustering(predicted, gold);
  const mdsOnly = evaluateClustering(predicted, mdsGold);
  // Glue: mds documents whose predicted cluster also holds a distractor.
  const clustersWithDistractor = new Set<string>();
  for (const d of distractors) {
    const c = predicted.get(d.id);
    if (c !== undefined) clustersWithDistractor.add(c);
  }
  let glued = 0;
  const gluedExamples: string[] = [];
  for (const d of mdsDocs) {
    const c = predicted.get(d.id);
    if (c !== undefined && clustersWithDistractor.has(c)) {
      glued++;
      if (gluedExamples.length < 5) gluedExamples.push(`${d.id} ~ ${d.title ?? ''}`);
    }
  }
  // Precision over predicted pairs with at least one mds document.
  const members = new Map<string, string[]>();
  for (const [id, c] of predicted) members.set(c, [...(members.get(c) ?? []), id]);
  let pairs = 0;
  let correct = 0;
  for (const ids of members.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] ?? '';
        const b = ids[j] ?? '';
        if (!a.startsWith('mds:') && !b.startsWith('mds:')) continue;
        pairs++;
        if (gold.get(a) === gold.get(b)) correct++;
      }
    }
  }
  const mdsPairPrecision = pairs > 0 ? correct / pairs : 1;
  line(`  ${label}: all items`, all, msPerDoc);
  line(`  ${label}: mds items`, mdsOnly);
  console.log(
    `    mds docs glued to a distractor: ${glued}; precision of pairs with an mds doc ${mdsPairPrecision.toFixed(3)}`,
  );
  if (gluedExamples.length > 0) console.log(`    e.g. ${gluedExamples.join(' | ')}`);
  withDistractors[label] = {
    all: summary(all),
    mds: summary(mdsOnly),
    gluedMdsDocs: glued,
    mdsPairPrecision: round(mdsPairPrecision),
    msPerDoc: round(msPerDoc),
  };
}
results.distractors = withDistractors;

// 4. Fingerprint and LSH micro-benchmarks on ~5 kB articles.
const fiveKb = mds.map((d) => d.body).filter((b) => b.length >= 4000 && b.length <= 6000);
const reps = Math.max(1, Math.ceil(500 / fiveKb.length));
let start = performance.now();
const sigs: Uint32Array[] = [];
for (let r = 0; r < reps; r++) for (const body of fiveKb) sigs.push(minhashSignature(body));
const sigMs = (performance.now() - start) / sigs.length;
const tokenised = fiveKb.map((body) => fingerprintTokens(body));
start = performance.now();
for (let r = 0; r < reps; r++)
  for (const tokens of tokenised) minhashFromHashes(shingleHashes(tokens));
const sigOwnMs = (performance.now() - start) / (reps * tokenised.length);
const index = new NearDuplicateIndex();
const allSigs = mds.map((d) => minhashSignature(`${d.title}\n${d.summary}\n${d.body}`));
allSigs.forEach((sig, i) => index.add(String(i), sig));
start = performance.now();
let found = 0;
for (let r = 0; r < 20; r++) for (const sig of allSigs) found += index.query(sig).length;
const queryMs = (performance.now() - start) / (20 * allSigs.length);
console.log(
  `fingerprints: minhashSignature of a 4–6 kB article ${sigMs.toFixed(3)} ms, of which shingling + MinHash ` +
    `${sigOwnMs.toFixed(3)} ms (the rest: cleanForMatching + foldedSyllables); ` +
    `LSH query over ${index.size} items ${(queryMs * 1000).toFixed(1)} µs (${(found / (20 * allSigs.length)).toFixed(2)} hits/query incl. itself)`,
);
results.fingerprint = {
  minhashMsPer5kB: round(sigMs),
  shingleAndMinhashMsPer5kB: round(sigOwnMs),
  lshQueryMs: round(queryMs),
};

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'cluster.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
console.log('wrote bench/results/cluster.json');
