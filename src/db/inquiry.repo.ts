/** Journalists' questions to the press office. */
import { desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Inquiry, InquiryCounts, InquiryRepository } from '../core/inquiry.service.js';
import { OPEN_INQUIRY_STATUSES } from '../core/inquiry.service.js';
import type { Db } from './client.js';
import { afterCursor, allOf, guarded, updateVersioned } from './repo-support.js';
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
  closedAt: inquiries.closedAt,
  createdAt: inquiries.createdAt,
  updatedAt: inquiries.updatedAt,
  version: inquiries.version,
};

type Row = { contactEncrypted: string | null } & Omit<Inquiry, 'hasContact'>;

/** The row without its ciphertext: only whether a contact is held leaves the repository. */
function present(row: Row): Inquiry {
  return {
    id: row.id,
    outlet: row.outlet,
    question: row.question,
    hasContact: row.contactEncrypted !== null,
    status: row.status,
    assigneeId: row.assigneeId,
    answer: row.answer,
    dueAt: row.dueAt,
    answeredAt: row.answeredAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const openStatuses = [...OPEN_INQUIRY_STATUSES];

export function inquiryRepository(db: Db): InquiryRepository {
  return {
    async insert(values) {
      const [row] = await guarded(
        db
          .insert(inquiries)
          .values({ ...values, updatedAt: values.createdAt })
          .returning(columns),
      );
      return present(row!);
    },
    async findById(id) {
      const [row] = await db.select(columns).from(inquiries).where(eq(inquiries.id, id));
      return row ? present(row) : undefined;
    },
    async findContact(id) {
      const [row] = await db
        .select({ contactEncrypted: inquiries.contactEncrypted })
        .from(inquiries)
        .where(eq(inquiries.id, id));
      return row;
    },
    async list(filter, page) {
      const rows = await db
        .select(columns)
        .from(inquiries)
        .where(
          allOf(
            afterCursor(inquiries.createdAt, inquiries.id, page),
            filter.status ? eq(inquiries.status, filter.status) : undefined,
            filter.open || filter.overdueAt ? inArray(inquiries.status, openStatuses) : undefined,
            filter.overdueAt ? lt(inquiries.dueAt, filter.overdueAt) : undefined,
          ),
        )
        .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
        .limit(page.limit);
      return rows.map(present);
    },
    async counts(overdueAt) {
      const rows = await db
        .select({
          status: inquiries.status,
          count: sql<number>`count(*)::int`,
          overdue: sql<number>`(count(*) filter (where ${inquiries.dueAt} < ${overdueAt.toISOString()}::timestamptz))::int`,
        })
        .from(inquiries)
        .groupBy(inquiries.status);
      const counts: InquiryCounts = { open: 0, assigned: 0, answered: 0, closed: 0, overdue: 0 };
      for (const row of rows) {
        const status = row.status;
        counts[status] = Number(row.count);
        if (openStatuses.includes(status)) counts.overdue += Number(row.overdue);
      }
      return counts;
    },
    async updateVersioned(id, version, patch) {
      const result = await updateVersioned<Row>(db, inquiries, id, version, { ...patch });
      return result.ok ? { ok: true, row: present(result.row) } : result;
    },
    async deleteExpiredContacts(now, answeredBefore, receivedBefore) {
      // The grace period runs from the answer, or from the closing of a question closed
      // unanswered; reopening clears both, so a reopened question keeps its contact.
      const rows = await db
        .update(inquiries)
        .set({ contactEncrypted: null, contactDeleteAfter: null, updatedAt: now })
        .where(
          sql`${inquiries.contactEncrypted} is not null and (${inquiries.contactDeleteAfter} <= ${now.toISOString()}::timestamptz
            or ${inquiries.createdAt} <= ${receivedBefore.toISOString()}::timestamptz
            or (${inquiries.status} in ('answered', 'closed')
              and coalesce(${inquiries.answeredAt}, ${inquiries.closedAt}) <= ${answeredBefore.toISOString()}::timestamptz))`,
        )
        .returning({ id: inquiries.id });
      return rows.map((row) => row.id);
    },
  };
}
