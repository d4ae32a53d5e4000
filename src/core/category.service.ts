import { authorize } from './policy.js';
import type { CategoryValues, Clock, Principal, Repositories, TextFilter } from './ports.js';
import {
  definedOnly,
  found,
  listPage,
  record,
  type ListInput,
  updateRecorded,
} from './service-support.js';
import type { Category } from './types.js';

/** Portal sections. */
export function createCategoryService(repos: Repositories, clock: Clock) {
  return {
    list: (input: ListInput<TextFilter>) => listPage((f, p) => repos.categories.list(f, p), input),
    get: (id: string) => found(repos.categories.findById(id), 'Category', id),
    async create(principal: Principal, values: CategoryValues): Promise<Category> {
      authorize(principal, 'categories.write');
      return repos.transaction(async (tx) => {
        const category = await tx.categories.insert(values);
        await record(tx, principal.actor, clock(), 'category.created', 'category', category.id, {
          ...values,
        });
        return category;
      });
    },
    async update(
      principal: Principal,
      id: string,
      version: number,
      patch: Partial<CategoryValues>,
    ): Promise<Category> {
      authorize(principal, 'categories.write');
      return updateRecorded(
        repos,
        principal.actor,
        clock(),
        { entity: 'Category', entityType: 'category', id, version, data: definedOnly(patch) },
        (tx) => tx.categories.updateVersioned(id, version, patch),
      );
    },
  };
}
export type CategoryService = ReturnType<typeof createCategoryService>;
