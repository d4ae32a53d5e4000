/** Span-level evaluation of the personal-data detector against a hand-labelled set. */
import type { PersonalDataSpan, PersonalDataType } from './redact.js';
import { findPersonalData } from './redact.js';

/** One labelled text: gold spans as [start, end, type], UTF-16 offsets, end exclusive. */
export interface RedactionCase {
  text: string;
  spans: Array<[number, number, PersonalDataType]>;
}

/** A span the detector got wrong, with the case it came from for reading. */
export interface RedactionError {
  caseIndex: number;
  text: string;
  span: [number, number, PersonalDataType];
  /** The covered text. */
  found: string;
}

export interface TypeScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold spans of this type. */
  support: number;
}

export interface RedactionReport {
  /** Number of cases. */
  n: number;
  precision: number;
  recall: number;
  f1: number;
  /** Figures when only identical offsets and type count as correct. */
  exact: { precision: number; recall: number };
  byType: Record<string, TypeScores>;
  misses: RedactionError[];
  falseAlarms: RedactionError[];
}

type Triple = [number, number, PersonalDataType];

/** Overlap of two spans as a share of their union. */
export function overlapRatio(a: readonly [number, number], b: readonly [number, number]): number {
  const inter = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  if (inter <= 0) return 0;
  const union = Math.max(a[1], b[1]) - Math.min(a[0], b[0]);
  return union === 0 ? 0 : inter / union;
}

function ratio(num: number, den: number): number {
  // Nothing predicted (or nothing to find) is neither right nor wrong: score it 1.
  return den === 0 ? 1 : num / den;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Pairs gold and predicted spans one to one, best overlap first. Returns matched indices. */
function match(
  gold: readonly Triple[],
  pred: readonly Triple[],
  ok: (g: Triple, p: Triple) => number,
): { gold: Set<number>; pred: Set<number> } {
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const score = ok(g, p);
      if (score > 0) pairs.push([score, gi, pi]);
    });
  });
  pairs.sort((a, b) => b[0] - a[0]);
  const mg = new Set<number>();
  const mp = new Set<number>();
  for (const [, gi, pi] of pairs) {
    if (mg.has(gi) || mp.has(pi)) continue;
    mg.add(gi);
    mp.add(pi);
  }
  return { gold: mg, pred: mp };
}

const relaxed = (g: Triple, p: Triple): number => {
  if (g[2] !== p[2]) return 0;
  const r = overlapRatio([g[0], g[1]], [p[0], p[1]]);
  return r >= 0.5 ? r : 0;
};
const exactly = (g: Triple, p: Triple): number =>
  g[0] === p[0] && g[1] === p[1] && g[2] === p[2] ? 1 : 0;

/**
 * Span-level precision/recall/F1 of findPersonalData over labelled cases: a predicted span
 * counts as correct when it has the same type and overlaps a gold span by ≥ 50% of their
 * union; exact-match figures too. Overall and per type, plus the misses and false alarms.
 */
export function evaluateRedaction(
  cases: readonly RedactionCase[],
  detect: (text: string) => PersonalDataSpan[] = findPersonalData,
): RedactionReport {
  const types = new Set<string>();
  const tally = new Map<string, { tp: number; gold: number; pred: number }>();
  const count = (t: string) => {
    types.add(t);
    let c = tally.get(t);
    if (c === undefined) {
      c = { tp: 0, gold: 0, pred: 0 };
      tally.set(t, c);
    }
    return c;
  };
  let tp = 0;
  let exactTp = 0;
  let goldTotal = 0;
  let predTotal = 0;
  const misses: RedactionError[] = [];
  const falseAlarms: RedactionError[] = [];

  cases.forEach((c, caseIndex) => {
    const gold: Triple[] = c.spans.map((s) => [s[0], s[1], s[2]]);
    const pred: Triple[] = detect(c.text).map((s) => [s.start, s.end, s.type]);
    const m = match(gold, pred, relaxed);
    exactTp += match(gold, pred, exactly).gold.size;
    tp += m.gold.size;
    goldTotal += gold.length;
    predTotal += pred.length;
    gold.forEach((g, gi) => {
      const t = count(g[2]);
      t.gold += 1;
      if (m.gold.has(gi)) t.tp += 1;
      else misses.push({ caseIndex, text: c.text, span: g, found: c.text.slice(g[0], g[1]) });
    });
    pred.forEach((p, pi) => {
      count(p[2]).pred += 1;
      if (!m.pred.has(pi)) {
        falseAlarms.push({ caseIndex, text: c.text, span: p, found: c.text.slice(p[0], p[1]) });
      }
    });
  });

  const byType: Record<string, TypeScores> = {};
  for (const t of [...types].sort()) {
    const c = count(t);
    const p = ratio(c.tp, c.pred);
    const r = ratio(c.tp, c.gold);
    byType[t] = { precision: p, recall: r, f1: f1(p, r), support: c.gold };
  }
  const precision = ratio(tp, predTotal);
  const recall = ratio(tp, goldTotal);
  return {
    n: cases.length,
    precision,
    recall,
    f1: f1(precision, recall),
    exact: { precision: ratio(exactTp, predTotal), recall: ratio(exactTp, goldTotal) },
    byType,
    misses,
    falseAlarms,
  };
}
