/** Relevance and priority of an item for the desk's queue: core's scoring, bound to settings. */
import type { PendingItem } from '../../core/pipeline.js';
import { scorePriority } from '../../core/priority.js';
import { scoreRelevance } from '../../core/relevance.js';
import { loadGazetteer } from '../../text/gazetteer/gazetteer.js';
import { PhraseMatcher } from '../../text/gazetteer/phrase-matcher.js';

export interface ItemScore {
  relevance: number;
  priority: number;
  /** Codes of the places that counted. */
  places: string[];
  watchTermHits: string[];
}

export interface ItemScorer {
  assess(item: PendingItem, now: Date): ItemScore;
}

export interface ItemScorerSettings {
  watchTerms: readonly string[];
  homeProvinceCodes: readonly string[];
}

/** Reach assumed for items that came from no monitored source (tips, reports, the API). */
const DEFAULT_REACH = 0.5;
/** Relevance looks at the start of long texts: where an article says what it is about. */
const RELEVANCE_TEXT_CHARS = 4000;

export function createItemScorer(settings: ItemScorerSettings): ItemScorer {
  const gazetteer = loadGazetteer();
  const watchTerms = PhraseMatcher.fromPhrases(settings.watchTerms);
  return {
    assess(item, now) {
      const relevance = scoreRelevance(
        { title: item.title, text: item.text.slice(0, RELEVANCE_TEXT_CHARS) },
        { watchTerms, gazetteer, homeProvinceCodes: settings.homeProvinceCodes },
      );
      const priority = scorePriority({
        sightings: item.sightingsCount,
        sightingsLast24h: item.sightingsLast24h,
        firstSeenAt: item.firstSeenAt,
        lastSeenAt: item.lastSeenAt,
        now,
        reach: item.reach ?? DEFAULT_REACH,
        relevance: relevance.score,
        channel: item.channel,
      });
      return {
        relevance: relevance.score,
        priority: priority.score,
        places: [...new Set(relevance.places.map((p) => p.code))],
        watchTermHits: relevance.watchTermHits,
      };
    },
  };
}
