/**
 * Confidence calibration for the claim matcher: a logistic model over a few score features,
 * fitted offline on training data (bench/match-calibrate.bench.ts prints the coefficients that
 * are pasted below) and a threshold that puts a candidate in the "answer" band.
 *
 * How the model was fitted: for every training query (CheckThat! 2022 2A train split, English;
 * half of the vnPara derived queries by id parity in every written form plus generated social-media
 * variants, Vietnamese) the matcher's top candidate is labelled 1 if it is a correct answer, 0 if
 * not; then the same query is run again with its correct claims removed from the index (the usual
 * case in production: most posts have no prior check) and that top candidate is labelled 0. The
 * logistic is fitted by Newton's method with a small L2 penalty; the answer threshold is the lowest
 * confidence at which the answer band keeps ≥ 0.97 precision on that calibration set (a margin over
 * the 0.95 goal).
 */

/** Features of one candidate, all computed from the lexical scores. */
export interface MatchFeatures {
  /** Candidate score divided by the query's score against itself (≈1 for a verbatim repeat). */
  ratio: number;
  /** (score − best other candidate's score) / self score; negative below the top. */
  margin: number;
  /** Share of the query's idf mass (folded unigrams) found in the candidate. */
  queryCoverage: number;
  /** Share of the candidate's idf mass (folded unigrams) found in the query. */
  docCoverage: number;
  /** 1 when the query was judged English. */
  english: number;
  /** ln(1 + number of query terms). */
  logLength: number;
}

/** Order of the features in the coefficient vector (after the intercept). */
export const FEATURE_NAMES = [
  'ratio',
  'margin',
  'queryCoverage',
  'docCoverage',
  'english',
  'logLength',
] as const;

/** Feature vector in FEATURE_NAMES order. */
export function featureVector(f: MatchFeatures): number[] {
  return [f.ratio, f.margin, f.queryCoverage, f.docCoverage, f.english, f.logLength];
}

/** Logistic model: intercept then one weight per feature, plus the answer-band threshold. */
export interface Calibration {
  weights: readonly number[];
  answerThreshold: number;
}

/** Coefficients fitted by bench/match-calibrate.bench.ts (see the module comment). */
export const DEFAULT_CALIBRATION: Calibration = {
  weights: [-4.6411, 4.1046, 4.9219, 1.8729, 4.0676, 2.4966, -0.4151],
  answerThreshold: 0.6571,
};

/** Calibrated probability that the candidate is a correct answer. */
export function confidenceOf(f: MatchFeatures, cal: Calibration = DEFAULT_CALIBRATION): number {
  const x = featureVector(f);
  let z = cal.weights[0] ?? 0;
  for (let i = 0; i < x.length; i++) z += (cal.weights[i + 1] ?? 0) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits a logistic regression (intercept + weights) by Newton–Raphson with an L2 penalty `l2`
 * on the weights (not the intercept). Pure; small dense problems only (a few features).
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  l2 = 1e-2,
  iterations = 50,
): number[] {
  const d = (xs[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let n = 0; n < xs.length; n++) {
      const row = xs[n] ?? [];
      const x = [1, ...row];
      let z = 0;
      for (let i = 0; i < d; i++) z += (w[i] ?? 0) * (x[i] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (ys[n] ?? 0);
      const s = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < d; i++) {
        g[i] = (g[i] ?? 0) + err * (x[i] ?? 0);
        const hi = h[i] ?? [];
        for (let j = 0; j < d; j++) hi[j] = (hi[j] ?? 0) + s * (x[i] ?? 0) * (x[j] ?? 0);
      }
    }
    for (let i = 1; i < d; i++) {
      g[i] = (g[i] ?? 0) + l2 * (w[i] ?? 0) * xs.length;
      const hi = h[i] ?? [];
      hi[i] = (hi[i] ?? 0) + l2 * xs.length;
    }
    const step = solve(h, g);
    let change = 0;
    for (let i = 0; i < d; i++) {
      w[i] = (w[i] ?? 0) - (step[i] ?? 0);
      change = Math.max(change, Math.abs(step[i] ?? 0));
    }
    if (change < 1e-8) break;
  }
  return w;
}

// Gaussian elimination with partial pivoting; the Hessian is small and positive definite.
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r;
    const tmp = m[c] ?? [];
    m[c] = m[p] ?? [];
    m[p] = tmp;
    const pivot = m[c]?.[c] ?? 0;
    if (Math.abs(pivot) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = (m[r]?.[c] ?? 0) / pivot;
      if (f === 0) continue;
      const mr = m[r] ?? [];
      const mc = m[c] ?? [];
      for (let k = c; k <= n; k++) mr[k] = (mr[k] ?? 0) - f * (mc[k] ?? 0);
    }
  }
  return m.map((row, i) => {
    const piv = row[i] ?? 0;
    return Math.abs(piv) < 1e-12 ? 0 : (row[n] ?? 0) / piv;
  });
}

/**
 * The lowest threshold at which the examples scoring at or above it reach `targetPrecision`,
 * scanning from the most confident down; returns 1 when no threshold reaches it.
 */
export function thresholdForPrecision(
  scores: readonly number[],
  labels: readonly number[],
  targetPrecision: number,
  minSupport = 20,
): number {
  const order = scores.map((s, i) => [s, labels[i] ?? 0] as const).sort((a, b) => b[0] - a[0]);
  let tp = 0;
  let best = 1;
  for (let i = 0; i < order.length; i++) {
    const entry = order[i];
    if (!entry) continue;
    tp += entry[1];
    const precision = tp / (i + 1);
    const next = order[i + 1];
    // Only cut between distinct scores.
    if (next && next[0] === entry[0]) continue;
    if (i + 1 >= minSupport && precision >= targetPrecision) best = entry[0];
  }
  return best;
}
