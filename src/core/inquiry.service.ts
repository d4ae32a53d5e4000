/**
 * Journalists' questions to the press office: sent from the portal's press room without an
 * account, tracked by the desk until answered. The journalist's name and contact are encrypted
 * under the instance key like tipsters' contacts.
 */
import { randomUUID } from 'node:crypto';
import { encryptContact } from './contact-crypto.js';
import { ValidationError, type FieldProblem } from './errors.js';
import { authorize } from './policy.js';
import type { Clock, Principal, Repositories } from './ports.js';
import { record } from './service-support.js';

export const INQUIRY_STATUSES = ['open', 'assigned', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** An inquiry as the desk lists it (the contact stays encrypted; only whether there is one). */
export interface Inquiry {
  id: string;
  outlet: string;
  question: string;
  hasContact: boolean;
  status: InquiryStatus;
  assigneeId: string | null;
  answer: string | null;
  dueAt: Date | null;
  answeredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Storage of inquiries. */
export interface InquiryRepository {
  insert(values: {
    id: string;
    outlet: string;
    question: string;
    contactEncrypted: string | null;
    dueAt: Date | null;
    createdAt: Date;
  }): Promise<Inquiry>;
  /** Newest first; open ones only when `status` is unset and `open` is true. */
  list(filter: { status?: InquiryStatus | undefined; limit: number }): Promise<Inquiry[]>;
}

/** What the press room's form sends. */
export interface InquirySubmission {
  outlet: string;
  name?: string | undefined;
  contact: string;
  question: string;
}

export const INQUIRY_LIMITS = Object.freeze({
  outlet: 200,
  name: 200,
  contact: 200,
  question: 5000,
});

/** The press office answers within two working days; the desk shows what is late. */
const ANSWER_WITHIN_MS = 48 * 3_600_000;

export function createInquiryService(
  repos: Repositories,
  clock: Clock,
  options: { secretKey: string },
) {
  return {
    async submit(principal: Principal, input: InquirySubmission): Promise<{ id: string }> {
      const outlet = input.outlet.trim();
      const name = (input.name ?? '').trim();
      const contact = input.contact.trim();
      const question = input.question.trim();
      const problems: FieldProblem[] = [];
      const required = { outlet, contact, question } as const;
      for (const [field, value] of Object.entries(required)) {
        if (!value) problems.push({ field, message: 'is required' });
      }
      for (const [field, value] of Object.entries({ outlet, name, contact, question })) {
        const max = INQUIRY_LIMITS[field as keyof typeof INQUIRY_LIMITS];
        if (value.length > max)
          problems.push({ field, message: `must be at most ${max} characters` });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const now = clock();
      const id = randomUUID();
      const who = name ? `${name} — ${contact}` : contact;
      await repos.transaction(async (tx) => {
        await tx.inquiries.insert({
          id,
          outlet,
          question,
          contactEncrypted: encryptContact(who, options.secretKey, `inquiry:${id}`),
          dueAt: new Date(now.getTime() + ANSWER_WITHIN_MS),
          createdAt: now,
        });
        await record(tx, principal.actor, now, 'inquiry.received', 'inquiry', id, { outlet });
      });
      return { id };
    },
    async list(
      principal: Principal,
      filter: { status?: InquiryStatus | undefined; limit: number },
    ) {
      authorize(principal, 'inquiries.read');
      return repos.inquiries.list(filter);
    },
  };
}
export type InquiryService = ReturnType<typeof createInquiryService>;
