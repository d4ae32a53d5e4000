/**
 * Rate limits counted in the database, so that they hold across every web process behind a
 * proxy: a store for @fastify/rate-limit's per-address limits, and a window for limits that apply
 * to everyone at once (e.g. all tips per minute).
 */
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock, RateCounterRepository } from '../core/ports.js';

interface RouteLimitOptions {
  routeInfo?: { method?: string | string[]; url?: string };
  /** Routes of one group (e.g. the tip API and the portal's tip form) count together. */
  groupId?: string;
}

/**
 * A @fastify/rate-limit store over the rate counters; each limited route counts under its own
 * prefix (method and URL pattern), as the plugin's own stores do, unless it names a group.
 */
export function databaseRateStore(
  counters: RateCounterRepository,
  clock: Clock,
): FastifyRateLimitStoreCtor {
  class DatabaseRateStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'route:',
    ) {}

    // The plugin passes the route's window as a third argument (its own stores read it too).
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = clock();
      counters.hit(`${this.prefix}${key}`, timeWindow, now).then(
        ({ hits, windowEndsAt }) =>
          callback(null, {
            current: hits,
            ttl: Math.max(0, windowEndsAt.getTime() - now.getTime()),
          }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: RouteLimitOptions): DatabaseRateStore {
      if (routeOptions.groupId) return new DatabaseRateStore(undefined, 'group:');
      const info = routeOptions.routeInfo ?? {};
      const method = Array.isArray(info.method) ? info.method.join(',') : (info.method ?? '');
      return new DatabaseRateStore(undefined, `route:${method}${info.url ?? ''}:`);
    }
  }
  return DatabaseRateStore as unknown as FastifyRateLimitStoreCtor;
}

/** A fixed window shared by every process: at most `max` hits per `windowMs` under one key. */
export class SharedRateWindow {
  constructor(
    private readonly counters: RateCounterRepository,
    private readonly key: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit; false when the window's limit is already reached. */
  async take(): Promise<boolean> {
    const { hits } = await this.counters.hit(`window:${this.key}`, this.windowMs, this.clock());
    return hits <= this.max;
  }
}
