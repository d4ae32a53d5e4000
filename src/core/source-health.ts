/**
 * How a monitored source's health evolves with each fetch: when to fetch next (its schedule,
 * backed off exponentially after failures), a failure score, and when a dead source is turned
 * off so it stops costing requests — with the reason visible to the desk.
 */

/** What one poll of a source came to. */
export type FetchOutcome =
  | { ok: true; status: number; unchanged: boolean; items: number }
  | {
      ok: false;
      status?: number | undefined;
      reason: string;
      message: string;
      permanent?: boolean;
    };

/** The health fields a poll updates. */
export interface SourceHealthState {
  scheduleMinutes: number;
  consecutiveFailures: number;
  failureScore: number;
  lastSuccessAt: Date | null;
}

/** The fields to store after a poll. */
export interface SourceHealthUpdate {
  lastFetchedAt: Date;
  lastStatus: number | null;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string | null;
  consecutiveFailures: number;
  failureScore: number;
  nextFetchAt: Date;
  enabled?: false;
  disabledReason?: string;
}

/** Consecutive failures after which a source that has not worked for a week is turned off. */
export const DISABLE_AFTER_FAILURES = 10;
const DEAD_AFTER_MS = 7 * 86_400_000;
const MAX_BACKOFF_MS = 24 * 3_600_000;
/** Weight of the newest poll in the failure score (an exponential moving average of failures). */
const SCORE_WEIGHT = 0.3;

/**
 * Next state after a poll. Success: back to the schedule, score decays. Failure: the wait
 * doubles per consecutive failure (capped at a day, with ±10 % jitter so sources sharing a host
 * spread out), and the source is disabled when the failure is permanent (gone, refused address)
 * or it has failed {@link DISABLE_AFTER_FAILURES} times in a row without a success for a week.
 */
export function nextSourceHealth(
  state: SourceHealthState,
  outcome: FetchOutcome,
  now: Date,
  random: () => number = Math.random,
): SourceHealthUpdate {
  const scheduleMs = state.scheduleMinutes * 60_000;
  if (outcome.ok) {
    return {
      lastFetchedAt: now,
      lastStatus: outcome.status,
      lastSuccessAt: now,
      lastError: null,
      consecutiveFailures: 0,
      failureScore: round(state.failureScore * (1 - SCORE_WEIGHT)),
      nextFetchAt: new Date(now.getTime() + scheduleMs),
    };
  }
  const failures = state.consecutiveFailures + 1;
  const backoff = Math.min(
    scheduleMs * 2 ** Math.min(failures, 16),
    Math.max(MAX_BACKOFF_MS, scheduleMs),
  );
  const jitter = 1 + (random() * 0.2 - 0.1);
  const update: SourceHealthUpdate = {
    lastFetchedAt: now,
    lastStatus: outcome.status ?? null,
    lastErrorAt: now,
    lastError: `${outcome.reason}: ${outcome.message}`.slice(0, 1000),
    consecutiveFailures: failures,
    failureScore: round(state.failureScore * (1 - SCORE_WEIGHT) + SCORE_WEIGHT),
    nextFetchAt: new Date(now.getTime() + Math.round(backoff * jitter)),
  };
  const deadSince = state.lastSuccessAt ? now.getTime() - state.lastSuccessAt.getTime() : Infinity;
  if (outcome.permanent) {
    update.enabled = false;
    update.disabledReason = `turned off: ${outcome.reason} (${outcome.message})`.slice(0, 1000);
  } else if (failures >= DISABLE_AFTER_FAILURES && deadSince >= DEAD_AFTER_MS) {
    update.enabled = false;
    update.disabledReason =
      `turned off after ${failures} failed fetches in a row and no success for 7 days; last error: ${outcome.reason}`.slice(
        0,
        1000,
      );
  }
  return update;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
