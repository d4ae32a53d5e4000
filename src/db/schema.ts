/**
 * The whole domain in one schema (PRODUCT.md "Domain"). Every table a user can edit carries a
 * `version` for optimistic concurrency. Constraints that protect principles live here too, so
 * no code path can bypass them: unique canonical URLs and fingerprints ("stored exactly once"),
 * a published verdict needs a reviewer who is not its author ("evidence before verdict"),
 * contact data only with consent ("nothing leaked").
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  CHANNELS,
  CHECK_STATUSES,
  CLAIM_STATUSES,
  EVIDENCE_KINDS,
  ITEM_STATUSES,
  PRIORITIES,
  PUBLICATION_STATUSES,
  RATINGS,
  REJECTION_REASONS,
  ROLES,
  SOURCE_KINDS,
} from '../core/types.js';
import { REPORT_FORMATS, REPORT_KINDS } from '../core/report.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

// Millisecond precision: timestamps round-trip through JavaScript Dates and keyset cursors exactly.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const roleEnum = pgEnum('role', ROLES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const sourceKindEnum = pgEnum('source_kind', SOURCE_KINDS);
export const itemStatusEnum = pgEnum('item_status', ITEM_STATUSES);
export const claimStatusEnum = pgEnum('claim_status', CLAIM_STATUSES);
export const rejectionReasonEnum = pgEnum('rejection_reason', REJECTION_REASONS);
export const priorityEnum = pgEnum('priority', PRIORITIES);
export const ratingEnum = pgEnum('rating', RATINGS);
export const checkStatusEnum = pgEnum('check_status', CHECK_STATUSES);
export const evidenceKindEnum = pgEnum('evidence_kind', EVIDENCE_KINDS);
export const tipStatusEnum = pgEnum('tip_status', [
  'received',
  'answered',
  'in_progress',
  'closed',
]);
export const publicationStatusEnum = pgEnum('publication_status', PUBLICATION_STATUSES);
export const inquiryStatusEnum = pgEnum('inquiry_status', [
  'open',
  'assigned',
  'answered',
  'closed',
]);
export const actorKindEnum = pgEnum('actor_kind', ['user', 'api_token', 'system', 'public']);

/** Role names with their labels; permissions are policy functions in core, not rows. */
export const roles = pgTable('roles', {
  key: roleEnum('key').primaryKey(),
  labelVi: text('label_vi').notNull(),
  labelEn: text('label_en').notNull(),
  description: text('description').notNull().default(''),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role')
      .notNull()
      .references(() => roles.key),
    /** argon2id (PHC string); null until the invitation is accepted. */
    passwordHash: text('password_hash'),
    passwordChangedAt: ts('password_changed_at'),
    /** Encrypted under the instance key (contact-crypto, context `totp:<user id>`). */
    totpSecretEncrypted: text('totp_secret_encrypted'),
    /** Null while a secret is only pending confirmation (or there is none). */
    totpEnabledAt: ts('totp_enabled_at'),
    /** The last 30-second step accepted: a code is never accepted twice. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabledAt: ts('disabled_at'),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    check('users_email_shape', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** The public handle of a session (listing, revoking); never a credential. */
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the cookie token: a database leak does not hand out live sessions. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Sent back in `x-csrf-token` with every state-changing request made with the cookie. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    /** Absolute end of the session; the idle limit is counted from `last_seen_at`. */
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    userAgent: text('user_agent'),
    ipHash: text('ip_hash'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use recovery codes of an account with two-factor sign-in; only hashes are stored. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recovery_codes_user_code_key').on(t.userId, t.codeHash)],
);

export const accountTokenPurposeEnum = pgEnum('account_token_purpose', [
  'invitation',
  'password_reset',
]);

/** Invitations and password resets: single-use, expiring; only the token's hash is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: accountTokenPurposeEnum('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId)],
);

/**
 * Failed sign-ins per account and per address, keyed by keyed digests (no e-mail or address is
 * stored). In the database, so every web process counts the same attempts and a restart
 * forgets nothing.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: ts('window_started_at').notNull(),
    blockedUntil: ts('blocked_until'),
  },
  (t) => [index('login_throttle_window_idx').on(t.windowStartedAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [check('categories_slug_shape', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: sourceKindEnum('kind').notNull(),
    url: text('url').notNull(),
    canonicalUrl: text('canonical_url').notNull().unique(),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    scheduleMinutes: integer('schedule_minutes').notNull().default(30),
    enabled: boolean('enabled').notNull().default(true),
    respectRobots: boolean('respect_robots').notNull().default(true),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastBodyHash: text('last_body_hash'),
    lastFetchedAt: ts('last_fetched_at'),
    lastSuccessAt: ts('last_success_at'),
    lastErrorAt: ts('last_error_at'),
    lastError: text('last_error'),
    failureScore: real('failure_score').notNull().default(0),
    disabledReason: text('disabled_reason'),
    itemsCount: integer('items_count').notNull().default(0),
    /** How widely what this source says travels, 0..1; weighs its items' priority. */
    reach: real('reach').notNull().default(0.5),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastStatus: integer('last_status'),
    nextFetchAt: ts('next_fetch_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('sources_due_idx').on(t.enabled, t.nextFetchAt),
    check('sources_schedule_positive', sql`${t.scheduleMinutes} between 1 and 10080`),
    check('sources_url_http', sql`${t.url} ~* '^https?://'`),
    check('sources_reach_range', sql`${t.reach} between 0 and 1`),
  ],
);

/** Near-duplicate groups: items about the same story. */
export const clusters = pgTable('clusters', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull().default(''),
  itemsCount: integer('items_count').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: channelEnum('channel').notNull(),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    url: text('url'),
    canonicalUrl: text('canonical_url').unique(),
    title: text('title').notNull().default(''),
    /** Text with personal data already redacted: nothing unredacted is stored or indexed. */
    text: text('text').notNull().default(''),
    language: text('language').notNull().default('vi'),
    publishedAt: ts('published_at'),
    normalizedText: text('normalized_text').notNull().default(''),
    foldedText: text('folded_text').notNull().default(''),
    /** Fingerprint of the normalised content; the second way an item is stored only once. */
    contentHash: text('content_hash').notNull().unique(),
    minhash: bytea('minhash'),
    clusterId: uuid('cluster_id').references(() => clusters.id, { onDelete: 'set null' }),
    status: itemStatusEnum('status').notNull().default('new'),
    relevance: real('relevance').notNull().default(0),
    priorityScore: real('priority_score').notNull().default(0),
    sightingsCount: integer('sightings_count').notNull().default(1),
    firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    /** Null while the item waits for the pipeline (matching, clustering, relevance, priority). */
    processedAt: ts('processed_at'),
    /**
     * Times the pipeline has committed a result for the item (a repeat or a fetched page sends it
     * through again): how exactly-once processing across worker processes is checked.
     */
    processingRuns: integer('processing_runs').notNull().default(0),
    matchedCheckId: uuid('matched_check_id').references((): AnyPgColumn => checks.id, {
      onDelete: 'set null',
    }),
    matchConfidence: real('match_confidence'),
    /** Codes of the administrative units the item mentions (gazetteer). */
    places: text('places')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    watchTermHits: text('watch_term_hits')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * For a link handed in without its text: when the page was fetched for it (null: not yet)
     * and why that failed, if it did.
     */
    pageFetchedAt: ts('page_fetched_at'),
    pageFetchError: text('page_fetch_error'),
    /** Why triage dismissed the item (duplicate, not checkable, out of scope). */
    dismissReason: rejectionReasonEnum('dismiss_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('items_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.processedAt} is null`),
    index('items_page_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.url} is not null and length(${t.text}) = 0 and ${t.pageFetchedAt} is null`),
    index('items_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('items_status_idx').on(t.status, t.priorityScore.desc()),
    index('items_cluster_idx').on(t.clusterId),
    index('items_source_idx').on(t.sourceId),
    // Reports and the dashboard count a period's new items: a range, not the whole table.
    index('items_first_seen_idx').on(t.firstSeenAt),
    // The desk's untriaged list: waiting items by priority.
    index('items_untriaged_idx')
      .on(t.priorityScore.desc(), t.id)
      .where(sql`${t.status} in ('new', 'queued')`),
    check('items_sightings_positive', sql`${t.sightingsCount} >= 1`),
    check('items_has_content', sql`${t.url} is not null or length(${t.text}) > 0`),
  ],
);

/** Each time an item is seen again (another feed, a tip, a staff report) a sighting is added. */
export const itemSightings = pgTable(
  'item_sightings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    channel: channelEnum('channel').notNull(),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
    url: text('url'),
    seenAt: ts('seen_at').notNull().defaultNow(),
    /**
     * Identifies one sighting (a feed entry of one source, a tip, a report, an import row), so a
     * retried job or a re-polled feed never counts the same sighting twice.
     */
    dedupeKey: text('dedupe_key').unique(),
    /** A staff member's note with a report, and who reported (so they can follow it up). */
    note: text('note'),
    reportedById: uuid('reported_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('item_sightings_item_idx').on(t.itemId, t.seenAt),
    index('item_sightings_source_idx').on(t.sourceId, t.seenAt),
    // A period's sightings (reports): read as fast as from a monthly partition, without giving
    // up the global unique sighting key (bench/partition.bench.ts).
    index('item_sightings_seen_idx').on(t.seenAt),
  ],
);

/**
 * Items taken in, per channel and minute of creation: what the metrics and the health page
 * read instead of counting the items table. A statement trigger on items appends one row per
 * minute and channel an INSERT touched (appends never wait on each other); housekeeping merges
 * the rows and folds minutes older than two days into one row per channel at the epoch.
 */
export const itemIntakeCounts = pgTable('item_intake_counts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  minute: ts('minute').notNull(),
  channel: channelEnum('channel').notNull(),
  items: bigint('items', { mode: 'number' }).notNull(),
});

export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    text: text('text').notNull(),
    normalizedText: text('normalized_text').notNull().default(''),
    foldedText: text('folded_text').notNull().default(''),
    language: text('language').notNull().default('vi'),
    status: claimStatusEnum('status').notNull().default('new'),
    rejectionReason: rejectionReasonEnum('rejection_reason'),
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => claims.id, {
      onDelete: 'set null',
    }),
    priority: priorityEnum('priority').notNull().default('normal'),
    dueAt: ts('due_at'),
    firstResponseAt: ts('first_response_at'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('claims_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('claims_status_idx').on(t.status, t.priority),
    index('claims_category_idx').on(t.categoryId),
    // The desk queue: open claims by priority, then deadline.
    index('claims_queue_idx')
      .on(t.priority.desc(), t.dueAt.asc().nullsLast(), t.id)
      .where(sql`${t.status} in ('new', 'triage', 'researching', 'in_review', 'approved')`),
    index('claims_assignee_idx').on(t.assigneeId, t.status),
    // Response times of a period (dashboard, activity report).
    index('claims_first_response_idx').on(t.firstResponseAt),
    index('claims_folded_trgm_idx').using('gin', sql`${t.foldedText} gin_trgm_ops`),
    check('claims_text_not_blank', sql`length(btrim(${t.text})) > 0`),
    check(
      'claims_rejection_reason_iff_rejected',
      sql`(${t.status} = 'rejected') = (${t.rejectionReason} is not null)`,
    ),
    check('claims_not_merged_into_self', sql`${t.mergedIntoId} is distinct from ${t.id}`),
  ],
);

export const claimItems = pgTable(
  'claim_items',
  {
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    linkKind: text('link_kind', { enum: ['manual', 'matched', 'split'] })
      .notNull()
      .default('manual'),
    matchConfidence: real('match_confidence'),
    linkedById: uuid('linked_by_id').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: ts('linked_at').notNull().defaultNow(),
    /**
     * The linked item's channel, copied by a trigger on insert (an item never changes channel,
     * migration 0012): the queue's channel filter reads the links alone, not every item.
     */
    itemChannel: channelEnum('item_channel'),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.itemId] }),
    index('claim_items_item_idx').on(t.itemId),
    index('claim_items_channel_idx').on(t.itemChannel, t.claimId),
  ],
);

export const checks = pgTable(
  'checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .unique()
      .references(() => claims.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    rating: ratingEnum('rating'),
    summary: text('summary').notNull().default(''),
    explanation: text('explanation').notNull().default(''),
    status: checkStatusEnum('status').notNull().default('draft'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'restrict' }),
    language: text('language').notNull().default('vi'),
    publishedAt: ts('published_at'),
    firstPublishedAt: ts('first_published_at'),
    /** Why the check was last taken down (kept with its history; shown to staff). */
    unpublishReason: text('unpublish_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('checks_status_published_idx').on(t.status, t.publishedAt.desc()),
    index('checks_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('checks_first_published_idx').on(t.firstPublishedAt),
    check('checks_slug_shape', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    // Evidence before verdict: a published check has a rating, a summary and a second person.
    check(
      'checks_published_has_independent_reviewer',
      sql`${t.status} <> 'published' or (${t.reviewerId} is not null and ${t.reviewerId} <> ${t.authorId})`,
    ),
    check(
      'checks_published_has_rating_and_summary',
      sql`${t.status} <> 'published' or (${t.rating} is not null and length(btrim(${t.summary})) > 0 and ${t.publishedAt} is not null)`,
    ),
  ],
);

/** Every saved state of a check, so editors can diff and readers can see corrections. */
export const checkVersions = pgTable(
  'check_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => checks.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    editedById: uuid('edited_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('check_versions_check_version_key').on(t.checkId, t.version)],
);

/** Public corrections log of a published check. */
export const checkCorrections = pgTable(
  'check_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => checks.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    versionBefore: integer('version_before').notNull(),
    versionAfter: integer('version_after').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('check_corrections_check_idx').on(t.checkId),
    check('check_corrections_reason_not_blank', sql`length(btrim(${t.reason})) > 0`),
  ],
);

/** A stored copy of a web page at a point in time, with its hash, used as evidence. */
export const snapshots = pgTable(
  'snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    finalUrl: text('final_url').notNull(),
    fetchedAt: ts('fetched_at').notNull().defaultNow(),
    httpStatus: smallint('http_status').notNull(),
    contentType: text('content_type'),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    title: text('title'),
    text: text('text').notNull().default(''),
    storageKey: text('storage_key'),
    retainUntil: ts('retain_until'),
  },
  (t) => [
    index('snapshots_url_idx').on(t.url),
    check('snapshots_sha256_shape', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    kind: evidenceKindEnum('kind').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    note: text('note').notNull().default(''),
    snapshotId: uuid('snapshot_id').references(() => snapshots.id, { onDelete: 'set null' }),
    fileStorageKey: text('file_storage_key'),
    fileSha256: text('file_sha256'),
    fileMime: text('file_mime'),
    fileSizeBytes: bigint('file_size_bytes', { mode: 'number' }),
    fileName: text('file_name'),
    position: integer('position').notNull().default(0),
    addedById: uuid('added_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('evidence_claim_idx').on(t.claimId, t.position),
    check(
      'evidence_kind_has_payload',
      sql`(${t.kind} <> 'url' or ${t.url} is not null) and (${t.kind} <> 'file' or ${t.fileStorageKey} is not null)`,
    ),
  ],
);

export const tips = pgTable(
  'tips',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** HMAC of the receipt code under the instance key: the code itself is never stored. */
    receiptDigest: text('receipt_digest').notNull().unique(),
    itemId: uuid('item_id').references(() => items.id, { onDelete: 'set null' }),
    link: text('link'),
    text: text('text').notNull().default(''),
    /** AES-GCM ciphertext under the instance key; only with consent; deleted on schedule. */
    contactEncrypted: text('contact_encrypted'),
    consent: boolean('consent').notNull().default(false),
    status: tipStatusEnum('status').notNull().default('received'),
    answerCheckId: uuid('answer_check_id').references(() => checks.id, { onDelete: 'set null' }),
    language: text('language').notNull().default('vi'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: ts('closed_at'),
    contactDeleteAfter: ts('contact_delete_after'),
  },
  (t) => [
    index('tips_status_idx').on(t.status, t.createdAt),
    check('tips_contact_needs_consent', sql`${t.contactEncrypted} is null or ${t.consent}`),
    check('tips_has_content', sql`${t.link} is not null or length(btrim(${t.text})) > 0`),
  ],
);

export const statements = pgTable(
  'statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: publicationStatusEnum('status').notNull().default('draft'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    claimId: uuid('claim_id').references(() => claims.id, { onDelete: 'set null' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    language: text('language').notNull().default('vi'),
    issuedAt: ts('issued_at'),
    publishedAt: ts('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('statements_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('statements_slug_shape', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check(
      'statements_published_has_date',
      sql`${t.status} <> 'published' or ${t.publishedAt} is not null`,
    ),
  ],
);

/** A journalist's question to the press office, tracked until answered. */
export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    outlet: text('outlet').notNull(),
    question: text('question').notNull(),
    /** Journalist's name and contact, encrypted like tipsters' contacts. */
    contactEncrypted: text('contact_encrypted'),
    status: inquiryStatusEnum('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    answer: text('answer'),
    statementId: uuid('statement_id').references(() => statements.id, { onDelete: 'set null' }),
    dueAt: ts('due_at'),
    answeredAt: ts('answered_at'),
    /** When it was closed (cleared on reopening): starts the contact's retention grace period. */
    closedAt: ts('closed_at'),
    /** The latest deletion of the contact under the policy at receipt (like tips'). */
    contactDeleteAfter: ts('contact_delete_after'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('inquiries_status_idx').on(t.status, t.dueAt),
    check(
      'inquiries_answered_has_answer',
      sql`${t.status} <> 'answered' or (${t.answer} is not null and ${t.answeredAt} is not null)`,
    ),
  ],
);

/**
 * Append-only, hash-chained record of every change. Each row stores the hash of the previous
 * row, so editing or deleting a row in the middle breaks the chain visibly. A trigger refuses
 * UPDATE and DELETE (migration 0002).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: ts('occurred_at').notNull(),
    actorKind: actorKindEnum('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    // Events of a period (assignments, for response times).
    index('audit_events_occurred_idx').on(t.occurredAt),
    check('audit_events_hash_shape', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Words and phrases the desk watches for; matched without diacritics to raise relevance. */
export const watchTerms = pgTable('watch_terms', {
  id: uuid('id').primaryKey().defaultRandom(),
  term: text('term').notNull(),
  /** Folded form: the uniqueness key, so "sạt lở" and "sat lo" are one term. */
  folded: text('folded').notNull().unique(),
  createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** A system that posts items through the signed inbound webhook. */
export const integrations = pgTable('integrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** The HMAC secret, encrypted under the instance key (it must be recoverable to verify). */
  secretEncrypted: text('secret_encrypted').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: ts('last_used_at'),
});

/**
 * One-time values that must not be accepted twice until they expire: redeemed proof-of-work
 * challenges and webhook deliveries. Kept in the database so every web process agrees.
 */
export const usedNonces = pgTable(
  'used_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('used_nonces_expiry_idx').on(t.expiresAt)],
);

/**
 * Request counters of the rate limits (per address and route, and global ones such as all tips
 * per minute), in the database so that every web process counts against the same limit.
 */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowEndsAt: ts('window_ends_at').notNull(),
  },
  (t) => [index('rate_counters_window_idx').on(t.windowEndsAt)],
);

export const reviewDecisionEnum = pgEnum('review_decision', ['approved', 'changes_requested']);

/** A second person's decision on a check: approval, or changes asked for with a comment. */
export const checkReviews = pgTable(
  'check_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => checks.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    decision: reviewDecisionEnum('decision').notNull(),
    comment: text('comment').notNull().default(''),
    checkVersion: integer('check_version').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('check_reviews_check_idx').on(t.checkId, t.createdAt)],
);

/**
 * Stored bytes (uploaded files, raw bodies of fetched pages), addressed by their SHA-256 so the
 * same file is kept once. In the database, so every web process and a backup see them.
 */
export const fileBlobs = pgTable(
  'file_blobs',
  {
    sha256: text('sha256').primaryKey(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('file_blobs_sha256_shape', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/** A checklist the desk follows for each claim; one template is the default. */
export const checklistTemplates = pgTable(
  'checklist_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** The steps, in order. */
    items: text('items')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('checklist_templates_one_default')
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
    check('checklist_templates_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

/** One step of a claim's checklist, ticked by someone at some time. */
export const claimChecklistItems = pgTable(
  'claim_checklist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    doneAt: ts('done_at'),
    doneById: uuid('done_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('claim_checklist_items_claim_idx').on(t.claimId, t.position),
    check('claim_checklist_items_label_not_blank', sql`length(btrim(${t.label})) > 0`),
    check(
      'claim_checklist_items_done_by_when',
      sql`${t.doneById} is null or ${t.doneAt} is not null`,
    ),
  ],
);

/** Staff-internal notes on a claim; mentions name the users to notify. */
export const claimNotes = pgTable(
  'claim_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    mentionIds: uuid('mention_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('claim_notes_claim_idx').on(t.claimId, t.createdAt),
    check('claim_notes_body_not_blank', sql`length(btrim(${t.body})) > 0`),
  ],
);

/**
 * Activity reports made on schedule (weekly, monthly), kept so the desk can list and download
 * them. One per kind, period and format: a second worker making the same report finds it made.
 */
export const generatedReports = pgTable(
  'generated_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    /** First instant of the period and the first instant after it. */
    periodFrom: ts('period_from').notNull(),
    periodTo: ts('period_to').notNull(),
    /** The period's first and last day (YYYY-MM-DD, Vietnam time), as the document names them. */
    firstDay: text('first_day').notNull(),
    lastDay: text('last_day').notNull(),
    format: text('format', { enum: REPORT_FORMATS }).notNull(),
    bytes: bytea('bytes').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAt: createdAt(),
    /** When it was sent to the configured addresses, and why sending failed if it did. */
    emailedAt: ts('emailed_at'),
    emailError: text('email_error'),
  },
  (t) => [
    uniqueIndex('generated_reports_period_key').on(t.kind, t.periodFrom, t.periodTo, t.format),
    index('generated_reports_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('generated_reports_period_order', sql`${t.periodFrom} < ${t.periodTo}`),
    check('generated_reports_kind', sql`${t.kind} in ('weekly', 'monthly')`),
    check('generated_reports_format', sql`${t.format} in ('docx', 'pdf', 'xlsx', 'csv')`),
  ],
);

/**
 * Settings an administrator changes from the desk, one row per group (`retention`…), each a
 * JSON value checked by core. A group without a row takes its values from the configuration.
 */
export const settings = pgTable(
  'settings',
  {
    key: text('key').primaryKey(),
    value: jsonb('value').notNull(),
    updatedAt: updatedAt(),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
  },
  (t) => [check('settings_key_shape', sql`${t.key} ~ '^[a-z][a-z0-9_.-]{0,63}$'`)],
);
