import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CheckService, CheckUpdateInput } from '../../../core/check.service.js';
import { renderMarkdown } from '../../../core/markdown.js';
import type { Principal } from '../../../core/ports.js';
import type { Check, CheckStatus } from '../../../core/types.js';
import '../../route-permission.js';
import { IdParams, errorResponses, pageOf, plain } from '../common.js';
import {
  CheckActionSchema,
  CheckCommentActionSchema,
  CheckCreateSchema,
  CheckDiffQuery,
  CheckDiffSchema,
  CheckListQuery,
  CheckPreviewResultSchema,
  CheckPreviewSchema,
  CheckReasonActionSchema,
  CheckReviewSchema,
  CheckSchema,
  CheckUpdateSchema,
  CheckVersionsSchema,
} from './schema.js';

/** A check as the API shows it: with its explanation rendered to safe HTML. */
export function presentCheck(check: Check) {
  return plain({ ...check, explanationHtml: renderMarkdown(check.explanation) });
}

/** /api/v1/checks */
export async function checkRoutes(appBase: FastifyInstance, { checks }: { checks: CheckService }) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['checks'];

  app.get(
    '/checks',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'List checks',
        querystring: CheckListQuery,
        response: { 200: pageOf(CheckSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 25, cursor, q, status, claim, category, rating } = request.query;
      const page = await checks.list(request.principal, {
        limit,
        cursor,
        filter: { q, status, claimId: claim, categoryId: category, rating },
      });
      return { items: page.items.map(presentCheck), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/checks/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Get a check',
        params: IdParams,
        response: { 200: CheckSchema, ...errorResponses },
      },
    },
    async (request) => presentCheck(await checks.get(request.principal, request.params.id)),
  );

  app.get(
    '/checks/:id/versions',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: "A check's saved versions and public corrections",
        params: IdParams,
        response: { 200: CheckVersionsSchema, ...errorResponses },
      },
    },
    async (request) => plain(await checks.history(request.principal, request.params.id)),
  );

  app.get(
    '/checks/:id/diff',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'What changed between two saved versions (word and line diffs)',
        params: IdParams,
        querystring: CheckDiffQuery,
        response: { 200: CheckDiffSchema, ...errorResponses },
      },
    },
    async (request) =>
      plain(
        await checks.diff(
          request.principal,
          request.params.id,
          request.query.from,
          request.query.to,
        ),
      ),
  );

  app.get(
    '/checks/:id/reviews',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Review decisions on a check (approvals, changes requested)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(CheckReviewSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await checks.reviews(request.principal, request.params.id)).map(plain),
    }),
  );

  app.post(
    '/checks',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Start a check of a claim',
        body: CheckCreateSchema,
        response: { 201: CheckSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentCheck(await checks.create(request.principal, request.body))),
  );

  app.post(
    '/checks/preview',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Render an explanation as readers will see it (Markdown to sanitised HTML)',
        description:
          'The same renderer and allow-list as `explanationHtml`: the desk previews exactly what will be published. Nothing is stored.',
        body: CheckPreviewSchema,
        response: { 200: CheckPreviewResultSchema, ...errorResponses },
      },
    },
    async (request) => ({ html: renderMarkdown(request.body.markdown) }),
  );

  app.patch(
    '/checks/:id',
    {
      config: { permission: 'checks.write' },
      schema: {
        tags,
        summary: 'Update, approve, publish, unpublish or correct a check',
        description:
          'Publishing needs a rating, a summary, at least one evidence item and an approver who is not the author. Changing a published check needs a correctionReason, shown to readers.',
        params: IdParams,
        body: CheckUpdateSchema,
        response: { 200: CheckSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return presentCheck(await checks.update(request.principal, request.params.id, version, rest));
    },
  );

  /** The review steps, each a move of the check's status with what that move needs. */
  const actions: Array<{
    path: string;
    status: CheckStatus;
    summary: string;
    permission: 'checks.write' | 'checks.review' | 'checks.publish';
    body:
      typeof CheckActionSchema | typeof CheckCommentActionSchema | typeof CheckReasonActionSchema;
    extra: (body: { comment?: string; reason?: string }) => Partial<CheckUpdateInput>;
  }> = [
    {
      path: 'submit',
      status: 'in_review',
      summary: 'Submit a check for review by a second person',
      permission: 'checks.write',
      body: CheckActionSchema,
      extra: () => ({}),
    },
    {
      path: 'approve',
      status: 'approved',
      summary: "Approve a colleague's check (never your own)",
      permission: 'checks.review',
      body: CheckActionSchema,
      extra: () => ({}),
    },
    {
      path: 'request-changes',
      status: 'draft',
      summary: 'Send a check back to its author with what to change',
      permission: 'checks.review',
      body: CheckCommentActionSchema,
      extra: (body) => ({ reviewComment: body.comment }),
    },
    {
      path: 'publish',
      status: 'published',
      summary: 'Publish an approved check',
      permission: 'checks.publish',
      body: CheckActionSchema,
      extra: () => ({}),
    },
    {
      path: 'unpublish',
      status: 'unpublished',
      summary: 'Take a published check down, saying why',
      permission: 'checks.publish',
      body: CheckReasonActionSchema,
      extra: (body) => ({ unpublishReason: body.reason }),
    },
  ];
  for (const action of actions) {
    app.post(
      `/checks/:id/${action.path}`,
      {
        config: { permission: action.permission },
        schema: {
          tags,
          summary: action.summary,
          params: IdParams,
          body: action.body,
          response: { 200: CheckSchema, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body as { version: number; comment?: string; reason?: string };
        const principal: Principal = request.principal;
        return presentCheck(
          await checks.update(principal, request.params.id, body.version, {
            status: action.status,
            ...action.extra(body),
          }),
        );
      },
    );
  }
}
