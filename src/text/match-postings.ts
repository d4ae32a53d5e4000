/**
 * Incremental inverted-index storage for the claim matcher: one field's dictionary, document
 * frequencies and postings, kept in a shared pool of typed arrays so that a 100k-claim archive
 * with a million distinct bigrams does not pay one JS object per term. Pure, no I/O.
 */

/** Term frequencies are stored ×4 in a Uint16 so that fractional field weights (title) survive. */
export const TF_SCALE = 4;

const MAX_BLOCK = 1024;

function growInt32(a: Int32Array, min: number, fill = 0): Int32Array {
  if (a.length >= min) return a;
  let n = Math.max(16, a.length * 2);
  while (n < min) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

function growUint16(a: Uint16Array, min: number): Uint16Array {
  if (a.length >= min) return a;
  let n = Math.max(16, a.length * 2);
  while (n < min) n *= 2;
  const b = new Uint16Array(n);
  b.set(a);
  return b;
}

/**
 * Postings of one field. Each term owns a chain of blocks in `doc`/`tf`; a block is laid out as
 * [next block start | capacity | entries…] in `doc` (the two header slots of `tf` are unused).
 * Removing a document only updates df and lengths; dead postings are skipped through the caller's
 * `alive` array and dropped by `compact`.
 */
export class FieldPostings<K extends string | number> {
  readonly dict = new Map<K, number>();
  readonly keys: K[] = [];
  df: Int32Array = new Int32Array(64);
  private head: Int32Array = new Int32Array(64).fill(-1);
  private tail: Int32Array = new Int32Array(64).fill(-1);
  private fill: Int32Array = new Int32Array(64);
  private doc: Int32Array = new Int32Array(1 << 12);
  private tf: Uint16Array = new Uint16Array(1 << 12);
  private used = 0;
  /** Postings stored, dead ones included. */
  stored = 0;
  /** Per-document field length (in tf units, title weighted). */
  docLen: Float32Array = new Float32Array(64);
  totalLen = 0;
  liveDocs = 0;

  get termCount(): number {
    return this.keys.length;
  }

  /** The id of a term, creating it when `create` is set; -1 when unknown. */
  termId(key: K, create: boolean): number {
    const id = this.dict.get(key);
    if (id !== undefined) return id;
    if (!create) return -1;
    const nid = this.keys.length;
    this.keys.push(key);
    this.dict.set(key, nid);
    if (nid >= this.head.length) {
      const n = this.head.length * 2;
      this.df = growInt32(this.df, n);
      this.head = growInt32(this.head, n, -1);
      this.tail = growInt32(this.tail, n, -1);
      this.fill = growInt32(this.fill, n);
    }
    return nid;
  }

  private alloc(cap: number): number {
    const start = this.used;
    const need = start + cap + 2;
    if (need > this.doc.length) {
      this.doc = growInt32(this.doc, need);
      this.tf = growUint16(this.tf, need);
    }
    this.doc[start] = -1;
    this.doc[start + 1] = cap;
    this.used = need;
    return start;
  }

  /** Appends a posting (document slot, scaled tf) to a term and counts the document in its df. */
  append(termId: number, slot: number, tfScaled: number): void {
    let t = this.tail[termId] ?? -1;
    if (t < 0) {
      t = this.alloc(2);
      this.head[termId] = t;
      this.tail[termId] = t;
      this.fill[termId] = 0;
    } else {
      const cap = this.doc[t + 1] ?? 0;
      if ((this.fill[termId] ?? 0) >= cap) {
        const nb = this.alloc(Math.min(cap * 2, MAX_BLOCK));
        this.doc[t] = nb;
        this.tail[termId] = nb;
        this.fill[termId] = 0;
        t = nb;
      }
    }
    const f = this.fill[termId] ?? 0;
    this.doc[t + 2 + f] = slot;
    this.tf[t + 2 + f] = Math.min(65535, Math.round(tfScaled));
    this.fill[termId] = f + 1;
    this.df[termId] = (this.df[termId] ?? 0) + 1;
    this.stored++;
  }

  setDocLen(slot: number, len: number): void {
    if (slot >= this.docLen.length) {
      let n = this.docLen.length * 2;
      while (n <= slot) n *= 2;
      const b = new Float32Array(n);
      b.set(this.docLen);
      this.docLen = b;
    }
    this.docLen[slot] = len;
    this.totalLen += len;
    this.liveDocs++;
  }

  /** Forgets a removed document's contribution to df and lengths (postings stay until compaction). */
  forget(slot: number, termIds: ArrayLike<number>): void {
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i] ?? 0;
      this.df[id] = (this.df[id] ?? 1) - 1;
    }
    this.totalLen -= this.docLen[slot] ?? 0;
    this.docLen[slot] = 0;
    this.liveDocs--;
  }

  avgLen(): number {
    return this.liveDocs > 0 ? Math.max(1e-6, this.totalLen / this.liveDocs) : 1;
  }

  /**
   * Adds `weight · tf(k1+1)/(tf + k1(1-b+b·len/avg))` of every live posting of a term into `acc`,
   * marking touched slots. Returns nothing; the hot loop of the matcher.
   */
  accumulate(
    termId: number,
    weight: number,
    k1: number,
    b: number,
    alive: Uint8Array,
    acc: Float32Array,
    cov: Float32Array | null,
    covWeight: number,
    touched: { list: Int32Array; n: number },
    mark: Uint8Array,
  ): void {
    const doc = this.doc;
    const tfa = this.tf;
    const len = this.docLen;
    const c0 = k1 * (1 - b);
    const c1 = (k1 * b) / this.avgLen();
    const k1p1 = (k1 + 1) * weight;
    const tailBlock = this.tail[termId] ?? -1;
    let blk = this.head[termId] ?? -1;
    const tailFill = this.fill[termId] ?? 0;
    while (blk >= 0) {
      const n = blk === tailBlock ? tailFill : (doc[blk + 1] ?? 0);
      const base = blk + 2;
      for (let i = 0; i < n; i++) {
        const d = doc[base + i] ?? 0;
        if (alive[d] !== 1) continue;
        const tf = (tfa[base + i] ?? 0) / TF_SCALE;
        acc[d] = (acc[d] ?? 0) + (k1p1 * tf) / (tf + c0 + c1 * (len[d] ?? 0));
        if (cov !== null) cov[d] = (cov[d] ?? 0) + covWeight;
        if (mark[d] !== 1) {
          mark[d] = 1;
          touched.list[touched.n++] = d;
        }
      }
      blk = blk === tailBlock ? -1 : (doc[blk] ?? -1);
    }
  }

  /** Rewrites the pool keeping only postings of live slots, each term in one block. */
  compact(alive: Uint8Array): void {
    let total = 0;
    const n = this.keys.length;
    for (let id = 0; id < n; id++) total += this.df[id] ?? 0;
    const nd = new Int32Array(Math.max(1 << 12, total + 2 * n + 16));
    const nt = new Uint16Array(nd.length);
    let used = 0;
    for (let id = 0; id < n; id++) {
      const df = this.df[id] ?? 0;
      if (df <= 0) {
        this.head[id] = -1;
        this.tail[id] = -1;
        this.fill[id] = 0;
        continue;
      }
      const start = used;
      nd[start] = -1;
      nd[start + 1] = df;
      let w = start + 2;
      const tailBlock = this.tail[id] ?? -1;
      const tailFill = this.fill[id] ?? 0;
      let blk = this.head[id] ?? -1;
      while (blk >= 0) {
        const cnt = blk === tailBlock ? tailFill : (this.doc[blk + 1] ?? 0);
        for (let i = 0; i < cnt; i++) {
          const d = this.doc[blk + 2 + i] ?? 0;
          if (alive[d] === 1 && w < start + 2 + df) {
            nd[w] = d;
            nt[w] = this.tf[blk + 2 + i] ?? 0;
            w++;
          }
        }
        blk = blk === tailBlock ? -1 : (this.doc[blk] ?? -1);
      }
      used = start + 2 + df;
      this.head[id] = start;
      this.tail[id] = start;
      this.fill[id] = w - start - 2;
    }
    this.doc = nd;
    this.tf = nt;
    this.used = used;
    this.stored = total;
  }

  /** Bytes held by the typed arrays (dictionary strings not included). */
  bytes(): number {
    return (
      this.doc.byteLength +
      this.tf.byteLength +
      this.df.byteLength +
      this.head.byteLength +
      this.tail.byteLength +
      this.fill.byteLength +
      this.docLen.byteLength
    );
  }
}
