import { and, eq, isNull } from 'drizzle-orm';
import type { AccountTokenRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { accountTokens } from './schema.js';

/** Invitation and password-reset tokens; only hashes are stored. */
export function accountTokenRepository(db: Db): AccountTokenRepository {
  return {
    async create(values) {
      const [row] = await db
        .insert(accountTokens)
        .values(values)
        .returning({ id: accountTokens.id });
      return row!;
    },
    async findByHash(tokenHash) {
      const [row] = await db
        .select({
          id: accountTokens.id,
          purpose: accountTokens.purpose,
          userId: accountTokens.userId,
          expiresAt: accountTokens.expiresAt,
          usedAt: accountTokens.usedAt,
        })
        .from(accountTokens)
        .where(eq(accountTokens.tokenHash, tokenHash));
      return row;
    },
    async markUsed(id, now) {
      const rows = await db
        .update(accountTokens)
        .set({ usedAt: now })
        .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
        .returning({ id: accountTokens.id });
      return rows.length === 1;
    },
    async retireOpen(userId, purpose, now) {
      await db
        .update(accountTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountTokens.userId, userId),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
          ),
        );
    },
  };
}
