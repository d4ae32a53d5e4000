import { and, inArray, gt, lt, or, isNull, eq, sql } from 'drizzle-orm';
import type { LoginThrottleRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { loginThrottle } from './schema.js';

/** Failed sign-in counters in fixed windows, shared by every web process. */
export function loginThrottleRepository(db: Db): LoginThrottleRepository {
  return {
    async blockedUntil(keys, now) {
      if (keys.length === 0) return null;
      const rows = await db
        .select({ blockedUntil: loginThrottle.blockedUntil })
        .from(loginThrottle)
        .where(and(inArray(loginThrottle.key, [...keys]), gt(loginThrottle.blockedUntil, now)));
      const times = rows.map((r) => r.blockedUntil!.getTime());
      return times.length === 0 ? null : new Date(Math.max(...times));
    },
    async recordFailure(keys, now, windowMs) {
      const windowStart = new Date(now.getTime() - windowMs);
      const nowIso = now.toISOString();
      const startIso = windowStart.toISOString();
      for (const { key, max } of keys) {
        // One statement per key: concurrent failures add up instead of overwriting each other.
        const stale = sql`login_throttle.window_started_at <= ${startIso}::timestamptz`;
        const failures = sql`case when ${stale} then 1 else login_throttle.failures + 1 end`;
        const started = sql`case when ${stale} then ${nowIso}::timestamptz else login_throttle.window_started_at end`;
        await db
          .insert(loginThrottle)
          .values({
            key,
            failures: 1,
            windowStartedAt: now,
            blockedUntil: max <= 1 ? new Date(now.getTime() + windowMs) : null,
          })
          .onConflictDoUpdate({
            target: loginThrottle.key,
            set: {
              failures,
              windowStartedAt: started,
              // Blocked until the window that reached the limit ends.
              blockedUntil: sql`case when ${failures} >= ${max} then ${started} + ${`${windowMs} milliseconds`}::interval else login_throttle.blocked_until end`,
            },
          });
      }
      // Old windows are forgotten, so the table holds only recent failures.
      await db
        .delete(loginThrottle)
        .where(
          and(
            lt(loginThrottle.windowStartedAt, windowStart),
            or(isNull(loginThrottle.blockedUntil), lt(loginThrottle.blockedUntil, now)),
          ),
        );
    },
    async clear(key) {
      await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
    },
  };
}
