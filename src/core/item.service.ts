import { ValidationError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, ItemFilter, ItemPatch, Principal, Repositories } from './ports.js';
import {
  definedOnly,
  found,
  listPage,
  record,
  type ListInput,
  updateRecorded,
} from './service-support.js';
import { contentFingerprint, fingerprintOfFolded, textFields } from './text-fields.js';
import type { Channel, Item } from './types.js';
import { canonicalizeUrl } from './url.js';
import { redactPersonalData } from '../text/redact.js';

/** A piece of content handed in by a person or a program. */
export interface ItemCreateInput {
  channel: Channel;
  url?: string | undefined;
  title?: string | undefined;
  text?: string | undefined;
  language?: string | undefined;
  publishedAt?: Date | undefined;
  sourceId?: string | undefined;
}

/** Result of handing in an item: stored anew, or recognised and counted as a new sighting. */
export interface ItemIntake {
  item: Item;
  created: boolean;
}

/** Items from every channel; each stored once, repeats counted as sightings. */
export function createItemService(repos: Repositories, clock: Clock) {
  return {
    list: (input: ListInput<ItemFilter>) => listPage((f, p) => repos.items.list(f, p), input),
    get: (id: string) => found(repos.items.findById(id), 'Item', id),
    async create(principal: Principal, input: ItemCreateInput): Promise<ItemIntake> {
      authorize(principal, 'items.create');
      // Personal data in public content is redacted before anything is stored or indexed.
      const title = redactPersonalData((input.title ?? '').trim()).text;
      const text = redactPersonalData((input.text ?? '').trim()).text;
      if (!input.url && !text) {
        throw new ValidationError([{ field: 'text', message: 'an item needs a url or a text' }]);
      }
      const canonicalUrl = input.url ? canonicalizeUrl(input.url) : null;
      const fields = textFields(`${title}\n${text}`);
      // A link without text is fingerprinted by its URL; otherwise by the folded text at hand.
      const contentHash = text
        ? fingerprintOfFolded(fields.foldedText)
        : contentFingerprint(title, canonicalUrl ?? '');
      const now = clock();
      return repos.transaction(async (tx) => {
        const existing = await tx.items.findDuplicate(canonicalUrl, contentHash);
        if (existing) {
          const item = await tx.items.addSighting(existing.id, {
            channel: input.channel,
            sourceId: input.sourceId ?? null,
            url: input.url ?? null,
            seenAt: now,
          });
          return { item, created: false };
        }
        const item = await tx.items.insert({
          channel: input.channel,
          sourceId: input.sourceId ?? null,
          url: input.url ?? null,
          canonicalUrl,
          title,
          text,
          language: input.language ?? 'vi',
          publishedAt: input.publishedAt ?? null,
          ...fields,
          contentHash,
        });
        await record(tx, principal.actor, now, 'item.created', 'item', item.id, {
          channel: input.channel,
          canonicalUrl,
        });
        return { item, created: true };
      });
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      patch: ItemPatch,
    ): Promise<Item> {
      authorize(principal, 'items.update');
      return updateRecorded(
        repos,
        principal.actor,
        clock(),
        { entity: 'Item', entityType: 'item', id, version, data: definedOnly(patch) },
        (tx) => tx.items.updateVersioned(id, version, patch),
      );
    },
  };
}
export type ItemService = ReturnType<typeof createItemService>;
