import { authorize } from './policy.js';
import type { Clock, Principal, Repositories, SourceFilter, SourceValues } from './ports.js';
import {
  definedOnly,
  found,
  listPage,
  record,
  type ListInput,
  updateRecorded,
} from './service-support.js';
import type { Source, SourceKind } from './types.js';
import { canonicalizeUrl } from './url.js';

/** Input of a new monitored source. */
export interface SourceCreateInput {
  name: string;
  kind: SourceKind;
  url: string;
  categoryId?: string | null | undefined;
  scheduleMinutes?: number | undefined;
  enabled?: boolean | undefined;
  respectRobots?: boolean | undefined;
}

/** Monitored feeds, sitemaps and pages. */
export function createSourceService(repos: Repositories, clock: Clock) {
  return {
    list: (input: ListInput<SourceFilter>) => listPage((f, p) => repos.sources.list(f, p), input),
    get: (id: string) => found(repos.sources.findById(id), 'Source', id),
    async create(principal: Principal, input: SourceCreateInput): Promise<Source> {
      authorize(principal, 'sources.write');
      const values: SourceValues = { ...input, canonicalUrl: canonicalizeUrl(input.url) };
      return repos.transaction(async (tx) => {
        const source = await tx.sources.insert(values);
        await record(tx, principal.actor, clock(), 'source.created', 'source', source.id, {
          ...values,
        });
        return source;
      });
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      patch: Partial<SourceCreateInput>,
    ): Promise<Source> {
      authorize(principal, 'sources.write');
      const values: Partial<SourceValues> = { ...patch };
      if (patch.url !== undefined) values.canonicalUrl = canonicalizeUrl(patch.url);
      return updateRecorded(
        repos,
        principal.actor,
        clock(),
        { entity: 'Source', entityType: 'source', id, version, data: definedOnly(values) },
        (tx) => tx.sources.updateVersioned(id, version, values),
      );
    },
  };
}
export type SourceService = ReturnType<typeof createSourceService>;
