/**
 * Types of the pipeline's second half: after an item is stored, the worker matches it against
 * published checks, groups near duplicates, and scores relevance and priority for the queue.
 */
import type { PublishedCheckSource } from './check-index.js';
import type { Channel, ItemStatus } from './types.js';

/** An item waiting for (or due again for) the pipeline. */
export interface PendingItem {
  id: string;
  status: ItemStatus;
  channel: Channel;
  title: string;
  text: string;
  normalizedText: string;
  language: string;
  sightingsCount: number;
  sightingsLast24h: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Reach of the item's source, when it came from one. */
  reach: number | null;
  clusterId: string | null;
}

/** The pipeline's verdict on one item. */
export interface ItemAssessment {
  itemId: string;
  status: ItemStatus;
  clusterId: string | null;
  /** MinHash signature to store (only when newly computed). */
  minhash: Uint8Array | null;
  relevance: number;
  priorityScore: number;
  places: string[];
  watchTermHits: string[];
  /** A published check that answers the item (the matcher's `answer` band). */
  match: { checkId: string; claimId: string; confidence: number } | null;
}

/** What one pipeline batch writes. */
export interface AssessmentBatch {
  assessments: ItemAssessment[];
  /** Clusters created by this batch. */
  newClusters: { id: string; label: string }[];
  /** Already processed items that a new near duplicate pulled into a (new) cluster. */
  clusterMoves: { itemId: string; clusterId: string }[];
  now: Date;
}

/** Storage the pipeline needs. */
export interface PipelineRepository extends PublishedCheckSource {
  /** Locks and returns up to `limit` waiting items, oldest first (call inside a transaction). */
  claimPending(limit: number, now: Date): Promise<PendingItem[]>;
  /** Creates the batch's new clusters (before items that refer to them are written). */
  insertClusters(newClusters: AssessmentBatch['newClusters'], now: Date): Promise<void>;
  /** Writes the assessments of items already stored. */
  updateItems(assessments: readonly ItemAssessment[], now: Date): Promise<void>;
  /**
   * Moves items into clusters, recounts clusters, links matched items to their claims and
   * answers the tips behind them; returns the ids of the tips answered.
   */
  finishBatch(batch: AssessmentBatch): Promise<{ answeredTips: string[] }>;
  /** Signatures of items first seen since `since`, newest last, for the near-duplicate window. */
  recentSignatures(
    since: Date,
    limit: number,
  ): Promise<{ id: string; clusterId: string | null; minhash: Uint8Array }[]>;
  /** The desk's watch terms and a revision that changes when they do. */
  watchTerms(): Promise<{ revision: string; terms: string[] }>;
  pendingCount(): Promise<number>;
  /**
   * Items handed in as a bare link whose page has not been fetched yet; each is marked as
   * attempted at once, so two workers never fetch the same page.
   */
  claimLinksToFetch(limit: number, now: Date): Promise<{ id: string; url: string }[]>;
  /** Stores a fetched page's text and sends the item back through the pipeline. */
  attachPage(
    itemId: string,
    page: {
      title: string;
      text: string;
      normalizedText: string;
      foldedText: string;
      language?: string | undefined;
      publishedAt?: Date | undefined;
    },
  ): Promise<void>;
  pageFailed(itemId: string, reason: string): Promise<void>;
}
