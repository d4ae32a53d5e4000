/**
 * Claim matcher: recognises that a text repeats a claim already in the archive (checked or open)
 * and answers with ranked candidates and a calibrated confidence, split into an "answer" band (the
 * existing check can be returned at once) and a "suggest" band.
 *
 * Ranking is lexical, BM25F over three fields built from the same text:
 * - folded unigrams (no diacritics, abbreviations expanded; English: stop words dropped, Porter stems),
 *   title occurrences weighted into the same tf (BM25F);
 * - folded bigrams of those terms (keyed by pairs of unigram ids, no strings), which carry Vietnamese
 *   words made of several syllables;
 * - accented syllables, queried only for query syllables that carry a diacritic: a small bonus, so a
 *   query typed without diacritics ranks nearly as the same query with them.
 * Query terms unknown to the archive fall back to vocabulary neighbours within edit distance 1–2
 * (found through a character-trigram index of the vocabulary) for typos. Long texts are also
 * matched sentence by sentence and merged by maximum confidence.
 *
 * The index is incremental: add/remove/update change postings and BM25 statistics in place;
 * removed documents are skipped and dropped by an occasional compaction. Pure, no I/O.
 */
import {
  type Calibration,
  DEFAULT_CALIBRATION,
  type MatchFeatures,
  confidenceOf,
} from './match-calibration.js';
import { type MatchAnalysis, analyseForMatch } from './match-analyse.js';
import { FieldPostings, TF_SCALE } from './match-postings.js';
import { splitSentences } from './sentences.js';

/** A claim in the archive. `kind` defaults to `checked`. */
export interface MatchDocument {
  id: string;
  text: string;
  title?: string;
  kind?: MatchKind;
  /** 'vi', 'en' or another code; guessed from the text when absent. */
  language?: string;
}

/** Whether a claim has a published check (`checked`) or is still being worked on (`open`). */
export type MatchKind = 'checked' | 'open';

/** Confidence band: `answer` may be returned to a person at once, `suggest` needs a human. */
export type MatchBand = 'answer' | 'suggest';

/** One ranked candidate. `score` is the lexical score (comparable within one query only). */
export interface MatchCandidate {
  id: string;
  score: number;
  /** Calibrated probability that the candidate is a correct match, in [0, 1]. */
  confidence: number;
  band: MatchBand;
  kind: MatchKind;
  /** The sentence of a long query that produced this match, when it was not the whole text. */
  matchedSentence?: string;
}

/** Options of one query. */
export interface MatchOptions {
  /** Maximum number of candidates returned (default 10). */
  limit?: number;
  /** Only these kinds (default: all). */
  kinds?: ReadonlyArray<MatchKind>;
  /** Drop candidates below this confidence (default 0). */
  minConfidence?: number;
  /** Sentence-by-sentence matching: 'auto' (default) for texts of ≥ 400 characters with ≥ 2 sentences. */
  sentences?: 'auto' | boolean;
  /**
   * The headline the query starts with, when the query is a title and a body (a feed entry, an
   * article): the headline is also matched on its own, as it usually states the claim, and in
   * 'auto' mode the length rule looks at the body alone, so a short summary under a headline is
   * matched whole and by headline rather than sentence by sentence.
   */
  title?: string;
}

/** Ranking parameters; the defaults were tuned on training splits only (bench/match-tune.bench.ts). */
export interface MatcherParams {
  k1: number;
  b: number;
  bigramK1: number;
  bigramB: number;
  bigramWeight: number;
  /** Bigram weight when the query is English (word bigrams add little over stems there). */
  bigramWeightEnglish: number;
  accentWeight: number;
  titleWeight: number;
  /** Weight of a typo neighbour relative to the term it replaces (edit distance 1; distance 2 gets 0.75 of it). */
  typoWeight: number;
  /** Query term frequency saturation. */
  k3: number;
  /** Second stage: the top candidates are re-sorted by score/self + this · docCoverage. */
  docCoverageWeight: number;
}

/** Default ranking parameters. */
export const DEFAULT_MATCHER_PARAMS: MatcherParams = {
  k1: 1.2,
  b: 0.75,
  bigramK1: 1.2,
  bigramB: 0.75,
  bigramWeight: 0.6,
  bigramWeightEnglish: 0,
  accentWeight: 0.25,
  titleWeight: 0.5,
  typoWeight: 0.7,
  k3: 2,
  docCoverageWeight: 0,
};

/** A candidate as seen by a reranker: the archive's text, the lexical candidate. */
export interface RerankInput {
  candidate: MatchCandidate;
  document: MatchDocument;
}

/**
 * Plug-in for a semantic model (cross-encoder, embeddings) run after lexical retrieval. It returns
 * one probability-like score in [0, 1] per input, in the same order; the matcher blends it with the
 * lexical confidence. Nothing in the default path uses one.
 */
export interface CandidateReranker {
  rerank(query: string, inputs: readonly RerankInput[]): Promise<number[]> | number[];
}

interface QueryTerm {
  field: 0 | 1 | 2;
  termId: number;
  weight: number;
  idf: number;
  /** Weight of the term in the query's idf mass (folded unigrams only). */
  covWeight: number;
}

interface Ranked {
  slot: number;
  score: number;
  features: MatchFeatures;
  confidence: number;
}

const FIELD_U = 0;
const FIELD_B = 1;
const FIELD_A = 2;
const BIGRAM_SHIFT = 4194304; // 2^22: bigram key = id(a)·2^22 + id(b)
const CANDIDATE_POOL = 30;
/** Terms in more than this share of claims (and at least COMMON_MIN_DF) are scored on candidates only. */
const COMMON_DF_SHARE = 0.02;
const COMMON_MIN_DF = 1000;
/** Partial candidates rescored with the common terms. */
const RESCORE_POOL = 300;
/** Texts at least this long (characters) are also matched sentence by sentence in 'auto' mode. */
const LONG_TEXT_CHARS = 400;
/** Unknown terms whose typo neighbours are remembered. */
const TYPO_CACHE_SIZE = 50_000;

/**
 * The value `sorted[rank]` would have, found by quickselect (Hoare partition, median of three):
 * linear time on average. Reorders `a`.
 */
export function selectRank(a: Float32Array, rank: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot guards against sorted input.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (rank <= j) hi = j;
    else if (rank >= i) lo = i;
    else return a[rank]!;
  }
  return a[rank]!;
}

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function countTerms<T>(xs: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Damerau–Levenshtein (optimal string alignment) distance, abandoning above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb] ?? max + 1;
}

function trigramsOf(term: string): string[] {
  const s = `^${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= s.length; i++) out.push(s.slice(i, i + 3));
  return out;
}

/**
 * The incremental index of claims. `add` (which also updates a claim with an existing id),
 * `remove`, `has`, `size`, `match` (synchronous, lexical) and `matchReranked` (with a plug-in).
 */
export class ClaimMatcher {
  readonly params: MatcherParams;
  private readonly calibration: Calibration;
  private readonly uni = new FieldPostings<string>();
  private readonly bi = new FieldPostings<number>();
  private readonly acc = new FieldPostings<string>();
  private readonly slotOf = new Map<string, number>();
  private docs: (MatchDocument | undefined)[] = [];
  /** Per slot: [nUni, nBi, ...uniIds, ...biIds, ...accIds] of distinct terms, for removal and coverage. */
  private slotTerms: (Int32Array | undefined)[] = [];
  /**
   * Per slot, the subsequence of its `slotTerms` whose terms are common (see {@link search}), in
   * the same layout, and the statistics version it was taken under: rescoring a candidate with
   * the query's common terms only needs these, a tenth of its terms or fewer.
   */
  private slotCommon: (Int32Array | undefined)[] = [];
  private slotCommonVersion: Int32Array = new Int32Array(64).fill(-1);
  /** Scratch lookup tables of {@link scoreCommonTerms}, per field, by term id. */
  private commonAt: [Int32Array, Int32Array, Int32Array] = [
    new Int32Array(0),
    new Int32Array(0),
    new Int32Array(0),
  ];
  private alive: Uint8Array = new Uint8Array(64);
  private kindOf: Uint8Array = new Uint8Array(64);
  private freeSlots: number[] = [];
  private deadSlots: number[] = [];
  private deadPostings = 0;
  private nextSlot = 0;
  private live = 0;
  /** Typo neighbours of unknown query terms; cleared whenever the vocabulary changes. */
  private readonly typoCache = new Map<string, { id: number; dist: number }[]>();
  // Vocabulary trigram index for the typo fallback (folded unigrams of letters only).
  private readonly trigramIndex = new Map<string, number[]>();
  // Scratch space reused by every query.
  private scoreAcc: Float32Array = new Float32Array(64);
  private covAcc: Float32Array = new Float32Array(64);
  private mark: Uint8Array = new Uint8Array(64);
  private touched: { list: Int32Array; n: number } = { list: new Int32Array(64), n: 0 };
  // idf per term and field, and each claim's idf mass, computed on first use and dropped when
  // the statistics change (add, remove): the archive changes rarely, queries come in thousands.
  private statsVersion = 0;
  private cacheVersion = -1;
  private idfCache: Float64Array[] = [];
  private idfOfRare = 0;
  private docIdfMass: Float64Array = new Float64Array(0);

  constructor(options: { params?: Partial<MatcherParams>; calibration?: Calibration } = {}) {
    this.params = { ...DEFAULT_MATCHER_PARAMS, ...options.params };
    this.calibration = options.calibration ?? DEFAULT_CALIBRATION;
  }

  /** Number of claims in the index. */
  get size(): number {
    return this.live;
  }

  /** Whether a claim with this id is in the index. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The stored claim with this id. */
  get(id: string): MatchDocument | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  /** Adds a claim, or replaces the claim with the same id. */
  add(doc: MatchDocument): void {
    if (this.slotOf.has(doc.id)) this.remove(doc.id);
    this.typoCache.clear();
    this.statsVersion++;
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    this.ensureSlots(slot + 1);
    const body = analyseForMatch(doc.text, doc.language);
    const title = doc.title ? analyseForMatch(doc.title, doc.language ?? body.language) : null;
    const p = this.params;
    const tw = p.titleWeight;

    // Folded unigrams: BM25F tf = tf(text) + titleWeight · tf(title).
    const uniTf = new Map<string, number>();
    for (const t of body.terms) uniTf.set(t, (uniTf.get(t) ?? 0) + 1);
    if (title) for (const t of title.terms) uniTf.set(t, (uniTf.get(t) ?? 0) + tw);
    const uniIds: number[] = [];
    for (const [t, tf] of uniTf) {
      const known = this.uni.dict.get(t);
      const id = this.uni.termId(t, true);
      if (known === undefined) this.indexTrigrams(t, id);
      this.uni.append(id, slot, tf * TF_SCALE);
      uniIds.push(id);
    }
    this.uni.setDocLen(slot, body.terms.length + tw * (title?.terms.length ?? 0));

    const biTf = new Map<number, number>();
    const addBigrams = (a: MatchAnalysis, w: number): number => {
      let n = 0;
      for (let i = 1; i < a.terms.length; i++) {
        const x = this.uni.dict.get(a.terms[i - 1] ?? '');
        const y = this.uni.dict.get(a.terms[i] ?? '');
        if (x === undefined || y === undefined) continue;
        const key = x * BIGRAM_SHIFT + y;
        biTf.set(key, (biTf.get(key) ?? 0) + w);
        n++;
      }
      return n;
    };
    const nb = addBigrams(body, 1) + (title ? tw * addBigrams(title, tw) : 0);
    const biIds: number[] = [];
    for (const [k, tf] of biTf) {
      const id = this.bi.termId(k, true);
      this.bi.append(id, slot, tf * TF_SCALE);
      biIds.push(id);
    }
    this.bi.setDocLen(slot, nb);

    const accTf = new Map<string, number>();
    for (const t of body.accented) accTf.set(t, (accTf.get(t) ?? 0) + 1);
    if (title) for (const t of title.accented) accTf.set(t, (accTf.get(t) ?? 0) + tw);
    const accIds: number[] = [];
    for (const [t, tf] of accTf) {
      const id = this.acc.termId(t, true);
      this.acc.append(id, slot, tf * TF_SCALE);
      accIds.push(id);
    }
    this.acc.setDocLen(slot, body.accented.length + tw * (title?.accented.length ?? 0));

    const terms = new Int32Array(2 + uniIds.length + biIds.length + accIds.length);
    terms[0] = uniIds.length;
    terms[1] = biIds.length;
    terms.set(uniIds, 2);
    terms.set(biIds, 2 + uniIds.length);
    terms.set(accIds, 2 + uniIds.length + biIds.length);
    this.slotTerms[slot] = terms;
    this.docs[slot] = doc;
    this.alive[slot] = 1;
    this.kindOf[slot] = doc.kind === 'open' ? 2 : 1;
    this.slotOf.set(doc.id, slot);
    this.live++;
  }

  /** Removes a claim; false when it was not there. Statistics are updated at once. */
  remove(id: string): boolean {
    this.typoCache.clear();
    this.statsVersion++;
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const terms = this.slotTerms[slot];
    if (terms) {
      const nu = terms[0] ?? 0;
      const nb = terms[1] ?? 0;
      this.uni.forget(slot, terms.subarray(2, 2 + nu));
      this.bi.forget(slot, terms.subarray(2 + nu, 2 + nu + nb));
      this.acc.forget(slot, terms.subarray(2 + nu + nb));
      this.deadPostings += terms.length - 2;
    }
    this.alive[slot] = 0;
    this.docs[slot] = undefined;
    this.slotTerms[slot] = undefined;
    this.slotCommon[slot] = undefined;
    this.slotOf.delete(id);
    this.deadSlots.push(slot);
    this.live--;
    const stored = this.uni.stored + this.bi.stored + this.acc.stored;
    if (this.deadPostings > 4096 && this.deadPostings > 0.25 * stored) this.compact();
    return true;
  }

  /** Drops dead postings and makes removed slots reusable. Called automatically. */
  compact(): void {
    this.uni.compact(this.alive);
    this.bi.compact(this.alive);
    this.acc.compact(this.alive);
    this.freeSlots.push(...this.deadSlots);
    this.deadSlots = [];
    this.deadPostings = 0;
  }

  /** Approximate bytes held by typed arrays (postings, statistics), for reports. */
  postingBytes(): number {
    return this.uni.bytes() + this.bi.bytes() + this.acc.bytes();
  }

  /** Number of distinct terms per field, for reports. */
  vocabulary(): { unigrams: number; bigrams: number; accented: number } {
    return {
      unigrams: this.uni.termCount,
      bigrams: this.bi.termCount,
      accented: this.acc.termCount,
    };
  }

  /**
   * Ranked candidates for a text, best first, each with a calibrated confidence and band.
   * Long texts are matched as a whole and sentence by sentence; a candidate keeps its best
   * confidence and the sentence that gave it.
   */
  match(query: string, options: MatchOptions = {}): MatchCandidate[] {
    const limit = Math.max(1, options.limit ?? 10);
    const kinds = this.kindMask(options.kinds);
    const minConfidence = options.minConfidence ?? 0;
    const whole = this.search(query, kinds, Math.max(limit, CANDIDATE_POOL));
    const best = new Map<number, { r: Ranked; sentence?: string }>();
    for (const r of whole) best.set(r.slot, { r });
    const mode = options.sentences ?? 'auto';
    const parts: string[] = [];
    if (mode !== false) {
      // Posts and tweets are matched whole; articles (long texts) also sentence by sentence.
      const title = options.title?.trim() ?? '';
      const bodyLength = title ? query.length - title.length : query.length;
      const long = mode === true || bodyLength >= LONG_TEXT_CHARS;
      const sentences = long ? splitSentences(query) : [];
      if (sentences.length >= 2 || (mode === true && sentences.length > 0)) {
        parts.push(...sentences.slice(0, 64));
      }
      if (title && title !== query.trim() && !parts.includes(title)) parts.unshift(title);
    }
    for (const s of parts) {
      if (s.trim().length < 12) continue;
      for (const r of this.search(s, kinds, limit)) {
        const prev = best.get(r.slot);
        if (!prev || r.confidence > prev.r.confidence + 1e-9) best.set(r.slot, { r, sentence: s });
      }
    }
    // A whole-text search keeps its lexical order; sentence results are merged by confidence,
    // the only figure comparable across different query texts.
    const merged = [...best.values()];
    if (merged.some((m) => m.sentence !== undefined)) {
      merged.sort((x, y) => y.r.confidence - x.r.confidence || y.r.score - x.r.score);
    }
    const out: MatchCandidate[] = [];
    let cap = 1;
    for (const { r, sentence } of merged) {
      if (out.length >= limit) break;
      // Confidence never increases down the list, so the band boundary is a single cut.
      const confidence = Math.min(cap, r.confidence);
      cap = confidence;
      if (confidence < minConfidence) break;
      const doc = this.docs[r.slot];
      if (!doc) continue;
      const c: MatchCandidate = {
        id: doc.id,
        score: r.score,
        confidence,
        band: confidence >= this.calibration.answerThreshold ? 'answer' : 'suggest',
        kind: doc.kind ?? 'checked',
      };
      if (sentence !== undefined) c.matchedSentence = sentence;
      out.push(c);
    }
    return out;
  }

  /**
   * Like `match`, then lets a semantic reranker rescore the candidates; the final confidence is the
   * mean of the lexical confidence and the reranker's score, and the list is re-sorted by it.
   */
  async matchReranked(
    query: string,
    reranker: CandidateReranker,
    options: MatchOptions = {},
  ): Promise<MatchCandidate[]> {
    const lexical = this.match(query, { ...options, minConfidence: 0 });
    const inputs: RerankInput[] = [];
    for (const candidate of lexical) {
      const document = this.get(candidate.id);
      if (document) inputs.push({ candidate, document });
    }
    const scores = await reranker.rerank(query, inputs);
    const out = inputs.map(({ candidate }, i): MatchCandidate => {
      const confidence = Math.min(1, Math.max(0, (candidate.confidence + (scores[i] ?? 0)) / 2));
      return {
        ...candidate,
        confidence,
        band: confidence >= this.calibration.answerThreshold ? 'answer' : 'suggest',
      };
    });
    out.sort((a, b) => b.confidence - a.confidence);
    return out.filter((c) => c.confidence >= (options.minConfidence ?? 0));
  }

  /** Features of the top candidates of one text (for calibration fitting); `exclude` hides ids. */
  explain(
    query: string,
    limit = 5,
  ): { id: string; score: number; features: MatchFeatures; confidence: number }[] {
    return this.search(query, 3, limit).map((r) => ({
      id: this.docs[r.slot]?.id ?? '',
      score: r.score,
      features: r.features,
      confidence: r.confidence,
    }));
  }

  private kindMask(kinds: ReadonlyArray<MatchKind> | undefined): number {
    if (!kinds) return 3;
    let m = 0;
    for (const k of kinds) m |= k === 'open' ? 2 : 1;
    return m;
  }

  private ensureSlots(n: number): void {
    if (n <= this.alive.length) return;
    let cap = this.alive.length * 2;
    while (cap < n) cap *= 2;
    const grow = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.alive = grow(this.alive);
    this.kindOf = grow(this.kindOf);
    const versions = new Int32Array(cap).fill(-1);
    versions.set(this.slotCommonVersion);
    this.slotCommonVersion = versions;
    this.mark = new Uint8Array(cap);
    this.scoreAcc = new Float32Array(cap);
    this.covAcc = new Float32Array(cap);
    this.touched = { list: new Int32Array(cap), n: 0 };
  }

  private indexTrigrams(term: string, id: number): void {
    if (term.length < 3 || !/^[a-z]+$/.test(term)) return;
    for (const g of trigramsOf(term)) {
      const list = this.trigramIndex.get(g);
      if (list) list.push(id);
      else this.trigramIndex.set(g, [id]);
    }
  }

  /** Vocabulary terms within edit distance 1 (2 for long words) of an unknown term, best first. */
  private typoNeighbours(term: string): { id: number; dist: number }[] {
    if (term.length < 4 || !/^[a-z]+$/.test(term)) return [];
    // Unknown words recur across queries (names, places); the answer only changes with the vocabulary.
    const cached = this.typoCache.get(term);
    if (cached) return cached;
    const found = this.findTypoNeighbours(term);
    if (this.typoCache.size >= TYPO_CACHE_SIZE) this.typoCache.clear();
    this.typoCache.set(term, found);
    return found;
  }

  private findTypoNeighbours(term: string): { id: number; dist: number }[] {
    const counts = new Map<number, number>();
    for (const g of trigramsOf(term)) {
      const list = this.trigramIndex.get(g);
      if (!list || list.length > 20000) continue;
      for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const maxDist = term.length >= 8 ? 2 : 1;
    const minShared = Math.max(1, term.length - 2 - 3 * maxDist);
    const out: { id: number; dist: number; df: number }[] = [];
    for (const [id, shared] of counts) {
      if (shared < minShared) continue;
      const df = this.uni.df[id] ?? 0;
      if (df <= 0) continue;
      const cand = this.uni.keys[id] ?? '';
      const dist = editDistance(term, cand, maxDist);
      if (dist <= maxDist) out.push({ id, dist, df });
    }
    out.sort((a, b) => a.dist - b.dist || b.df - a.df);
    return out.slice(0, 2);
  }

  /** Drops the cached idf values when the statistics have changed since they were computed. */
  private freshCaches(): void {
    if (this.cacheVersion === this.statsVersion) return;
    const nan = (k: number) => new Float64Array(k).fill(NaN);
    this.idfCache = [nan(this.uni.termCount), nan(this.bi.termCount), nan(this.acc.termCount)];
    this.docIdfMass = nan(this.nextSlot);
    this.idfOfRare = idf(Math.max(1, this.live), 1);
    this.cacheVersion = this.statsVersion;
  }

  /** idf(n, max(1, df)) of a known term of a field, cached. */
  private termIdf(field: number, id: number): number {
    const cache = this.idfCache[field]!;
    let w = cache[id] ?? NaN;
    if (w !== w) {
      const postings = field === FIELD_U ? this.uni : field === FIELD_B ? this.bi : this.acc;
      w = idf(Math.max(1, this.live), Math.max(1, postings.df[id] ?? 1));
      cache[id] = w;
    }
    return w;
  }

  private buildQuery(a: MatchAnalysis): { terms: QueryTerm[]; self: number; idfMass: number } {
    this.freshCaches();
    const p = this.params;
    const terms: QueryTerm[] = [];
    let self = 0;
    let idfMass = 0;
    const qSat = (qtf: number): number => (qtf * (p.k3 + 1)) / (qtf + p.k3);
    const bm = (tf: number, len: number, avg: number, k1: number, b: number): number =>
      (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / avg));

    // Folded unigrams, with typo neighbours standing in for unknown terms.
    const uniCounts = countTerms(a.terms);
    const uniAvg = this.uni.avgLen();
    const resolved: number[] = [];
    const resolvedId = new Map<string, number>();
    for (const [t, qtf] of uniCounts) {
      const id = this.uni.dict.get(t);
      const df = id === undefined ? 0 : (this.uni.df[id] ?? 0);
      // Self score of the term: its idf as if it were rare (df = 1) when absent from the archive.
      const selfIdf = id === undefined ? this.idfOfRare : this.termIdf(FIELD_U, id);
      const qw = qSat(qtf);
      self += qw * selfIdf * bm(qtf, a.terms.length, uniAvg, p.k1, p.b);
      idfMass += qw * selfIdf;
      if (id !== undefined && df > 0) {
        const w = selfIdf;
        terms.push({ field: FIELD_U, termId: id, weight: qw * w, idf: w, covWeight: qw * w });
        resolvedId.set(t, id);
      } else {
        for (const nb of this.typoNeighbours(t)) {
          const share = nb.dist === 1 ? p.typoWeight : p.typoWeight * 0.75;
          const w = this.termIdf(FIELD_U, nb.id);
          terms.push({
            field: FIELD_U,
            termId: nb.id,
            weight: qw * w * share,
            idf: w,
            covWeight: qw * selfIdf * share,
          });
          if (!resolvedId.has(t)) resolvedId.set(t, nb.id);
        }
      }
    }
    for (const t of a.terms) resolved.push(resolvedId.get(t) ?? -1);

    // Folded bigrams over resolved ids.
    const biCounts = new Map<number, number>();
    for (let i = 1; i < resolved.length; i++) {
      const x = resolved[i - 1] ?? -1;
      const y = resolved[i] ?? -1;
      if (x < 0 || y < 0) continue;
      const key = x * BIGRAM_SHIFT + y;
      biCounts.set(key, (biCounts.get(key) ?? 0) + 1);
    }
    const biLen = Math.max(0, a.terms.length - 1);
    const biAvg = this.bi.avgLen();
    const nBigramsInQuery = Math.max(1, biLen);
    const bigramWeight = a.language === 'en' ? p.bigramWeightEnglish : p.bigramWeight;
    for (const [key, qtf] of biCounts) {
      const id = this.bi.dict.get(key);
      const df = id === undefined ? 0 : (this.bi.df[id] ?? 0);
      const qw = qSat(qtf) * bigramWeight;
      const w = id === undefined ? this.idfOfRare : this.termIdf(FIELD_B, id);
      self += qw * w * bm(qtf, nBigramsInQuery, biAvg, p.bigramK1, p.bigramB);
      if (id !== undefined && df > 0) {
        terms.push({ field: FIELD_B, termId: id, weight: qw * w, idf: w, covWeight: 0 });
      }
    }
    // Bigrams the query has but that could not be resolved still count in the self score.
    for (let i = 1; i < resolved.length; i++) {
      if ((resolved[i - 1] ?? -1) < 0 || (resolved[i] ?? -1) < 0) {
        self +=
          bigramWeight * this.idfOfRare * bm(1, nBigramsInQuery, biAvg, p.bigramK1, p.bigramB);
      }
    }

    // Accented syllables carrying a diacritic: a bonus that a query without diacritics simply lacks.
    if (a.accented.length > 0) {
      const accAvg = this.acc.avgLen();
      for (const [t, qtf] of countTerms(a.accented)) {
        const id = this.acc.dict.get(t);
        const df = id === undefined ? 0 : (this.acc.df[id] ?? 0);
        const qw = qSat(qtf) * p.accentWeight;
        const w = id === undefined ? this.idfOfRare : this.termIdf(FIELD_A, id);
        self += qw * w * bm(qtf, a.accented.length, accAvg, p.k1, p.b);
        if (id !== undefined && df > 0) {
          terms.push({ field: FIELD_A, termId: id, weight: qw * w, idf: w, covWeight: 0 });
        }
      }
    }
    return { terms, self: Math.max(self, 1e-6), idfMass: Math.max(idfMass, 1e-6) };
  }

  /** One lexical search of one text: top `k` live slots of the allowed kinds, with features. */
  private search(text: string, kinds: number, k: number): Ranked[] {
    if (this.live === 0) return [];
    const a = analyseForMatch(text);
    if (a.terms.length === 0) return [];
    const q = this.buildQuery(a);
    if (q.terms.length === 0) return [];
    const p = this.params;
    const acc = this.scoreAcc;
    const cov = this.covAcc;
    const mark = this.mark;
    const touched = this.touched;
    touched.n = 0;
    // Max-score style pruning: terms found in many claims (common syllables, stop-like words) cannot
    // bring in candidates of their own; they are scored afterwards only on the best partial
    // candidates, from each candidate's term list (with tf taken as 1).
    const maxDf = Math.max(COMMON_MIN_DF, COMMON_DF_SHARE * this.live);
    const fieldOf = (f: number): FieldPostings<string> | FieldPostings<number> =>
      f === FIELD_U ? this.uni : f === FIELD_B ? this.bi : this.acc;
    let common: QueryTerm[] = [];
    for (const t of q.terms) {
      if ((fieldOf(t.field).df[t.termId] ?? 0) > maxDf) common.push(t);
    }
    if (common.length === q.terms.length) common = [];
    for (const t of q.terms) {
      if (common.length > 0 && common.includes(t)) continue;
      const k1 = t.field === FIELD_B ? p.bigramK1 : p.k1;
      const b = t.field === FIELD_B ? p.bigramB : p.b;
      fieldOf(t.field).accumulate(
        t.termId,
        t.weight,
        k1,
        b,
        this.alive,
        acc,
        t.covWeight > 0 ? cov : null,
        t.covWeight,
        touched,
        mark,
      );
    }
    if (common.length > 0) this.scoreCommonTerms(common, acc, cov, maxDf);

    // Top candidates by score (small sorted buffer), then reset the scratch arrays.
    const topSlots: number[] = [];
    const topScores: number[] = [];
    const list = touched.list;
    for (let i = 0; i < touched.n; i++) {
      const d = list[i] ?? 0;
      const s = acc[d] ?? 0;
      if ((this.kindOf[d] ?? 0) & kinds) {
        if (topSlots.length < k || s > (topScores[topScores.length - 1] ?? 0)) {
          let j = topSlots.length < k ? topSlots.length : k - 1;
          while (j > 0 && (topScores[j - 1] ?? 0) < s) {
            topScores[j] = topScores[j - 1] ?? 0;
            topSlots[j] = topSlots[j - 1] ?? 0;
            j--;
          }
          topScores[j] = s;
          topSlots[j] = d;
        }
      }
    }
    const covOf = topSlots.map((d) => cov[d] ?? 0);
    for (let i = 0; i < touched.n; i++) {
      const d = list[i] ?? 0;
      acc[d] = 0;
      cov[d] = 0;
      mark[d] = 0;
    }
    touched.n = 0;

    const queryIds = new Set<number>();
    for (const t of q.terms) if (t.field === FIELD_U) queryIds.add(t.termId);
    const english = a.language === 'en' ? 1 : 0;
    const logLength = Math.log(1 + a.terms.length);
    // Second stage: a candidate that the query covers almost entirely (a claim quoted inside a
    // longer post) moves up.
    const staged = topSlots.map((slot, i) => {
      const score = topScores[i] ?? 0;
      const docCoverage = this.docCoverage(slot, queryIds);
      return {
        slot,
        score,
        cov: covOf[i] ?? 0,
        docCoverage,
        rank: score / q.self + p.docCoverageWeight * docCoverage,
      };
    });
    staged.sort((x, y) => y.rank - x.rank);
    const out: Ranked[] = [];
    for (let i = 0; i < staged.length; i++) {
      const c = staged[i];
      if (!c) continue;
      const other = i === 0 ? (staged[1]?.score ?? 0) : (staged[0]?.score ?? 0);
      const features: MatchFeatures = {
        ratio: Math.min(2, c.score / q.self),
        margin: Math.max(-1, Math.min(1, (c.score - other) / q.self)),
        queryCoverage: Math.min(1, c.cov / q.idfMass),
        docCoverage: c.docCoverage,
        english,
        logLength,
      };
      out.push({
        slot: c.slot,
        score: c.score,
        features,
        confidence: confidenceOf(features, this.calibration),
      });
    }
    return out;
  }

  /** Adds the contributions of common terms to the best partial candidates only. */
  private scoreCommonTerms(
    common: readonly QueryTerm[],
    acc: Float32Array,
    cov: Float32Array,
    maxDf: number,
  ): void {
    const touched = this.touched;
    const list = touched.list;
    // Best partial candidates: a threshold from a sample is enough, exact order is not needed.
    let cands: number[] = [];
    if (touched.n <= RESCORE_POOL) {
      for (let i = 0; i < touched.n; i++) cands.push(list[i] ?? 0);
    } else {
      // Estimate the cut from an even sample of the partial scores (sorting them all costs ms).
      const m = Math.min(touched.n, 2048);
      const step = touched.n / m;
      const sample = new Float32Array(m);
      for (let i = 0; i < m; i++) sample[i] = acc[list[Math.floor(i * step)] ?? 0] ?? 0;
      // The sample's value at one rank: a selection, not a sort (the sort was the costliest line).
      const cut = selectRank(
        sample,
        Math.max(0, Math.floor(m * (1 - RESCORE_POOL / touched.n)) - 1),
      );
      for (let i = 0; i < touched.n && cands.length < RESCORE_POOL * 2; i++) {
        const d = list[i] ?? 0;
        if ((acc[d] ?? 0) >= cut) cands.push(d);
      }
    }
    const p = this.params;
    // The common terms by term id, one table per field (position in `common` + 1, 0 for none):
    // the loop below looks up every term of hundreds of candidates, which maps made the costliest
    // part of a search once the archive has tens of thousands of claims.
    const fields = [this.uni, this.bi, this.acc] as const;
    const at = this.commonAt;
    for (let f = 0; f < 3; f++) {
      const size = fields[f]!.termCount;
      if (at[f]!.length < size) at[f] = new Int32Array(Math.max(size, 2 * at[f]!.length));
    }
    common.forEach((t, i) => {
      at[t.field][t.termId] = i + 1;
    });
    try {
      for (const d of cands) {
        const terms = this.commonTermsOf(d, maxDf);
        if (!terms) continue;
        const nu = terms[0] ?? 0;
        const nb = terms[1] ?? 0;
        // A claim's term ids: its unigrams, then its bigrams, then its accented syllables.
        const ends = [2 + nu, 2 + nu + nb, terms.length];
        let i = 2;
        for (let f = 0; f < 3; f++) {
          const table = at[f]!;
          const k1 = f === FIELD_B ? p.bigramK1 : p.k1;
          const b = f === FIELD_B ? p.bigramB : p.b;
          const norm = 1 - b + (b * (fields[f]!.docLen[d] ?? 0)) / fields[f]!.avgLen();
          for (const end = ends[f]!; i < end; i++) {
            const k = table[terms[i] ?? 0] ?? 0;
            if (k === 0) continue;
            const t = common[k - 1]!;
            acc[d] = (acc[d] ?? 0) + (t.weight * (k1 + 1)) / (1 + k1 * norm);
            if (t.covWeight > 0) cov[d] = (cov[d] ?? 0) + t.covWeight;
          }
        }
      }
    } finally {
      for (const t of common) at[t.field][t.termId] = 0;
    }
    cands = [];
  }

  /** A slot's common terms (df above `maxDf`) in `slotTerms` layout and order, cached per version. */
  private commonTermsOf(slot: number, maxDf: number): Int32Array | undefined {
    if (this.slotCommonVersion[slot] === this.statsVersion) return this.slotCommon[slot];
    const terms = this.slotTerms[slot];
    let common: Int32Array | undefined;
    if (terms) {
      const nu = terms[0] ?? 0;
      const nb = terms[1] ?? 0;
      const kept: number[] = [0, 0];
      const fields = [this.uni, this.bi, this.acc] as const;
      const ends = [2 + nu, 2 + nu + nb, terms.length];
      let i = 2;
      for (let f = 0; f < 3; f++) {
        const df = fields[f]!.df;
        for (const end = ends[f]!; i < end; i++) {
          const id = terms[i] ?? 0;
          if ((df[id] ?? 0) > maxDf) {
            kept.push(id);
            if (f < 2) kept[f] = (kept[f] ?? 0) + 1;
          }
        }
      }
      common = Int32Array.from(kept);
    }
    this.slotCommon[slot] = common;
    this.slotCommonVersion[slot] = this.statsVersion;
    return common;
  }

  private docCoverage(slot: number, queryIds: ReadonlySet<number>): number {
    const terms = this.slotTerms[slot];
    if (!terms) return 0;
    const nu = terms[0] ?? 0;
    let all = this.docIdfMass[slot] ?? NaN;
    const known = all === all;
    if (!known) all = 0;
    let hit = 0;
    for (let i = 0; i < nu; i++) {
      const id = terms[2 + i] ?? 0;
      const w = this.termIdf(FIELD_U, id);
      if (!known) all += w;
      if (queryIds.has(id)) hit += w;
    }
    if (!known) this.docIdfMass[slot] = all;
    return all > 0 ? hit / all : 0;
  }
}
