/**
 * Clustering quality against a gold standard: pairwise and B-cubed precision, recall and F1.
 * Pure. Items are those of the gold map; an item missing from the prediction counts as a
 * singleton, and predicted items absent from the gold map are ignored (add them to the gold map,
 * e.g. as singletons, to score them).
 */

/** Precision, recall and their harmonic mean. */
export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/** Result of {@link evaluateClustering}. */
export interface ClusteringEvaluation {
  /** Over pairs of items: a pair is positive when both items share a cluster. */
  pairwise: PrecisionRecall;
  /** Per item, averaged (Bagga & Baldwin 1998; Amigó et al. 2009). */
  bcubed: PrecisionRecall;
  /** Clusters among the scored items. */
  clusters: { predicted: number; gold: number };
  /** Items scored. */
  n: number;
}

function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * Scores a predicted clustering (item id → cluster id) against a gold one. With no predicted
 * pairs, pairwise precision is 1 (nothing wrongly joined); with no gold pairs, recall is 1.
 */
export function evaluateClustering(
  predicted: ReadonlyMap<string, string>,
  gold: ReadonlyMap<string, string>,
): ClusteringEvaluation {
  // Contingency counts: cells (predicted, gold), row and column totals.
  const cell = new Map<string, number>();
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const predOf = new Map<string, string>();
  for (const [id, goldCluster] of gold) {
    // \u0000 cannot occur in ids we build; it separates an unpredicted item's private cluster.
    const predCluster = predicted.get(id) ?? `\u0000${id}`;
    predOf.set(id, predCluster);
    const key = `${predCluster}\u0001${goldCluster}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    predSize.set(predCluster, (predSize.get(predCluster) ?? 0) + 1);
    goldSize.set(goldCluster, (goldSize.get(goldCluster) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const c of cell.values()) truePairs += pairs(c);
  let predPairs = 0;
  for (const c of predSize.values()) predPairs += pairs(c);
  let goldPairs = 0;
  for (const c of goldSize.values()) goldPairs += pairs(c);
  const pp = predPairs > 0 ? truePairs / predPairs : 1;
  const pr = goldPairs > 0 ? truePairs / goldPairs : 1;

  // B-cubed: every item in a cell of size c sees c correct items in its clusters.
  let bp = 0;
  let br = 0;
  for (const [id, goldCluster] of gold) {
    const predCluster = predOf.get(id) ?? '';
    const c = cell.get(`${predCluster}\u0001${goldCluster}`) ?? 0;
    bp += c / (predSize.get(predCluster) ?? 1);
    br += c / (goldSize.get(goldCluster) ?? 1);
  }
  const n = gold.size;
  const bcp = n > 0 ? bp / n : 1;
  const bcr = n > 0 ? br / n : 1;
  return {
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    bcubed: { precision: bcp, recall: bcr, f1: f1(bcp, bcr) },
    clusters: { predicted: predSize.size, gold: goldSize.size },
    n,
  };
}
