import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_ORGANISATION,
  parseScheduleSpec,
  type OrganisationSettings,
  type ReportSchedule,
} from './core/report.js';
import { CONTACT_RETENTION_LIMITS, DEFAULT_CONTACT_RETENTION } from './core/retention.js';

const splitList = (value: string): readonly string[] =>
  Object.freeze(
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

/** Raised when the environment does not describe a usable configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  SECRET_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(1_048_576),
  TRUST_PROXY: booleanish.default(false),
  DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
  PORTAL_PUBLISHER: z.string().max(200).optional(),
  PRESS_CONTACTS: z.string().max(4000).default(''),
  PORTAL_CACHE_MB: z.coerce.number().int().min(0).max(65_536).default(128),
  FETCH_ALLOW_HOSTS: z.string().default(''),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(5_242_880),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  HOME_PROVINCES: z
    .string()
    .regex(/^(\d{2}(,\d{2})*)?$/, 'must be two-digit province codes separated by commas')
    .default(''),
  TIP_RATE_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  TIP_RATE_GLOBAL: z.coerce.number().int().min(1).max(10_000_000).default(600),
  TIP_POW_BITS: z.coerce.number().int().min(0).max(28).default(0),
  TIP_CONTACT_DAYS_AFTER_ANSWER: z.coerce
    .number()
    .int()
    .min(CONTACT_RETENTION_LIMITS.afterAnswerDays.min)
    .max(CONTACT_RETENTION_LIMITS.afterAnswerDays.max)
    .default(DEFAULT_CONTACT_RETENTION.afterAnswerDays),
  TIP_CONTACT_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(CONTACT_RETENTION_LIMITS.maxDays.min)
    .max(CONTACT_RETENTION_LIMITS.maxDays.max)
    .default(DEFAULT_CONTACT_RETENTION.maxDays),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(480),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(8_760).default(168),
  LOGIN_THROTTLE_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(1_000_000_000).default(20_971_520),
  REPORT_PARENT_BODY: z.string().max(200).default(DEFAULT_ORGANISATION.parentBody),
  REPORT_ISSUING_BODY: z.string().min(1).max(200).default(DEFAULT_ORGANISATION.issuingBody),
  REPORT_SYMBOL: z.string().min(1).max(50).default(DEFAULT_ORGANISATION.symbol),
  REPORT_PLACE: z.string().min(1).max(100).default(DEFAULT_ORGANISATION.place),
  REPORT_SIGNER_AUTHORITY: z.string().max(100).default(DEFAULT_ORGANISATION.signerAuthority),
  REPORT_SIGNER_TITLE: z.string().min(1).max(100).default(DEFAULT_ORGANISATION.signerTitle),
  REPORT_SIGNER_NAME: z.string().min(1).max(100).default(DEFAULT_ORGANISATION.signerName),
  REPORT_DISTRIBUTION: z.string().max(2000).default(DEFAULT_ORGANISATION.recipients.join(';')),
  REPORT_ARCHIVE: z.string().min(1).max(100).default(DEFAULT_ORGANISATION.archive),
  REPORT_WEEKLY: z.string().default('mon 07:00'),
  REPORT_MONTHLY: z.string().default('1 07:00'),
  REPORT_EMAIL_FROM: z.string().min(3).default('Kiểm Chứng <kiemchung@localhost>'),
  REPORT_RECIPIENTS: z
    .string()
    .regex(
      /^([^@\s,]+@[^@\s,]+)(\s*,\s*[^@\s,]+@[^@\s,]+)*$/,
      'must be e-mail addresses separated by commas',
    )
    .optional(),
  REPORT_PDF_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY_HOURS: z.coerce.number().min(0).max(8_760).default(0),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1_000).default(7),
  BACKUP_PASSPHRASE: z.string().min(8, 'must be at least 8 characters').optional(),
  RAW_PAGE_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** The parsed, frozen configuration every part of the product receives. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly baseUrl: string;
  /** Undefined until {@link ensureSecretKey} has run. */
  readonly secretKey: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly trustProxy: boolean;
  readonly demoData: 'auto' | 'always' | 'never';
  readonly workerConcurrency: number;
  readonly shutdownTimeoutMs: number;
  readonly defaultLocale: 'vi' | 'en';
  /** The public portal: who publishes (ClaimReview author, feeds) and the press office's contacts. */
  readonly portal: {
    readonly publisher: string;
    readonly pressContacts: readonly string[];
    /** Memory for rendered public pages, per web process (0: pages are not kept). */
    readonly cacheBytes: number;
  };
  /**
   * Hosts (names, addresses or CIDR ranges) outbound requests may reach even though they are
   * private or loopback. Empty by default; tests and intranet feeds set it explicitly.
   */
  readonly fetchAllowHosts: readonly string[];
  readonly fetchMaxBytes: number;
  readonly fetchTimeoutMs: number;
  /** Two-digit codes of the provinces the organisation serves (raise relevance). */
  readonly homeProvinces: readonly string[];
  /** Tips accepted per address per minute, and from everyone per minute. */
  readonly tipRatePerIp: number;
  readonly tipRateGlobal: number;
  /** Proof-of-work difficulty asked of the tip form; 0 turns it off. */
  readonly tipPowBits: number;
  /** How long tipsters' contacts are kept: after the answer, and at most from receipt. */
  readonly contactRetention: { readonly afterAnswerDays: number; readonly maxDays: number };
  /** A session ends after this long without a request, and at the latest after the absolute. */
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  /** Failed sign-ins allowed per account and per address within the window. */
  readonly loginThrottleMinutes: number;
  readonly loginMaxFailuresPerAccount: number;
  readonly loginMaxFailuresPerAddress: number;
  /** Outgoing mail (invitations, password resets); unset = links are shown to administrators. */
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  /** Largest file uploaded as evidence, in bytes. */
  readonly uploadMaxBytes: number;
  /**
   * Scheduled backups made by the worker: where, how often (0 = never), how many are kept, and
   * the passphrase that encrypts them (also the default of `kiemchung backup` and `restore`).
   */
  readonly backup: {
    readonly dir: string;
    readonly everyHours: number;
    readonly keep: number;
    readonly passphrase: string | undefined;
  };
  /** Days the raw bytes of fetched pages (snapshots) are kept; 0 keeps them. */
  readonly rawPageRetentionDays: number;
  /** Bearer token that opens /metrics to other hosts than loopback; unset = loopback only. */
  readonly metricsToken: string | undefined;
  /** The activity report: the organisation on the document, the schedule, e-mail delivery. */
  readonly reports: {
    readonly organisation: OrganisationSettings;
    readonly schedule: ReportSchedule;
    /** Set when both SMTP_URL and REPORT_RECIPIENTS are. */
    readonly email:
      | { readonly smtpUrl: string; readonly from: string; readonly to: readonly string[] }
      | undefined;
    readonly pdfTimeoutMs: number;
  };
}

function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Values the command line may set over the environment. */
export type ConfigOverrides = Partial<Record<keyof z.input<typeof EnvSchema>, string>>;

/**
 * Parses the environment once. Empty strings count as unset so an `.env` template with blank
 * lines does not turn into validation errors. Every problem is reported at once.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = overrides[key as keyof ConfigOverrides] ?? env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const weekly = parseScheduleSpec('weekly', e.REPORT_WEEKLY);
  if (!weekly.ok) problems.push(`REPORT_WEEKLY: ${weekly.message}`);
  const monthly = parseScheduleSpec('monthly', e.REPORT_MONTHLY);
  if (!monthly.ok) problems.push(`REPORT_MONTHLY: ${monthly.message}`);
  if (e.REPORT_RECIPIENTS && !e.SMTP_URL) {
    problems.push('REPORT_RECIPIENTS: reports are e-mailed through SMTP_URL, which is not set');
  }
  if (problems.length > 0 || !weekly.ok || !monthly.ok) throw new ConfigError(problems);
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  const baseUrl = (e.BASE_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    env: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secretKey: e.SECRET_KEY,
    fetchAllowHosts: splitList(e.FETCH_ALLOW_HOSTS),
    fetchMaxBytes: e.FETCH_MAX_BYTES,
    fetchTimeoutMs: e.FETCH_TIMEOUT_MS,
    homeProvinces: splitList(e.HOME_PROVINCES),
    tipRatePerIp: e.TIP_RATE_PER_IP,
    tipRateGlobal: e.TIP_RATE_GLOBAL,
    tipPowBits: e.TIP_POW_BITS,
    contactRetention: Object.freeze({
      afterAnswerDays: e.TIP_CONTACT_DAYS_AFTER_ANSWER,
      maxDays: e.TIP_CONTACT_MAX_DAYS,
    }),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    loginThrottleMinutes: e.LOGIN_THROTTLE_MINUTES,
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? `Kiểm Chứng <no-reply@${hostnameOf(baseUrl)}>`,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    backup: Object.freeze({
      dir: resolve(e.BACKUP_DIR ?? join(e.DATA_DIR, 'backups')),
      everyHours: e.BACKUP_EVERY_HOURS,
      keep: e.BACKUP_KEEP,
      passphrase: e.BACKUP_PASSPHRASE,
    }),
    rawPageRetentionDays: e.RAW_PAGE_RETENTION_DAYS,
    metricsToken: e.METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    demoData: e.DEMO_DATA,
    workerConcurrency: e.WORKER_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    defaultLocale: e.DEFAULT_LOCALE,
    portal: Object.freeze({
      publisher: e.PORTAL_PUBLISHER?.trim() || e.REPORT_ISSUING_BODY,
      cacheBytes: e.PORTAL_CACHE_MB * 1024 * 1024,
      pressContacts: Object.freeze(
        e.PRESS_CONTACTS.split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    }),
    reports: Object.freeze({
      organisation: Object.freeze({
        parentBody: e.REPORT_PARENT_BODY,
        issuingBody: e.REPORT_ISSUING_BODY,
        symbol: e.REPORT_SYMBOL,
        place: e.REPORT_PLACE,
        signerAuthority: e.REPORT_SIGNER_AUTHORITY,
        signerTitle: e.REPORT_SIGNER_TITLE,
        signerName: e.REPORT_SIGNER_NAME,
        recipients: Object.freeze(
          e.REPORT_DISTRIBUTION.split(';')
            .map((r) => r.trim())
            .filter(Boolean),
        ),
        archive: e.REPORT_ARCHIVE,
      }),
      schedule: Object.freeze({
        weekly: weekly.value as ReportSchedule['weekly'],
        monthly: monthly.value as ReportSchedule['monthly'],
      }),
      email:
        e.SMTP_URL && e.REPORT_RECIPIENTS
          ? Object.freeze({
              smtpUrl: e.SMTP_URL,
              from: e.REPORT_EMAIL_FROM,
              to: splitList(e.REPORT_RECIPIENTS),
            })
          : undefined,
      pdfTimeoutMs: e.REPORT_PDF_TIMEOUT_MS,
    }),
  });
}

/**
 * Returns the config with a secret key: the configured one, or the one stored in the data dir,
 * generated on first start. The file is written owner-only because it encrypts tipsters' contacts.
 */
export function ensureSecretKey(config: Config): Config {
  if (config.secretKey) return config;
  const file = join(config.dataDir, 'secret.key');
  let key: string;
  try {
    key = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    key = randomBytes(32).toString('hex');
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  }
  if (key.length < 32) throw new ConfigError([`${file}: stored secret key is too short`]);
  return Object.freeze({ ...config, secretKey: key });
}
