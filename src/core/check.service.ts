import { diffCheckSnapshots } from './check-diff.js';
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import {
  InvalidTransitionError,
  NotFoundError,
  SelfApprovalError,
  ValidationError,
} from './errors.js';
import { authorize } from './policy.js';
import type { CheckFilter, CheckPatch, Clock, Principal, Repositories } from './ports.js';
import {
  applied,
  definedOnly,
  found,
  record,
  type ListInput,
  foundPublished,
  listPublished,
} from './service-support.js';
import { slugify } from './slug.js';
import type { Check, CheckStatus, ClaimStatus, Rating } from './types.js';
import { assertPublishable } from './workflow.js';

export interface CheckCreateInput {
  claimId: string;
  title: string;
  slug?: string | undefined;
  rating?: Rating | null | undefined;
  summary?: string | undefined;
  explanation?: string | undefined;
  categoryId?: string | null | undefined;
  language?: string | undefined;
}

export interface CheckUpdateInput {
  title?: string | undefined;
  slug?: string | undefined;
  rating?: Rating | null | undefined;
  summary?: string | undefined;
  explanation?: string | undefined;
  categoryId?: string | null | undefined;
  status?: CheckStatus | undefined;
  /** Required when a published check's content changes: shown publicly in its corrections log. */
  correctionReason?: string | undefined;
  /** Required to send a colleague's check back from review: what to change. */
  reviewComment?: string | undefined;
  /** Required to unpublish: why the check is taken down. */
  unpublishReason?: string | undefined;
}

/** Where the claim stands while its check moves through review. */
const claimStatusForCheck: Partial<Record<CheckStatus, ClaimStatus>> = {
  draft: 'researching',
  in_review: 'in_review',
  approved: 'approved',
};

const CONTENT_FIELDS = ['title', 'rating', 'summary', 'explanation'] as const;

const statusMoves: Readonly<Record<CheckStatus, readonly CheckStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft', 'approved'],
  approved: ['in_review', 'published'],
  published: ['unpublished'],
  unpublished: ['draft', 'in_review', 'published'],
};

/** Published answers to claims: drafting, second-person approval, publishing, corrections. */
export function createCheckService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  const announce = (check: Check, action: string, principal: Principal) =>
    feed.publish({
      entity: 'check',
      id: check.id,
      version: check.version,
      action,
      actorId: principal.user?.id ?? null,
      claimId: check.claimId,
    });
  return {
    // Evidence before verdict: the public never sees a rating that a second person has not
    // approved, so drafts and their history are for staff only.
    list: (principal: Principal, input: ListInput<CheckFilter>) =>
      listPublished(principal, (f, p) => repos.checks.list(f, p), input),
    get: (principal: Principal, id: string) =>
      foundPublished(principal, repos.checks.findById(id), 'Check', id),
    async history(principal: Principal, id: string) {
      await foundPublished(principal, repos.checks.findById(id), 'Check', id);
      const versions = await repos.checks.versions(id);
      return {
        items: principal.user
          ? versions
          : versions.filter((v) => v.snapshot.status === 'published'),
        corrections: await repos.checks.corrections(id),
      };
    },
    /** What changed between two saved versions, field by field. */
    async diff(principal: Principal, id: string, from: number, to: number) {
      authorize(principal, 'checks.write');
      await found(repos.checks.findById(id), 'Check', id);
      const versions = await repos.checks.versions(id);
      const before = versions.find((v) => v.version === from);
      const after = versions.find((v) => v.version === to);
      if (!before) throw new NotFoundError(`Version ${from} of check`, id);
      if (!after) throw new NotFoundError(`Version ${to} of check`, id);
      return {
        from: {
          version: before.version,
          createdAt: before.createdAt,
          editedById: before.editedById,
        },
        to: { version: after.version, createdAt: after.createdAt, editedById: after.editedById },
        fields: diffCheckSnapshots(before.snapshot, after.snapshot),
      };
    },
    /** Review decisions on a check, oldest first. */
    async reviews(principal: Principal, id: string) {
      authorize(principal, 'checks.write');
      await found(repos.checks.findById(id), 'Check', id);
      return repos.checks.reviews(id);
    },
    async create(principal: Principal, input: CheckCreateInput): Promise<Check> {
      authorize(principal, 'checks.write');
      const title = input.title.trim();
      if (!title) throw new ValidationError([{ field: 'title', message: 'must not be blank' }]);
      const created = await repos.transaction(async (tx) => {
        const claim = await found(tx.claims.findById(input.claimId), 'Claim', input.claimId);
        const check = await tx.checks.insert({
          claimId: claim.id,
          title,
          slug: input.slug ?? `${slugify(title, 70)}-${claim.id.slice(0, 6)}`,
          rating: input.rating ?? null,
          summary: input.summary ?? '',
          explanation: input.explanation ?? '',
          categoryId: input.categoryId ?? claim.categoryId,
          authorId: principal.user.id,
          language: input.language ?? claim.language,
        });
        await tx.checks.saveVersion(check, principal.user.id);
        await record(tx, principal.actor, clock(), 'check.created', 'check', check.id, {
          claimId: claim.id,
        });
        return check;
      });
      announce(created, 'check.created', principal);
      return created;
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      input: CheckUpdateInput,
    ): Promise<Check> {
      authorize(principal, 'checks.write');
      const now = clock();
      const { check: updated, action: done } = await repos.transaction(async (tx) => {
        const current = await found(tx.checks.findById(id), 'Check', id);
        const { correctionReason, reviewComment, unpublishReason, ...fields } = input;
        const patch: CheckPatch = { ...fields };
        const contentChanged = CONTENT_FIELDS.some(
          (f) => input[f] !== undefined && input[f] !== current[f],
        );
        const target = input.status ?? current.status;
        if (input.status !== undefined && input.status !== current.status) {
          if (!statusMoves[current.status].includes(input.status)) {
            throw new InvalidTransitionError('check', current.status, input.status);
          }
        }
        const merged = { ...current, ...definedOnly(fields) };
        const approving = input.status === 'approved' && current.status !== 'approved';
        const sendingBack =
          input.status === 'draft' &&
          current.status === 'in_review' &&
          principal.user.id !== current.authorId;
        if (approving) {
          authorize(principal, 'checks.review');
          if (principal.user.id === current.authorId) throw new SelfApprovalError();
          assertPublishable(merged, {
            evidenceCount: await tx.evidence.countForClaim(current.claimId),
            approverId: principal.user.id,
          });
          patch.reviewerId = principal.user.id;
        }
        if (sendingBack) {
          authorize(principal, 'checks.review');
          if (!reviewComment?.trim()) {
            throw new ValidationError([
              {
                field: 'reviewComment',
                message: "is required to send a colleague's check back: say what to change",
              },
            ]);
          }
        }
        if (input.status === 'published' && current.status !== 'published') {
          authorize(principal, 'checks.publish');
          const approverId =
            current.reviewerId && current.reviewerId !== current.authorId
              ? current.reviewerId
              : principal.user.id;
          assertPublishable(merged, {
            evidenceCount: await tx.evidence.countForClaim(current.claimId),
            approverId,
          });
          patch.reviewerId = approverId;
          patch.publishedAt = now;
          // The reason of an earlier takedown is history (audit chain), not part of the answer.
          patch.unpublishReason = null;
          if (!current.firstPublishedAt) patch.firstPublishedAt = now;
        }
        if (input.status === 'unpublished' && current.status !== 'unpublished') {
          authorize(principal, 'checks.publish');
          if (!unpublishReason?.trim()) {
            throw new ValidationError([
              { field: 'unpublishReason', message: 'is required to take a published check down' },
            ]);
          }
          patch.unpublishReason = unpublishReason.trim();
        }
        const isCorrection =
          current.status === 'published' && target === 'published' && contentChanged;
        if (isCorrection) {
          if (!correctionReason?.trim()) {
            throw new ValidationError([
              {
                field: 'correctionReason',
                message: 'is required to change a published check; it is shown to readers',
              },
            ]);
          }
          authorize(principal, 'checks.publish');
        }
        const check = applied(
          await tx.checks.updateVersioned(id, version, patch),
          'Check',
          id,
          version,
        );
        await tx.checks.saveVersion(check, principal.user.id);
        if (isCorrection) {
          await tx.checks.addCorrection({
            checkId: id,
            reason: correctionReason!.trim(),
            versionBefore: current.version,
            versionAfter: check.version,
            createdById: principal.user.id,
          });
          await tx.claims.setStatus(check.claimId, 'corrected');
        } else if (input.status === 'published' && current.status !== 'published') {
          await tx.claims.setStatus(check.claimId, 'published');
        } else if (input.status === 'unpublished' && current.status !== 'unpublished') {
          await tx.claims.setStatus(check.claimId, 'approved');
        } else if (input.status !== undefined && input.status !== current.status) {
          const claimStatus = claimStatusForCheck[input.status];
          if (claimStatus) await tx.claims.setStatus(check.claimId, claimStatus);
        }
        if (approving || sendingBack) {
          await tx.checks.addReview({
            checkId: id,
            reviewerId: principal.user.id,
            decision: approving ? 'approved' : 'changes_requested',
            comment: reviewComment?.trim() ?? '',
            checkVersion: check.version,
          });
        }
        const action = isCorrection
          ? 'check.corrected'
          : sendingBack
            ? 'check.changes_requested'
            : input.status && input.status !== current.status
              ? `check.${input.status}`
              : 'check.updated';
        await record(tx, principal.actor, now, action, 'check', id, {
          ...definedOnly(fields),
          ...(correctionReason ? { correctionReason } : {}),
          ...(reviewComment ? { reviewComment } : {}),
          ...(patch.unpublishReason ? { unpublishReason: patch.unpublishReason } : {}),
          version: check.version,
        });
        return { check, action };
      });
      announce(updated, done, principal);
      return updated;
    },
  };
}
export type CheckService = ReturnType<typeof createCheckService>;
