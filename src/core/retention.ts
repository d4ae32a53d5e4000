/**
 * How long tipsters' and journalists' contact data is kept. A contact exists only so the office
 * can answer: it goes a set time after the tip or the press inquiry is answered or closed, and
 * never later than a ceiling counted from receipt, whatever happens to it.
 */
import type { Actor } from './audit.js';
import { ValidationError, VersionConflictError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { record } from './service-support.js';

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

/** Accepted values, in days, for the configuration and the desk alike. */
export const CONTACT_RETENTION_LIMITS = Object.freeze({
  afterAnswerDays: Object.freeze({ min: 0, max: 3650 }),
  maxDays: Object.freeze({ min: 1, max: 3650 }),
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
 * Deletes every contact whose time is up, tipsters' and journalists', and records it in the
 * audit chain (which tips and inquiries, never what the contact was). Returns how many were
 * deleted.
 */
export async function purgeExpiredContacts(
  repos: Repositories,
  clock: Clock,
  retention: ContactRetention,
): Promise<number> {
  const now = clock();
  return repos.transaction(async (tx) => {
    // The ceiling stored at receipt, and the ceiling as the policy stands now: a shortened
    // policy applies to contacts already held.
    const answered = answeredBefore(now, retention);
    const received = new Date(now.getTime() - retention.maxDays * DAY_MS);
    const tipIds = await tx.tips.deleteExpiredContacts(now, answered, received);
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
    const inquiryIds = await tx.inquiries.deleteExpiredContacts(now, answered, received);
    if (inquiryIds.length > 0) {
      await tx.audit.append({
        actor: SYSTEM,
        action: 'inquiries.contacts_deleted',
        entityType: 'inquiry',
        entityId: null,
        occurredAt: now,
        data: { inquiryIds, policy: { ...retention } },
      });
    }
    return tipIds.length + inquiryIds.length;
  });
}

/** The settings group that holds the retention policy. */
export const RETENTION_SETTINGS_KEY = 'retention';

/** The policy in force, where it comes from, and the version to send back with a change. */
export interface RetentionSettings extends ContactRetention {
  /** 0 while the policy comes from the configuration. */
  version: number;
  /** `database` once an administrator saved it from the desk. */
  source: 'config' | 'database';
  /** The configuration's values, in force when nothing is stored. */
  defaults: ContactRetention;
  updatedAt: Date | null;
  updatedById: string | null;
}

/** The problems of a proposed policy; empty when it is acceptable. */
export function retentionProblems(value: ContactRetention): Array<{
  field: string;
  message: string;
}> {
  const problems: Array<{ field: string; message: string }> = [];
  for (const field of ['afterAnswerDays', 'maxDays'] as const) {
    const { min, max } = CONTACT_RETENTION_LIMITS[field];
    const days = value[field];
    if (!Number.isInteger(days) || days < min || days > max) {
      problems.push({ field, message: `must be a whole number of days from ${min} to ${max}` });
    }
  }
  if (problems.length === 0 && value.afterAnswerDays > value.maxDays) {
    problems.push({
      field: 'afterAnswerDays',
      message: `cannot exceed the ceiling of ${value.maxDays} days after receipt`,
    });
  }
  return problems;
}

/** A stored value as a policy, or undefined when it is not one (edited by hand, say). */
function storedPolicy(value: unknown): ContactRetention | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { afterAnswerDays, maxDays } = value as Record<string, unknown>;
  if (typeof afterAnswerDays !== 'number' || typeof maxDays !== 'number') return undefined;
  const policy = { afterAnswerDays, maxDays };
  return retentionProblems(policy).length === 0 ? policy : undefined;
}

async function readRetention(
  repos: Repositories,
  defaults: ContactRetention,
): Promise<RetentionSettings> {
  const stored = await repos.settings.get(RETENTION_SETTINGS_KEY);
  const policy = stored ? storedPolicy(stored.value) : undefined;
  return {
    ...(policy ?? defaults),
    version: stored?.version ?? 0,
    source: policy ? 'database' : 'config',
    defaults: { ...defaults },
    updatedAt: stored?.updatedAt ?? null,
    updatedById: stored?.updatedById ?? null,
  };
}

/**
 * The policy in force: what an administrator stored, else the configuration's `defaults`.
 * The purge and the tip intake read it each time, so a change applies without a restart.
 */
export async function effectiveContactRetention(
  repos: Repositories,
  defaults: ContactRetention,
): Promise<ContactRetention> {
  const { afterAnswerDays, maxDays } = await readRetention(repos, defaults);
  return { afterAnswerDays, maxDays };
}

/**
 * The housekeeping purge: deletes the contacts whose time is up under the policy in force now
 * (stored from the desk, else `defaults`). Returns how many were deleted.
 */
export async function purgeContactsUnderPolicy(
  repos: Repositories,
  clock: Clock,
  defaults: ContactRetention,
): Promise<number> {
  return purgeExpiredContacts(repos, clock, await effectiveContactRetention(repos, defaults));
}

/** Reading and changing the retention policy from the desk. */
export function createRetentionService(
  repos: Repositories,
  clock: Clock,
  defaults: ContactRetention = DEFAULT_CONTACT_RETENTION,
) {
  return {
    async get(principal: Principal): Promise<RetentionSettings> {
      authorize(principal, 'settings.read');
      return readRetention(repos, defaults);
    },
    /** Saves a new policy if nobody changed it since `version` was read; audited. */
    async update(
      principal: Principal,
      input: ContactRetention & { version: number },
    ): Promise<RetentionSettings> {
      authorize(principal, 'settings.write');
      const policy = { afterAnswerDays: input.afterAnswerDays, maxDays: input.maxDays };
      const problems = retentionProblems(policy);
      if (problems.length > 0) {
        throw new ValidationError(problems, 'The retention policy is invalid.');
      }
      return repos.transaction(async (tx) => {
        const before = await readRetention(tx, defaults);
        const result = await tx.settings.put(
          RETENTION_SETTINGS_KEY,
          input.version,
          policy,
          principal.user?.id ?? null,
        );
        if (!result.ok) {
          throw new VersionConflictError(
            'Settings',
            RETENTION_SETTINGS_KEY,
            input.version,
            result.currentVersion,
          );
        }
        await record(
          tx,
          principal.actor,
          clock(),
          'settings.updated',
          'settings',
          RETENTION_SETTINGS_KEY,
          {
            before: { afterAnswerDays: before.afterAnswerDays, maxDays: before.maxDays },
            after: policy,
          },
        );
        return readRetention(tx, defaults);
      });
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
