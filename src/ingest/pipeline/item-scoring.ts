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

/** The text-only half of an item's score: the same wherever and whenever it is computed. */
export interface ItemRelevance {
  relevance: number;
  /** Codes of the places that counted. */
  places: string[];
  watchTermHits: string[];
}

export interface ItemScorer {
  /** Relevance from the item's words alone. */
  relevance(item: Pick<PendingItem, 'title' | 'text'>): ItemRelevance;
  /** Relevance (computed unless given) and priority at `now`. */
  assess(item: PendingItem, now: Date, relevance?: ItemRelevance): ItemScore;
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
  const relevanceOf = (item: Pick<PendingItem, 'title' | 'text'>): ItemRelevance => {
    const relevance = scoreRelevance(
      { title: item.title, text: item.text.slice(0, RELEVANCE_TEXT_CHARS) },
      { watchTerms, gazetteer, homeProvinceCodes: settings.homeProvinceCodes },
    );
    return {
      relevance: relevance.score,
      places: [...new Set(relevance.places.map((p) => p.code))],
      watchTermHits: relevance.watchTermHits,
    };
  };
  return {
    relevance: relevanceOf,
    assess(item, now, given) {
      const relevance = given ?? relevanceOf(item);
      const priority = scorePriority({
        sightings: item.sightingsCount,
        sightingsLast24h: item.sightingsLast24h,
        firstSeenAt: item.firstSeenAt,
        lastSeenAt: item.lastSeenAt,
        now,
        reach: item.reach ?? DEFAULT_REACH,
        relevance: relevance.relevance,
        channel: item.channel,
      });
      return {
        relevance: relevance.relevance,
        priority: priority.score,
        places: relevance.places,
        watchTermHits: relevance.watchTermHits,
      };
    },
  };
}
