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
  reach?: number | undefined;
}

/** A source's health as the desk sees it. */
export interface SourceHealthView {
  sourceId: string;
  enabled: boolean;
  disabledReason: string | null;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  lastStatus: number | null;
  failureScore: number;
  consecutiveFailures: number;
  nextFetchAt: Date | null;
  itemsTotal: number;
  itemsLast24h: number;
  /** Average over the last 7 days. */
  itemsPerDay: number;
}

/** Monitored feeds, sitemaps and pages. */
export function createSourceService(repos: Repositories, clock: Clock) {
  return {
    list: (input: ListInput<SourceFilter>) => listPage((f, p) => repos.sources.list(f, p), input),
    get: (id: string) => found(repos.sources.findById(id), 'Source', id),
    /** Whether a monitored source works: last success and error, failure score, items per day. */
    async health(id: string): Promise<SourceHealthView> {
      const source = await found(repos.sources.findById(id), 'Source', id);
      const activity = await repos.sources.activity(id, clock());
      return {
        sourceId: source.id,
        enabled: source.enabled,
        disabledReason: source.disabledReason,
        lastFetchedAt: source.lastFetchedAt,
        lastSuccessAt: source.lastSuccessAt,
        lastErrorAt: source.lastErrorAt,
        lastError: source.lastError,
        lastStatus: source.lastStatus,
        failureScore: source.failureScore,
        consecutiveFailures: source.consecutiveFailures,
        nextFetchAt: source.nextFetchAt,
        itemsTotal: source.itemsCount,
        itemsLast24h: activity.itemsLast24h,
        itemsPerDay: Math.round((activity.itemsLast7d / 7) * 10) / 10,
      };
    },
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
      // Turning a source back on gives it a clean slate and an immediate fetch.
      if (patch.enabled === true) {
        Object.assign(values, { disabledReason: null, consecutiveFailures: 0, nextFetchAt: null });
      }
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
