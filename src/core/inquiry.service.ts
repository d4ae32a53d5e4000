/**
 * Journalists' questions to the press office: sent from the portal's press room without an
 * account, tracked by the desk until answered. The journalist's name and contact are encrypted
 * under the instance key like tipsters' contacts, shown only on request to those who answer,
 * each showing recorded, and deleted on the same schedule as tipsters' contacts.
 *
 * Life of an inquiry: `open` → `assigned` (someone of the press office takes it) → `answered`
 * (the answer given is recorded) → `closed`; a question can be closed without an answer (a
 * duplicate, withdrawn) and an answered or closed one reopened (a follow-up, a wrong answer).
 */
import { randomUUID } from 'node:crypto';
import { decryptContact, encryptContact } from './contact-crypto.js';
import {
  InvalidTransitionError,
  ValidationError,
  VersionConflictError,
  type FieldProblem,
} from './errors.js';
import { SILENT_FEED, type ChangeFeed } from './events.js';
import { authorize, can } from './policy.js';
import type { Clock, PageRequest, Principal, Repositories, VersionedUpdate } from './ports.js';
import {
  contactCeiling,
  DEFAULT_CONTACT_RETENTION,
  effectiveContactRetention,
  type ContactRetention,
} from './retention.js';
import { applied, found, listPage, record, type ListInput } from './service-support.js';
import type { Page } from './pagination.js';

export const INQUIRY_STATUSES = ['open', 'assigned', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Statuses still owed an answer: what the desk counts as work, and what can be late. */
export const OPEN_INQUIRY_STATUSES: readonly InquiryStatus[] = ['open', 'assigned'];

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
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** An inquiry with its journalist's contact, decrypted for someone who answers it. */
export interface InquiryWithContact extends Inquiry {
  /** Null when none was given or it was deleted under the retention policy. */
  contact: string | null;
}

/** Which inquiries a list shows. */
export interface InquiryFilter {
  status?: InquiryStatus | undefined;
  /** Only those still owed an answer (open or assigned). */
  open?: boolean | undefined;
  /** Only those owed an answer whose deadline passed before this moment. */
  overdueAt?: Date | undefined;
}

/** How many inquiries there are in each status, and how many are late. */
export type InquiryCounts = Record<InquiryStatus, number> & { overdue: number };

/** What a change of an inquiry may set. */
export interface InquiryPatch {
  status?: InquiryStatus;
  assigneeId?: string | null;
  answer?: string | null;
  answeredAt?: Date | null;
  closedAt?: Date | null;
}

/** Storage of inquiries. */
export interface InquiryRepository {
  insert(values: {
    id: string;
    outlet: string;
    question: string;
    contactEncrypted: string | null;
    contactDeleteAfter: Date | null;
    dueAt: Date | null;
    createdAt: Date;
  }): Promise<Inquiry>;
  findById(id: string): Promise<Inquiry | undefined>;
  /** The stored ciphertext of the contact (null when there is none), or undefined if no row. */
  findContact(id: string): Promise<{ contactEncrypted: string | null } | undefined>;
  /** Newest first, keyset-paged. */
  list(filter: InquiryFilter, page: PageRequest): Promise<Inquiry[]>;
  counts(overdueAt: Date): Promise<InquiryCounts>;
  updateVersioned(
    id: string,
    expectedVersion: number,
    patch: InquiryPatch,
  ): Promise<VersionedUpdate<Inquiry>>;
  /**
   * Deletes the contacts whose time is up: past their stored ceiling, received before
   * `receivedBefore`, or answered/closed before `answeredBefore`. Returns the inquiries' ids.
   */
  deleteExpiredContacts(now: Date, answeredBefore: Date, receivedBefore: Date): Promise<string[]>;
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
  answer: 20_000,
});

/** The press office answers within two working days; the desk shows what is late. */
const ANSWER_WITHIN_MS = 48 * 3_600_000;

/** The encryption context of an inquiry's contact: a ciphertext opens only in its own row. */
export const inquiryContactContext = (id: string) => `inquiry:${id}`;

/**
 * Throws unless `assigneeId` names an active user whose role answers the press (press, lead,
 * admin): a question is never handed to someone who could not see it.
 */
async function assertAnswerer(repos: Repositories, assigneeId: string): Promise<void> {
  const user = await repos.users.findById(assigneeId);
  const principal: Principal = { actor: { kind: 'user', id: assigneeId }, user: user ?? null };
  if (!user || user.disabledAt || !can(principal, 'inquiries.write')) {
    throw new ValidationError([
      {
        field: 'assigneeId',
        message: 'must be an active user who answers the press (press office, lead or admin)',
      },
    ]);
  }
}

/** The moves each action makes, from the statuses it is allowed in. */
const MOVES = {
  assign: ['open', 'assigned'],
  answer: ['open', 'assigned'],
  close: ['open', 'assigned', 'answered'],
  reopen: ['answered', 'closed'],
} as const satisfies Record<string, readonly InquiryStatus[]>;

/** The audit action (and change event) of each move. */
const ACTIONS: Record<keyof typeof MOVES, string> = {
  assign: 'inquiry.assigned',
  answer: 'inquiry.answered',
  close: 'inquiry.closed',
  reopen: 'inquiry.reopened',
};

export function createInquiryService(
  repos: Repositories,
  clock: Clock,
  options: {
    secretKey: string;
    /** The configuration's contact retention (a policy stored from the desk comes first). */
    contactRetention?: ContactRetention;
    feed?: ChangeFeed;
  },
) {
  const feed = options.feed ?? SILENT_FEED;
  const announce = (inquiry: Inquiry, action: string, principal: Principal) =>
    feed.publish({
      entity: 'inquiry',
      id: inquiry.id,
      version: inquiry.version,
      action,
      actorId: principal.user?.id ?? null,
      // The question itself is not in the event, but that one exists is the press office's.
      permission: 'inquiries.read',
    });

  /**
   * One tracked change: stale versions are refused before anything else (the client saw
   * something else), then the move is checked against the status, then written with the
   * version check (which also catches a colleague who saved in between) and audited.
   */
  async function change(
    principal: Principal,
    id: string,
    version: number,
    move: keyof typeof MOVES,
    target: InquiryStatus,
    patchFor: (current: Inquiry, now: Date) => InquiryPatch,
    audit: (current: Inquiry, updated: Inquiry) => Record<string, unknown>,
  ): Promise<Inquiry> {
    const now = clock();
    const updated = await repos.transaction(async (tx) => {
      const current = await found(tx.inquiries.findById(id), 'Inquiry', id);
      if (current.version !== version) {
        throw new VersionConflictError('Inquiry', id, version, current.version);
      }
      if (!(MOVES[move] as readonly InquiryStatus[]).includes(current.status)) {
        throw new InvalidTransitionError('inquiry', current.status, target);
      }
      const row = applied(
        await tx.inquiries.updateVersioned(id, version, patchFor(current, now)),
        'Inquiry',
        id,
        version,
      );
      await record(tx, principal.actor, now, ACTIONS[move], 'inquiry', id, {
        from: current.status,
        to: row.status,
        ...audit(current, row),
      });
      return row;
    });
    announce(updated, ACTIONS[move], principal);
    return updated;
  }

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
      const inquiry = await repos.transaction(async (tx) => {
        const retention = await effectiveContactRetention(
          tx,
          options.contactRetention ?? DEFAULT_CONTACT_RETENTION,
        );
        const inserted = await tx.inquiries.insert({
          id,
          outlet,
          question,
          contactEncrypted: encryptContact(who, options.secretKey, inquiryContactContext(id)),
          contactDeleteAfter: contactCeiling(now, retention),
          dueAt: new Date(now.getTime() + ANSWER_WITHIN_MS),
          createdAt: now,
        });
        await record(tx, principal.actor, now, 'inquiry.received', 'inquiry', id, { outlet });
        return inserted;
      });
      announce(inquiry, 'inquiry.received', principal);
      return { id };
    },

    /** A page of inquiries, newest first, and the counts of the whole desk. */
    async list(
      principal: Principal,
      input: ListInput<Omit<InquiryFilter, 'overdueAt'> & { overdue?: boolean | undefined }>,
    ): Promise<Page<Inquiry> & { counts: InquiryCounts }> {
      authorize(principal, 'inquiries.read');
      const now = clock();
      const { overdue, ...filter } = input.filter;
      const page = await listPage((f: InquiryFilter, p) => repos.inquiries.list(f, p), {
        ...input,
        filter: { ...filter, overdueAt: overdue ? now : undefined },
      });
      return { ...page, counts: await repos.inquiries.counts(now) };
    },

    async get(principal: Principal, id: string): Promise<Inquiry> {
      authorize(principal, 'inquiries.read');
      return found(repos.inquiries.findById(id), 'Inquiry', id);
    },

    /**
     * The inquiry with its contact decrypted, for those who answer; the reading is recorded
     * (who and when, never what) in the same transaction, so no contact is shown unrecorded.
     */
    async getWithContact(principal: Principal, id: string): Promise<InquiryWithContact> {
      authorize(principal, 'inquiries.write');
      const now = clock();
      return repos.transaction(async (tx) => {
        const inquiry = await found(tx.inquiries.findById(id), 'Inquiry', id);
        const stored = await tx.inquiries.findContact(id);
        const token = stored?.contactEncrypted ?? null;
        if (token === null) return { ...inquiry, contact: null };
        const contact = decryptContact(token, options.secretKey, inquiryContactContext(id));
        await record(tx, principal.actor, now, 'inquiry.contact_viewed', 'inquiry', id);
        return { ...inquiry, contact };
      });
    },

    /** Gives the question to someone of the press office (null: back to nobody, `open`). */
    async assign(
      principal: Principal,
      id: string,
      version: number,
      assigneeId: string | null,
    ): Promise<Inquiry> {
      authorize(principal, 'inquiries.write');
      if (assigneeId !== null) await assertAnswerer(repos, assigneeId);
      const target: InquiryStatus = assigneeId === null ? 'open' : 'assigned';
      return change(
        principal,
        id,
        version,
        'assign',
        target,
        () => ({ assigneeId, status: target }),
        (current) => ({ assigneeId, previousAssigneeId: current.assigneeId }),
      );
    },

    /**
     * Records the answer given to the journalist. Whoever answers an unassigned question
     * becomes its assignee, so every answered question has someone who answered it.
     */
    async answer(
      principal: Principal,
      id: string,
      version: number,
      answer: string,
    ): Promise<Inquiry> {
      authorize(principal, 'inquiries.write');
      const text = answer.trim();
      const problems: FieldProblem[] = [];
      if (!text) problems.push({ field: 'answer', message: 'must not be blank' });
      if (text.length > INQUIRY_LIMITS.answer) {
        problems.push({
          field: 'answer',
          message: `must be at most ${INQUIRY_LIMITS.answer} characters`,
        });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const userId = principal.user.id;
      return change(
        principal,
        id,
        version,
        'answer',
        'answered',
        (current, now) => ({
          status: 'answered',
          answer: text,
          answeredAt: now,
          assigneeId: current.assigneeId ?? userId,
        }),
        // The answer is the office's word to the press, kept in the chain like a statement.
        (_current, updated) => ({ answer: text, assigneeId: updated.assigneeId }),
      );
    },

    /** Closes a question, answered or not (a duplicate, a withdrawn question). */
    async close(principal: Principal, id: string, version: number): Promise<Inquiry> {
      authorize(principal, 'inquiries.write');
      return change(
        principal,
        id,
        version,
        'close',
        'closed',
        (_current, now) => ({ status: 'closed', closedAt: now }),
        () => ({}),
      );
    },

    /**
     * Opens an answered or closed question again: owed an answer once more (its deadline
     * stands, so a late follow-up shows as late). The last answer stays as a draft.
     */
    async reopen(principal: Principal, id: string, version: number): Promise<Inquiry> {
      authorize(principal, 'inquiries.write');
      return change(
        principal,
        id,
        version,
        'reopen',
        'open',
        (current) => ({
          status: current.assigneeId ? 'assigned' : 'open',
          answeredAt: null,
          closedAt: null,
        }),
        () => ({}),
      );
    },
  };
}

export type InquiryService = ReturnType<typeof createInquiryService>;
