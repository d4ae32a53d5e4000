/**
 * Exact and near-duplicate detection: a content digest for exact re-posts and a MinHash LSH
 * index (banding) that finds items whose shingle sets overlap, in time independent of the
 * number of items indexed. Pure, no I/O.
 */
import {
  DEFAULT_NUM_HASHES,
  estimateJaccard,
  fingerprintTokens,
  fnv1a64Hex,
  isEmptySignature,
  mix32,
} from './fingerprint.js';

/**
 * Stable 16-hex-digit digest of a text's folded, normalised words: the same for a re-post that
 * differs only in diacritics, case, spacing, punctuation, URLs or emoji. Use it as the exact-
 * duplicate key; it is a storage format, so it must not change between releases.
 */
export function contentHash(text: string): string {
  return fnv1a64Hex(fingerprintTokens(text).join(' '));
}

/** Banding of a MinHash signature: `bands` groups of `rows` slots each. */
export interface LshParams {
  bands: number;
  rows: number;
}

/** Probability that two items with Jaccard `j` share at least one band: 1 − (1 − j^r)^b. */
export function candidateProbability(j: number, { bands, rows }: LshParams): number {
  return 1 - Math.pow(1 - Math.pow(j, rows), bands);
}

/**
 * The banding that minimises the weighted area of false positives (pairs below `threshold` that
 * become candidates) plus false negatives (pairs above it that do not), over Jaccard uniform on
 * [0, 1], as datasketch does. Missing a duplicate costs more than verifying a stray candidate
 * (the candidate is checked against the full signature anyway), hence the default weights.
 */
export function optimalLshParams(
  numHashes: number,
  threshold: number,
  falsePositiveWeight = 0.15,
  falseNegativeWeight = 0.85,
): LshParams {
  const steps = 200;
  let best: LshParams = { bands: numHashes, rows: 1 };
  let bestError = Infinity;
  for (let bands = 1; bands <= numHashes; bands++) {
    const rows = Math.floor(numHashes / bands);
    if (rows < 1) continue;
    let fp = 0;
    let fn = 0;
    for (let s = 0; s < steps; s++) {
      const j = (s + 0.5) / steps;
      const p = candidateProbability(j, { bands, rows });
      if (j < threshold) fp += p / steps;
      else fn += (1 - p) / steps;
    }
    const error = falsePositiveWeight * fp + falseNegativeWeight * fn;
    if (error < bestError) {
      bestError = error;
      best = { bands, rows };
    }
  }
  return best;
}

/** Options for {@link NearDuplicateIndex}. */
export interface NearDuplicateIndexOptions {
  /** Signature length the index will receive. Default 128. */
  numHashes?: number;
  /** Jaccard similarity the banding is tuned for and the default query cut-off. Default 0.5. */
  threshold?: number;
  /** Explicit banding; overrides the one derived from `threshold`. */
  lsh?: LshParams;
}

/** One query result: an indexed id and its estimated Jaccard similarity to the query. */
export interface NearDuplicateMatch {
  id: string;
  jaccard: number;
}

/**
 * MinHash LSH index. Signatures are cut into bands; items sharing any band become candidates,
 * which are then verified against the full signature. Default banding for 128 slots at
 * threshold 0.5 is 32 bands × 4 rows: a pair with Jaccard 0.5 becomes a candidate with
 * probability 0.87, 0.6 with 0.985, 0.8 with ~1; 0.3 with 0.23 and 0.2 with 0.05.
 */
export class NearDuplicateIndex {
  readonly params: LshParams;
  readonly threshold: number;
  readonly numHashes: number;
  private readonly buckets: Map<number, string[]>[];
  private readonly signatures = new Map<string, Uint32Array>();

  constructor(options: NearDuplicateIndexOptions = {}) {
    this.numHashes = options.numHashes ?? DEFAULT_NUM_HASHES;
    this.threshold = options.threshold ?? 0.5;
    this.params = options.lsh ?? optimalLshParams(this.numHashes, this.threshold);
    if (this.params.bands * this.params.rows > this.numHashes) {
      throw new RangeError('bands × rows exceeds the signature length');
    }
    this.buckets = Array.from({ length: this.params.bands }, () => new Map<number, string[]>());
  }

  /** Number of items indexed. */
  get size(): number {
    return this.signatures.size;
  }

  /** True when `id` is indexed. */
  has(id: string): boolean {
    return this.signatures.has(id);
  }

  /** The stored signature of `id`, if indexed. */
  signatureOf(id: string): Uint32Array | undefined {
    return this.signatures.get(id);
  }

  /** Indexes a signature under `id`, replacing any previous one. */
  add(id: string, signature: Uint32Array): void {
    this.checkLength(signature);
    if (this.signatures.has(id)) this.remove(id);
    this.signatures.set(id, signature);
    if (isEmptySignature(signature)) return;
    for (let band = 0; band < this.params.bands; band++) {
      const key = this.bandKey(signature, band);
      const bucket = this.buckets[band]?.get(key);
      if (bucket) bucket.push(id);
      else this.buckets[band]?.set(key, [id]);
    }
  }

  /** Removes `id`; false when it was not indexed. */
  remove(id: string): boolean {
    const signature = this.signatures.get(id);
    if (!signature) return false;
    this.signatures.delete(id);
    if (isEmptySignature(signature)) return true;
    for (let band = 0; band < this.params.bands; band++) {
      const map = this.buckets[band];
      const key = this.bandKey(signature, band);
      const bucket = map?.get(key);
      if (!map || !bucket) continue;
      const at = bucket.indexOf(id);
      if (at >= 0) bucket.splice(at, 1);
      if (bucket.length === 0) map.delete(key);
    }
    return true;
  }

  /** Ids sharing at least one band with the signature, unverified. */
  candidates(signature: Uint32Array): Set<string> {
    this.checkLength(signature);
    const out = new Set<string>();
    if (isEmptySignature(signature)) return out;
    for (let band = 0; band < this.params.bands; band++) {
      const bucket = this.buckets[band]?.get(this.bandKey(signature, band));
      if (bucket) for (const id of bucket) out.add(id);
    }
    return out;
  }

  /**
   * Indexed items whose estimated Jaccard similarity to the signature is at least `minJaccard`
   * (default: the index threshold), most similar first.
   */
  query(signature: Uint32Array, minJaccard = this.threshold): NearDuplicateMatch[] {
    const out: NearDuplicateMatch[] = [];
    for (const id of this.candidates(signature)) {
      const other = this.signatures.get(id);
      if (!other) continue;
      const jaccard = estimateJaccard(signature, other);
      if (jaccard >= minJaccard) out.push({ id, jaccard });
    }
    return out.sort((a, b) => b.jaccard - a.jaccard || (a.id < b.id ? -1 : 1));
  }

  /**
   * Some indexed item at least `minJaccard` similar, found fast: candidates are verified band by
   * band and the first that passes is returned. At most `maxChecks` candidates are verified, so
   * boilerplate that puts thousands of items in one bucket cannot make a lookup slow; a popular
   * story's copies pass at the first check.
   */
  firstMatch(
    signature: Uint32Array,
    minJaccard = this.threshold,
    maxChecks = 256,
  ): NearDuplicateMatch | undefined {
    this.checkLength(signature);
    if (isEmptySignature(signature)) return undefined;
    const checked = new Set<string>();
    for (let band = 0; band < this.params.bands; band++) {
      const bucket = this.buckets[band]?.get(this.bandKey(signature, band));
      if (!bucket) continue;
      // Newest first: a story's latest copies are the likeliest to be in the same cluster.
      for (let i = bucket.length - 1; i >= 0; i--) {
        const id = bucket[i]!;
        if (checked.has(id)) continue;
        if (checked.size >= maxChecks) return undefined;
        checked.add(id);
        const other = this.signatures.get(id);
        if (!other) continue;
        const jaccard = estimateJaccard(signature, other);
        if (jaccard >= minJaccard) return { id, jaccard };
      }
    }
    return undefined;
  }

  private bandKey(signature: Uint32Array, band: number): number {
    const { rows } = this.params;
    let h = mix32(band + 0x51ed27);
    for (let r = band * rows, end = r + rows; r < end; r++) {
      h = mix32(((h << 7) | (h >>> 25)) ^ (signature[r] ?? 0));
    }
    return h;
  }

  private checkLength(signature: Uint32Array): void {
    if (signature.length !== this.numHashes) {
      throw new RangeError(
        `signature has ${signature.length} slots, index expects ${this.numHashes}`,
      );
    }
  }
}
