/**
 * Triage: the desk decides what becomes of incoming items and new claims. Accept items into a
 * claim (new or existing), dismiss them with a reason, split one item into several claims, accept
 * or reject a claim, and merge duplicate claims (the items and evidence of one move to the
 * other, which is closed as a duplicate pointing to it). Each decision is one transaction with
 * its audit events; a decision somebody else already took is a conflict, never a silent redo.
 */
import { assertAssignable, claimText, type ClaimCreateInput } from './claim.service.js';
import { ensureChecklist } from './checklist.service.js';
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import {
  ConstraintViolationError,
  InvalidTransitionError,
  StaleStateError,
  ValidationError,
} from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { applied, found, record } from './service-support.js';
import { textFields } from './text-fields.js';
import type { Claim, ItemStatus, RejectionReason } from './types.js';
import { defaultDueAt } from './workflow.js';

/** Items named one by one and/or as a near-duplicate cluster. */
export interface ItemSelection {
  itemIds?: string[] | undefined;
  clusterId?: string | undefined;
}

/** The claim items are accepted into: an existing one, or a new one described here. */
export type ClaimChoice =
  | { claimId: string; claim?: undefined }
  | { claimId?: undefined; claim: Omit<ClaimCreateInput, 'itemIds'> & { assigneeId?: string } };

const UNTRIAGED: readonly ItemStatus[] = ['new', 'queued'];
const CLOSED_FOR_MERGE = new Set(['published', 'corrected', 'rejected']);

export function createTriageService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  /**
   * The untriaged items selected. Items named by id must all be untriaged (else somebody
   * triaged them first: a conflict); a cluster contributes its untriaged items.
   */
  async function untriagedItems(tx: Repositories, selection: ItemSelection): Promise<string[]> {
    const named = [...new Set(selection.itemIds ?? [])];
    const statuses = await tx.items.statuses(named);
    const missing = named.filter((id) => !statuses.some((s) => s.id === id));
    if (missing.length > 0) {
      throw new ValidationError([
        { field: 'itemIds', message: `unknown item(s): ${missing.join(', ')}` },
      ]);
    }
    const done = statuses.filter((s) => !UNTRIAGED.includes(s.status));
    if (done.length > 0) {
      throw new StaleStateError(
        `Somebody already triaged ${done.length === 1 ? 'this item' : 'these items'} (${done
          .map((d) => `${d.id}: ${d.status}`)
          .join(', ')}). Reload the queue.`,
        { entity: 'item', ids: done.map((d) => d.id) },
      );
    }
    const ids = new Set(named);
    if (selection.clusterId) {
      const inCluster = await tx.items.statuses(await tx.items.idsInCluster(selection.clusterId));
      for (const item of inCluster) if (UNTRIAGED.includes(item.status)) ids.add(item.id);
    }
    if (ids.size === 0) {
      if (selection.clusterId && named.length === 0) {
        throw new StaleStateError(
          'Every item of this cluster was triaged already. Reload the queue.',
          {
            entity: 'cluster',
            id: selection.clusterId,
          },
        );
      }
      throw new ValidationError([
        { field: 'itemIds', message: 'name at least one item or a cluster' },
      ]);
    }
    return [...ids];
  }

  async function newClaim(
    tx: Repositories,
    principal: Principal & { user: NonNullable<Principal['user']> },
    input: Omit<ClaimCreateInput, 'itemIds'> & { assigneeId?: string | undefined },
    now: Date,
  ): Promise<Claim> {
    const text = claimText(input.text);
    const priority = input.priority ?? 'normal';
    if (input.assigneeId) {
      if (input.assigneeId !== principal.user.id) authorize(principal, 'claims.assign');
      await assertAssignable(tx, input.assigneeId);
    }
    const inserted = await tx.claims.insert({
      text,
      ...textFields(text),
      language: input.language ?? 'vi',
      priority,
      dueAt: input.dueAt ?? defaultDueAt(now, priority),
      categoryId: input.categoryId ?? null,
      createdById: principal.user.id,
    });
    // Accepting at triage is the desk's first response: the claim goes straight to research.
    const claim = applied(
      await tx.claims.updateVersioned(inserted.id, inserted.version, {
        status: 'researching',
        firstResponseAt: now,
        ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
      }),
      'Claim',
      inserted.id,
      inserted.version,
    );
    await ensureChecklist(tx, claim.id);
    await record(tx, principal.actor, now, 'claim.created', 'claim', claim.id, {
      priority,
      status: claim.status,
      via: 'triage',
    });
    return claim;
  }

  async function openClaim(tx: Repositories, claimId: string): Promise<Claim> {
    const claim = await found(tx.claims.findById(claimId), 'Claim', claimId);
    if (claim.mergedIntoId) {
      throw new ValidationError([
        {
          field: 'claimId',
          message: `this claim was merged into ${claim.mergedIntoId}; use that claim`,
        },
      ]);
    }
    return claim;
  }

  const announceClaim = (claim: Claim, action: string, principal: Principal) =>
    feed.publish({
      entity: 'claim',
      id: claim.id,
      version: claim.version,
      action,
      actorId: principal.user?.id ?? null,
    });
  const announceItems = (ids: readonly string[], action: string, principal: Principal) => {
    for (const id of ids) {
      feed.publish({
        entity: 'item',
        id,
        version: null,
        action,
        actorId: principal.user?.id ?? null,
      });
    }
  };

  /** Moves a claim out of triage, or rejects it; what the queue's buttons do. */
  async function decideClaim(
    principal: Principal,
    claimId: string,
    version: number,
    decision: { accept: true } | { accept: false; reason: RejectionReason },
  ): Promise<Claim> {
    authorize(principal, 'claims.triage');
    const now = clock();
    const action = decision.accept ? 'claim.accepted' : 'claim.rejected';
    const claim = await repos.transaction(async (tx) => {
      const current = await found(tx.claims.findById(claimId), 'Claim', claimId);
      if (current.version !== version) {
        // Checked first so a stale screen gets the conflict, not a confusing transition error.
        applied({ ok: false, currentVersion: current.version }, 'Claim', claimId, version);
      }
      if (current.status !== 'new' && current.status !== 'triage') {
        throw new InvalidTransitionError(
          'claim',
          current.status,
          decision.accept ? 'researching' : 'rejected',
        );
      }
      const claim = applied(
        await tx.claims.updateVersioned(claimId, version, {
          status: decision.accept ? 'researching' : 'rejected',
          rejectionReason: decision.accept ? null : decision.reason,
          ...(current.firstResponseAt ? {} : { firstResponseAt: now }),
        }),
        'Claim',
        claimId,
        version,
      );
      if (decision.accept) await ensureChecklist(tx, claimId);
      await record(tx, principal.actor, now, action, 'claim', claimId, {
        from: current.status,
        ...(decision.accept ? {} : { reason: decision.reason }),
      });
      return claim;
    });
    announceClaim(claim, action, principal);
    return claim;
  }

  /**
   * Merges claim `sourceId` into `targetId`: its items and evidence move to the target and it
   * is closed as a duplicate pointing there. `version` is the source's, which the merge closes.
   */
  async function mergeClaims(
    principal: Principal,
    targetId: string,
    input: { sourceId: string; version: number },
  ): Promise<{ target: Claim; source: Claim; movedItemIds: string[]; movedEvidence: number }> {
    authorize(principal, 'claims.triage');
    if (targetId === input.sourceId) {
      throw new ValidationError([
        { field: 'sourceId', message: 'cannot merge a claim into itself' },
      ]);
    }
    const now = clock();
    const result = await repos.transaction(async (tx) => {
      const target = await openClaim(tx, targetId);
      if (target.status === 'rejected') {
        throw new ConstraintViolationError(
          `Claim ${targetId} is rejected; merge into a claim the desk is working on.`,
        );
      }
      const source = await found(tx.claims.findById(input.sourceId), 'Claim', input.sourceId);
      if (source.version !== input.version) {
        applied({ ok: false, currentVersion: source.version }, 'Claim', source.id, input.version);
      }
      if (CLOSED_FOR_MERGE.has(source.status)) {
        throw new ConstraintViolationError(
          `Claim ${source.id} is ${source.status}; only an open claim can be merged into another.`,
        );
      }
      if (await tx.checks.findByClaimId(source.id)) {
        throw new ConstraintViolationError(
          `Claim ${source.id} has a check already; merge the other way round, or keep both.`,
        );
      }
      const movedItemIds = await tx.claims.moveItems(source.id, target.id);
      const movedEvidence = await tx.evidence.moveToClaim(source.id, target.id);
      const closed = applied(
        await tx.claims.updateVersioned(source.id, input.version, {
          status: 'rejected',
          rejectionReason: 'duplicate',
          mergedIntoId: target.id,
          ...(source.firstResponseAt ? {} : { firstResponseAt: now }),
        }),
        'Claim',
        source.id,
        input.version,
      );
      await record(tx, principal.actor, now, 'claim.merged', 'claim', source.id, {
        into: target.id,
        from: source.status,
      });
      await record(tx, principal.actor, now, 'claim.merged_into', 'claim', target.id, {
        source: source.id,
        itemIds: movedItemIds,
        evidence: movedEvidence,
      });
      const targetNow = await found(tx.claims.findById(target.id), 'Claim', target.id);
      return { target: targetNow, source: closed, movedItemIds, movedEvidence };
    });
    announceClaim(result.source, 'claim.merged', principal);
    announceClaim(result.target, 'claim.merged_into', principal);
    return result;
  }

  return {
    /** Accepts items into an existing claim or a new one; returns the claim and the items. */
    async acceptItems(
      principal: Principal,
      input: ItemSelection & ClaimChoice,
    ): Promise<{ claim: Claim; itemIds: string[]; created: boolean }> {
      authorize(principal, 'claims.triage');
      if ((input.claimId === undefined) === (input.claim === undefined)) {
        throw new ValidationError([
          {
            field: 'claimId',
            message: 'give either claimId (an existing claim) or claim (a new one)',
          },
        ]);
      }
      const now = clock();
      const result = await repos.transaction(async (tx) => {
        const itemIds = await untriagedItems(tx, input);
        const claim = input.claim
          ? await newClaim(tx, principal, input.claim, now)
          : await openClaim(tx, input.claimId);
        await tx.claims.linkItems(claim.id, itemIds, principal.user.id);
        await tx.items.setTriage(itemIds, { status: 'linked', dismissReason: null });
        await record(tx, principal.actor, now, 'items.accepted', 'claim', claim.id, {
          itemIds,
          clusterId: input.clusterId ?? null,
        });
        return { claim, itemIds, created: input.claim !== undefined };
      });
      announceClaim(result.claim, result.created ? 'claim.created' : 'items.accepted', principal);
      announceItems(result.itemIds, 'items.accepted', principal);
      return result;
    },

    /** Dismisses items with a reason: a duplicate, not checkable, or out of scope. */
    async rejectItems(
      principal: Principal,
      input: ItemSelection & { reason: RejectionReason },
    ): Promise<{ itemIds: string[] }> {
      authorize(principal, 'claims.triage');
      const now = clock();
      const itemIds = await repos.transaction(async (tx) => {
        const itemIds = await untriagedItems(tx, input);
        await tx.items.setTriage(itemIds, { status: 'dismissed', dismissReason: input.reason });
        await tx.audit.appendMany(
          itemIds.map((id) => ({
            actor: principal.actor,
            action: 'item.dismissed',
            entityType: 'item',
            entityId: id,
            occurredAt: now,
            data: { reason: input.reason, clusterId: input.clusterId ?? null },
          })),
        );
        return itemIds;
      });
      announceItems(itemIds, 'item.dismissed', principal);
      return { itemIds };
    },

    /**
     * One item, several claims: a long article may make several checkable statements. Each
     * entry is a new claim or an existing one; the item is linked to every one of them.
     */
    async splitItem(
      principal: Principal,
      itemId: string,
      input: {
        claims: Array<{ claimId: string } | Omit<ClaimCreateInput, 'itemIds'>>;
      },
    ): Promise<{ itemId: string; claims: Claim[] }> {
      authorize(principal, 'claims.triage');
      if (input.claims.length < 1) {
        throw new ValidationError([{ field: 'claims', message: 'name at least one claim' }]);
      }
      const now = clock();
      const claims = await repos.transaction(async (tx) => {
        const item = await found(tx.items.findById(itemId), 'Item', itemId);
        if (item.status === 'dismissed') {
          throw new StaleStateError(`Item ${itemId} was dismissed by triage. Reload the queue.`, {
            entity: 'item',
            id: itemId,
          });
        }
        const claims: Claim[] = [];
        for (const entry of input.claims) {
          const claim =
            'claimId' in entry
              ? await openClaim(tx, entry.claimId)
              : await newClaim(tx, principal, entry, now);
          await tx.claims.linkItems(claim.id, [itemId], principal.user.id, 'split');
          claims.push(claim);
        }
        await tx.items.setTriage([itemId], { status: 'linked', dismissReason: null });
        await record(tx, principal.actor, now, 'item.split', 'item', itemId, {
          claimIds: claims.map((c) => c.id),
        });
        return claims;
      });
      for (const claim of claims) announceClaim(claim, 'item.split', principal);
      announceItems([itemId], 'item.split', principal);
      return { itemId, claims };
    },

    accept: (principal: Principal, claimId: string, version: number) =>
      decideClaim(principal, claimId, version, { accept: true }),

    /**
     * Rejects a claim in triage. A duplicate of another claim, named by `duplicateOfId`, is
     * merged into it instead, so its items and evidence are kept with the surviving claim.
     */
    async reject(
      principal: Principal,
      claimId: string,
      version: number,
      input: { reason: RejectionReason; duplicateOfId?: string | undefined },
    ): Promise<Claim> {
      if (input.duplicateOfId) {
        if (input.reason !== 'duplicate') {
          throw new ValidationError([
            { field: 'duplicateOfId', message: 'only a duplicate names the claim it duplicates' },
          ]);
        }
        return (await mergeClaims(principal, input.duplicateOfId, { sourceId: claimId, version }))
          .source;
      }
      return decideClaim(principal, claimId, version, { accept: false, reason: input.reason });
    },

    merge: mergeClaims,
  };
}
export type TriageService = ReturnType<typeof createTriageService>;
