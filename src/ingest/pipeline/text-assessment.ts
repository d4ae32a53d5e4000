/**
 * The part of assessing an item that depends on its text alone (and on the published checks and
 * watch terms of one revision): the matcher's answer, the MinHash signature and relevance. It
 * needs nothing from the store or from other items, so a worker thread can compute it ahead of
 * the main thread, which keeps the order-dependent steps (near duplicates, storage).
 */
import type { CheckIndex } from '../../core/check-index.js';
import { minhashSignature } from '../../text/fingerprint.js';
import type { ItemRelevance, ItemScorer } from './item-scoring.js';

/** What an item's text gives under one revision of checks and watch terms. */
export interface TextAssessment {
  /** The check and watch-term revisions it was computed under (see {@link assessmentRevision}). */
  revision: string;
  /** The published check that answers the item, when the matcher is confident. */
  match: { checkId: string; claimId: string; confidence: number } | null;
  /** MinHash signature, when the text is long enough for near-duplicate detection. */
  signature: Uint32Array | null;
  relevance: ItemRelevance;
}

/** The words of an item the assessment reads. */
export interface AssessedText {
  title: string;
  text: string;
  normalizedText: string;
}

const MIN_TOKENS_FOR_NEAR_DUPLICATE = 8;
/** Hashes per MinHash signature (the near-duplicate window's setting). */
export const NUM_HASHES = 128;

/** Names the state a text assessment depends on. */
export function assessmentRevision(
  checkRevision: string | undefined,
  watchRevision: string,
): string {
  return `${checkRevision ?? '-'} ${watchRevision}`;
}

/** Assesses one item's text against a loaded check index and a scorer. */
export function assessText(
  item: AssessedText,
  checkIndex: CheckIndex,
  scorer: ItemScorer,
  revision: string,
): TextAssessment {
  // The normalised form of title and text: the matcher would normalise them again otherwise,
  // and the text engine recognises a text it has just normalised (same answers, a third faster).
  const text = item.normalizedText || [item.title, item.text].filter(Boolean).join('\n');
  const [best] = checkIndex.matchLoaded(text, {
    limit: 1,
    ...(item.title && item.text ? { title: item.title } : {}),
  });
  return {
    revision,
    match:
      best?.band === 'answer'
        ? { checkId: best.check.checkId, claimId: best.check.claimId, confidence: best.confidence }
        : null,
    signature: signatureOf(item.normalizedText) ?? null,
    relevance: scorer.relevance(item),
  };
}

function signatureOf(text: string): Uint32Array | undefined {
  if (!hasWords(text, MIN_TOKENS_FOR_NEAR_DUPLICATE)) return undefined;
  return minhashSignature(text, { numHashes: NUM_HASHES });
}

/** Whether `text` splits on white space into at least `n` pieces (counted, not split). */
function hasWords(text: string, n: number): boolean {
  const spaces = /\s+/g;
  let pieces = 1;
  while (spaces.exec(text) !== null) if (++pieces >= n) return true;
  return pieces >= n;
}
