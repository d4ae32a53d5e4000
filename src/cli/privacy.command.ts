/**
 * `kiemchung privacy report|export|erase`: what personal data the instance holds (tipsters' and
 * journalists' contacts among it), one tip's or press inquiry's data for the person who asks,
 * and erasure of it on request.
 */
import type { Command } from 'commander';
import { ensureSecretKey, type Config } from '../config.js';
import {
  daysUntil,
  eraseInquiryContact,
  eraseTip,
  exportInquiry,
  exportTip,
  planInquiryErasure,
  planTipErasure,
  privacyReport,
  type InquiryExport,
  type PrivacyReport,
  type TipErasure,
  type TipExport,
} from '../db/privacy.js';
import { createLogger, openAndMigrate } from '../server/server.js';
import { configFrom, withGlobalOptions, type GlobalOptions } from './options.js';

async function withDatabase<T>(
  config: Config,
  work: (database: Awaited<ReturnType<typeof openAndMigrate>>) => Promise<T>,
): Promise<T> {
  const database = await openAndMigrate(config, createLogger({ ...config, logLevel: 'warn' }));
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const when = (date: string | null, now: Date): string => {
  if (date === null) return '—';
  const days = daysUntil(date, now)!;
  return `${date.slice(0, 10)} (in ${days} days)`;
};

/** The report as a plain text table. */
export function formatPrivacyReport(report: PrivacyReport): string {
  const now = new Date(report.generatedAt);
  const c = report.contacts;
  const rows: Array<[string, string, string]> = [
    [
      "Tipsters' contacts (encrypted)",
      `${c.count}; oldest ${c.oldestReceivedAt?.slice(0, 10) ?? '—'}; ${c.dueNow} due now, ${c.dueWithin30Days} within 30 days; next deletion ${when(c.nextDeletionAt, now)}`,
      `${c.policy.afterAnswerDays} days after the answer, at most ${c.policy.maxDays} days after receipt (${c.policy.source})`,
    ],
    [
      "Journalists' contacts (press inquiries, encrypted)",
      `${report.inquiryContacts.count}; oldest ${report.inquiryContacts.oldestReceivedAt?.slice(0, 10) ?? '—'}; ${report.inquiryContacts.dueNow} due now, ${report.inquiryContacts.dueWithin30Days} within 30 days; next deletion ${when(report.inquiryContacts.nextDeletionAt, now)}`,
      "the same policy as tipsters' contacts",
    ],
    [
      'Tips',
      `${report.tips.count}; ${report.tips.withConsent} with consent; ${report.tips.erased} erased on request`,
      'text redacted on receipt; kept as the record of the rumour',
    ],
    [
      'Accounts',
      `${report.accounts.count}; ${report.accounts.disabled} disabled`,
      'until an administrator deletes them',
    ],
    [
      'Sessions',
      `${report.sessions.count}; ${report.sessions.active} active`,
      `end after ${report.sessions.policy.idleMinutes} min idle, ${report.sessions.policy.absoluteHours} h at most`,
    ],
    ['Sign-in throttle records', String(report.signInThrottle.count), report.signInThrottle.note],
    ['Rate counters', String(report.rateCounters.count), report.rateCounters.note],
    [
      'Fetched pages (snapshots)',
      `${report.rawPages.snapshots}; ${report.rawPages.withRawPage} with raw bytes, ${report.rawPages.bytes} bytes`,
      report.rawPages.note,
    ],
    [
      'Audit events',
      `${report.auditEvents.count}; oldest ${report.auditEvents.oldestAt?.slice(0, 10) ?? '—'}`,
      report.auditEvents.note,
    ],
  ];
  const header: [string, string, string] = ['Data', 'Held', 'Kept'];
  const widths = [0, 1].map((i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: [string, string, string]) =>
    `${r[0].padEnd(widths[0]!)}  ${r[1].padEnd(widths[1]!)}  ${r[2]}`;
  return [`Personal data held on ${report.generatedAt}`, line(header), ...rows.map(line)].join(
    '\n',
  );
}

function describeErasure(e: TipErasure): string {
  const parts = [
    e.contact ? 'the contact details' : null,
    e.consent ? 'the consent' : null,
    e.text ? 'the tip\'s text (replaced by "erased on request"; the link stays)' : null,
  ].filter((p) => p !== null);
  return parts.join(', ');
}

interface Subject {
  receipt?: string;
  inquiry?: string;
}

/** Whose data a command is about: exactly one of a receipt code and an inquiry id. */
function subjectOf(options: Subject): { kind: 'tip' | 'inquiry'; key: string } {
  if (options.receipt !== undefined && options.inquiry === undefined) {
    return { kind: 'tip', key: options.receipt };
  }
  if (options.inquiry !== undefined && options.receipt === undefined) {
    return { kind: 'inquiry', key: options.inquiry };
  }
  throw new Error('give either --receipt <code> (a tip) or --inquiry <id> (a press inquiry)');
}

/** Registers the privacy commands. */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description(
      "Tipsters' and journalists' privacy: what is held, one person's data, erasure on request",
    );

  withGlobalOptions(
    privacy
      .command('report')
      .description('List the personal data the instance holds and how long it is kept')
      .option('--json', 'print JSON'),
  ).action(async (options: GlobalOptions & { json?: boolean }) => {
    const config = configFrom(options);
    const report = await withDatabase(config, (database) =>
      privacyReport(
        database.db,
        {
          contactRetention: config.contactRetention,
          sessionIdleMinutes: config.sessionIdleMinutes,
          sessionAbsoluteHours: config.sessionAbsoluteHours,
          rawPageRetentionDays: config.rawPageRetentionDays,
        },
        new Date(),
      ),
    );
    console.log(options.json ? JSON.stringify(report, null, 2) : formatPrivacyReport(report));
  });

  withGlobalOptions(
    privacy
      .command('export')
      .description("Print one tip's or press inquiry's data as JSON, its contact decrypted")
      .option('--receipt <code>', "the tipster's receipt code")
      .option(
        '--inquiry <id>',
        "the press inquiry's id (the end of its address in the desk, /desk/inquiries/<id>)",
      ),
  ).action(async (options: GlobalOptions & Subject) => {
    const subject = subjectOf(options);
    const config = ensureSecretKey(configFrom(options));
    const data = await withDatabase<TipExport | InquiryExport>(config, (database) =>
      subject.kind === 'tip'
        ? exportTip(database.db, subject.key, config.secretKey!)
        : exportInquiry(database.db, subject.key, config.secretKey!),
    );
    console.log(JSON.stringify(data, null, 2));
  });

  withGlobalOptions(
    privacy
      .command('erase')
      .description(
        "Erase a tipster's contact, consent and text, or a journalist's contact (exit 2 without --yes)",
      )
      .option('--receipt <code>', "the tipster's receipt code")
      .option(
        '--inquiry <id>',
        "the press inquiry's id (the end of its address in the desk, /desk/inquiries/<id>)",
      )
      .option('--yes', 'erase; without it, only say what would be erased'),
  ).action(async (options: GlobalOptions & Subject & { yes?: boolean }) => {
    const subject = subjectOf(options);
    const config = ensureSecretKey(configFrom(options));
    const secretKey = config.secretKey!;
    const outcome = await withDatabase(config, async (database) => {
      if (subject.kind === 'tip') {
        const plan = await planTipErasure(database.db, subject.key, secretKey);
        const erased =
          options.yes && plan.changed
            ? await eraseTip(database.db, subject.key, secretKey, new Date())
            : null;
        return {
          name: `tip ${plan.receiptCode}`,
          planned: plan.changed,
          what: describeErasure(plan),
          erased: erased?.changed ?? null,
          event: 'tip.erased',
        };
      }
      const plan = await planInquiryErasure(database.db, subject.key);
      const erased =
        options.yes && plan.changed
          ? await eraseInquiryContact(database.db, subject.key, new Date())
          : null;
      return {
        name: `press inquiry ${plan.inquiryId}`,
        planned: plan.changed,
        what: "the journalist's contact details (the outlet, question and answer stay)",
        erased: erased?.changed ?? null,
        event: 'inquiry.contact_erased',
      };
    });
    const named = outcome.name.charAt(0).toUpperCase() + outcome.name.slice(1);
    if (!outcome.planned || outcome.erased === false) {
      console.log(`${named} was already erased; nothing to do.`);
      return;
    }
    if (outcome.erased === null) {
      console.log(
        `Would erase from ${outcome.name}: ${outcome.what}.\nRun again with --yes to erase.`,
      );
      process.exitCode = 2;
      return;
    }
    console.log(`Erased from ${outcome.name}: ${outcome.what}. Recorded as ${outcome.event}.`);
  });
}
