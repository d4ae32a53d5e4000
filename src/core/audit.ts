import { createHash } from 'node:crypto';

/** Who did something: a user, an API token's owner, the system itself or the public. */
export interface Actor {
  kind: 'user' | 'api_token' | 'system' | 'public';
  id: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ kind: 'system', id: null });

/** One change worth keeping forever. */
export interface AuditEventInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string | null;
  data?: Record<string, unknown>;
  occurredAt: Date;
}

/** The hash of the empty chain; the first event links to it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every level, so the hash does not depend on storage key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hash of an event chained to the previous event's hash. */
export function auditHash(prevHash: string, event: AuditEventInput): string {
  const body = canonicalJson({
    prevHash,
    occurredAt: event.occurredAt.toISOString(),
    actorKind: event.actor.kind,
    actorId: event.actor.id,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    data: event.data ?? {},
  });
  return createHash('sha256').update(body).digest('hex');
}

/** A stored event as the verifier reads it back. */
export interface StoredAuditEvent extends AuditEventInput {
  id: number;
  prevHash: string;
  hash: string;
}

/** Result of walking the chain: where it first breaks, if it does. */
export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: number; reason: string };

/**
 * Walks events in id order and reports the first one whose hash or link does not hold.
 * Feed it pages; pass the previous page's verdict's `lastHash` to continue.
 */
export function verifyAuditEvents(
  events: Iterable<StoredAuditEvent>,
  startHash = AUDIT_GENESIS_HASH,
  alreadyChecked = 0,
): ChainVerdict {
  let prev = startHash;
  let checked = alreadyChecked;
  for (const event of events) {
    if (event.prevHash !== prev) {
      return {
        ok: false,
        checked,
        brokenAtId: event.id,
        reason: 'link to the previous event does not match (an event was removed or reordered)',
      };
    }
    if (auditHash(prev, event) !== event.hash) {
      return {
        ok: false,
        checked,
        brokenAtId: event.id,
        reason: 'content does not match its hash (the event was altered)',
      };
    }
    prev = event.hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prev };
}
