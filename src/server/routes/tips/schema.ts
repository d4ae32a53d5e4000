import { Type } from 'typebox';
import { RATINGS } from '../../../core/types.js';
import { DateTime, Nullable, Uuid } from '../common.js';

export const TipSubmitSchema = Type.Object(
  {
    link: Type.Optional(Type.String({ maxLength: 2048, description: 'Where you saw it' })),
    text: Type.Optional(Type.String({ maxLength: 5000, description: 'What it says' })),
    contact: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Optional phone or e-mail, kept encrypted and only with consent',
      }),
    ),
    consent: Type.Optional(Type.Boolean({ default: false })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    /** Left empty by people; bots fill every field. */
    website: Type.Optional(Type.String({ maxLength: 500, description: 'Leave empty' })),
    pow: Type.Optional(
      Type.Object(
        { challenge: Type.String({ maxLength: 500 }), nonce: Type.String({ maxLength: 100 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const VerdictSchema = Type.Object({
  checkId: Uuid,
  slug: Type.String(),
  title: Type.String(),
  rating: Nullable(Type.Enum([...RATINGS])),
  summary: Type.String(),
  publishedAt: Nullable(DateTime),
  confidence: Type.Optional(Type.Number()),
});

const TipStatus = Type.Enum(['received', 'answered', 'in_progress', 'closed']);

export const TipReceiptSchema = Type.Object({
  receiptCode: Type.String({ description: 'Keep it to follow the tip' }),
  status: TipStatus,
  answer: Nullable(VerdictSchema),
  related: Type.Array(VerdictSchema, {
    description: 'Published checks that may be related (not a confident answer)',
  }),
  message: Type.String(),
});

export const TipStatusSchema = Type.Object({
  status: TipStatus,
  receivedAt: DateTime,
  updatedAt: DateTime,
  answer: Nullable(VerdictSchema),
  corrections: Type.Array(Type.Object({ reason: Type.String(), createdAt: DateTime })),
  message: Type.String(),
});

export const ChallengeSchema = Type.Object({
  required: Type.Boolean(),
  challenge: Nullable(Type.String()),
  difficultyBits: Type.Integer(),
  expiresAt: Nullable(DateTime),
});

export const CodeParams = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
