import { randomUUID } from 'node:crypto';
import type { Actor } from './audit.js';
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { found } from './service-support.js';
import { prepareItem, type IntakeInput, type IntakeOutcome, type PreparedItem } from './intake.js';
import type { Item } from './types.js';

/**
 * Stores prepared items inside the caller's transaction: each once, each sighting counted once,
 * and an audit event for every item created.
 */
export async function storeItems(
  tx: Repositories,
  actor: Actor,
  now: Date,
  prepared: readonly PreparedItem[],
): Promise<IntakeOutcome[]> {
  const outcomes = await tx.items.intake(prepared);
  const created = outcomes.flatMap((outcome, index) =>
    outcome.created ? [{ id: outcome.itemId, values: prepared[index]!.values }] : [],
  );
  if (created.length === 0) return outcomes;
  if (created.length <= SINGLE_EVENT_LIMIT) {
    await tx.audit.appendMany(
      created.map(({ id, values }) => ({
        actor,
        action: 'item.created',
        entityType: 'item',
        entityId: id,
        occurredAt: now,
        data: { channel: values.channel, canonicalUrl: values.canonicalUrl ?? null },
      })),
    );
  } else {
    // Bulk intake (feeds, imports): one event names every item the batch created, so the
    // chain records each of them without a hash link per item.
    await tx.audit.append({
      actor,
      action: 'items.created',
      entityType: 'item',
      entityId: null,
      occurredAt: now,
      data: {
        count: created.length,
        channels: [...new Set(created.map((c) => c.values.channel))],
        itemIds: created.map((c) => c.id),
      },
    });
  }
  return outcomes;
}

/** Batches creating more items than this are recorded by one audit event. */
const SINGLE_EVENT_LIMIT = 20;

/** Result of handing in one item. */
export interface ItemIntake extends Omit<IntakeOutcome, 'itemId'> {
  item: Item;
}

/**
 * The entrance of the pipeline for every channel: the API, staff reports, imports, feeds and
 * tips all store items through here; matching, clustering and scoring follow in the worker.
 */
export function createIntakeService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  /** One item from a person or an API client; too-long fields are refused. */
  async function submit(principal: Principal, input: IntakeInput): Promise<ItemIntake> {
    authorize(principal, 'items.create');
    const now = clock();
    const prepared = prepareItem(input, now);
    const [outcome] = await repos.transaction((tx) =>
      storeItems(tx, principal.actor, now, [prepared]),
    );
    const { itemId, ...rest } = outcome!;
    const item = await found(repos.items.findById(itemId), 'Item', itemId);
    if (rest.created || rest.counted) {
      feed.publish({
        entity: 'item',
        id: item.id,
        version: item.version,
        action: rest.created ? 'item.created' : 'item.sighted',
        actorId: principal.user?.id ?? null,
      });
    }
    return { item, ...rest };
  }
  return {
    submit,
    /**
     * A staff report: a link and/or text with a note, from a contributor's phone. Every report
     * is its own sighting, and the reporter can follow what became of it.
     */
    async report(
      principal: Principal,
      input: { url?: string | undefined; text?: string | undefined; note?: string | undefined },
    ): Promise<ItemIntake> {
      authorize(principal, 'items.create');
      return submit(principal, {
        channel: 'staff',
        url: input.url,
        text: input.text,
        note: input.note,
        reportedById: principal.user.id,
        sightingKey: `report:${randomUUID()}`,
      });
    },
    /**
     * Many items in one transaction (feeds, imports). Inputs must already be valid
     * ({@link prepareItem}); long fields are cut rather than refused.
     */
    async submitMany(principal: Principal, prepared: readonly PreparedItem[]) {
      authorize(principal, 'items.create');
      if (prepared.length === 0) return [];
      return repos.transaction((tx) => storeItems(tx, principal.actor, clock(), prepared));
    },
  };
}
export type IntakeService = ReturnType<typeof createIntakeService>;
