import { authorize } from './policy.js';
import type { CategoryValues, Clock, Principal, Repositories, TextFilter } from './ports.js';
import {
  applied,
  definedOnly,
  found,
  listPage,
  record,
  type ListInput,
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
      return repos.transaction(async (tx) => {
        const category = applied(
          await tx.categories.updateVersioned(id, version, patch),
          'Category',
          id,
          version,
        );
        await record(
          tx,
          principal.actor,
          clock(),
          'category.updated',
          'category',
          id,
          definedOnly(patch),
        );
        return category;
      });
    },
  };
}
export type CategoryService = ReturnType<typeof createCategoryService>;
