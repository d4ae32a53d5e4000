/**
 * Integrations post items through a signed webhook: each has its own secret (shown once, kept
 * encrypted under the instance key because verifying needs it), and every delivery must carry a
 * fresh timestamp and an HMAC of its exact body. A delivery is accepted once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from './audit.js';
import { decryptContact, encryptContact } from './contact-crypto.js';
import { DomainError, ValidationError } from './errors.js';
import { prepareItem, type IntakeInput, type IntakeOutcome } from './intake.js';
import { storeItems } from './intake.service.js';
import { authorize } from './policy.js';
import type { Clock, IntegrationView, Principal, Repositories } from './ports.js';
import { DEFAULT_WEBHOOK_TOLERANCE_SECONDS, verifyWebhook } from './webhook-signature.js';

/** A refused delivery; `reason` is stable for the integration's logs. */
export class WebhookRefusedError extends DomainError {
  constructor(readonly reason: string) {
    super('unauthenticated', `The webhook delivery was refused: ${reason}.`);
  }
}

/** An item as an integration sends it. */
export interface WebhookItem {
  /** The integration's own id of the item: a redelivery of the same id is not a new sighting. */
  id?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
  text?: string | undefined;
  language?: string | undefined;
  publishedAt?: Date | undefined;
}

const secretContext = (id: string) => `integration:${id}`;

export function createIntegrationService(
  repos: Repositories,
  clock: Clock,
  options: { secretKey: string; toleranceSeconds?: number },
) {
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  return {
    /** Creates an integration; the secret is returned this once. */
    async create(
      principal: Principal,
      name: string,
    ): Promise<IntegrationView & { secret: string }> {
      authorize(principal, 'integrations.manage');
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const now = clock();
      const created = await repos.transaction(async (tx) => {
        // The id is chosen here because the secret is encrypted bound to it.
        const id = randomUUID();
        const row = await tx.integrations.insert({
          id,
          name,
          secretEncrypted: encryptContact(secret, options.secretKey, secretContext(id)),
          createdById: principal.user.id,
        });
        await tx.audit.append({
          actor: principal.actor,
          action: 'integration.created',
          entityType: 'integration',
          entityId: row.id,
          occurredAt: now,
          data: { name },
        });
        return row;
      });
      return { ...created, secret };
    },

    async list(principal: Principal): Promise<IntegrationView[]> {
      authorize(principal, 'integrations.manage');
      return repos.integrations.list();
    },

    /**
     * Verifies a delivery (signature, timestamp window, not seen before) and hands its items in.
     * Nothing is stored unless every item is valid.
     */
    async deliver(input: {
      integrationId: string;
      rawBody: Buffer;
      signatureHeader: string | string[] | undefined;
      items: readonly WebhookItem[];
    }): Promise<IntakeOutcome[]> {
      const integration = await repos.integrations.findWithSecret(input.integrationId);
      // The same answer for an unknown integration and a bad signature.
      if (!integration?.enabled) throw new WebhookRefusedError('bad-signature');
      const now = clock();
      const secret = decryptContact(
        integration.secretEncrypted,
        options.secretKey,
        secretContext(integration.id),
      );
      const verdict = verifyWebhook({
        rawBody: input.rawBody,
        header: input.signatureHeader,
        secrets: secret,
        now,
        toleranceSeconds: tolerance,
      });
      if (!verdict.ok) throw new WebhookRefusedError(verdict.reason);
      const bodyHash = createHash('sha256').update(input.rawBody).digest('hex');
      const expiresAt = new Date((verdict.timestamp + tolerance) * 1000 + 60_000);
      const actor: Actor = { kind: 'system', id: null };
      const prepared = input.items.map((item, index) => {
        try {
          return prepareItem(
            {
              channel: 'api',
              url: item.url,
              title: item.title,
              text: item.text,
              language: item.language,
              publishedAt: item.publishedAt,
              sightingKey: item.id
                ? `webhook:${integration.id}:${item.id}`
                : `webhook:${integration.id}:${bodyHash}:${index}`,
            } satisfies IntakeInput,
            now,
          );
        } catch (error) {
          if (error instanceof ValidationError) {
            throw new ValidationError(
              error.problems.map((p) => ({ ...p, field: `items[${index}].${p.field}` })),
            );
          }
          throw error;
        }
      });
      return repos.transaction(async (tx) => {
        if (
          !(await tx.nonces.use(
            `webhook:${integration.id}:${bodyHash}:${verdict.timestamp}`,
            expiresAt,
          ))
        ) {
          throw new WebhookRefusedError('replayed');
        }
        await tx.integrations.touch(integration.id, now);
        return storeItems(tx, actor, now, prepared);
      });
    },
  };
}
export type IntegrationService = ReturnType<typeof createIntegrationService>;
