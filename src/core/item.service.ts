import { createIntakeService, type ItemIntake } from './intake.service.js';
import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { authorize } from './policy.js';
import type { Clock, ItemFilter, ItemPatch, Principal, Repositories } from './ports.js';
import { definedOnly, found, listPage, type ListInput, updateRecorded } from './service-support.js';
import type { IntakeInput } from './intake.js';
import type { Item } from './types.js';

/** A piece of content handed in by a person or a program. */
export type ItemCreateInput = Pick<
  IntakeInput,
  'channel' | 'url' | 'title' | 'text' | 'language' | 'publishedAt' | 'sourceId'
>;

/** Items from every channel; each stored once, repeats counted as sightings. */
export function createItemService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  const intake = createIntakeService(repos, clock, feed);
  return {
    list: (input: ListInput<ItemFilter>) => listPage((f, p) => repos.items.list(f, p), input),
    get: (id: string) => found(repos.items.findById(id), 'Item', id),
    /** Hands one item in through the pipeline's entrance (see {@link createIntakeService}). */
    create: (principal: Principal, input: ItemCreateInput): Promise<ItemIntake> =>
      intake.submit(principal, input),
    async update(
      principal: Principal,
      id: string,
      version: number,
      patch: ItemPatch,
    ): Promise<Item> {
      authorize(principal, 'items.update');
      const item = await updateRecorded(
        repos,
        principal.actor,
        clock(),
        { entity: 'Item', entityType: 'item', id, version, data: definedOnly(patch) },
        (tx) => tx.items.updateVersioned(id, version, patch),
      );
      feed.publish({
        entity: 'item',
        id,
        version: item.version,
        action: 'item.updated',
        actorId: principal.user?.id ?? null,
      });
      return item;
    },
  };
}
export type ItemService = ReturnType<typeof createItemService>;
