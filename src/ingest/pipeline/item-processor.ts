/**
 * The pipeline's second half, run by workers: every stored item waiting for it (processed_at is
 * null) is matched against published checks, grouped with near duplicates, and scored for
 * relevance and priority, in batches. The waiting state lives in the items table, so a crash
 * loses nothing: whatever was not committed is simply picked up again.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/audit.js';
import type { CheckIndex } from '../../core/check-index.js';
import type { IntakeOutcome, PreparedItem } from '../../core/intake.js';
import { storeItems } from '../../core/intake.service.js';
import type { AssessmentBatch, ItemAssessment, PendingItem } from '../../core/pipeline.js';
import type { Clock, Repositories } from '../../core/ports.js';
import { NearDuplicateIndex } from '../../text/near-duplicate.js';
import { createItemScorer, type ItemScorer } from './item-scoring.js';
import {
  assessmentRevision,
  assessText,
  NUM_HASHES,
  type TextAssessment,
} from './text-assessment.js';

const SYSTEM: Actor = { kind: 'system', id: null };

export interface ItemProcessorOptions {
  clock: Clock;
  /** Items per transaction. Default 500. */
  batchSize?: number;
  /** Estimated Jaccard similarity from which two items are near duplicates. Default 0.6. */
  nearDuplicateThreshold?: number;
  /** Near duplicates are looked for among the items first seen this many days back. Default 14. */
  windowDays?: number;
  /** And among at most this many of them (memory bound). Default 50,000. */
  windowItems?: number;
  /** Province codes of the organisation's area; mentions raise relevance. */
  homeProvinceCodes?: readonly string[];
}

/** Tallies of one run. */
export interface ProcessReport {
  processed: number;
  matched: number;
  clustered: number;
  answeredTips: number;
}

/** Creates the processor; one per worker process (it keeps the near-duplicate window). */
export function createItemProcessor(
  repos: Repositories,
  checkIndex: CheckIndex,
  options: ItemProcessorOptions,
) {
  const batchSize = options.batchSize ?? 500;
  const threshold = options.nearDuplicateThreshold ?? 0.6;
  const windowDays = options.windowDays ?? 14;
  const windowItems = options.windowItems ?? 50_000;
  let window: NearDuplicateWindow | undefined;
  let scorer: { revision: string; terms: string[]; scorer: ItemScorer } | undefined;

  async function loadWindow(): Promise<NearDuplicateWindow> {
    const since = new Date(options.clock().getTime() - windowDays * 86_400_000);
    const rows = await repos.pipeline.recentSignatures(since, windowItems);
    const loaded = new NearDuplicateWindow(threshold, windowItems);
    for (const row of rows) {
      const signature = signatureFromBytes(row.minhash);
      if (signature) loaded.add(row.id, signature, row.clusterId);
    }
    return loaded;
  }

  async function currentScorer(): Promise<{
    revision: string;
    terms: string[];
    scorer: ItemScorer;
  }> {
    const { revision, terms } = await repos.pipeline.watchTerms();
    if (scorer?.revision !== revision) {
      scorer = {
        revision,
        terms,
        scorer: createItemScorer({
          watchTerms: terms,
          homeProvinceCodes: options.homeProvinceCodes ?? [],
        }),
      };
    }
    return scorer;
  }

  /**
   * Assesses items in memory: match, near duplicates (window updated), relevance, priority. A
   * text assessment computed ahead (by a worker thread) is used when it has the current revision.
   */
  function assess(
    items: readonly PendingItem[],
    batch: AssessmentBatch,
    state: AssessState,
    ahead: readonly (TextAssessment | undefined)[] = [],
  ): number {
    let clustered = 0;
    const { nearDuplicates, score, revision } = state;
    for (const [i, item] of items.entries()) {
      const firstTime = item.status === 'new';
      const given = ahead[i];
      const text = firstTime
        ? given?.revision === revision
          ? given
          : assessText(item, checkIndex, score, revision)
        : undefined;
      const match = text?.match;
      let clusterId = item.clusterId;
      let minhash: Uint8Array | null = null;
      if (text) {
        const signature = text.signature;
        if (signature) {
          minhash = new Uint8Array(signature.buffer.slice(0));
          const joined = nearDuplicates.join(item, signature, batch);
          if (joined) {
            clusterId = joined;
            clustered += 1;
          }
        }
      }
      const assessment = score.assess(item, batch.now, text?.relevance);
      batch.assessments.push({
        itemId: item.id,
        status: match ? 'linked' : item.status === 'new' ? 'queued' : item.status,
        clusterId,
        minhash,
        relevance: assessment.relevance,
        // An item already answered by a published check needs no one's attention first.
        priorityScore: match ? assessment.priority * 0.1 : assessment.priority,
        places: assessment.places,
        watchTermHits: assessment.watchTermHits,
        match: match ? { ...match } : null,
      } satisfies ItemAssessment);
    }
    return clustered;
  }

  async function prepareState(): Promise<AssessState> {
    await checkIndex.ensureFresh();
    window ??= await loadWindow();
    const current = await currentScorer();
    return {
      nearDuplicates: window,
      score: current.scorer,
      revision: assessmentRevision(checkIndex.loadedRevision, current.revision),
      watchTerms: current.terms,
    };
  }

  /** Audit events for automatic links and answered tips, and the batch's tallies. */
  async function finish(
    tx: Repositories,
    batch: AssessmentBatch,
    processed: number,
    clustered: number,
  ): Promise<ProcessReport> {
    const { answeredTips } = await tx.pipeline.finishBatch(batch);
    const matched = batch.assessments.filter((a) => a.match);
    await tx.audit.appendMany([
      ...matched.map((a) => ({
        actor: SYSTEM,
        action: 'item.matched',
        entityType: 'item',
        entityId: a.itemId,
        occurredAt: batch.now,
        data: { checkId: a.match!.checkId, confidence: a.match!.confidence },
      })),
      ...answeredTips.map((tipId) => ({
        actor: SYSTEM,
        action: 'tip.answered',
        entityType: 'tip',
        entityId: tipId,
        occurredAt: batch.now,
        data: { by: 'matcher' },
      })),
    ]);
    return { processed, matched: matched.length, clustered, answeredTips: answeredTips.length };
  }

  /** Processes one batch of waiting items; `processed` is 0 when nothing was waiting. */
  async function processBatch(): Promise<ProcessReport> {
    const state = await prepareState();
    try {
      return await repos.transaction(async (tx) => {
        const now = options.clock();
        const pending = await tx.pipeline.claimPending(batchSize, now);
        if (pending.length === 0)
          return { processed: 0, matched: 0, clustered: 0, answeredTips: 0 };
        const batch: AssessmentBatch = { assessments: [], newClusters: [], clusterMoves: [], now };
        const clustered = assess(pending, batch, state);
        await tx.pipeline.insertClusters(batch.newClusters, now);
        await tx.pipeline.updateItems(batch.assessments, now);
        return finish(tx, batch, pending.length, clustered);
      });
    } catch (error) {
      // The window may hold items whose batch rolled back: rebuild it from what was committed.
      window = undefined;
      throw error;
    }
  }

  /**
   * Bulk intake's fast path: assesses prepared items before they are stored and writes each
   * with its assessment in the same transaction (one write per item instead of three). Items
   * that turn out to be known already only count a sighting; the loop re-scores them.
   * `ahead` holds text assessments computed in advance, by position in `prepared`.
   */
  async function storeAndProcess(
    actor: Actor,
    prepared: readonly PreparedItem[],
    reach: number | null = null,
    ahead: readonly (TextAssessment | undefined)[] = [],
  ): Promise<{ outcomes: IntakeOutcome[]; report: ProcessReport }> {
    const state = await prepareState();
    const { nearDuplicates } = state;
    const now = options.clock();
    const batch: AssessmentBatch = { assessments: [], newClusters: [], clusterMoves: [], now };
    // Only items new to the store (and first in their batch) are assessed here; a re-polled
    // entry must not be clustered with its own stored copy.
    const known = await repos.items.knownKeys(
      prepared.flatMap((p) => (p.values.canonicalUrl ? [p.values.canonicalUrl] : [])),
      prepared.map((p) => p.values.contentHash),
    );
    const freshAhead: (TextAssessment | undefined)[] = [];
    const fresh = prepared.filter((p, i) => {
      const { canonicalUrl, contentHash } = p.values;
      if (known.has(contentHash) || (canonicalUrl && known.has(canonicalUrl))) return false;
      known.add(contentHash);
      if (canonicalUrl) known.add(canonicalUrl);
      freshAhead.push(ahead[i]);
      return true;
    });
    const asPending = fresh.map((p): PendingItem => {
      const v = p.values;
      return {
        id: v.id ?? randomUUID(),
        status: 'new',
        channel: v.channel,
        title: v.title,
        text: v.text,
        normalizedText: v.normalizedText,
        language: v.language,
        sightingsCount: 1,
        sightingsLast24h: 1,
        firstSeenAt: p.sighting.seenAt,
        lastSeenAt: p.sighting.seenAt,
        reach,
        clusterId: null,
      };
    });
    const clustered = assess(asPending, batch, state, freshAhead);
    const assessed = new Map(fresh.map((p, i) => [p, i]));
    const withAssessment = prepared.map((p) => {
      const i = assessed.get(p);
      return i === undefined
        ? p
        : { ...p, values: { ...p.values, id: asPending[i]!.id, assessment: batch.assessments[i] } };
    });
    try {
      return await repos.transaction(async (tx) => {
        await tx.pipeline.insertClusters(batch.newClusters, now);
        const outcomes = await storeItems(tx, actor, now, withAssessment);
        // Known items keep their stored state: drop what was assessed for them.
        const kept = new Set(outcomes.filter((o) => o.created).map((o) => o.itemId));
        for (const item of asPending) if (!kept.has(item.id)) nearDuplicates.remove(item.id);
        batch.assessments = batch.assessments.filter((a) => kept.has(a.itemId));
        const assessedIds = new Set(asPending.map((p) => p.id));
        batch.clusterMoves = batch.clusterMoves.filter(
          (m) => !assessedIds.has(m.itemId) || kept.has(m.itemId),
        );
        const report = await finish(tx, batch, batch.assessments.length, clustered);
        return { outcomes, report };
      });
    } catch (error) {
      window = undefined;
      throw error;
    }
  }

  /** Processes batches until nothing is waiting. */
  async function drain(signal?: AbortSignal): Promise<ProcessReport> {
    const total: ProcessReport = { processed: 0, matched: 0, clustered: 0, answeredTips: 0 };
    while (!signal?.aborted) {
      const report = await processBatch();
      total.processed += report.processed;
      total.matched += report.matched;
      total.clustered += report.clustered;
      total.answeredTips += report.answeredTips;
      if (report.processed === 0) break;
    }
    return total;
  }

  /** The revision and settings text assessments must be computed under to be used as they are. */
  async function textState(): Promise<{
    checkRevision: string | undefined;
    watchRevision: string;
    watchTerms: string[];
  }> {
    await checkIndex.ensureFresh();
    const current = await currentScorer();
    return {
      checkRevision: checkIndex.loadedRevision,
      watchRevision: current.revision,
      watchTerms: current.terms,
    };
  }

  return { processBatch, drain, storeAndProcess, textState };
}
export type ItemProcessor = ReturnType<typeof createItemProcessor>;

function signatureFromBytes(bytes: Uint8Array): Uint32Array | undefined {
  if (bytes.byteLength !== NUM_HASHES * 4) return undefined;
  // Copied: the driver's buffer may not be 4-byte aligned.
  return new Uint32Array(new Uint8Array(bytes).buffer);
}

interface AssessState {
  nearDuplicates: NearDuplicateWindow;
  score: ItemScorer;
  /** Check and watch-term revision of this batch. */
  revision: string;
  watchTerms: string[];
}

/**
 * Recent items' signatures with their clusters, oldest evicted first. A new item close enough
 * to one of them joins its cluster, or forms a new cluster with it.
 */
class NearDuplicateWindow {
  private readonly index: NearDuplicateIndex;
  private readonly clusterOf = new Map<string, string | null>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(
    private readonly threshold: number,
    private readonly capacity: number,
  ) {
    this.index = new NearDuplicateIndex({ numHashes: NUM_HASHES, threshold });
  }

  /** Forgets an item (its batch stored it under another id, or not at all). */
  remove(id: string): void {
    this.index.remove(id);
    this.clusterOf.delete(id);
  }

  add(id: string, signature: Uint32Array, clusterId: string | null): void {
    this.index.add(id, signature);
    this.clusterOf.set(id, clusterId);
    this.order.push(id);
    while (this.order.length - this.head > this.capacity) {
      const oldest = this.order[this.head++]!;
      this.index.remove(oldest);
      this.clusterOf.delete(oldest);
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Adds the item; returns the cluster it joins, if it has a near duplicate. */
  join(item: PendingItem, signature: Uint32Array, batch: AssessmentBatch): string | null {
    const nearest = this.index.firstMatch(signature, this.threshold);
    let clusterId: string | null = null;
    if (nearest) {
      clusterId = this.clusterOf.get(nearest.id) ?? null;
      if (!clusterId) {
        clusterId = randomUUID();
        batch.newClusters.push({ id: clusterId, label: clusterLabel(item) });
        this.clusterOf.set(nearest.id, clusterId);
        const inBatch = batch.assessments.find((a) => a.itemId === nearest.id);
        if (inBatch) inBatch.clusterId = clusterId;
        else batch.clusterMoves.push({ itemId: nearest.id, clusterId });
      }
    }
    this.add(item.id, signature, clusterId ?? item.clusterId);
    return clusterId;
  }
}

function clusterLabel(item: PendingItem): string {
  const label = (item.title || item.text).replace(/\s+/g, ' ').trim();
  return label.length > 120 ? `${label.slice(0, 119)}…` : label;
}
