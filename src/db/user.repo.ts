import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
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
    async createApiToken(values) {
      const [row] = await guarded(
        db.insert(apiTokens).values(values).returning({ id: apiTokens.id }),
      );
      return row!;
    },
    async findByApiTokenHash(tokenHash, now) {
      const [row] = await db
        .select(userColumns)
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
      return row;
    },
  };
}
