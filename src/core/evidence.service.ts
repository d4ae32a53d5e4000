import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { found, record } from './service-support.js';
import type { Evidence, EvidenceKind } from './types.js';
import { canonicalizeUrl } from './url.js';

export interface EvidenceCreateInput {
  kind: Exclude<EvidenceKind, 'file'>;
  title: string;
  url?: string | undefined;
  note?: string | undefined;
}

/** Evidence attached to a claim while it is researched. */
export function createEvidenceService(repos: Repositories, clock: Clock) {
  return {
    async list(claimId: string): Promise<Evidence[]> {
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.evidence.listForClaim(claimId);
    },
    async add(
      principal: Principal,
      claimId: string,
      input: EvidenceCreateInput,
    ): Promise<Evidence> {
      authorize(principal, 'evidence.write');
      const url = input.url ? canonicalizeUrl(input.url) : null;
      return repos.transaction(async (tx) => {
        await found(tx.claims.findById(claimId), 'Claim', claimId);
        const evidence = await tx.evidence.insert({
          claimId,
          kind: input.kind,
          title: input.title,
          url,
          note: input.note ?? '',
          addedById: principal.user.id,
        });
        await record(tx, principal.actor, clock(), 'evidence.added', 'claim', claimId, {
          evidenceId: evidence.id,
          kind: input.kind,
          url,
        });
        return evidence;
      });
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
