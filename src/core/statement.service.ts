import { ValidationError } from './errors.js';
import { SILENT_FEED, type ChangeFeed } from './events.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories, StatementFilter, StatementValues } from './ports.js';
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
import type { PublicationStatus, Statement } from './types.js';

export interface StatementCreateInput {
  title: string;
  body: string;
  slug?: string | undefined;
  status?: PublicationStatus | undefined;
  categoryId?: string | null | undefined;
  claimId?: string | null | undefined;
  language?: string | undefined;
  issuedAt?: Date | null | undefined;
}
export type StatementUpdateInput = Partial<StatementCreateInput>;

/** Official statements of the press office. */
export function createStatementService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  const announce = (statement: Statement, action: string, principal: Principal) =>
    feed.publish({
      entity: 'statement',
      id: statement.id,
      version: statement.version,
      action,
      actorId: principal.user?.id ?? null,
    });
  return {
    list: (principal: Principal, input: ListInput<StatementFilter>) =>
      listPublished(principal, (f, p) => repos.statements.list(f, p), input),
    get: (principal: Principal, id: string) =>
      foundPublished(principal, repos.statements.findById(id), 'Statement', id),
    async create(principal: Principal, input: StatementCreateInput): Promise<Statement> {
      authorize(principal, 'statements.write');
      const title = input.title.trim();
      if (!title) throw new ValidationError([{ field: 'title', message: 'must not be blank' }]);
      const now = clock();
      const status = input.status ?? 'draft';
      const values: StatementValues = {
        ...input,
        title,
        slug: input.slug ?? `${slugify(title, 70)}-${now.getTime().toString(36)}`,
        status,
        language: input.language ?? 'vi',
        authorId: principal.user.id,
        publishedAt: status === 'published' ? now : null,
      };
      const created = await repos.transaction(async (tx) => {
        const statement = await tx.statements.insert(values);
        await record(tx, principal.actor, now, 'statement.created', 'statement', statement.id, {
          status,
        });
        return statement;
      });
      announce(created, 'statement.created', principal);
      return created;
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      input: StatementUpdateInput,
    ): Promise<Statement> {
      authorize(principal, 'statements.write');
      const now = clock();
      const updated = await repos.transaction(async (tx) => {
        const current = await found(tx.statements.findById(id), 'Statement', id);
        const patch: Partial<StatementValues> = { ...input };
        if (input.status === 'published' && current.status !== 'published') patch.publishedAt = now;
        const statement = applied(
          await tx.statements.updateVersioned(id, version, patch),
          'Statement',
          id,
          version,
        );
        await record(
          tx,
          principal.actor,
          now,
          'statement.updated',
          'statement',
          id,
          definedOnly(input),
        );
        return statement;
      });
      announce(updated, 'statement.updated', principal);
      return updated;
    },
  };
}
export type StatementService = ReturnType<typeof createStatementService>;
