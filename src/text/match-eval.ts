/**
 * Evaluation of the claim matcher: MAP@5, P@1, MRR, answer-band precision and latency over a
 * query set with relevance judgements. Pure apart from reading the clock.
 */
import {
  ClaimMatcher,
  type MatchCandidate,
  type MatchDocument,
  type MatcherParams,
  type MatchOptions,
} from './matcher.js';
import type { Calibration } from './match-calibration.js';

/** A query to evaluate. */
export interface EvalQuery {
  id: string;
  text: string;
}

/** Relevance judgements: query id → ids of correct claims. */
export type Qrels = ReadonlyMap<string, ReadonlySet<string>>;

/** Figures of one evaluation run. */
export interface MatchEvaluation {
  /** Queries evaluated (those with at least one judgement). */
  n: number;
  /** Mean average precision at 5; AP@5 = Σ_{k≤5} P@k·rel(k) / min(|relevant|, 5). */
  map5: number;
  /** Precision of the first candidate. */
  p1: number;
  /** Mean reciprocal rank (over the returned list, default 10 deep). */
  mrr: number;
  /** Share of queries with a correct claim in the top 5. */
  recall5: number;
  /** Queries whose first candidate is in the answer band, and the precision of those. */
  answer: { rate: number; precision: number };
  /** Per-query latency (ms) of `match`. */
  latency_ms: { p50: number; p95: number; mean: number };
  /** Index build time (ms) when the archive was indexed here. */
  build_ms: number;
  /**
   * With `negatives`: each query run again with its correct claims removed (incremental remove and
   * re-add); share of those queries that still got an answer-band candidate (all wrong by construction).
   */
  falseAnswerRate?: number;
}

/** Average precision at k of one ranked list against a relevant set. */
export function averagePrecisionAtK(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k = 5,
): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    if (relevant.has(ranked[i] ?? '')) {
      hits++;
      sum += hits / (i + 1);
    }
  }
  return sum / Math.min(relevant.size, k);
}

/** The q-quantile (0..1) of a list of numbers (nearest rank). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i] ?? 0;
}

/**
 * Builds an index of `archive` (or uses `matcher`), runs every judged query and returns the
 * figures. `negatives` adds the false-answer rate on queries whose correct claims were removed.
 */
export function evaluateMatching(args: {
  archive?: readonly MatchDocument[];
  matcher?: ClaimMatcher;
  queries: readonly EvalQuery[];
  qrels: Qrels;
  options?: MatchOptions;
  params?: Partial<MatcherParams>;
  calibration?: Calibration;
  negatives?: boolean;
  /** Called with every query's ranked list (for per-query reports). */
  onResult?: (query: EvalQuery, ranked: readonly MatchCandidate[]) => void;
}): MatchEvaluation {
  let buildMs = 0;
  let matcher = args.matcher;
  if (!matcher) {
    const t0 = performance.now();
    const m = new ClaimMatcher({
      ...(args.params ? { params: args.params } : {}),
      ...(args.calibration ? { calibration: args.calibration } : {}),
    });
    for (const d of args.archive ?? []) m.add(d);
    buildMs = performance.now() - t0;
    matcher = m;
  }
  const options: MatchOptions = { limit: 10, ...args.options };
  let n = 0;
  let map = 0;
  let p1 = 0;
  let mrr = 0;
  let recall5 = 0;
  let answered = 0;
  let answeredRight = 0;
  const latencies: number[] = [];
  for (const q of args.queries) {
    const relevant = args.qrels.get(q.id);
    if (!relevant || relevant.size === 0) continue;
    const t0 = performance.now();
    const ranked = matcher.match(q.text, options);
    latencies.push(performance.now() - t0);
    args.onResult?.(q, ranked);
    const ids = ranked.map((c) => c.id);
    n++;
    map += averagePrecisionAtK(ids, relevant, 5);
    if (relevant.has(ids[0] ?? '')) p1++;
    const firstHit = ids.findIndex((id) => relevant.has(id));
    if (firstHit >= 0) mrr += 1 / (firstHit + 1);
    if (firstHit >= 0 && firstHit < 5) recall5++;
    if (ranked[0]?.band === 'answer') {
      answered++;
      if (relevant.has(ranked[0].id)) answeredRight++;
    }
  }
  const result: MatchEvaluation = {
    n,
    map5: n ? map / n : 0,
    p1: n ? p1 / n : 0,
    mrr: n ? mrr / n : 0,
    recall5: n ? recall5 / n : 0,
    answer: { rate: n ? answered / n : 0, precision: answered ? answeredRight / answered : 1 },
    latency_ms: {
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    },
    build_ms: buildMs,
  };
  if (args.negatives) {
    let wrongAnswers = 0;
    let m = 0;
    for (const q of args.queries) {
      const relevant = args.qrels.get(q.id);
      if (!relevant || relevant.size === 0) continue;
      const removed: MatchDocument[] = [];
      for (const id of relevant) {
        const d = matcher.get(id);
        if (d && matcher.remove(id)) removed.push(d);
      }
      const ranked = matcher.match(q.text, { ...options, limit: 1 });
      if (ranked[0]?.band === 'answer') wrongAnswers++;
      m++;
      for (const d of removed) matcher.add(d);
    }
    result.falseAnswerRate = m ? wrongAnswers / m : 0;
  }
  return result;
}
