import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CONTACT_RETENTION_LIMITS, type RetentionService } from '../../../core/retention.js';
import '../../route-permission.js';
import { DateTime, Nullable, Uuid, errorResponses, plain } from '../common.js';

const { afterAnswerDays, maxDays } = CONTACT_RETENTION_LIMITS;
const AfterAnswerDays = Type.Integer({
  minimum: afterAnswerDays.min,
  maximum: afterAnswerDays.max,
  description: "Days a tipster's contact is kept after the tip was answered or closed",
});
const MaxDays = Type.Integer({
  minimum: maxDays.min,
  maximum: maxDays.max,
  description: 'Days after receipt when a contact is deleted in any case',
});

const RetentionSchema = Type.Object(
  {
    afterAnswerDays: AfterAnswerDays,
    maxDays: MaxDays,
    version: Type.Integer({ minimum: 0, description: '0 while the configuration applies' }),
    source: Type.Union([Type.Literal('config'), Type.Literal('database')]),
    defaults: Type.Object({ afterAnswerDays: Type.Integer(), maxDays: Type.Integer() }),
    updatedAt: Nullable(DateTime),
    updatedById: Nullable(Uuid),
  },
  { $id: 'RetentionSettings', description: "How long tipsters' contact data is kept" },
);
const RetentionUpdateSchema = Type.Object(
  {
    version: Type.Integer({
      minimum: 0,
      description: 'The version you last read (0 when nothing was stored); a stale one gets 409.',
    }),
    afterAnswerDays: AfterAnswerDays,
    maxDays: MaxDays,
  },
  { additionalProperties: false },
);

/** /api/v1/settings/retention: the tipster contact retention policy, read by the purge. */
export async function settingsRoutes(
  appBase: FastifyInstance,
  { retention }: { retention: RetentionService },
) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['settings'];

  app.get(
    '/settings/retention',
    {
      config: { permission: 'settings.read' },
      schema: {
        tags,
        summary: "The retention policy of tipsters' contacts in force",
        description:
          'Values stored from the desk, or the configuration (TIP_CONTACT_DAYS_AFTER_ANSWER, TIP_CONTACT_MAX_DAYS) while none are stored.',
        response: { 200: RetentionSchema, ...errorResponses },
      },
    },
    async (request) => plain(await retention.get(request.principal)),
  );

  app.put(
    '/settings/retention',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: "Change the retention policy of tipsters' contacts",
        description:
          'Applies from the next purge (hourly) to contacts already held; a shorter ceiling deletes older contacts then. Audited.',
        body: RetentionUpdateSchema,
        response: { 200: RetentionSchema, ...errorResponses },
      },
    },
    async (request) => plain(await retention.update(request.principal, request.body)),
  );
}
