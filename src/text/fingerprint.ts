/**
 * Text fingerprints for near-duplicate detection: MinHash over shingles of the folded text
 * (one-permutation hashing with optimal densification), 64-bit SimHash and a 64-bit FNV-1a
 * digest. Pure, no I/O, no BigInt: 64-bit values are carried as two uint32 halves.
 */
import { cleanForMatching } from './normalize.js';
import { foldedSyllables } from './tokenize.js';

/** Marks a signature slot that no shingle filled (only for empty input). */
export const EMPTY_SLOT = 0xffffffff;

/** Default number of MinHash slots; 128 gives a standard error of about 0.04 on Jaccard. */
export const DEFAULT_NUM_HASHES = 128;

/** Default shingle length in syllables. */
export const DEFAULT_SHINGLE_SIZE = 3;

/** Options for {@link minhashSignature}. */
export interface MinHashOptions {
  /** Signature length (number of slots). Default 128. */
  numHashes?: number;
  /** Syllables per shingle. Default 3; texts shorter than this become one shingle. */
  shingleSize?: number;
  /** Seed, so that independent signature families can be made. Default 0. */
  seed?: number;
}

/** Murmur3's 32-bit finaliser: a cheap, well-mixing bijection on uint32. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, finalised with {@link mix32}. For tokens, not for storage. */
export function hashString32(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * Hashes of the contiguous `size`-syllable shingles of a token list, in order and with repeats
 * (MinHash ignores repeats; deduplicate if you need a set). A list shorter than `size` gives one
 * shingle of the whole list; an empty one, none.
 */
export function shingleHashes(
  tokens: readonly string[],
  size = DEFAULT_SHINGLE_SIZE,
  seed = 0,
): Uint32Array {
  const n = tokens.length;
  if (n === 0) return new Uint32Array(0);
  const tokenHashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) tokenHashes[i] = hashString32(tokens[i] ?? '', seed);
  const width = Math.max(1, Math.min(size, n));
  const count = n - width + 1;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = seed >>> 0;
    for (let j = 0; j < width; j++) {
      // Order-sensitive combination: rotate, xor, remix.
      h = mix32(((h << 5) | (h >>> 27)) ^ (tokenHashes[i + j] ?? 0));
    }
    out[i] = h;
  }
  return out;
}

/**
 * MinHash signature of a set of 32-bit shingle hashes by one-permutation hashing: each hash
 * goes to one of `numHashes` bins and each bin keeps its minimum, so the cost is one pass over
 * the shingles instead of one per slot. Empty bins are filled by optimal densification
 * (Shrivastava, ICML 2017): an empty bin copies the bin reached by a probe sequence that depends
 * only on the bin's index, so two signatures densify consistently and the slot-agreement rate
 * stays an unbiased estimate of Jaccard similarity.
 */
export function minhashFromHashes(
  hashes: ArrayLike<number>,
  numHashes = DEFAULT_NUM_HASHES,
  seed = 0,
): Uint32Array {
  const sig = new Uint32Array(numHashes).fill(EMPTY_SLOT);
  const filled = new Uint8Array(numHashes);
  let filledCount = 0;
  const salt = mix32(seed ^ 0x9e3779b9);
  for (let i = 0; i < hashes.length; i++) {
    const h = mix32((hashes[i] ?? 0) ^ salt);
    // Multiply-shift maps h uniformly to a bin; the value compared within a bin is h itself.
    const bin = Math.floor((h / 0x100000000) * numHashes);
    if (filled[bin] === 0) {
      filled[bin] = 1;
      filledCount++;
      sig[bin] = h;
    } else if (h < (sig[bin] ?? EMPTY_SLOT)) {
      sig[bin] = h;
    }
  }
  if (filledCount === 0 || filledCount === numHashes) return sig;
  for (let bin = 0; bin < numHashes; bin++) {
    if (filled[bin] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const probe = mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77) ^ salt);
      const source = Math.floor((probe / 0x100000000) * numHashes);
      if (filled[source] === 1) {
        sig[bin] = sig[source] ?? EMPTY_SLOT;
        break;
      }
    }
  }
  return sig;
}

/** Folded syllables of a text after removing URLs and emoji, the basis of every fingerprint. */
export function fingerprintTokens(text: string): string[] {
  return foldedSyllables(cleanForMatching(text));
}

/**
 * MinHash signature of a text: shingles of its folded syllables (so diacritics, case, URLs and
 * emoji do not matter), hashed by one-permutation MinHash. Compare with {@link estimateJaccard}.
 */
export function minhashSignature(text: string, options: MinHashOptions = {}): Uint32Array {
  const size = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const seed = options.seed ?? 0;
  return minhashFromHashes(
    shingleHashes(fingerprintTokens(text), size, seed),
    options.numHashes ?? DEFAULT_NUM_HASHES,
    seed,
  );
}

/** True when the signature came from a text without any shingle. */
export function isEmptySignature(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY_SLOT) return false;
  return true;
}

/**
 * Estimated Jaccard similarity of the shingle sets behind two signatures of equal length: the
 * share of slots that agree. Empty texts are similar to nothing (0).
 */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('MinHash signatures differ in length');
  if (a.length === 0) return 0;
  let equal = 0;
  let empty = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === b[i]) {
      if (x === EMPTY_SLOT) empty++;
      else equal++;
    }
  }
  return empty === a.length ? 0 : equal / a.length;
}

/** A 64-bit value as two uint32 halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

/**
 * 64-bit SimHash of a text over its folded syllable bigrams (unigrams for a one-word text).
 * Near-identical texts differ in few bits; compare with {@link hammingDistance64}.
 */
export function simhash64(text: string): Hash64 {
  const tokens = fingerprintTokens(text);
  const counts = new Int32Array(64);
  const features = tokens.length > 1 ? shingleHashes(tokens, 2) : shingleHashes(tokens, 1);
  for (let i = 0; i < features.length; i++) {
    const f = features[i] ?? 0;
    const lo = mix32(f ^ 0x27d4eb2f);
    const hi = mix32(f ^ 0x165667b1);
    for (let bit = 0; bit < 32; bit++) {
      counts[bit] = (counts[bit] ?? 0) + ((lo >>> bit) & 1 ? 1 : -1);
      counts[bit + 32] = (counts[bit + 32] ?? 0) + ((hi >>> bit) & 1 ? 1 : -1);
    }
  }
  let lo = 0;
  let hi = 0;
  if (features.length > 0) {
    for (let bit = 0; bit < 32; bit++) {
      if ((counts[bit] ?? 0) > 0) lo |= 1 << bit;
      if ((counts[bit + 32] ?? 0) > 0) hi |= 1 << bit;
    }
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount32(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two 64-bit SimHashes (0–64). */
export function hammingDistance64(a: Hash64, b: Hash64): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, as 16 lowercase hex digits. Stable across
 * platforms and releases: safe to store.
 */
export function fnv1a64Hex(s: string): string {
  // Offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const bytes = new TextEncoder().encode(s);
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ (bytes[i] ?? 0)) >>> 0;
    const loProduct = lo * 0x1b3; // < 2^41, exact in a double
    const carry = Math.floor(loProduct / 0x100000000);
    const newLo = loProduct >>> 0;
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
