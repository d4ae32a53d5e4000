/** Journalists' questions to the press office. */
import { desc, eq } from 'drizzle-orm';
import type { Inquiry, InquiryRepository } from '../core/inquiry.service.js';
import type { Db } from './client.js';
import { guarded } from './repo-support.js';
import { inquiries } from './schema.js';

const columns = {
  id: inquiries.id,
  outlet: inquiries.outlet,
  question: inquiries.question,
  contactEncrypted: inquiries.contactEncrypted,
  status: inquiries.status,
  assigneeId: inquiries.assigneeId,
  answer: inquiries.answer,
  dueAt: inquiries.dueAt,
  answeredAt: inquiries.answeredAt,
  createdAt: inquiries.createdAt,
  updatedAt: inquiries.updatedAt,
  version: inquiries.version,
};

function present(row: { contactEncrypted: string | null } & Omit<Inquiry, 'hasContact'>): Inquiry {
  const { contactEncrypted, ...rest } = row;
  return { ...rest, hasContact: contactEncrypted !== null };
}

export function inquiryRepository(db: Db): InquiryRepository {
  return {
    async insert(values) {
      const [row] = await guarded(db.insert(inquiries).values(values).returning(columns));
      return present(row!);
    },
    async list(filter) {
      const rows = await db
        .select(columns)
        .from(inquiries)
        .where(filter.status ? eq(inquiries.status, filter.status) : undefined)
        .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
        .limit(filter.limit);
      return rows.map(present);
    },
  };
}
