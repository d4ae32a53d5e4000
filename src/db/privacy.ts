/**
 * Privacy for operators: what personal data the instance holds and for how long (tipsters' and
 * journalists' contacts among it), one tip's or one press inquiry's data as it was given
 * (export), and erasure on request. The CLI calls these; the rules on retention stay in
 * core/retention.ts.
 */
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../core/audit.js';
import { decryptContact } from '../core/contact-crypto.js';
import { isUuid } from '../core/ids.js';
import { inquiryContactContext } from '../core/inquiry.service.js';
import { normalizeReceiptCode, receiptCodeLookupKey } from '../core/receipt-code.js';
import {
  effectiveContactRetention,
  RETENTION_SETTINGS_KEY,
  type ContactRetention,
} from '../core/retention.js';
import { appendAudit } from './audit.repo.js';
import type { Db } from './client.js';
import { createRepositories } from './repositories.js';

/** The text an erased tip keeps in place of what the tipster wrote. */
export const ERASED_TIP_TEXT = 'erased on request';

/** A receipt code that is malformed or matches no tip; the CLI exits 1 with its message. */
export class PrivacyLookupError extends Error {
  constructor(
    readonly reason: 'malformed' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'PrivacyLookupError';
  }
}

/** The policies the report describes: the configuration's values (the contact one is a default). */
export interface PrivacyPolicies {
  contactRetention: ContactRetention;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  rawPageRetentionDays: number;
}

/** What personal data is held, how much, and until when. Dates are ISO strings or null. */
/** Contacts held under the retention policy, and when they go. */
export interface ContactHoldings {
  count: number;
  oldestReceivedAt: string | null;
  /** Past their deletion date: the next housekeeping purge deletes them. */
  dueNow: number;
  dueWithin30Days: number;
  nextDeletionAt: string | null;
}

export interface PrivacyReport {
  generatedAt: string;
  /** Tipsters' contacts. */
  contacts: ContactHoldings & { policy: ContactRetention & { source: 'config' | 'database' } };
  /** Journalists' contacts (press inquiries), under the same policy. */
  inquiryContacts: ContactHoldings;
  tips: { count: number; withConsent: number; erased: number };
  accounts: { count: number; disabled: number };
  sessions: {
    count: number;
    active: number;
    policy: { idleMinutes: number; absoluteHours: number };
  };
  signInThrottle: { count: number; note: string };
  rateCounters: { count: number; note: string };
  rawPages: {
    snapshots: number;
    withRawPage: number;
    bytes: number;
    retentionDays: number;
    note: string;
  };
  auditEvents: { count: number; oldestAt: string | null; note: string };
}

const DAY_MS = 86_400_000;

type Row = Record<string, unknown>;

async function one(db: Db, query: ReturnType<typeof sql>): Promise<Row> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows[0] ?? {};
}

const num = (value: unknown): number => Number(value ?? 0);
const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string | Date).toISOString();

/** The personal data held now, under the policies in force (the stored contact policy first). */
export async function privacyReport(
  db: Db,
  policies: PrivacyPolicies,
  now: Date,
): Promise<PrivacyReport> {
  const repos = createRepositories(db);
  const retention = await effectiveContactRetention(repos, policies.contactRetention);
  const stored = (await repos.settings.get(RETENTION_SETTINGS_KEY))?.value as
    Partial<ContactRetention> | undefined;
  // The stored policy is in force only when it is valid; effectiveContactRetention decided that.
  const source =
    stored?.maxDays === retention.maxDays && stored.afterAnswerDays === retention.afterAnswerDays
      ? 'database'
      : 'config';
  const nowIso = now.toISOString();
  // A contact goes at the earliest of: its stored ceiling, the ceiling under today's policy, and
  // (once answered or closed) the grace period after the answer — as purgeExpiredContacts does.
  const holdings = async (table: 'tips' | 'inquiries'): Promise<ContactHoldings> => {
    // A tip's updated_at is its answer (tips are not edited afterwards); an inquiry keeps the
    // time of its answer, or of its closing when closed unanswered.
    const answeredAt =
      table === 'tips'
        ? sql`coalesce(closed_at, updated_at)`
        : sql`coalesce(answered_at, closed_at)`;
    const row = await one(
      db,
      sql`with deadlines as (
            select created_at,
                   least(coalesce(contact_delete_after, 'infinity'::timestamptz),
                         created_at + make_interval(days => ${retention.maxDays}),
                         case when status in ('answered', 'closed')
                              then ${answeredAt}
                                   + make_interval(days => ${retention.afterAnswerDays})
                              else 'infinity'::timestamptz end) as delete_at
              from ${sql.identifier(table)} where contact_encrypted is not null)
          select count(*) as count, min(created_at) as oldest,
                 count(*) filter (where delete_at <= ${nowIso}::timestamptz) as due_now,
                 count(*) filter (where delete_at <= ${nowIso}::timestamptz + interval '30 days')
                   as due_30,
                 min(delete_at) filter (where delete_at > ${nowIso}::timestamptz) as next_at
            from deadlines`,
    );
    return {
      count: num(row.count),
      oldestReceivedAt: iso(row.oldest),
      dueNow: num(row.due_now),
      dueWithin30Days: num(row.due_30),
      nextDeletionAt: iso(row.next_at),
    };
  };
  const contacts = await holdings('tips');
  const inquiryContacts = await holdings('inquiries');
  const tips = await one(
    db,
    sql`select count(*) as count, count(*) filter (where consent) as consent,
               count(*) filter (where text = ${ERASED_TIP_TEXT}) as erased from tips`,
  );
  const accounts = await one(
    db,
    sql`select count(*) as count, count(*) filter (where disabled_at is not null) as disabled
          from users`,
  );
  const sessions = await one(
    db,
    sql`select count(*) as count,
               count(*) filter (where revoked_at is null and expires_at > ${nowIso}::timestamptz)
                 as active
          from sessions`,
  );
  const throttle = await one(db, sql`select count(*) as count from login_throttle`);
  const counters = await one(db, sql`select count(*) as count from rate_counters`);
  const raw = await one(
    db,
    sql`select (select count(*) from snapshots) as snapshots,
               (select count(*) from snapshots where storage_key is not null) as with_raw,
               (select coalesce(sum(size_bytes), 0) from file_blobs b
                 where exists (select 1 from snapshots s where s.storage_key = b.sha256)) as bytes`,
  );
  const audit = await one(
    db,
    sql`select count(*) as count, min(occurred_at) as oldest from audit_events`,
  );
  return {
    generatedAt: nowIso,
    contacts: { ...contacts, policy: { ...retention, source } },
    inquiryContacts,
    tips: { count: num(tips.count), withConsent: num(tips.consent), erased: num(tips.erased) },
    accounts: { count: num(accounts.count), disabled: num(accounts.disabled) },
    sessions: {
      count: num(sessions.count),
      active: num(sessions.active),
      policy: {
        idleMinutes: policies.sessionIdleMinutes,
        absoluteHours: policies.sessionAbsoluteHours,
      },
    },
    signInThrottle: {
      count: num(throttle.count),
      note: 'keyed digests of e-mail addresses and IP addresses, never the addresses; cleared when their window ends',
    },
    rateCounters: {
      count: num(counters.count),
      note: 'request counts per keyed address digest and route; expire with their window',
    },
    rawPages: {
      snapshots: num(raw.snapshots),
      withRawPage: num(raw.with_raw),
      bytes: num(raw.bytes),
      retentionDays: policies.rawPageRetentionDays,
      note:
        policies.rawPageRetentionDays > 0
          ? `raw bytes deleted ${policies.rawPageRetentionDays} days after fetching; text and hash kept as evidence`
          : 'raw bytes kept until deleted (RAW_PAGE_RETENTION_DAYS=0)',
    },
    auditEvents: {
      count: num(audit.count),
      oldestAt: iso(audit.oldest),
      note: 'kept forever (hash chain); hold ids, never contact data',
    },
  };
}

/** One tip's data as held, for the tipster who asks for it. */
export interface TipExport {
  receiptCode: string;
  id: string;
  status: string;
  receivedAt: string;
  updatedAt: string;
  closedAt: string | null;
  link: string | null;
  text: string;
  language: string;
  consent: boolean;
  contact: string | null;
  contactDeleteAfter: string | null;
  verdict: {
    checkId: string;
    title: string;
    rating: string | null;
    summary: string;
    status: string;
    publishedAt: string | null;
  } | null;
}

interface TipRow extends Row {
  id: string;
  status: string;
  created_at: unknown;
  updated_at: unknown;
  closed_at: unknown;
  link: string | null;
  text: string;
  language: string;
  consent: boolean;
  contact_encrypted: string | null;
  contact_delete_after: unknown;
  answer_check_id: string | null;
}

async function findTip(db: Db, code: string, secretKey: string): Promise<[string, TipRow]> {
  const canonical = normalizeReceiptCode(code);
  const digest = receiptCodeLookupKey(code, secretKey);
  if (!canonical || !digest) {
    throw new PrivacyLookupError('malformed', `"${code}" is not a valid receipt code`);
  }
  const row = (await one(
    db,
    sql`select id, status, created_at, updated_at, closed_at, link, text, language, consent,
               contact_encrypted, contact_delete_after, answer_check_id
          from tips where receipt_digest = ${digest}`,
  )) as TipRow;
  if (!row.id)
    throw new PrivacyLookupError('not-found', `no tip has the receipt code ${canonical}`);
  return [canonical, row];
}

/** The tip of a receipt code with its contact decrypted and its verdict, if answered. */
export async function exportTip(db: Db, code: string, secretKey: string): Promise<TipExport> {
  const [receiptCode, tip] = await findTip(db, code, secretKey);
  let verdict: TipExport['verdict'] = null;
  if (tip.answer_check_id) {
    const check = await one(
      db,
      sql`select id, title, rating, summary, status, published_at from checks
           where id = ${tip.answer_check_id}`,
    );
    if (check.id) {
      verdict = {
        checkId: check.id as string,
        title: check.title as string,
        rating: (check.rating as string | null) ?? null,
        summary: check.summary as string,
        status: check.status as string,
        publishedAt: iso(check.published_at),
      };
    }
  }
  return {
    receiptCode,
    id: tip.id,
    status: tip.status,
    receivedAt: iso(tip.created_at)!,
    updatedAt: iso(tip.updated_at)!,
    closedAt: iso(tip.closed_at),
    link: tip.link,
    text: tip.text,
    language: tip.language,
    consent: tip.consent,
    contact: tip.contact_encrypted
      ? decryptContact(tip.contact_encrypted, secretKey, tip.id)
      : null,
    contactDeleteAfter: iso(tip.contact_delete_after),
    verdict,
  };
}

/** What an erasure removes (or removed); all false once a tip was erased. */
export interface TipErasure {
  receiptCode: string;
  tipId: string;
  contact: boolean;
  consent: boolean;
  text: boolean;
  /** False when there was nothing left to erase (a repeated request). */
  changed: boolean;
}

function erasureOf(receiptCode: string, tip: TipRow): TipErasure {
  const contact = tip.contact_encrypted !== null;
  const text = tip.text !== ERASED_TIP_TEXT;
  return {
    receiptCode,
    tipId: tip.id,
    contact,
    consent: tip.consent,
    text,
    changed: contact || tip.consent || text,
  };
}

/** What {@link eraseTip} would remove, without changing anything. */
export async function planTipErasure(db: Db, code: string, secretKey: string): Promise<TipErasure> {
  const [receiptCode, tip] = await findTip(db, code, secretKey);
  return erasureOf(receiptCode, tip);
}

/**
 * Deletes a tipster's contact and consent and replaces the tip's text with a note; keeps the link,
 * status, dates and verdict (the desk's record of the rumour, not of the person). Records
 * `tip.erased` with the tip id only. A repeated erasure changes nothing and records nothing.
 */
export async function eraseTip(
  db: Db,
  code: string,
  secretKey: string,
  now: Date,
): Promise<TipErasure> {
  const [receiptCode, found] = await findTip(db, code, secretKey);
  return db.transaction(async (tx) => {
    // Lock, then read again: two erasures of one tip at once record one event.
    await tx.execute(sql`select 1 from tips where id = ${found.id} for update`);
    const [, tip] = await findTip(tx, receiptCode, secretKey);
    const erasure = erasureOf(receiptCode, tip);
    if (!erasure.changed) return erasure;
    // The check constraint wants content: the link, else the note, which is never empty.
    await tx.execute(
      sql`update tips set contact_encrypted = null, contact_delete_after = null, consent = false,
                          text = ${ERASED_TIP_TEXT}, updated_at = ${now.toISOString()}::timestamptz
           where id = ${tip.id}`,
    );
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'tip.erased',
      entityType: 'tip',
      entityId: tip.id,
      occurredAt: now,
      data: { tipId: tip.id },
    });
    return erasure;
  });
}

/** One press inquiry as held, for the journalist who asks for it. */
export interface InquiryExport {
  id: string;
  outlet: string;
  question: string;
  status: string;
  receivedAt: string;
  updatedAt: string;
  dueAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  answer: string | null;
  contact: string | null;
  contactDeleteAfter: string | null;
}

interface InquiryRow extends Row {
  id: string;
  outlet: string;
  question: string;
  status: string;
  created_at: unknown;
  updated_at: unknown;
  due_at: unknown;
  answered_at: unknown;
  closed_at: unknown;
  answer: string | null;
  contact_encrypted: string | null;
  contact_delete_after: unknown;
}

async function findInquiry(db: Db, id: string): Promise<InquiryRow> {
  if (!isUuid(id)) {
    throw new PrivacyLookupError(
      'malformed',
      `"${id}" is not an inquiry id (the end of its address in the desk, /desk/inquiries/<id>)`,
    );
  }
  const row = (await one(
    db,
    sql`select id, outlet, question, status, created_at, updated_at, due_at, answered_at,
               closed_at, answer, contact_encrypted, contact_delete_after
          from inquiries where id = ${id.toLowerCase()}`,
  )) as InquiryRow;
  if (!row.id) throw new PrivacyLookupError('not-found', `no press inquiry has the id ${id}`);
  return row;
}

/** A press inquiry with the journalist's contact decrypted. */
export async function exportInquiry(db: Db, id: string, secretKey: string): Promise<InquiryExport> {
  const row = await findInquiry(db, id);
  return {
    id: row.id,
    outlet: row.outlet,
    question: row.question,
    status: row.status,
    receivedAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    dueAt: iso(row.due_at),
    answeredAt: iso(row.answered_at),
    closedAt: iso(row.closed_at),
    answer: row.answer,
    contact: row.contact_encrypted
      ? decryptContact(row.contact_encrypted, secretKey, inquiryContactContext(row.id))
      : null,
    contactDeleteAfter: iso(row.contact_delete_after),
  };
}

/** Whether erasing an inquiry's contact removes anything (false once it is gone). */
export interface InquiryErasure {
  inquiryId: string;
  contact: boolean;
  changed: boolean;
}

/** What {@link eraseInquiryContact} would remove, without changing anything. */
export async function planInquiryErasure(db: Db, id: string): Promise<InquiryErasure> {
  const row = await findInquiry(db, id);
  const contact = row.contact_encrypted !== null;
  return { inquiryId: row.id, contact, changed: contact };
}

/**
 * Deletes a journalist's contact from a press inquiry; the outlet, the question and the answer
 * stay (the press office's record of what it was asked and said, not of the person). Records
 * `inquiry.contact_erased` with the inquiry id only; a repeated erasure changes and records
 * nothing.
 */
export async function eraseInquiryContact(db: Db, id: string, now: Date): Promise<InquiryErasure> {
  const found = await findInquiry(db, id);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from inquiries where id = ${found.id} for update`);
    const erasure = await planInquiryErasure(tx, found.id);
    if (!erasure.changed) return erasure;
    await tx.execute(
      sql`update inquiries set contact_encrypted = null, contact_delete_after = null,
                               updated_at = ${now.toISOString()}::timestamptz,
                               version = version + 1
           where id = ${found.id}`,
    );
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'inquiry.contact_erased',
      entityType: 'inquiry',
      entityId: found.id,
      occurredAt: now,
      data: { inquiryId: found.id },
    });
    return erasure;
  });
}

/** Days from `now` to `date`, rounded up; for the text report. */
export function daysUntil(date: string | null, now: Date): number | null {
  return date === null ? null : Math.ceil((new Date(date).getTime() - now.getTime()) / DAY_MS);
}
