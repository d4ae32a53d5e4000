import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { ValidationError } from './errors.js';
import { authorize, can } from './policy.js';
import type { ClaimFilter, ClaimPatch, Clock, Principal, Repositories } from './ports.js';
import {
  applied,
  definedOnly,
  found,
  listPage,
  record,
  type ListInput,
} from './service-support.js';
import { textFields } from './text-fields.js';
import type { Claim, ClaimStatus, Priority, RejectionReason } from './types.js';
import { assertClaimTransition, defaultDueAt } from './workflow.js';

export interface ClaimCreateInput {
  text: string;
  language?: string | undefined;
  priority?: Priority | undefined;
  dueAt?: Date | undefined;
  categoryId?: string | null | undefined;
  itemIds?: string[] | undefined;
}

export interface ClaimUpdateInput {
  text?: string | undefined;
  language?: string | undefined;
  status?: ClaimStatus | undefined;
  rejectionReason?: RejectionReason | null | undefined;
  priority?: Priority | undefined;
  dueAt?: Date | null | undefined;
  assigneeId?: string | null | undefined;
  categoryId?: string | null | undefined;
}

/** A claim's text, trimmed; blank is a validation error. */
export function claimText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new ValidationError([{ field: 'text', message: 'must not be blank' }]);
  return trimmed;
}

/**
 * Throws unless `assigneeId` names an active user whose role works on claims: work is never
 * handed to a contributor, the press office or a disabled account.
 */
export async function assertAssignable(repos: Repositories, assigneeId: string): Promise<void> {
  const user = await repos.users.findById(assigneeId);
  const principal: Principal = { actor: { kind: 'user', id: assigneeId }, user: user ?? null };
  if (!user || user.disabledAt || !can(principal, 'claims.update')) {
    throw new ValidationError([
      {
        field: 'assigneeId',
        message: 'must be an active user whose role works on claims (editor, lead or admin)',
      },
    ]);
  }
}

/** Checkable statements and their workflow. */
export function createClaimService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  const announce = (claim: Claim, action: string, principal: Principal) =>
    feed.publish({
      entity: 'claim',
      id: claim.id,
      version: claim.version,
      action,
      actorId: principal.user?.id ?? null,
    });
  return {
    list: (
      input: ListInput<Omit<ClaimFilter, 'overdueAt'> & { overdue?: boolean | undefined }>,
    ) => {
      const { overdue, ...filter } = input.filter;
      return listPage((f: ClaimFilter, p) => repos.claims.list(f, p), {
        ...input,
        filter: { ...filter, overdueAt: overdue ? clock() : undefined },
      });
    },
    get: (id: string) => found(repos.claims.findById(id), 'Claim', id),
    itemIds: (id: string) => repos.claims.itemIds(id),
    async create(principal: Principal, input: ClaimCreateInput): Promise<Claim> {
      authorize(principal, 'claims.create');
      const text = claimText(input.text);
      const now = clock();
      const priority = input.priority ?? 'normal';
      const claim = await repos.transaction(async (tx) => {
        const claim = await tx.claims.insert({
          text,
          ...textFields(text),
          language: input.language ?? 'vi',
          priority,
          dueAt: input.dueAt ?? defaultDueAt(now, priority),
          categoryId: input.categoryId ?? null,
          createdById: principal.user.id,
        });
        if (input.itemIds?.length)
          await tx.claims.linkItems(claim.id, input.itemIds, principal.user.id);
        await record(tx, principal.actor, now, 'claim.created', 'claim', claim.id, {
          priority,
          itemIds: input.itemIds ?? [],
        });
        return claim;
      });
      announce(claim, 'claim.created', principal);
      return claim;
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      input: ClaimUpdateInput,
    ): Promise<Claim> {
      authorize(principal, 'claims.update');
      if (input.assigneeId !== undefined && !can(principal, 'claims.assign')) {
        // Editors may take a claim themselves; assigning others is the lead's call.
        if (input.assigneeId !== principal.user.id) authorize(principal, 'claims.assign');
      }
      if (input.assigneeId) await assertAssignable(repos, input.assigneeId);
      const claim = await repos.transaction(async (tx) => {
        const current = await found(tx.claims.findById(id), 'Claim', id);
        const patch: ClaimPatch = { ...input };
        if (input.text !== undefined) {
          const text = claimText(input.text);
          Object.assign(patch, { text }, textFields(text));
        }
        if (
          input.priority !== undefined &&
          input.priority !== current.priority &&
          input.dueAt === undefined &&
          current.dueAt !== null &&
          // Within a minute: the database stamps creation, the service computed the deadline.
          Math.abs(
            current.dueAt.getTime() - defaultDueAt(current.createdAt, current.priority).getTime(),
          ) < 60_000
        ) {
          // A deadline that was the priority's default follows the new priority; one set by
          // hand stays.
          patch.dueAt = defaultDueAt(current.createdAt, input.priority);
        }
        if (input.status !== undefined) {
          assertClaimTransition(current.status, input.status);
          if (input.status === 'rejected') {
            if (!input.rejectionReason) {
              throw new ValidationError([
                {
                  field: 'rejectionReason',
                  message:
                    'is required to reject a claim (duplicate, not_checkable or out_of_scope)',
                },
              ]);
            }
          } else {
            patch.rejectionReason = null;
          }
          if (!current.firstResponseAt && input.status !== 'new') patch.firstResponseAt = clock();
        } else if (input.rejectionReason !== undefined && current.status !== 'rejected') {
          throw new ValidationError([
            { field: 'rejectionReason', message: 'only a rejected claim has a rejection reason' },
          ]);
        }
        const claim = applied(
          await tx.claims.updateVersioned(id, version, patch),
          'Claim',
          id,
          version,
        );
        await record(tx, principal.actor, clock(), 'claim.updated', 'claim', id, {
          ...definedOnly(input),
          ...(patch.dueAt !== input.dueAt ? { dueAt: patch.dueAt } : {}),
          ...(input.status ? { from: current.status } : {}),
        });
        return claim;
      });
      announce(claim, 'claim.updated', principal);
      return claim;
    },
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
