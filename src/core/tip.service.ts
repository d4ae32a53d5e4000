/**
 * The public tip line: anyone may ask "is this true?" without an account. The tip becomes an
 * item in the pipeline; the tipster gets a receipt code and, when a published check already
 * answers it, the answer at once. Contact data is optional, needs consent and is encrypted.
 */
import { randomUUID } from 'node:crypto';
import type { CheckIndex, CheckMatch, PublishedCheckSummary } from './check-index.js';
import { encryptContact } from './contact-crypto.js';
import { ValidationError, NotFoundError, type FieldProblem } from './errors.js';
import { prepareItem } from './intake.js';
import { storeItems } from './intake.service.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { issueChallenge, verifySolution, type PowChallenge } from './proof-of-work.js';
import { generateReceiptCode, receiptCodeDigest, receiptCodeLookupKey } from './receipt-code.js';
import {
  contactCeiling,
  DEFAULT_CONTACT_RETENTION,
  effectiveContactRetention,
  type ContactRetention,
} from './retention.js';
import type { Check, Rating } from './types.js';
import { redactPersonalData } from '../text/redact.js';

/** What the public form sends. */
export interface TipSubmission {
  link?: string | undefined;
  text?: string | undefined;
  contact?: string | undefined;
  consent?: boolean | undefined;
  language?: string | undefined;
  /** Proof-of-work, when the instance asks for it. */
  pow?: { challenge: string; nonce: string } | undefined;
}

/** A published check as shown to the public. */
export interface PublicVerdict {
  checkId: string;
  slug: string;
  title: string;
  rating: Rating | null;
  summary: string;
  publishedAt: Date | null;
  confidence?: number | undefined;
}

/** Receipt of a new tip. */
export interface TipReceipt {
  receiptCode: string;
  status: TipStatus;
  /** A published check that answers the tip with confidence. */
  answer: PublicVerdict | null;
  /** Published checks that may be related: shown as suggestions, not as the answer. */
  related: PublicVerdict[];
}

export type TipStatus = 'received' | 'answered' | 'in_progress' | 'closed';

/** A tip's status as its tipster may see it. */
export interface TipStatusView {
  status: TipStatus;
  receivedAt: Date;
  updatedAt: Date;
  answer: PublicVerdict | null;
  corrections: { reason: string; createdAt: Date }[];
}

export interface TipServiceOptions {
  /** The instance key: receipt digests and contact encryption derive their keys from it. */
  secretKey: string;
  /** Proof-of-work difficulty; 0 = not required. */
  powBits: number;
  powTtlMs?: number;
  /** How long contact data is kept (default DEFAULT_CONTACT_RETENTION). */
  contactRetention?: ContactRetention;
}

/** Looked up in place of a malformed code or a missing answer: the same queries, nothing found. */
const NO_DIGEST = '0'.repeat(64);
const NO_CHECK = '00000000-0000-0000-0000-000000000000';

export const TIP_LIMITS = Object.freeze({ text: 5000, contact: 200 });

const verdictOf = (check: PublishedCheckSummary, confidence?: number): PublicVerdict => ({
  checkId: check.checkId,
  slug: check.slug,
  title: check.title,
  rating: check.rating,
  summary: check.summary,
  publishedAt: check.publishedAt,
  confidence,
});

const verdictOfCheck = (check: Check): PublicVerdict => ({
  checkId: check.id,
  slug: check.slug,
  title: check.title,
  rating: check.rating,
  summary: check.summary,
  publishedAt: check.publishedAt,
});

/** The tip line's rules, shared by the API, the portal form and the CLI. */
export function createTipService(
  repos: Repositories,
  clock: Clock,
  checkIndex: CheckIndex,
  options: TipServiceOptions,
) {
  const powTtlMs = options.powTtlMs ?? 10 * 60_000;

  async function checkProofOfWork(pow: TipSubmission['pow']): Promise<void> {
    if (options.powBits === 0) return;
    if (!pow) {
      throw new ValidationError([
        { field: 'pow', message: 'a proof-of-work solution is required' },
      ]);
    }
    const verdict = verifySolution({ secret: options.secretKey, ...pow, now: clock() });
    if (!verdict.ok) {
      throw new ValidationError([
        { field: 'pow', message: `proof-of-work refused: ${verdict.reason}` },
      ]);
    }
    if (!(await repos.nonces.use(`pow:${verdict.id}`, verdict.expiresAt))) {
      throw new ValidationError([{ field: 'pow', message: 'this proof-of-work was already used' }]);
    }
  }

  return {
    /** A fresh challenge for the form, or null when the instance asks for no proof-of-work. */
    challenge(): PowChallenge | null {
      if (options.powBits === 0) return null;
      return issueChallenge({
        secret: options.secretKey,
        difficultyBits: options.powBits,
        now: clock(),
        ttlMs: powTtlMs,
      });
    },

    async submit(principal: Principal, input: TipSubmission): Promise<TipReceipt> {
      const problems: FieldProblem[] = [];
      const text = (input.text ?? '').trim();
      const contact = (input.contact ?? '').trim();
      if (text.length > TIP_LIMITS.text) {
        problems.push({ field: 'text', message: `must be at most ${TIP_LIMITS.text} characters` });
      }
      if (contact.length > TIP_LIMITS.contact) {
        problems.push({
          field: 'contact',
          message: `must be at most ${TIP_LIMITS.contact} characters`,
        });
      }
      if (contact && input.consent !== true) {
        problems.push({
          field: 'consent',
          message:
            'contact details are kept only with consent: tick the consent box or leave them out',
        });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const now = clock();
      const tipId = randomUUID();
      // Validates link and text the way every channel does (and redacts the text).
      const prepared = prepareItem(
        {
          channel: 'tip',
          url: input.link,
          text,
          language: input.language,
          sightingKey: `tip:${tipId}`,
        },
        now,
      );
      await checkProofOfWork(input.pow);

      const matches = await checkIndex.match(
        [prepared.values.text, prepared.values.canonicalUrl ?? ''].join('\n').trim(),
        { limit: 4 },
      );
      const best: CheckMatch | undefined = matches[0]?.band === 'answer' ? matches[0] : undefined;
      const code = generateReceiptCode();
      const receipt = await repos.transaction(async (tx) => {
        const [outcome] = await storeItems(tx, principal.actor, now, [prepared]);
        const item = await tx.items.findById(outcome!.itemId);
        // A link already known and answered is answered now too.
        let answer: PublicVerdict | null = best ? verdictOf(best.check, best.confidence) : null;
        if (!answer && item?.matchedCheckId) {
          const check = await tx.checks.findById(item.matchedCheckId);
          if (check?.status === 'published') {
            answer = verdictOfCheck(check);
          }
        }
        const status: TipStatus = answer ? 'answered' : 'received';
        await tx.tips.insert({
          id: tipId,
          receiptDigest: receiptCodeDigest(code, options.secretKey),
          itemId: outcome!.itemId,
          link: prepared.values.url ?? null,
          text: redactPersonalData(text).text,
          contactEncrypted: contact ? encryptContact(contact, options.secretKey, tipId) : null,
          consent: input.consent === true,
          status,
          answerCheckId: answer?.checkId ?? null,
          language: prepared.values.language,
          createdAt: now,
          // The ceiling under the policy in force now (the desk may have changed it).
          contactDeleteAfter: contact
            ? contactCeiling(
                now,
                await effectiveContactRetention(
                  tx,
                  options.contactRetention ?? DEFAULT_CONTACT_RETENTION,
                ),
              )
            : null,
        });
        await tx.audit.append({
          actor: principal.actor,
          action: 'tip.received',
          entityType: 'tip',
          entityId: tipId,
          occurredAt: now,
          data: { itemId: outcome!.itemId, answered: answer !== null, withContact: contact !== '' },
        });
        return { status, answer };
      });
      return {
        receiptCode: code,
        status: receipt.status,
        answer: receipt.answer,
        related: matches
          .filter((m) => m.check.checkId !== receipt.answer?.checkId)
          .slice(0, 3)
          .map((m) => verdictOf(m.check, m.confidence)),
      };
    },

    /**
     * The status of a tip by its receipt code; the same "not found" for any wrong code. Right and
     * wrong codes, answered or not, make the same reads, so the answer's timing tells nothing.
     */
    async status(code: string): Promise<TipStatusView> {
      const digest = receiptCodeLookupKey(code, options.secretKey);
      const tip = await repos.tips.findByDigest(digest ?? NO_DIGEST);
      const answerId = tip?.answerCheckId ?? NO_CHECK;
      const [check, allCorrections] = await Promise.all([
        repos.checks.findById(answerId),
        repos.checks.corrections(answerId),
      ]);
      if (!tip || digest === null) throw new NotFoundError('Tip', 'this receipt code');
      const published = check?.status === 'published' ? check : undefined;
      return {
        status: tip.status,
        receivedAt: tip.createdAt,
        updatedAt: tip.updatedAt,
        answer: published ? verdictOfCheck(published) : null,
        corrections: published
          ? allCorrections.map((c) => ({ reason: c.reason, createdAt: c.createdAt }))
          : [],
      };
    },
  };
}
export type TipService = ReturnType<typeof createTipService>;
