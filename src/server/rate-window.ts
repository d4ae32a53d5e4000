/**
 * A fixed-window counter for limits that apply to everyone at once (e.g. all tips per minute),
 * next to @fastify/rate-limit's per-address limits. In-process: each web process counts its own.
 */
export class RateWindow {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit; false when the window's limit is already reached. */
  take(): boolean {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    if (this.count >= this.max) return false;
    this.count += 1;
    return true;
  }
}
