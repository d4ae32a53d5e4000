import { and, asc, count, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { UserCredentials, UserRepository } from '../core/ports.js';
import type { UserAccount } from '../core/types.js';
import type { Db } from './client.js';
import { guarded, updateVersioned } from './repo-support.js';
import { apiTokens, recoveryCodes, users } from './schema.js';

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  disabledAt: users.disabledAt,
};

const credentialColumns = {
  user: userColumns,
  passwordHash: users.passwordHash,
  totpSecretEncrypted: users.totpSecretEncrypted,
  totpEnabledAt: users.totpEnabledAt,
  totpLastStep: users.totpLastStep,
};

const accountColumns = {
  ...userColumns,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`,
  totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
};

/** A full users row reduced to what may leave the repository: no hash, no secret. */
function toAccount(row: typeof users.$inferSelect): UserAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    disabledAt: row.disabledAt,
    hasPassword: row.passwordHash !== null,
    totpEnabled: row.totpEnabledAt !== null,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function userRepository(db: Db): UserRepository {
  const credentialsWhere = async (where: ReturnType<typeof eq>) => {
    const [row] = await db.select(credentialColumns).from(users).where(where);
    return row satisfies UserCredentials | undefined;
  };
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
    findCredentialsByEmail: (email) =>
      credentialsWhere(eq(sql`lower(${users.email})`, email.toLowerCase())),
    findCredentialsById: (id) => credentialsWhere(eq(users.id, id)),
    async findAccount(id) {
      const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id));
      return row;
    },
    listAccounts() {
      return db
        .select(accountColumns)
        .from(users)
        .orderBy(asc(sql`lower(${users.email})`));
    },
    async updateAccount(id, expectedVersion, patch) {
      const result = await updateVersioned<typeof users.$inferSelect>(
        db,
        users,
        id,
        expectedVersion,
        { ...patch },
      );
      return result.ok ? { ok: true, row: toAccount(result.row) } : result;
    },
    async countActiveAdmins() {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
      return row?.n ?? 0;
    },
    async setPassword(id, passwordHash, now) {
      await db
        .update(users)
        .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
        .where(eq(users.id, id));
    },
    async recordLogin(id, now) {
      await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
    },
    async setTotp(id, secretEncrypted, enabledAt) {
      await db
        .update(users)
        .set({ totpSecretEncrypted: secretEncrypted, totpEnabledAt: enabledAt, totpLastStep: null })
        .where(eq(users.id, id));
    },
    async advanceTotpStep(id, step) {
      // One conditional write: two requests racing with the same code cannot both win.
      const rows = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      return rows.length === 1;
    },
    async replaceRecoveryCodes(userId, codeHashes) {
      await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length > 0) {
        await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
      }
    },
    async useRecoveryCode(userId, codeHash, now) {
      const rows = await db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(recoveryCodes.userId, userId),
            eq(recoveryCodes.codeHash, codeHash),
            isNull(recoveryCodes.usedAt),
          ),
        )
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    },
    async countUnusedRecoveryCodes(userId) {
      const [row] = await db
        .select({ n: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return row?.n ?? 0;
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
