/**
 * Relevance of an unmatched item to this desk: does it mention the desk's watch terms, places, and
 * above all places in the organisation's own provinces? One of the two inputs of the queue order
 * (the other is priority.ts).
 */
import type { Gazetteer, PlaceHit } from '../text/gazetteer/gazetteer.js';
import { PhraseMatcher, tokenizeWithOffsets } from '../text/gazetteer/phrase-matcher.js';

/** The item's words: title and body text. */
export interface RelevanceInput {
  title: string;
  text: string;
}

/** The desk's configuration. */
export interface RelevanceOptions {
  /** Watch terms ("sạt lở", "lừa đảo"): a prebuilt matcher, or a list (its matcher is cached per list). */
  watchTerms: PhraseMatcher | readonly string[];
  gazetteer: Gazetteer;
  /** The organisation's provinces, current or pre-2025 codes (49 Quảng Nam counts as 48 Đà Nẵng). */
  homeProvinceCodes?: readonly string[];
}

/** A place that counted towards relevance. */
export interface RelevantPlace {
  code: string;
  name: string;
  currentProvinceCode: string | null;
  /** In one of the organisation's provinces. */
  home: boolean;
}

/** The score and what it is made of, for the desk to see why an item ranks where it does. */
export interface RelevanceResult {
  /** In [0, 1): 0 when nothing is found. */
  score: number;
  /** Watch terms found, as configured, each once. */
  watchTermHits: string[];
  places: RelevantPlace[];
  /** One line per piece of evidence, e.g. `watch term "sạt lở" in title`. */
  reasons: string[];
}

/** Evidence weights: see scoreRelevance. */
export const RELEVANCE_WEIGHTS = Object.freeze({
  termTitle: 1.0,
  termBody: 0.5,
  placeTitle: 0.4,
  placeBody: 0.2,
  placeCap: 0.6,
  homeTitle: 1.2,
  homeBody: 0.6,
  homeWeakTitle: 0.3,
  homeWeakBody: 0.15,
  homeCap: 1.5,
});

const matchers = new WeakMap<readonly string[], PhraseMatcher>();

function termMatcher(terms: PhraseMatcher | readonly string[]): PhraseMatcher {
  if (terms instanceof PhraseMatcher) return terms;
  let m = matchers.get(terms);
  if (m === undefined) {
    m = PhraseMatcher.fromPhrases(terms);
    matchers.set(terms, m);
  }
  return m;
}

/**
 * Scores how relevant an item is to the desk.
 *
 * Evidence E is summed, then squashed: score = 1 − e^(−E), so each piece adds less the more there
 * already is, and the score stays below 1.
 * - each distinct watch term: 1.0 if it is in the title, else 0.5;
 * - each distinct current province named strongly (see gazetteer.ts) outside the home provinces:
 *   0.4 in the title, else 0.2; these add up to at most 0.6, so a list of provinces in a weather
 *   bulletin does not outweigh a watch term;
 * - each distinct home province named strongly: 1.2 in the title, else 0.6; named only weakly (a
 *   bare commune name that lies in a home province): 0.3 / 0.15; home evidence adds up to at most
 *   1.5. Places named ambiguously (the same words for places in several provinces) do not count.
 * A term in the title and a home province in the body: E = 1.6, score 0.80; one term in the body
 * alone: 0.39; one other province in the body alone: 0.18.
 */
export function scoreRelevance(input: RelevanceInput, options: RelevanceOptions): RelevanceResult {
  const W = RELEVANCE_WEIGHTS;
  const reasons: string[] = [];
  // Title and body are searched as one text so that a place in one locates a commune in the other.
  const title = input.title;
  const joined = `${title}\n${input.text}`;
  const inTitle = (start: number): boolean => start < title.length;

  let evidence = 0;
  const termIn = new Map<string, boolean>();
  // One tokenisation serves the watch terms and the gazetteer.
  const tokens = tokenizeWithOffsets(joined);
  for (const m of termMatcher(options.watchTerms).findInTokens(tokens)) {
    for (const term of m.values)
      termIn.set(term, (termIn.get(term) ?? false) || inTitle(m.charStart));
  }
  for (const [term, title] of termIn) {
    evidence += title ? W.termTitle : W.termBody;
    reasons.push(`watch term "${term}" in ${title ? 'title' : 'text'}`);
  }

  const gaz = options.gazetteer;
  const home = new Set<string>();
  for (const code of options.homeProvinceCodes ?? [])
    home.add(gaz.toCurrentProvinceCode(code) ?? code);

  const places = new Map<string, RelevantPlace>();
  // Per current province: the best evidence found for it.
  const provinceWeight = new Map<string, { weight: number; home: boolean; hit: PlaceHit }>();
  for (const hit of gaz.findPlacesInTokens(tokens)) {
    const province = hit.currentProvinceCode;
    if (province === null || hit.ambiguous) continue;
    const isHome = home.has(province);
    const title = inTitle(hit.start);
    let weight: number;
    if (hit.strength === 'strong') {
      weight = isHome ? (title ? W.homeTitle : W.homeBody) : title ? W.placeTitle : W.placeBody;
    } else if (isHome) {
      weight = title ? W.homeWeakTitle : W.homeWeakBody;
    } else {
      continue;
    }
    const key = `${hit.era}:${hit.code}`;
    if (!places.has(key)) {
      places.set(key, {
        code: hit.code,
        name: hit.name,
        currentProvinceCode: province,
        home: isHome,
      });
    }
    const best = provinceWeight.get(province);
    if (best === undefined || weight > best.weight)
      provinceWeight.set(province, { weight, home: isHome, hit });
  }
  let placeEvidence = 0;
  let homeEvidence = 0;
  for (const { weight, home: isHome, hit } of provinceWeight.values()) {
    if (isHome) homeEvidence += weight;
    else placeEvidence += weight;
    const where = inTitle(hit.start) ? 'title' : 'text';
    const province = hit.currentProvinceName ?? hit.currentProvinceCode ?? '';
    const named = hit.level === 'province' && hit.era === 'current' ? '' : ` (${hit.name})`;
    reasons.push(
      `${isHome ? 'home province' : 'place'} ${province}${named} in ${where}${hit.strength === 'weak' ? ', weakly' : ''}`,
    );
  }
  evidence += Math.min(W.placeCap, placeEvidence) + Math.min(W.homeCap, homeEvidence);

  return {
    score: 1 - Math.exp(-evidence),
    watchTermHits: [...termIn.keys()],
    places: [...places.values()],
    reasons,
  };
}
