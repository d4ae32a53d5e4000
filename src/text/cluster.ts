/**
 * Story clustering: groups items about the same event, across outlets that word it
 * differently. Incremental (each arriving item joins the most similar existing cluster or
 * starts one) with a batch wrapper for evaluation. Pure, no I/O.
 *
 * Candidates come from two indexes, so the cost of an arrival does not grow with the archive:
 * a MinHash LSH index over title+lead shingles (re-posts and close rewrites) and an inverted
 * index over each item's few most distinctive terms (rewrites that share names, places and
 * numbers but few phrases). Each candidate cluster is then scored by a weighted sum of
 *   - TF-IDF cosine between the item and the cluster centroid (folded syllables and bigrams),
 *   - MinHash Jaccard of title+lead shingles against the cluster's closest member,
 *   - IDF-weighted title overlap against the cluster's closest member title.
 */
import { fingerprintTokens, minhashFromHashes, shingleHashes } from './fingerprint.js';
import { NearDuplicateIndex } from './near-duplicate.js';

/** An item to cluster. `summary` (a standfirst or lead), if given, is read before `text`. */
export interface ClusterDocument {
  id: string;
  title?: string;
  summary?: string;
  text: string;
  /** Milliseconds since the epoch; enables the time window when both sides have it. */
  publishedAt?: number;
}

/** Weights of the three similarity signals; they are normalised to sum to 1. */
export interface ClusterWeights {
  cosine: number;
  jaccard: number;
  title: number;
}

/** Options for {@link StoryClusterer} and {@link clusterDocuments}. */
export interface StoryClustererOptions {
  /** Combined similarity an item needs to join a cluster. */
  threshold?: number;
  /** Signal weights. */
  weights?: Partial<ClusterWeights>;
  /** Syllables of the lead taken with the title for the MinHash signal. Default 60. */
  leadSyllables?: number;
  /** Syllables per shingle of the title+lead MinHash. Default 2. */
  shingleSize?: number;
  /** MinHash slots. Default 128. */
  numHashes?: number;
  /** Terms kept per item vector (highest TF-IDF first); bounds memory and time. Default 300. */
  maxTerms?: number;
  /** Distinctive terms per item used to find candidate clusters. Default 12. */
  keyTerms?: number;
  /** Candidate clusters scored per arrival, best-blocked first. Default 50. */
  maxCandidates?: number;
  /** Key-term postings longer than this are too common to block on. Default 2000. */
  maxPostings?: number;
  /**
   * When set and both items carry `publishedAt`, an item joins only clusters whose newest member
   * is at most this many milliseconds away. Unset by default.
   */
  windowMs?: number;
  /**
   * How an item is compared with a cluster: `complete` (default), its least similar member;
   * `centroid`, the cluster's TF-IDF centroid (cheaper for very large clusters, but clusters
   * can drift).
   */
  linkage?: 'complete' | 'centroid';
}

/** Outcome of {@link StoryClusterer.add}. */
export interface ClusterAssignment {
  clusterId: string;
  /** Combined similarity to the cluster joined; 0 for a new cluster. */
  similarity: number;
  isNew: boolean;
}

/**
 * Default join threshold on the combined similarity (complete linkage), chosen by two-fold
 * cross-validation over random halves of the vietnamese-mds-200 clusters (bench/cluster.bench.ts:
 * all documents clustered together, each half scored with its own labels only); both halves
 * pick 0.125 from a grid of 0.05–0.25.
 */
export const DEFAULT_CLUSTER_THRESHOLD = 0.125;

/** Default signal weights: topical cosine leads, phrase overlap and title overlap refine. */
export const DEFAULT_CLUSTER_WEIGHTS: Readonly<ClusterWeights> = Object.freeze({
  cosine: 0.6,
  jaccard: 0.15,
  title: 0.25,
});

/** Share of equal slots of two equal-length MinHash signatures. */
function signatureAgreement(a: Uint32Array, b: Uint32Array): number {
  let agree = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agree++;
  return a.length > 0 ? agree / a.length : 0;
}

/** Folded syllables and their bigrams: bigrams approximate Vietnamese two-syllable words. */
function termsOf(tokens: readonly string[]): string[] {
  const out: string[] = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

interface DocState {
  id: string;
  clusterId: string;
  /** Unit-length TF-IDF vector, IDF frozen at arrival. */
  vector: Map<string, number>;
  keyTerms: string[];
  /** Distinct title syllables. */
  titleTerms: string[];
  signature: Uint32Array;
  allTerms: string[];
  publishedAt?: number;
}

interface ClusterState {
  id: string;
  members: Set<string>;
  centroid: Map<string, number>;
  norm2: number;
  newest?: number;
}

/** Features of an item, computed once. */
interface Analysed {
  termCounts: Map<string, number>;
  titleTerms: string[];
  signature: Uint32Array;
}

/**
 * Incremental story clusterer. Keeps document frequencies as items arrive (or are primed with
 * {@link StoryClusterer.observe}), so TF-IDF weights adapt to the stream.
 */
export class StoryClusterer {
  readonly threshold: number;
  readonly weights: ClusterWeights;
  private readonly options: Required<Omit<StoryClustererOptions, 'windowMs' | 'weights'>> & {
    windowMs?: number;
  };
  private readonly docs = new Map<string, DocState>();
  private readonly clusters = new Map<string, ClusterState>();
  private readonly df = new Map<string, number>();
  private dfDocs = 0;
  private readonly postings = new Map<string, Set<string>>();
  private readonly lsh: NearDuplicateIndex;
  /** Documents counted by observe() and not yet added, with their features. */
  private readonly observed = new Map<string, Analysed>();

  constructor(options: StoryClustererOptions = {}) {
    const w = { ...DEFAULT_CLUSTER_WEIGHTS, ...options.weights };
    const sum = w.cosine + w.jaccard + w.title || 1;
    this.weights = { cosine: w.cosine / sum, jaccard: w.jaccard / sum, title: w.title / sum };
    this.threshold = options.threshold ?? DEFAULT_CLUSTER_THRESHOLD;
    this.options = {
      threshold: this.threshold,
      leadSyllables: options.leadSyllables ?? 60,
      shingleSize: options.shingleSize ?? 2,
      numHashes: options.numHashes ?? 128,
      maxTerms: options.maxTerms ?? 300,
      keyTerms: options.keyTerms ?? 12,
      maxCandidates: options.maxCandidates ?? 50,
      maxPostings: options.maxPostings ?? 2000,
      linkage: options.linkage ?? 'complete',
      ...(options.windowMs === undefined ? {} : { windowMs: options.windowMs }),
    };
    // A low LSH threshold: rewrites of one story share fewer phrases than re-posts do.
    this.lsh = new NearDuplicateIndex({ numHashes: this.options.numHashes, threshold: 0.3 });
  }

  /** Number of items currently clustered. */
  get size(): number {
    return this.docs.size;
  }

  /** Number of clusters. */
  get clusterCount(): number {
    return this.clusters.size;
  }

  /** The cluster of an item, if it was added. */
  clusterOf(id: string): string | undefined {
    return this.docs.get(id)?.clusterId;
  }

  /** Item ids of a cluster. */
  membersOf(clusterId: string): string[] {
    return [...(this.clusters.get(clusterId)?.members ?? [])];
  }

  /** Map of every item id to its cluster id. */
  assignments(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [id, doc] of this.docs) out.set(id, doc.clusterId);
    return out;
  }

  /**
   * Counts a document's terms in the document frequencies without clustering it, so that a
   * batch can weigh terms by the whole collection. A later {@link add} of the same id does not
   * count it twice.
   */
  observe(doc: ClusterDocument): void {
    if (this.observed.has(doc.id) || this.docs.has(doc.id)) return;
    const analysed = this.analyse(doc);
    this.observed.set(doc.id, analysed);
    this.countTerms(analysed.termCounts.keys(), 1);
  }

  /** Assigns an item to the most similar cluster, or starts a new one. Re-adding moves it. */
  add(doc: ClusterDocument): ClusterAssignment {
    if (this.docs.has(doc.id)) this.remove(doc.id);
    // An observed document is already analysed and counted (same id, same content assumed).
    const primed = this.observed.get(doc.id);
    const analysed = primed ?? this.analyse(doc);
    const allTerms = [...analysed.termCounts.keys()];
    if (primed) this.observed.delete(doc.id);
    else this.countTerms(allTerms, 1);

    const { vector, keyTerms } = this.vectorise(analysed.termCounts);
    const state: DocState = {
      id: doc.id,
      clusterId: '',
      vector,
      keyTerms,
      titleTerms: analysed.titleTerms,
      signature: analysed.signature,
      allTerms,
      ...(doc.publishedAt === undefined ? {} : { publishedAt: doc.publishedAt }),
    };

    const best = this.bestCluster(state);
    let assignment: ClusterAssignment;
    if (best && best.similarity >= this.threshold) {
      assignment = { clusterId: best.clusterId, similarity: best.similarity, isNew: false };
    } else {
      assignment = { clusterId: this.newCluster(doc.id), similarity: 0, isNew: true };
    }
    state.clusterId = assignment.clusterId;
    this.attach(state);
    return assignment;
  }

  /** Removes an item; an emptied cluster disappears. False when the item was not present. */
  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.docs.delete(id);
    this.lsh.remove(id);
    for (const term of doc.keyTerms) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.countTerms(doc.allTerms, -1);
    const cluster = this.clusters.get(doc.clusterId);
    if (cluster) {
      cluster.members.delete(id);
      if (cluster.members.size === 0) {
        this.clusters.delete(cluster.id);
      } else {
        for (const [term, w] of doc.vector) {
          const next = (cluster.centroid.get(term) ?? 0) - w;
          if (Math.abs(next) < 1e-12) cluster.centroid.delete(term);
          else cluster.centroid.set(term, next);
        }
        cluster.norm2 = 0;
        for (const v of cluster.centroid.values()) cluster.norm2 += v * v;
      }
    }
    return true;
  }

  /**
   * Similarity of an item (already added) to another cluster, or to its own cluster without
   * itself; used to refine a batch. Returns the best other cluster and the score of its own.
   */
  private reassessment(id: string): {
    own: number;
    best?: { clusterId: string; similarity: number };
  } {
    const doc = this.docs.get(id);
    if (!doc) return { own: 0 };
    const own = this.clusters.get(doc.clusterId);
    const ownScore = own && own.members.size > 1 ? this.score(doc, own, true) : 0;
    const best = this.bestCluster(doc, doc.clusterId);
    return best ? { own: ownScore, best } : { own: ownScore };
  }

  /**
   * One pass of local refinement (batch use): moves each item to a better cluster when that
   * cluster scores above the threshold and above its own cluster without it. Returns the number
   * of items moved.
   */
  refine(): number {
    let moved = 0;
    for (const id of [...this.docs.keys()]) {
      const doc = this.docs.get(id);
      if (!doc) continue;
      const { own, best } = this.reassessment(id);
      const ownOk = own >= this.threshold;
      if (best && best.similarity >= this.threshold && best.similarity > own) {
        this.detach(doc);
        doc.clusterId = best.clusterId;
        this.attach(doc);
        moved++;
      } else if (!ownOk && (this.clusters.get(doc.clusterId)?.members.size ?? 0) > 1) {
        this.detach(doc);
        doc.clusterId = this.newCluster(doc.id);
        this.attach(doc);
        moved++;
      }
    }
    return moved;
  }

  /** Creates an empty cluster named after its founding item (suffixed if that name is taken). */
  private newCluster(founderId: string): string {
    let id = founderId;
    for (let n = 2; this.clusters.has(id); n++) id = `${founderId}#${n}`;
    this.clusters.set(id, { id, members: new Set(), centroid: new Map(), norm2: 0 });
    return id;
  }

  private analyse(doc: ClusterDocument): Analysed {
    const titleTokens = fingerprintTokens(doc.title ?? '');
    const bodyText = doc.summary ? `${doc.summary}\n${doc.text}` : doc.text;
    const bodyTokens = fingerprintTokens(bodyText);
    const termCounts = new Map<string, number>();
    for (const term of termsOf(titleTokens)) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
    for (const term of termsOf(bodyTokens)) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
    const lead = titleTokens.concat(bodyTokens.slice(0, this.options.leadSyllables));
    const signature = minhashFromHashes(
      shingleHashes(lead, this.options.shingleSize),
      this.options.numHashes,
    );
    return { termCounts, titleTerms: [...new Set(titleTokens)], signature };
  }

  private countTerms(terms: Iterable<string>, delta: number): void {
    for (const term of terms) {
      const next = (this.df.get(term) ?? 0) + delta;
      if (next <= 0) this.df.delete(term);
      else this.df.set(term, next);
    }
    this.dfDocs = Math.max(0, this.dfDocs + delta);
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log((this.dfDocs + 1) / (df + 1)) + 1;
  }

  /**
   * Unit TF-IDF vector (sublinear tf, IDF as of now, then frozen) and the key terms for blocking.
   * Terms unique to the document stay in: they dilute the cosine as they should, since a
   * document mostly about other things is less about the shared story.
   */
  private vectorise(termCounts: Map<string, number>): {
    vector: Map<string, number>;
    keyTerms: string[];
  } {
    const weighted: Array<[string, number]> = [];
    for (const [term, tf] of termCounts) {
      weighted.push([term, (1 + Math.log(tf)) * this.idf(term)]);
    }
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = weighted.slice(0, this.options.maxTerms);
    let norm = 0;
    for (const [, w] of kept) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    const vector = new Map<string, number>();
    for (const [term, w] of kept) vector.set(term, w / norm);
    const keyTerms = kept.slice(0, this.options.keyTerms).map(([term]) => term);
    return { vector, keyTerms };
  }

  private attach(doc: DocState): void {
    this.docs.set(doc.id, doc);
    const cluster = this.clusters.get(doc.clusterId);
    if (!cluster) throw new Error(`unknown cluster ${doc.clusterId}`);
    let dot = 0;
    for (const [term, w] of doc.vector) {
      const c = cluster.centroid.get(term) ?? 0;
      dot += c * w;
      cluster.centroid.set(term, c + w);
    }
    cluster.norm2 += 2 * dot + 1;
    cluster.members.add(doc.id);
    if (doc.publishedAt !== undefined) {
      cluster.newest = Math.max(cluster.newest ?? -Infinity, doc.publishedAt);
    }
    this.lsh.add(doc.id, doc.signature);
    for (const term of doc.keyTerms) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Set()));
      posting.add(doc.id);
    }
  }

  private detach(doc: DocState): void {
    this.remove(doc.id);
    this.countTerms(doc.allTerms, 1);
  }

  private bestCluster(
    doc: DocState,
    excludeCluster?: string,
  ): { clusterId: string; similarity: number } | undefined {
    // Block: clusters sharing key terms (rarer terms count more) or an LSH band.
    const votes = new Map<string, number>();
    for (const term of doc.keyTerms) {
      const posting = this.postings.get(term);
      if (!posting || posting.size > this.options.maxPostings) continue;
      const weight = this.idf(term);
      for (const other of posting) {
        if (other === doc.id) continue;
        const clusterId = this.docs.get(other)?.clusterId;
        if (clusterId === undefined || clusterId === excludeCluster) continue;
        votes.set(clusterId, (votes.get(clusterId) ?? 0) + weight);
      }
    }
    for (const other of this.lsh.candidates(doc.signature)) {
      if (other === doc.id) continue;
      const clusterId = this.docs.get(other)?.clusterId;
      if (clusterId === undefined || clusterId === excludeCluster) continue;
      votes.set(clusterId, (votes.get(clusterId) ?? 0) + 1000);
    }
    const ranked = [...votes].sort((a, b) => b[1] - a[1]).slice(0, this.options.maxCandidates);
    let best: { clusterId: string; similarity: number } | undefined;
    for (const [clusterId] of ranked) {
      const cluster = this.clusters.get(clusterId);
      if (!cluster || !this.inWindow(doc, cluster)) continue;
      const similarity = this.score(doc, cluster, false);
      if (
        !best ||
        similarity > best.similarity ||
        (similarity === best.similarity && clusterId < best.clusterId)
      ) {
        best = { clusterId, similarity };
      }
    }
    return best;
  }

  private inWindow(doc: DocState, cluster: ClusterState): boolean {
    const { windowMs } = this.options;
    if (windowMs === undefined || doc.publishedAt === undefined || cluster.newest === undefined) {
      return true;
    }
    return Math.abs(doc.publishedAt - cluster.newest) <= windowMs;
  }

  /**
   * Similarity of a document to a cluster; `member` when the doc is in it (it is then left
   * out). Complete linkage: the weakest pair decides, so a cluster cannot drift from story to
   * story by chaining. Centroid linkage: cosine to the centroid, best member for the others.
   */
  private score(doc: DocState, cluster: ClusterState, member: boolean): number {
    const w = this.weights;
    if (this.options.linkage === 'complete') {
      let worst = Infinity;
      let compared = 0;
      for (const otherId of cluster.members) {
        if (otherId === doc.id) continue;
        const other = this.docs.get(otherId);
        if (!other) continue;
        worst = Math.min(worst, this.pairSimilarity(doc, other));
        // Very large clusters: a sample of members bounds the cost.
        if (++compared >= 32) break;
      }
      return compared > 0 ? worst : 0;
    }
    let dot = 0;
    for (const [term, weight] of doc.vector) dot += (cluster.centroid.get(term) ?? 0) * weight;
    let norm2 = cluster.norm2;
    if (member) {
      // Leave the document out of its own centroid: |c − v|² = |c|² − 2c·v + |v|².
      dot -= 1;
      norm2 = norm2 - 2 * (dot + 1) + 1;
    }
    const cosine = norm2 > 1e-12 ? Math.max(0, dot / Math.sqrt(norm2)) : 0;
    let jaccard = 0;
    let title = 0;
    let compared = 0;
    for (const otherId of cluster.members) {
      if (otherId === doc.id) continue;
      const other = this.docs.get(otherId);
      if (!other) continue;
      jaccard = Math.max(jaccard, signatureAgreement(doc.signature, other.signature));
      title = Math.max(title, this.titleOverlap(doc.titleTerms, other.titleTerms));
      if (++compared >= 32) break;
    }
    return w.cosine * cosine + w.jaccard * jaccard + w.title * title;
  }

  /** Combined similarity of two documents. */
  private pairSimilarity(a: DocState, b: DocState): number {
    const [small, large] = a.vector.size <= b.vector.size ? [a, b] : [b, a];
    let cosine = 0;
    for (const [term, weight] of small.vector) cosine += (large.vector.get(term) ?? 0) * weight;
    const w = this.weights;
    return (
      w.cosine * cosine +
      w.jaccard * signatureAgreement(a.signature, b.signature) +
      w.title * this.titleOverlap(a.titleTerms, b.titleTerms)
    );
  }

  /** IDF-weighted overlap of two title syllable sets, relative to the shorter title. */
  private titleOverlap(a: readonly string[], b: readonly string[]): number {
    if (a.length === 0 || b.length === 0) return 0;
    const setB = new Set(b);
    let shared = 0;
    let totalA = 0;
    let totalB = 0;
    for (const t of a) {
      const w = this.idf(t);
      totalA += w;
      if (setB.has(t)) shared += w;
    }
    for (const t of b) totalB += this.idf(t);
    return shared / Math.min(totalA, totalB);
  }
}

/**
 * Clusters a collection at once: document frequencies from the whole collection, items added
 * in order of `publishedAt` (then input order), then passes of local refinement. Returns item id
 * → cluster id.
 */
export function clusterDocuments(
  docs: readonly ClusterDocument[],
  options: StoryClustererOptions & { refinePasses?: number } = {},
): Map<string, string> {
  const clusterer = new StoryClusterer(options);
  for (const doc of docs) clusterer.observe(doc);
  const ordered = docs
    .map((doc, index) => ({ doc, index }))
    .sort((a, b) => (a.doc.publishedAt ?? 0) - (b.doc.publishedAt ?? 0) || a.index - b.index);
  for (const { doc } of ordered) clusterer.add(doc);
  const passes = options.refinePasses ?? 2;
  for (let i = 0; i < passes; i++) if (clusterer.refine() === 0) break;
  return clusterer.assignments();
}
