/**
 * How long tipsters' contact data is kept. A contact exists only so the office can tell the
 * tipster the answer: it goes a set time after the tip is answered or closed, and never later
 * than a ceiling counted from receipt, whatever happens to the tip.
 */
import type { Actor } from './audit.js';
import type { Clock, Repositories } from './ports.js';

export interface ContactRetention {
  /** Days a contact is kept after its tip was answered or closed. */
  afterAnswerDays: number;
  /** Days after receipt when a contact is deleted in any case. */
  maxDays: number;
}

export const DEFAULT_CONTACT_RETENTION: ContactRetention = Object.freeze({
  afterAnswerDays: 90,
  maxDays: 365,
});

const DAY_MS = 86_400_000;

/** The date by which a contact received at `receivedAt` is deleted at the latest. */
export function contactCeiling(receivedAt: Date, retention: ContactRetention): Date {
  return new Date(receivedAt.getTime() + retention.maxDays * DAY_MS);
}

/** Tips answered or closed before this moment have outlived their contact. */
export function answeredBefore(now: Date, retention: ContactRetention): Date {
  return new Date(now.getTime() - retention.afterAnswerDays * DAY_MS);
}

const SYSTEM: Actor = { kind: 'system', id: null };

/**
 * Deletes every contact whose time is up and records it in the audit chain (which tips, never
 * what the contact was). Returns how many were deleted.
 */
export async function purgeExpiredContacts(
  repos: Repositories,
  clock: Clock,
  retention: ContactRetention,
): Promise<number> {
  const now = clock();
  return repos.transaction(async (tx) => {
    const tipIds = await tx.tips.deleteExpiredContacts(now, answeredBefore(now, retention));
    if (tipIds.length > 0) {
      await tx.audit.append({
        actor: SYSTEM,
        action: 'tips.contacts_deleted',
        entityType: 'tip',
        entityId: null,
        occurredAt: now,
        data: { tipIds, policy: { ...retention } },
      });
    }
    return tipIds.length;
  });
}
