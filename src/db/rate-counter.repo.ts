import { lte, sql } from 'drizzle-orm';
import type { RateCounterRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { rateCounters } from './schema.js';

/** Fixed-window hit counters shared by every web process. */
export function rateCounterRepository(db: Db): RateCounterRepository {
  return {
    async hit(key, windowMs, now) {
      const nowIso = now.toISOString();
      const endsIso = new Date(now.getTime() + windowMs).toISOString();
      // One statement: concurrent hits from several processes add up instead of overwriting.
      const ended = sql`rate_counters.window_ends_at <= ${nowIso}::timestamptz`;
      const [row] = await db
        .insert(rateCounters)
        .values({ key, hits: 1, windowEndsAt: new Date(endsIso) })
        .onConflictDoUpdate({
          target: rateCounters.key,
          set: {
            hits: sql`case when ${ended} then 1 else rate_counters.hits + 1 end`,
            windowEndsAt: sql`case when ${ended} then ${endsIso}::timestamptz else rate_counters.window_ends_at end`,
          },
        })
        .returning({ hits: rateCounters.hits, windowEndsAt: rateCounters.windowEndsAt });
      return { hits: row!.hits, windowEndsAt: row!.windowEndsAt };
    },
    async purgeExpired(now) {
      const deleted = await db
        .delete(rateCounters)
        .where(lte(rateCounters.windowEndsAt, now))
        .returning({ key: rateCounters.key });
      return deleted.length;
    },
  };
}
