import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ChecklistService } from '../../../core/checklist.service.js';
import '../../route-permission.js';
import {
  DateTime,
  IdParams,
  Nullable,
  Uuid,
  Version,
  errorResponses,
  plain,
  versionedProperties,
} from '../common.js';

const Step = Type.String({ minLength: 1, maxLength: 500 });

export const ChecklistTemplateSchema = Type.Object(
  {
    ...versionedProperties,
    name: Type.String(),
    items: Type.Array(Type.String()),
    isDefault: Type.Boolean(),
  },
  { $id: 'ChecklistTemplate', description: 'The steps the desk follows for a claim' },
);
export const ChecklistItemSchema = Type.Object(
  {
    ...versionedProperties,
    claimId: Uuid,
    position: Type.Integer(),
    label: Type.String(),
    doneAt: Nullable(DateTime),
    doneById: Nullable(Uuid),
  },
  { $id: 'ChecklistItem', description: "One step of a claim's checklist" },
);
const TemplateCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    items: Type.Array(Step, { minItems: 1, maxItems: 100 }),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const TemplateUpdateSchema = Type.Object(
  {
    version: Version,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    items: Type.Optional(Type.Array(Step, { minItems: 1, maxItems: 100 })),
    isDefault: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const ChecklistAddSchema = Type.Object(
  {
    templateId: Type.Optional(Uuid),
    labels: Type.Optional(Type.Array(Step, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
const ChecklistUpdateSchema = Type.Object(
  {
    version: Version,
    done: Type.Optional(Type.Boolean()),
    label: Type.Optional(Step),
  },
  { additionalProperties: false },
);
const StepParams = Type.Object({ id: Uuid, itemId: Uuid }, { additionalProperties: false });
const ChecklistPage = Type.Object({ items: Type.Array(ChecklistItemSchema) });

/** /api/v1/checklist-templates (admin) and /api/v1/claims/{id}/checklist (the desk). */
export async function checklistRoutes(
  appBase: FastifyInstance,
  { checklists }: { checklists: ChecklistService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['checklists'];

  app.get(
    '/checklist-templates',
    {
      config: { permission: 'claims.update' },
      schema: {
        tags,
        summary: 'List checklist templates (the default first)',
        response: {
          200: Type.Object({ items: Type.Array(ChecklistTemplateSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: (await checklists.listTemplates(request.principal)).map(plain),
    }),
  );

  app.post(
    '/checklist-templates',
    {
      config: { permission: 'checklists.manage' },
      schema: {
        tags,
        summary: 'Create a checklist template',
        body: TemplateCreateSchema,
        response: { 201: ChecklistTemplateSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(plain(await checklists.createTemplate(request.principal, request.body))),
  );

  app.patch(
    '/checklist-templates/:id',
    {
      config: { permission: 'checklists.manage' },
      schema: {
        tags,
        summary: 'Update a checklist template, or make it the default',
        params: IdParams,
        body: TemplateUpdateSchema,
        response: { 200: ChecklistTemplateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(
        await checklists.updateTemplate(request.principal, request.params.id, version, rest),
      );
    },
  );

  app.delete(
    '/checklist-templates/:id',
    {
      config: { permission: 'checklists.manage' },
      schema: {
        tags,
        summary: 'Delete a checklist template (not the default)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await checklists.deleteTemplate(request.principal, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/claims/:id/checklist',
    {
      config: { permission: 'claims.update' },
      schema: {
        tags,
        summary: "A claim's checklist",
        params: IdParams,
        response: { 200: ChecklistPage, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await checklists.list(request.principal, request.params.id)).map(plain),
    }),
  );

  app.post(
    '/claims/:id/checklist',
    {
      config: { permission: 'claims.update' },
      schema: {
        tags,
        summary: "Apply a template to a claim's empty checklist, or add steps",
        params: IdParams,
        body: ChecklistAddSchema,
        response: { 200: ChecklistPage, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await checklists.add(request.principal, request.params.id, request.body)).map(plain),
    }),
  );

  app.patch(
    '/claims/:id/checklist/:itemId',
    {
      config: { permission: 'claims.update' },
      schema: {
        tags,
        summary: 'Tick or untick a step (who and when are recorded), or rename it',
        params: StepParams,
        body: ChecklistUpdateSchema,
        response: { 200: ChecklistItemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(
        await checklists.update(
          request.principal,
          request.params.id,
          request.params.itemId,
          version,
          rest,
        ),
      );
    },
  );
}
