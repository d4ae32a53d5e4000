import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { SessionRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { sessions, users } from './schema.js';

const sessionColumns = {
  id: sessions.id,
  userId: sessions.userId,
  csrfToken: sessions.csrfToken,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  revokedAt: sessions.revokedAt,
};

/** Browser sessions; only the token's hash is stored. */
export function sessionRepository(db: Db): SessionRepository {
  return {
    async create(values) {
      const [row] = await db
        .insert(sessions)
        .values({ ...values, lastSeenAt: values.createdAt })
        .returning(sessionColumns);
      return row!;
    },
    async findByTokenHash(tokenHash) {
      const [row] = await db
        .select({
          session: sessionColumns,
          user: {
            id: users.id,
            email: users.email,
            displayName: users.displayName,
            role: users.role,
            disabledAt: users.disabledAt,
          },
          totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash));
      return row;
    },
    async touch(id, now) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    },
    async revoke(userId, id, now) {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length === 1;
    },
    async revokeAllForUser(userId, now, exceptId) {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(
          and(
            eq(sessions.userId, userId),
            isNull(sessions.revokedAt),
            exceptId === undefined ? undefined : ne(sessions.id, exceptId),
          ),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },
    listLive(userId, now) {
      return db
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(
          and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        )
        .orderBy(desc(sessions.lastSeenAt));
    },
  };
}
