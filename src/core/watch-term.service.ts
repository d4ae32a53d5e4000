import { NotFoundError, ValidationError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { foldKey } from '../text/fold.js';
import { normalizeText } from '../text/normalize.js';

/** A watched word or phrase. */
export interface WatchTerm {
  id: string;
  term: string;
  createdAt: Date;
}

/** Storage of watch terms. */
export interface WatchTermRepository {
  list(): Promise<WatchTerm[]>;
  insert(values: { term: string; folded: string; createdById: string | null }): Promise<WatchTerm>;
  delete(id: string): Promise<boolean>;
}

/** The desk's watch terms: matched without diacritics, they raise new items' relevance. */
export function createWatchTermService(repos: Repositories, clock: Clock) {
  return {
    list(principal: Principal): Promise<WatchTerm[]> {
      authorize(principal, 'items.update');
      return repos.watchTerms.list();
    },
    async add(principal: Principal, raw: string): Promise<WatchTerm> {
      authorize(principal, 'watch-terms.write');
      const term = normalizeText(raw).replace(/\s+/g, ' ').trim();
      const folded = foldKey(term);
      if (!folded || folded.length > 100) {
        throw new ValidationError([
          { field: 'term', message: 'a watch term has 1 to 100 letters' },
        ]);
      }
      return repos.transaction(async (tx) => {
        const created = await tx.watchTerms.insert({
          term,
          folded,
          createdById: principal.user.id,
        });
        await tx.audit.append({
          actor: principal.actor,
          action: 'watch_term.created',
          entityType: 'watch_term',
          entityId: created.id,
          occurredAt: clock(),
          data: { term },
        });
        return created;
      });
    },
    async remove(principal: Principal, id: string): Promise<void> {
      authorize(principal, 'watch-terms.write');
      await repos.transaction(async (tx) => {
        if (!(await tx.watchTerms.delete(id))) throw new NotFoundError('Watch term', id);
        await tx.audit.append({
          actor: principal.actor,
          action: 'watch_term.deleted',
          entityType: 'watch_term',
          entityId: id,
          occurredAt: clock(),
        });
      });
    },
  };
}
export type WatchTermService = ReturnType<typeof createWatchTermService>;
