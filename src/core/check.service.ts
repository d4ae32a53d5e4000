import { InvalidTransitionError, ValidationError } from './errors.js';
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
import type { Check, CheckStatus, Rating } from './types.js';
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
}

const CONTENT_FIELDS = ['title', 'rating', 'summary', 'explanation'] as const;

const statusMoves: Readonly<Record<CheckStatus, readonly CheckStatus[]>> = {
  draft: ['in_review'],
  in_review: ['draft', 'approved'],
  approved: ['in_review', 'published'],
  published: ['unpublished'],
  unpublished: ['draft', 'in_review', 'published'],
};

/** Published answers to claims: drafting, second-person approval, publishing, corrections. */
export function createCheckService(repos: Repositories, clock: Clock) {
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
    async create(principal: Principal, input: CheckCreateInput): Promise<Check> {
      authorize(principal, 'checks.write');
      const title = input.title.trim();
      if (!title) throw new ValidationError([{ field: 'title', message: 'must not be blank' }]);
      return repos.transaction(async (tx) => {
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
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      input: CheckUpdateInput,
    ): Promise<Check> {
      authorize(principal, 'checks.write');
      const now = clock();
      return repos.transaction(async (tx) => {
        const current = await found(tx.checks.findById(id), 'Check', id);
        const { correctionReason, ...fields } = input;
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
        if (input.status === 'approved' && current.status !== 'approved') {
          authorize(principal, 'checks.publish');
          assertPublishable(merged, {
            evidenceCount: await tx.evidence.countForClaim(current.claimId),
            approverId: principal.user.id,
          });
          patch.reviewerId = principal.user.id;
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
          if (!current.firstPublishedAt) patch.firstPublishedAt = now;
        }
        if (input.status === 'unpublished') authorize(principal, 'checks.publish');
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
        } else if (input.status === 'unpublished') {
          await tx.claims.setStatus(check.claimId, 'approved');
        }
        const action = isCorrection
          ? 'check.corrected'
          : input.status && input.status !== current.status
            ? `check.${input.status}`
            : 'check.updated';
        await record(tx, principal.actor, now, action, 'check', id, {
          ...definedOnly(fields),
          ...(correctionReason ? { correctionReason } : {}),
          version: check.version,
        });
        return check;
      });
    },
  };
}
export type CheckService = ReturnType<typeof createCheckService>;
