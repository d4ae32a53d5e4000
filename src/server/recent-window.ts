/**
 * What happened in this process over the last few minutes: how many events (requests, matches),
 * how many ended in errors, and their latency percentiles. Prometheus works out rates from its
 * counters; the admin health page has no Prometheus, so it reads this window. Memory and cost
 * are fixed: one slot per minute, each a row of histogram buckets.
 */

interface Slot {
  minute: number;
  count: number;
  clientErrors: number;
  serverErrors: number;
  buckets: Uint32Array;
}

/** The window's figures. Latencies are in milliseconds, null when nothing was recorded. */
export interface WindowSummary {
  windowMinutes: number;
  count: number;
  /** Events per minute over the window (or the time since it started, when shorter). */
  perMinute: number;
  clientErrors: number;
  serverErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  /** Events since the process started. */
  total: number;
}

export class RecentWindow {
  private readonly slots: Slot[];
  private readonly startedAt: number;
  private total = 0;

  /**
   * @param bounds upper bounds of the latency buckets, in seconds, ascending.
   * @param minutes length of the window.
   */
  constructor(
    private readonly bounds: readonly number[],
    private readonly minutes = 5,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
    this.slots = Array.from({ length: minutes }, () => ({
      minute: -1,
      count: 0,
      clientErrors: 0,
      serverErrors: 0,
      buckets: new Uint32Array(bounds.length + 1),
    }));
  }

  /** Records one event that took `seconds`; `status` (HTTP) counts 4xx and 5xx apart. */
  record(seconds: number, status?: number): void {
    const minute = Math.floor(this.now() / 60_000);
    const slot = this.slots[minute % this.minutes]!;
    if (slot.minute !== minute) {
      slot.minute = minute;
      slot.count = 0;
      slot.clientErrors = 0;
      slot.serverErrors = 0;
      slot.buckets.fill(0);
    }
    slot.count += 1;
    if (status !== undefined && status >= 500) slot.serverErrors += 1;
    else if (status !== undefined && status >= 400) slot.clientErrors += 1;
    let index = this.bounds.findIndex((bound) => seconds <= bound);
    if (index < 0) index = this.bounds.length;
    slot.buckets[index]! += 1;
    this.total += 1;
  }

  summary(): WindowSummary {
    const current = Math.floor(this.now() / 60_000);
    const buckets = new Array<number>(this.bounds.length + 1).fill(0);
    let count = 0;
    let clientErrors = 0;
    let serverErrors = 0;
    for (const slot of this.slots) {
      if (slot.minute <= current - this.minutes || slot.minute > current) continue;
      count += slot.count;
      clientErrors += slot.clientErrors;
      serverErrors += slot.serverErrors;
      slot.buckets.forEach((n, i) => (buckets[i]! += n));
    }
    const quantile = (q: number) => this.quantile(buckets, count, q);
    // A young window covers less than its length (at least a minute).
    const covered = Math.min(this.minutes, Math.max(1, (this.now() - this.startedAt) / 60_000));
    return {
      windowMinutes: this.minutes,
      count,
      perMinute: count / covered,
      clientErrors,
      serverErrors,
      p50Ms: quantile(0.5),
      p95Ms: quantile(0.95),
      p99Ms: quantile(0.99),
      total: this.total,
    };
  }

  /**
   * Interpolates linearly inside the bucket holding the rank, as Prometheus's
   * histogram_quantile does; ranks beyond the last bound report that bound.
   */
  private quantile(buckets: number[], count: number, q: number): number | null {
    if (count === 0) return null;
    const rank = q * count;
    let below = 0;
    for (let i = 0; i < buckets.length; i += 1) {
      const n = buckets[i]!;
      if (below + n >= rank && n > 0) {
        const upper = this.bounds[i];
        if (upper === undefined) return this.bounds.at(-1)! * 1000;
        const lower = i === 0 ? 0 : this.bounds[i - 1]!;
        return (lower + ((upper - lower) * (rank - below)) / n) * 1000;
      }
      below += n;
    }
    return this.bounds.at(-1)! * 1000;
  }
}
