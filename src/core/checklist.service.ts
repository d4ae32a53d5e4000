import type { ChangeFeed } from './events.js';
import { SILENT_FEED } from './events.js';
import { NotFoundError, ValidationError } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { applied, found, record } from './service-support.js';
import type { ChecklistItem, ChecklistTemplate } from './types.js';

export interface ChecklistTemplateInput {
  name: string;
  items: string[];
  isDefault?: boolean | undefined;
}

function cleanTemplate<T extends Partial<ChecklistTemplateInput>>(input: T): T {
  const problems = [];
  const out = { ...input };
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) problems.push({ field: 'name', message: 'must not be blank' });
  }
  if (input.items !== undefined) {
    out.items = input.items.map((item) => item.trim());
    if (out.items.length === 0)
      problems.push({ field: 'items', message: 'name at least one step' });
    if (out.items.some((item) => !item)) {
      problems.push({ field: 'items', message: 'steps must not be blank' });
    }
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/**
 * Gives a claim the steps of a template (the default one unless named) when it has no checklist
 * yet; returns its checklist. Runs inside the caller's transaction.
 */
export async function ensureChecklist(
  tx: Repositories,
  claimId: string,
  templateId?: string,
): Promise<ChecklistItem[]> {
  const existing = await tx.checklists.listForClaim(claimId);
  if (existing.length > 0) return existing;
  const template = templateId
    ? await found(tx.checklists.findTemplate(templateId), 'Checklist template', templateId)
    : await tx.checklists.defaultTemplate();
  if (!template) return [];
  return tx.checklists.addItems(claimId, template.items);
}

/** Checklist templates (admin) and each claim's checklist (the desk). */
export function createChecklistService(
  repos: Repositories,
  clock: Clock,
  feed: ChangeFeed = SILENT_FEED,
) {
  const announceTemplate = (t: ChecklistTemplate, action: string, principal: Principal) =>
    feed.publish({
      entity: 'checklist-template',
      id: t.id,
      version: t.version,
      action,
      actorId: principal.user?.id ?? null,
    });
  const announceItem = (item: ChecklistItem, action: string, principal: Principal) =>
    feed.publish({
      entity: 'checklist',
      id: item.id,
      version: item.version,
      action,
      actorId: principal.user?.id ?? null,
      claimId: item.claimId,
    });
  return {
    async listTemplates(principal: Principal) {
      authorize(principal, 'claims.update');
      return repos.checklists.listTemplates();
    },
    async createTemplate(principal: Principal, input: ChecklistTemplateInput) {
      authorize(principal, 'checklists.manage');
      const values = cleanTemplate(input);
      const template = await repos.transaction(async (tx) => {
        const created = await tx.checklists.insertTemplate({ ...values, isDefault: false });
        let template = created;
        if (values.isDefault) {
          await tx.checklists.clearDefault(created.id);
          template = applied(
            await tx.checklists.updateTemplate(created.id, created.version, { isDefault: true }),
            'Checklist template',
            created.id,
            created.version,
          );
        }
        await record(
          tx,
          principal.actor,
          clock(),
          'checklist-template.created',
          'checklist_template',
          template.id,
          { name: template.name, items: template.items, isDefault: template.isDefault },
        );
        return template;
      });
      announceTemplate(template, 'checklist-template.created', principal);
      return template;
    },
    async updateTemplate(
      principal: Principal,
      id: string,
      version: number,
      input: Partial<ChecklistTemplateInput>,
    ) {
      authorize(principal, 'checklists.manage');
      const values = cleanTemplate(input);
      if (values.isDefault === false) {
        throw new ValidationError([
          {
            field: 'isDefault',
            message: 'make another template the default instead of unsetting this one',
          },
        ]);
      }
      const template = await repos.transaction(async (tx) => {
        if (values.isDefault) await tx.checklists.clearDefault(id);
        const template = applied(
          await tx.checklists.updateTemplate(id, version, values),
          'Checklist template',
          id,
          version,
        );
        await record(
          tx,
          principal.actor,
          clock(),
          'checklist-template.updated',
          'checklist_template',
          id,
          { ...values },
        );
        return template;
      });
      announceTemplate(template, 'checklist-template.updated', principal);
      return template;
    },
    async deleteTemplate(principal: Principal, id: string): Promise<void> {
      authorize(principal, 'checklists.manage');
      await repos.transaction(async (tx) => {
        const template = await found(tx.checklists.findTemplate(id), 'Checklist template', id);
        if (template.isDefault) {
          throw new ValidationError([
            {
              field: 'id',
              message: 'is the default template; make another one the default first',
            },
          ]);
        }
        // Claims keep their steps: a checklist is copied from its template, not linked.
        if (!(await tx.checklists.deleteTemplate(id)))
          throw new NotFoundError('Checklist template', id);
        await record(
          tx,
          principal.actor,
          clock(),
          'checklist-template.deleted',
          'checklist_template',
          id,
          { name: template.name },
        );
      });
      feed.publish({
        entity: 'checklist-template',
        id,
        version: null,
        action: 'checklist-template.deleted',
        actorId: principal.user?.id ?? null,
      });
    },

    async list(principal: Principal, claimId: string): Promise<ChecklistItem[]> {
      authorize(principal, 'claims.update');
      await found(repos.claims.findById(claimId), 'Claim', claimId);
      return repos.checklists.listForClaim(claimId);
    },
    /** Applies a template to a claim without a checklist, or adds single steps to it. */
    async add(
      principal: Principal,
      claimId: string,
      input: { templateId?: string | undefined; labels?: string[] | undefined },
    ): Promise<ChecklistItem[]> {
      authorize(principal, 'claims.update');
      const labels = (input.labels ?? []).map((label) => label.trim());
      if (labels.some((label) => !label)) {
        throw new ValidationError([{ field: 'labels', message: 'steps must not be blank' }]);
      }
      const { items, added } = await repos.transaction(async (tx) => {
        await found(tx.claims.findById(claimId), 'Claim', claimId);
        const before = await tx.checklists.listForClaim(claimId);
        if (input.templateId && before.length > 0) {
          throw new ValidationError([
            {
              field: 'templateId',
              message: 'this claim has a checklist already; add steps instead',
            },
          ]);
        }
        const fromTemplate =
          labels.length === 0 || input.templateId
            ? await ensureChecklist(tx, claimId, input.templateId)
            : before;
        const added = [
          ...fromTemplate.filter((item) => !before.some((b) => b.id === item.id)),
          ...(await tx.checklists.addItems(claimId, labels)),
        ];
        await record(tx, principal.actor, clock(), 'checklist.added', 'claim', claimId, {
          templateId: input.templateId ?? null,
          labels: added.map((item) => item.label),
        });
        return { items: await tx.checklists.listForClaim(claimId), added };
      });
      for (const item of added) announceItem(item, 'checklist.added', principal);
      return items;
    },
    /** Ticks or unticks a step (recording who and when), or renames it. */
    async update(
      principal: Principal,
      claimId: string,
      itemId: string,
      version: number,
      input: { done?: boolean | undefined; label?: string | undefined },
    ): Promise<ChecklistItem> {
      authorize(principal, 'claims.update');
      const label = input.label?.trim();
      if (input.label !== undefined && !label) {
        throw new ValidationError([{ field: 'label', message: 'must not be blank' }]);
      }
      const now = clock();
      const item = await repos.transaction(async (tx) => {
        const current = await tx.checklists.findItem(itemId);
        if (!current || current.claimId !== claimId)
          throw new NotFoundError('Checklist step', itemId);
        const patch: { label?: string; doneAt?: Date | null; doneById?: string | null } = {};
        if (label !== undefined) patch.label = label;
        if (input.done !== undefined) {
          patch.doneAt = input.done ? now : null;
          patch.doneById = input.done ? principal.user.id : null;
        }
        const item = applied(
          await tx.checklists.updateItem(itemId, version, patch),
          'Checklist step',
          itemId,
          version,
        );
        await record(tx, principal.actor, now, 'checklist.updated', 'claim', claimId, {
          itemId,
          ...(input.done !== undefined ? { done: input.done } : {}),
          ...(label !== undefined ? { label } : {}),
          version: item.version,
        });
        return item;
      });
      announceItem(item, 'checklist.updated', principal);
      return item;
    },
  };
}
export type ChecklistService = ReturnType<typeof createChecklistService>;
