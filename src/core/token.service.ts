import { NotFoundError, UnauthenticatedError, ValidationError } from './errors.js';
import { parseScopes } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { generateApiToken } from './tokens.js';

/** A new token: the secret is shown this once. */
export interface IssuedToken {
  id: string;
  token: string;
  name: string;
  scopes: string[];
  expiresAt: Date | null;
}

/** Personal API tokens for scripts and integrations, each limited to named scopes. */
export function createTokenService(repos: Repositories, clock: Clock) {
  const signedIn = (principal: Principal) => {
    if (!principal.user) throw new UnauthenticatedError();
    return principal.user;
  };
  return {
    async issue(
      principal: Principal,
      input: { name: string; scopes: readonly string[]; expiresInDays?: number | undefined },
    ): Promise<IssuedToken> {
      const user = signedIn(principal);
      const scopes = parseScopes(input.scopes);
      // A token can never do more than the one that made it.
      if (principal.scopes && !principal.scopes.includes('*')) {
        const beyond = scopes.filter((s) => s === '*' || !principal.scopes!.includes(s));
        if (beyond.length > 0) {
          throw new ValidationError([
            { field: 'scopes', message: `beyond this token's own scopes: ${beyond.join(', ')}` },
          ]);
        }
      }
      const now = clock();
      const expiresAt =
        input.expiresInDays === undefined
          ? null
          : new Date(now.getTime() + input.expiresInDays * 86_400_000);
      const { token, hash } = generateApiToken();
      const created = await repos.transaction(async (tx) => {
        const row = await tx.users.createApiToken({
          userId: user.id,
          name: input.name,
          tokenHash: hash,
          scopes,
          expiresAt,
        });
        await tx.audit.append({
          actor: principal.actor,
          action: 'api_token.created',
          entityType: 'api_token',
          entityId: row.id,
          occurredAt: now,
          data: { name: input.name, scopes },
        });
        return row;
      });
      return { id: created.id, token, name: input.name, scopes, expiresAt };
    },
    list: (principal: Principal) => repos.users.listApiTokens(signedIn(principal).id),
    async revoke(principal: Principal, tokenId: string): Promise<void> {
      const user = signedIn(principal);
      const now = clock();
      await repos.transaction(async (tx) => {
        if (!(await tx.users.revokeApiToken(user.id, tokenId, now))) {
          throw new NotFoundError('API token', tokenId);
        }
        await tx.audit.append({
          actor: principal.actor,
          action: 'api_token.revoked',
          entityType: 'api_token',
          entityId: tokenId,
          occurredAt: now,
        });
      });
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
