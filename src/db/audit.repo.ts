import { asc, desc, gt, sql } from 'drizzle-orm';
import {
  AUDIT_GENESIS_HASH,
  auditHash,
  verifyAuditEvents,
  type AuditEventInput,
  type ChainVerdict,
  type StoredAuditEvent,
} from '../core/audit.js';
import type { Db } from './client.js';
import { auditEvents } from './schema.js';

/** Arbitrary constant: the advisory lock that serialises appends to the chain. */
const AUDIT_LOCK_KEY = 726_101;

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change, so
 * the change and its record commit or roll back together. Appends are serialised by a
 * transaction-scoped advisory lock: two writers must never link to the same previous hash.
 */
export async function appendAudit(executor: Db, event: AuditEventInput): Promise<string> {
  return appendAuditEvents(executor, [event]);
}

/** Rows per INSERT: well under PostgreSQL's limit of 65,535 bind parameters. */
const AUDIT_INSERT_CHUNK = 1000;

/**
 * Appends events in order, chained to the last stored one; returns the hash of the last. Same
 * transaction and lock rules as {@link appendAudit}.
 */
export async function appendAuditEvents(
  executor: Db,
  events: readonly AuditEventInput[],
): Promise<string> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1);
    let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
    const rows = events.map((event) => {
      // Millisecond precision: what JavaScript can represent is what gets hashed and stored.
      const occurredAt = new Date(Math.floor(event.occurredAt.getTime()));
      const hash = auditHash(prevHash, { ...event, occurredAt });
      const row = {
        occurredAt,
        actorKind: event.actor.kind,
        actorId: event.actor.id,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        data: event.data ?? {},
        prevHash,
        hash,
      };
      prevHash = hash;
      return row;
    });
    if (rows.length === 1) {
      await tx.insert(auditEvents).values(rows[0]!);
    } else {
      // Bulk intake: one JSON parameter per chunk is several times faster than bound rows.
      for (let i = 0; i < rows.length; i += AUDIT_INSERT_CHUNK) {
        const chunk = rows.slice(i, i + AUDIT_INSERT_CHUNK).map((row, seq) => ({ ...row, seq }));
        await tx.execute(sql`
          insert into audit_events (occurred_at, actor_kind, actor_id, action, entity_type,
            entity_id, data, prev_hash, hash)
          select "occurredAt", "actorKind", "actorId", action, "entityType", "entityId", data,
            "prevHash", hash
          from json_to_recordset(${JSON.stringify(chunk)}::json) as d("occurredAt" timestamptz,
            "actorKind" actor_kind, "actorId" uuid, action text, "entityType" text,
            "entityId" text, data jsonb, "prevHash" text, hash text, seq int)
          order by seq`);
      }
    }
    return prevHash;
  });
}

/** Re-computes the whole chain page by page; reports the first tampered or missing event. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<ChainVerdict> {
  let lastId = 0;
  let verdict: ChainVerdict = { ok: true, checked: 0, lastHash: AUDIT_GENESIS_HASH };
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, lastId))
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (rows.length === 0) return verdict;
    const events: StoredAuditEvent[] = rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      actor: { kind: row.actorKind, id: row.actorId },
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      data: row.data as Record<string, unknown>,
      prevHash: row.prevHash,
      hash: row.hash,
    }));
    if (!verdict.ok) return verdict;
    verdict = verifyAuditEvents(events, verdict.lastHash, verdict.checked);
    if (!verdict.ok) return verdict;
    lastId = rows[rows.length - 1]!.id;
  }
}
