import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import { generateReceiptCode } from '../../../core/receipt-code.js';
import type { TipService, TipStatus } from '../../../core/tip.service.js';
import type { SharedRateWindow } from '../../rate-limits.js';
import { errorResponses, plain } from '../common.js';
import {
  ChallengeSchema,
  CodeParams,
  TipReceiptSchema,
  TipStatusSchema,
  TipSubmitSchema,
} from './schema.js';

/** The rate-limit group of everything that sends a tip, per address. */
export const TIP_LIMIT_GROUP = 'tips';

export interface TipRouteOptions {
  tips: TipService;
  perIpPerMinute: number;
  /** All tips per minute, whoever sends them; shared with the portal's tip form. */
  everyone: SharedRateWindow;
}

/** What the public reads next to a status; Vietnamese first, as the portal speaks. */
const STATUS_MESSAGES: Record<TipStatus, string> = {
  received:
    'Đã nhận tin báo. Thông tin này CHƯA ĐƯỢC KIỂM CHỨNG — xin đừng chia sẻ. / Received. Not verified yet — please do not share it.',
  in_progress:
    'Tin báo đang được kiểm chứng. Thông tin này CHƯA ĐƯỢC KIỂM CHỨNG — xin đừng chia sẻ. / Being checked. Not verified yet — please do not share it.',
  answered: 'Đã có kết quả kiểm chứng. / A published check answers this.',
  closed: 'Tin báo đã đóng. / This tip is closed.',
};

/** /api/v1/tips: the public tip line. */
export async function tipRoutes(appBase: FastifyInstance, options: TipRouteOptions) {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { tips } = options;
  const tags = ['tips'];
  const { everyone } = options;

  app.get(
    '/tips/challenge',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A proof-of-work challenge for the tip form (when the instance asks for one)',
        response: { 200: ChallengeSchema },
      },
    },
    async (_request, reply) => {
      const challenge = tips.challenge();
      void reply.header('cache-control', 'no-store');
      return challenge
        ? { required: true, ...plain(challenge) }
        : { required: false, challenge: null, difficultyBits: 0, expiresAt: null };
    },
  );

  app.post(
    '/tips',
    {
      config: {
        permission: 'public',
        // One count per address for the API and the portal's tip form (group "tips").
        rateLimit: { max: options.perIpPerMinute, timeWindow: 60_000, groupId: TIP_LIMIT_GROUP },
      },
      schema: {
        tags,
        summary: 'Send a tip: "is this true?"',
        description:
          'No account needed. Returns a receipt code to follow the tip and, when a published check already answers it, the answer at once.',
        body: TipSubmitSchema,
        response: { 201: TipReceiptSchema, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const { website, ...submission } = request.body;
      if (website) {
        // A bot filled the hidden field: it gets what looks like success, and nothing is stored.
        return reply.status(201).send({
          receiptCode: generateReceiptCode(),
          status: 'received' as const,
          answer: null,
          related: [],
          message: STATUS_MESSAGES.received,
        });
      }
      if (!(await everyone.take())) {
        throw new RateLimitedError('The tip line is very busy; please try again in a minute.');
      }
      const receipt = await tips.submit(request.principal, submission);
      void reply.header('cache-control', 'no-store');
      return reply
        .status(201)
        .send({ ...plain(receipt), message: STATUS_MESSAGES[receipt.status] });
    },
  );

  app.get(
    '/tips/:code',
    {
      // Lookups are limited per address so codes cannot be enumerated.
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Status of a tip by its receipt code',
        params: CodeParams,
        response: { 200: TipStatusSchema, 429: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await tips.status(request.params.code);
      void reply.header('cache-control', 'no-store');
      return { ...plain(view), message: STATUS_MESSAGES[view.status] };
    },
  );
}
