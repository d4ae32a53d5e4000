import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { UserRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { guarded } from './repo-support.js';
import { apiTokens, users } from './schema.js';

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  disabledAt: users.disabledAt,
};

export function userRepository(db: Db): UserRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(users).values(values).returning(userColumns));
      return row!;
    },
    async findById(id) {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
      return row;
    },
    async findByEmail(email) {
      const [row] = await db
        .select(userColumns)
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      return row;
    },
    async findByHandles(handles) {
      if (handles.length === 0) return [];
      const wanted = [...new Set(handles.map((h) => h.toLowerCase()))];
      const rows = await db
        .select({ ...userColumns, local: sql<string>`lower(split_part(${users.email}, '@', 1))` })
        .from(users)
        .where(
          and(
            isNull(users.disabledAt),
            or(
              inArray(sql`lower(${users.email})`, wanted),
              inArray(sql`lower(split_part(${users.email}, '@', 1))`, wanted),
            ),
          ),
        );
      const found: Array<(typeof rows)[number] & { handle: string }> = [];
      for (const handle of wanted) {
        const byEmail = rows.filter((row) => row.email.toLowerCase() === handle);
        // A bare handle shared by two people names neither: better no notification than a wrong one.
        const matches = byEmail.length > 0 ? byEmail : rows.filter((row) => row.local === handle);
        if (matches.length === 1) found.push({ ...matches[0]!, handle });
      }
      return found.map(({ local: _local, ...user }) => user);
    },
    async createApiToken(values) {
      const [row] = await guarded(
        db
          .insert(apiTokens)
          .values({ ...values, scopes: [...values.scopes] })
          .returning({ id: apiTokens.id }),
      );
      return row!;
    },
    async findByApiTokenHash(tokenHash, now) {
      const [row] = await db
        .select({ user: userColumns, tokenId: apiTokens.id, scopes: apiTokens.scopes })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(
          and(
            eq(apiTokens.tokenHash, tokenHash),
            isNull(apiTokens.revokedAt),
            isNull(users.disabledAt),
            or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          ),
        );
      if (row) {
        await db
          .update(apiTokens)
          .set({ lastUsedAt: now })
          .where(
            and(
              eq(apiTokens.id, row.tokenId),
              // At most one write a minute per token: using a token must stay cheap.
              or(
                isNull(apiTokens.lastUsedAt),
                lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)),
              ),
            ),
          );
      }
      return row;
    },
    async revokeApiToken(userId, tokenId, now) {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(
          and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
        )
        .returning({ id: apiTokens.id });
      return rows.length === 1;
    },
    listApiTokens(userId) {
      return db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          scopes: apiTokens.scopes,
          createdAt: apiTokens.createdAt,
          lastUsedAt: apiTokens.lastUsedAt,
          expiresAt: apiTokens.expiresAt,
          revokedAt: apiTokens.revokedAt,
        })
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
    },
  };
}
