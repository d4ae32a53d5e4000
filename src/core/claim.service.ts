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

/** Checkable statements and their workflow. */
export function createClaimService(repos: Repositories, clock: Clock) {
  return {
    list: (input: ListInput<ClaimFilter>) => listPage((f, p) => repos.claims.list(f, p), input),
    get: (id: string) => found(repos.claims.findById(id), 'Claim', id),
    itemIds: (id: string) => repos.claims.itemIds(id),
    async create(principal: Principal, input: ClaimCreateInput): Promise<Claim> {
      authorize(principal, 'claims.create');
      const text = input.text.trim();
      if (!text) throw new ValidationError([{ field: 'text', message: 'must not be blank' }]);
      const now = clock();
      const priority = input.priority ?? 'normal';
      return repos.transaction(async (tx) => {
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
      return repos.transaction(async (tx) => {
        const current = await found(tx.claims.findById(id), 'Claim', id);
        const patch: ClaimPatch = { ...input };
        if (input.text !== undefined) {
          const text = input.text.trim();
          if (!text) throw new ValidationError([{ field: 'text', message: 'must not be blank' }]);
          Object.assign(patch, { text }, textFields(text));
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
          ...(input.status ? { from: current.status } : {}),
        });
        return claim;
      });
    },
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
