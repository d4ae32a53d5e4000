/**
 * `kiemchung privacy report|export|erase`: what personal data the instance holds (tipsters' and
 * journalists' contacts among it), one tip's data for the tipster who asks, and erasure of a
 * tipster's data on request.
 */
import type { Command } from 'commander';
import { ensureSecretKey, type Config } from '../config.js';
import {
  daysUntil,
  eraseTip,
  exportTip,
  planTipErasure,
  privacyReport,
  type PrivacyReport,
  type TipErasure,
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

/** Registers the privacy commands. */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description("Tipsters' privacy: what is held, one tip's data, erasure on request");

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
      .description("Print one tip's data as JSON, its contact decrypted")
      .requiredOption('--receipt <code>', "the tipster's receipt code"),
  ).action(async (options: GlobalOptions & { receipt: string }) => {
    const config = ensureSecretKey(configFrom(options));
    const data = await withDatabase(config, (database) =>
      exportTip(database.db, options.receipt, config.secretKey!),
    );
    console.log(JSON.stringify(data, null, 2));
  });

  withGlobalOptions(
    privacy
      .command('erase')
      .description("Erase a tipster's contact, consent and text (exit 2 without --yes)")
      .requiredOption('--receipt <code>', "the tipster's receipt code")
      .option('--yes', 'erase; without it, only say what would be erased'),
  ).action(async (options: GlobalOptions & { receipt: string; yes?: boolean }) => {
    const config = ensureSecretKey(configFrom(options));
    const secretKey = config.secretKey!;
    const result = await withDatabase(config, async (database) => {
      const plan = await planTipErasure(database.db, options.receipt, secretKey);
      if (!options.yes || !plan.changed) return { plan, erased: null };
      return { plan, erased: await eraseTip(database.db, options.receipt, secretKey, new Date()) };
    });
    const { plan, erased } = result;
    if (!plan.changed) {
      console.log(`Tip ${plan.receiptCode} was already erased; nothing to do.`);
      return;
    }
    if (!erased) {
      console.log(
        `Would erase from tip ${plan.receiptCode}: ${describeErasure(plan)}.\nRun again with --yes to erase.`,
      );
      process.exitCode = 2;
      return;
    }
    console.log(
      erased.changed
        ? `Erased from tip ${erased.receiptCode}: ${describeErasure(erased)}. Recorded as tip.erased.`
        : `Tip ${erased.receiptCode} was already erased; nothing to do.`,
    );
  });
}
