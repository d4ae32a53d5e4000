import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { TriageService } from '../../../core/triage.service.js';
import { PRIORITIES, REJECTION_REASONS } from '../../../core/types.js';
import '../../route-permission.js';
import { ClaimSchema } from '../claims/schema.js';
import {
  DateTime,
  IdParams,
  Nullable,
  Uuid,
  Version,
  errorResponses,
  plain,
  toDate,
} from '../common.js';

// The claim schema without its $id: a response may hold several claims.
const ClaimBody = Type.Object(ClaimSchema.properties);
const Reason = Type.Enum([...REJECTION_REASONS]);
const NewClaim = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
    priority: Type.Optional(Type.Enum([...PRIORITIES])),
    dueAt: Type.Optional(DateTime),
    categoryId: Type.Optional(Nullable(Uuid)),
    assigneeId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
const Selection = {
  itemIds: Type.Optional(Type.Array(Uuid, { maxItems: 1000, uniqueItems: true })),
  clusterId: Type.Optional(Uuid),
};

const AcceptSchema = Type.Object(
  {
    ...Selection,
    claimId: Type.Optional(Uuid),
    claim: Type.Optional(NewClaim),
  },
  {
    additionalProperties: false,
    description: 'Items (by id and/or cluster) and either claimId or a new claim',
  },
);
const RejectItemsSchema = Type.Object(
  { ...Selection, reason: Reason },
  { additionalProperties: false },
);
const SplitSchema = Type.Object(
  {
    claims: Type.Array(
      Type.Union([Type.Object({ claimId: Uuid }, { additionalProperties: false }), NewClaim]),
      { minItems: 1, maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });
const RejectClaimSchema = Type.Object(
  {
    version: Version,
    reason: Reason,
    duplicateOfId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
const MergeSchema = Type.Object(
  {
    sourceId: Uuid,
    version: Type.Integer({
      minimum: 1,
      description: 'The version of the source claim (the one closed as a duplicate)',
    }),
  },
  { additionalProperties: false },
);

const newClaimInput = ({ dueAt, ...rest }: Static<typeof NewClaim>) => ({
  ...rest,
  dueAt: toDate(dueAt) ?? undefined,
});

/** Triage: what becomes of incoming items and new claims. */
export async function triageRoutes(
  appBase: FastifyInstance,
  { triage }: { triage: TriageService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['triage'];

  app.post(
    '/triage/accept',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: 'Accept items into a claim (existing or new)',
        description:
          'Items named by id must be untriaged (409 when somebody triaged them first); a cluster contributes its untriaged items. A new claim goes straight to research with the default checklist.',
        body: AcceptSchema,
        response: {
          200: Type.Object({
            claim: ClaimSchema,
            itemIds: Type.Array(Uuid),
            created: Type.Boolean(),
          }),
          201: Type.Object({
            claim: ClaimSchema,
            itemIds: Type.Array(Uuid),
            created: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { claim, ...rest } = request.body;
      // Both or neither of claimId and claim is the service's error to name.
      const result = await triage.acceptItems(request.principal, {
        ...rest,
        claim: claim ? newClaimInput(claim) : undefined,
      } as Parameters<TriageService['acceptItems']>[1]);
      return reply.status(result.created ? 201 : 200).send(plain(result));
    },
  );

  app.post(
    '/triage/reject',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: 'Dismiss items: duplicate, not checkable or out of scope',
        body: RejectItemsSchema,
        response: { 200: Type.Object({ itemIds: Type.Array(Uuid) }), ...errorResponses },
      },
    },
    async (request) => triage.rejectItems(request.principal, request.body),
  );

  app.post(
    '/items/:id/split',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: "Split an item's claims: link one item to several claims",
        params: IdParams,
        body: SplitSchema,
        response: {
          200: Type.Object({ itemId: Uuid, claims: Type.Array(ClaimSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      plain(
        await triage.splitItem(request.principal, request.params.id, {
          claims: request.body.claims.map((entry) =>
            'claimId' in entry ? entry : newClaimInput(entry),
          ),
        }),
      ),
  );

  app.post(
    '/claims/:id/accept',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: 'Accept a claim at triage: it goes to research',
        params: IdParams,
        body: VersionBody,
        response: { 200: ClaimSchema, ...errorResponses },
      },
    },
    async (request) =>
      plain(await triage.accept(request.principal, request.params.id, request.body.version)),
  );

  app.post(
    '/claims/:id/reject',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: 'Reject a claim at triage with a reason',
        description:
          'A duplicate naming duplicateOfId is merged into that claim (its items and evidence move there).',
        params: IdParams,
        body: RejectClaimSchema,
        response: { 200: ClaimSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...rest } = request.body;
      return plain(await triage.reject(request.principal, request.params.id, version, rest));
    },
  );

  app.post(
    '/claims/:id/merge',
    {
      config: { permission: 'claims.triage' },
      schema: {
        tags,
        summary: 'Merge another claim into this one',
        description:
          "The source's items and evidence move here; the source is closed as a duplicate pointing to this claim.",
        params: IdParams,
        body: MergeSchema,
        response: {
          200: Type.Object({
            target: ClaimBody,
            source: ClaimBody,
            movedItemIds: Type.Array(Uuid),
            movedEvidence: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      plain(await triage.merge(request.principal, request.params.id, request.body)),
  );
}
