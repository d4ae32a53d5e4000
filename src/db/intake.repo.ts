import { eq, lt, sql } from 'drizzle-orm';
import type { IntegrationRepository, NonceRepository, TipRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { guarded } from './repo-support.js';
import { integrations, tips, usedNonces, watchTerms } from './schema.js';
import type { WatchTermRepository } from '../core/watch-term.service.js';

const tipColumns = {
  id: tips.id,
  itemId: tips.itemId,
  status: tips.status,
  answerCheckId: tips.answerCheckId,
  language: tips.language,
  hasContact: sql<boolean>`${tips.contactEncrypted} is not null`,
  createdAt: tips.createdAt,
  updatedAt: tips.updatedAt,
  closedAt: tips.closedAt,
};

/** Tips of the public tip line. */
export function tipRepository(db: Db): TipRepository {
  return {
    async insert(values) {
      const [row] = await db
        .insert(tips)
        .values({ ...values, updatedAt: values.createdAt })
        .returning(tipColumns);
      return row!;
    },
    async findByDigest(receiptDigest) {
      const [row] = await db
        .select(tipColumns)
        .from(tips)
        .where(eq(tips.receiptDigest, receiptDigest));
      return row;
    },
    async deleteExpiredContacts(now, answeredBefore, receivedBefore) {
      // An answered tip's updated_at is when it was answered: tips are not edited afterwards.
      const rows = await db
        .update(tips)
        .set({ contactEncrypted: null, contactDeleteAfter: null, updatedAt: now })
        .where(
          sql`${tips.contactEncrypted} is not null and (${tips.contactDeleteAfter} <= ${now.toISOString()}::timestamptz
            or ${tips.createdAt} <= ${receivedBefore.toISOString()}::timestamptz
            or (${tips.status} in ('answered', 'closed')
              and coalesce(${tips.closedAt}, ${tips.updatedAt}) <= ${answeredBefore.toISOString()}::timestamptz))`,
        )
        .returning({ id: tips.id });
      return rows.map((row) => row.id);
    },
  };
}

/** Used one-time values, shared by every process through the database. */
export function nonceRepository(db: Db): NonceRepository {
  return {
    async use(nonce, expiresAt) {
      const inserted = await db
        .insert(usedNonces)
        .values({ nonce, expiresAt })
        .onConflictDoNothing()
        .returning({ nonce: usedNonces.nonce });
      return inserted.length === 1;
    },
    async purgeExpired(now) {
      const deleted = await db
        .delete(usedNonces)
        .where(lt(usedNonces.expiresAt, now))
        .returning({ nonce: usedNonces.nonce });
      return deleted.length;
    },
  };
}

const integrationColumns = {
  id: integrations.id,
  name: integrations.name,
  enabled: integrations.enabled,
  createdAt: integrations.createdAt,
  lastUsedAt: integrations.lastUsedAt,
};

/** Integrations that post through the signed webhook. */
export function integrationRepository(db: Db): IntegrationRepository {
  return {
    async insert(values) {
      const [row] = await guarded(
        db.insert(integrations).values(values).returning(integrationColumns),
      );
      return row!;
    },
    async findWithSecret(id) {
      const [row] = await db
        .select({ ...integrationColumns, secretEncrypted: integrations.secretEncrypted })
        .from(integrations)
        .where(eq(integrations.id, id));
      return row;
    },
    list: () => db.select(integrationColumns).from(integrations).orderBy(integrations.name),
    async touch(id, now) {
      await db.update(integrations).set({ lastUsedAt: now }).where(eq(integrations.id, id));
    },
  };
}

/** The desk's watch terms. */
export function watchTermRepository(db: Db): WatchTermRepository {
  const columns = { id: watchTerms.id, term: watchTerms.term, createdAt: watchTerms.createdAt };
  return {
    list: () => db.select(columns).from(watchTerms).orderBy(watchTerms.folded),
    async insert(values) {
      const [row] = await guarded(db.insert(watchTerms).values(values).returning(columns));
      return row!;
    },
    async delete(id) {
      const rows = await db.delete(watchTerms).where(eq(watchTerms.id, id)).returning(columns);
      return rows.length === 1;
    },
  };
}
