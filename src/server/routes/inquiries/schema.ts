import { Type } from 'typebox';
import { INQUIRY_LIMITS, INQUIRY_STATUSES } from '../../../core/inquiry.service.js';
import { DateTime, Nullable, Uuid, Version } from '../common.js';

const inquiryProperties = {
  id: Uuid,
  outlet: Type.String(),
  question: Type.String(),
  hasContact: Type.Boolean(),
  status: Type.Enum([...INQUIRY_STATUSES]),
  assigneeId: Nullable(Uuid),
  answer: Nullable(Type.String()),
  dueAt: Nullable(DateTime),
  answeredAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
};

export const InquirySchema = Type.Object(inquiryProperties, {
  description: "A journalist's question to the press office (câu hỏi của báo chí)",
});

export const InquiryDetailSchema = Type.Object(
  {
    ...inquiryProperties,
    contact: Type.Optional(
      Nullable(
        Type.String({
          description:
            "The journalist's name and contact, decrypted; only with include=contact (recorded as inquiry.contact_viewed). Null when none is held.",
        }),
      ),
    ),
  },
  { description: 'An inquiry, with its contact when asked for' },
);

const count = Type.Integer({ minimum: 0 });
export const InquiryCountsSchema = Type.Object(
  {
    open: count,
    assigned: count,
    answered: count,
    closed: count,
    overdue: Type.Integer({
      minimum: 0,
      description: 'Open or assigned, past their deadline',
    }),
  },
  { description: 'All inquiries by status, whatever the filter' },
);

export const InquiryListQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...INQUIRY_STATUSES])),
    open: Type.Optional(
      Type.Boolean({ description: 'Only those still owed an answer (open or assigned)' }),
    ),
    overdue: Type.Optional(
      Type.Boolean({ description: 'Only those owed an answer whose deadline has passed' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const InquiryGetQuery = Type.Object(
  {
    include: Type.Optional(
      Type.Literal('contact', {
        description:
          "Decrypt the journalist's contact (press office, leads, admins; every reading is audited)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const InquiryAssignSchema = Type.Object(
  {
    version: Version,
    assigneeId: Nullable(Uuid),
  },
  { additionalProperties: false },
);

export const InquiryAnswerSchema = Type.Object(
  {
    version: Version,
    answer: Type.String({
      minLength: 1,
      maxLength: INQUIRY_LIMITS.answer,
      description: 'The answer given to the journalist, plain text',
    }),
  },
  { additionalProperties: false },
);

export const InquiryActionSchema = Type.Object(
  { version: Version },
  { additionalProperties: false },
);
