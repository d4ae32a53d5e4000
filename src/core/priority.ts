/**
 * Priority of an unmatched item in the desk's queue: how widely and how fast it is spreading, how
 * recently it was seen, how far its source reaches, how relevant it is, and who brought it in.
 */
import type { Channel } from './types.js';

/** What is known about an item when it is queued or seen again. */
export interface PriorityInput {
  /** Times the item was seen in all (1 for a new item). */
  sightings: number;
  /** Of these, how many in the last 24 hours. */
  sightingsLast24h: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  now: Date;
  /** 0..1: how far the source or channel reaches (a national outlet near 1, a small group near 0). */
  reach: number;
  /** 0..1: from scoreRelevance. */
  relevance: number;
  channel: Channel;
}

/** Tuning. */
export interface PriorityOptions {
  /** After this many hours without a new sighting the score halves. Default 24. */
  halfLifeHours?: number;
}

/** Queue bands, each with its own deadline (PRODUCT.md: "each priority has a deadline"). */
export const PRIORITY_BANDS = ['low', 'normal', 'high', 'urgent'] as const;
export type PriorityBand = (typeof PRIORITY_BANDS)[number];

/** Score and band. */
export interface PriorityResult {
  /** 0..100. */
  score: number;
  band: PriorityBand;
}

/** Weights of the parts of the score (they add up to 1): see scorePriority. */
export const PRIORITY_WEIGHTS = Object.freeze({
  relevance: 0.3,
  reach: 0.1,
  sightings: 0.2,
  velocity: 0.25,
  channel: 0.15,
});

/**
 * How much the channel says about urgency: a person asking (a tip from the public, a staff report)
 * counts more than an item a feed happened to carry.
 */
export const CHANNEL_WEIGHT: Readonly<Record<Channel, number>> = Object.freeze({
  tip: 1,
  staff: 1,
  url: 0.5,
  api: 0.5,
  import: 0,
  feed: 0,
});

/** Lowest score of each band above 'low'. */
export const BAND_THRESHOLDS = Object.freeze({ normal: 20, high: 40, urgent: 60 });

const HOUR = 3_600_000;
/** Velocity is measured over at least this many hours, so one sighting a minute ago is not a burst. */
const MIN_WINDOW_HOURS = 3;
/** Sightings per hour at which velocity reaches 1 − 1/e. */
const RATE_SCALE = 2;

function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, finiteOr0(x)));
}

/** The band a score falls in. */
export function priorityBand(score: number): PriorityBand {
  if (score >= BAND_THRESHOLDS.urgent) return 'urgent';
  if (score >= BAND_THRESHOLDS.high) return 'high';
  if (score >= BAND_THRESHOLDS.normal) return 'normal';
  return 'low';
}

/**
 * Scores an item for the queue, 0..100:
 *
 *   score = 100 × (0.30·relevance + 0.10·reach + 0.20·S + 0.25·V + 0.15·C) × 2^(−age / halfLife)
 *
 * - S = 1 − (1 + sightings)^(−1/3): popularity, growing ever more slowly (1 → 0.21, 10 → 0.55,
 *   100 → 0.78);
 * - V = 1 − e^(−rate / 2), rate = sightings in the last 24 h per hour over the time the item has
 *   been known (at least 3 h, at most 24 h): 10 sightings in its first 3 hours → 0.81, the same 10
 *   spread over a day → 0.19;
 * - C = channel weight (CHANNEL_WEIGHT): tip and staff 1, url and api 0.5, feed and import 0;
 * - age = hours since the item was last seen; halfLife defaults to 24 h.
 * Bands: urgent ≥ 60, high ≥ 40, normal ≥ 20, else low. A tip seen once an hour ago with relevance
 * and reach 0.5 scores 42 (high); the same item from a feed 27 (normal).
 *
 * The score never decreases when sightings, sightings in the last 24 h, reach, relevance or the
 * time of the last sighting grow, and never increases as time passes with nothing new. Inputs out
 * of range are clamped (reach and relevance to [0, 1], counts to ≥ 0, the last-24 h count to the
 * total).
 */
export function scorePriority(input: PriorityInput, options: PriorityOptions = {}): PriorityResult {
  const W = PRIORITY_WEIGHTS;
  const halfLife = options.halfLifeHours ?? 24;
  if (!(halfLife > 0)) throw new RangeError('halfLifeHours must be positive');
  const now = input.now.getTime();
  const sightings = Math.max(0, finiteOr0(input.sightings));
  const recent = clamp(input.sightingsLast24h, 0, sightings);
  const knownHours = (now - input.firstSeenAt.getTime()) / HOUR;
  const windowHours = clamp(knownHours, MIN_WINDOW_HOURS, 24);
  const ageHours = Math.max(0, finiteOr0((now - input.lastSeenAt.getTime()) / HOUR));

  const popularity = 1 - Math.pow(1 + sightings, -1 / 3);
  const velocity = 1 - Math.exp(-recent / windowHours / RATE_SCALE);
  const base =
    W.relevance * clamp(input.relevance, 0, 1) +
    W.reach * clamp(input.reach, 0, 1) +
    W.sightings * popularity +
    W.velocity * velocity +
    W.channel * CHANNEL_WEIGHT[input.channel];
  const score = 100 * base * Math.pow(2, -ageHours / halfLife);
  return { score, band: priorityBand(score) };
}
