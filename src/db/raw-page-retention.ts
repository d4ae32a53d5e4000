/**
 * Raw fetched pages (the bytes behind a snapshot) are kept for a set number of days; the
 * snapshot's text, hash and time stay as evidence. Bytes still used by an uploaded file or by a
 * younger snapshot are kept. Each run that deletes something is recorded in the audit chain
 * (which snapshots, never their content); audit events themselves are never deleted.
 */
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../core/audit.js';
import { appendAudit } from './audit.repo.js';
import type { Db } from './client.js';

const DAY_MS = 86_400_000;

/** Deletes raw pages fetched more than `days` days before `now`; returns how many snapshots lost theirs. */
export async function purgeExpiredRawPages(db: Db, now: Date, days: number): Promise<number> {
  if (days <= 0) return 0;
  const before = new Date(now.getTime() - days * DAY_MS);
  return db.transaction(async (tx) => {
    const result: unknown = await tx.execute(sql`
      update snapshots set storage_key = null
       where storage_key is not null and fetched_at < ${before.toISOString()}::timestamptz
      returning id, sha256`);
    const expired = (result as { rows: Array<{ id: string; sha256: string }> }).rows;
    if (expired.length === 0) return 0;
    const hashes = [...new Set(expired.map((r) => r.sha256))];
    await tx.execute(sql`
      delete from file_blobs b
       where b.sha256 in (select jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb))
         and not exists (select 1 from snapshots s where s.storage_key = b.sha256)
         and not exists (select 1 from evidence e
                          where e.file_storage_key = b.sha256 or e.file_sha256 = b.sha256)`);
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'snapshots.raw_deleted',
      entityType: 'snapshot',
      entityId: null,
      occurredAt: now,
      data: {
        snapshotIds: expired.map((r) => r.id).sort(),
        policy: { rawPageRetentionDays: days },
      },
    });
    return expired.length;
  });
}
