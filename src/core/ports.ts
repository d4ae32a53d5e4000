/**
 * What core needs from storage, stated without SQL. `db/` implements these; tests may too.
 */
import type { Actor, AuditEventInput } from './audit.js';
import type { CursorPosition } from './pagination.js';
import type { ActivityReport, ReportPeriod } from './report.js';
import type { InquiryRepository } from './inquiry.service.js';
import type { ItemAssessment, PipelineRepository } from './pipeline.js';
import type { SourceHealthUpdate } from './source-health.js';
import type { WatchTermRepository } from './watch-term.service.js';
import type {
  Category,
  Channel,
  Check,
  CheckReview,
  ChecklistItem,
  ChecklistTemplate,
  ClaimNote,
  ReviewDecision,
  Snapshot,
  CheckStatus,
  Claim,
  ClaimStatus,
  Evidence,
  EvidenceKind,
  Item,
  ItemStatus,
  Priority,
  PublicationStatus,
  Rating,
  RejectionReason,
  Role,
  Source,
  SourceKind,
  Statement,
  SessionInfo,
  User,
  UserAccount,
} from './types.js';

/** Who is asking, after authentication. */
export interface Principal {
  actor: Actor;
  user: User | null;
  /**
   * What an API token was limited to (permission names, or `*`); undefined for sessions, which
   * carry every permission of the user's role.
   */
  scopes?: readonly string[] | undefined;
  /** The browser session behind a cookie-authenticated request. */
  sessionId?: string | undefined;
  /** An administrator signed in without two-factor: may only set it up. */
  totpSetupRequired?: boolean | undefined;
}

/** A keyset page request: rows strictly after `after`, newest first, `limit + 1` fetched. */
export interface PageRequest {
  limit: number;
  after?: CursorPosition | undefined;
}

/** Outcome of a conditional update: the new row, or why it did not happen. */
export type VersionedUpdate<T> =
  { ok: true; row: T } | { ok: false; currentVersion: number | undefined };

/** The columns a repository stores on insert or update. */
export interface CrudRepository<T, Create, Patch, Filter> {
  insert(values: Create): Promise<T>;
  findById(id: string): Promise<T | undefined>;
  list(filter: Filter, page: PageRequest): Promise<T[]>;
  updateVersioned(id: string, expectedVersion: number, patch: Patch): Promise<VersionedUpdate<T>>;
}

export interface TextFilter {
  q?: string | undefined;
}

export interface CategoryValues {
  slug: string;
  nameVi: string;
  nameEn: string;
  description?: string | undefined;
  position?: number | undefined;
}
export type CategoryRepository = CrudRepository<
  Category,
  CategoryValues,
  Partial<CategoryValues>,
  TextFilter
>;

export interface SourceValues {
  name: string;
  kind: SourceKind;
  url: string;
  canonicalUrl: string;
  categoryId?: string | null | undefined;
  scheduleMinutes?: number | undefined;
  enabled?: boolean | undefined;
  respectRobots?: boolean | undefined;
  reach?: number | undefined;
  /** Cleared when a person turns a source back on. */
  disabledReason?: string | null | undefined;
  consecutiveFailures?: number | undefined;
  nextFetchAt?: Date | null | undefined;
}
export interface SourceFilter extends TextFilter {
  kind?: SourceKind | undefined;
  enabled?: boolean | undefined;
  categoryId?: string | undefined;
}
/** A source with what conditional fetching remembers. */
export interface SourceFetchState extends Source {
  etag: string | null;
  lastModified: string | null;
  lastBodyHash: string | null;
}
/** Items a source brought, for its health. */
export interface SourceActivity {
  itemsLast24h: number;
  itemsLast7d: number;
}
export interface SourceRepository extends CrudRepository<
  Source,
  SourceValues,
  Partial<SourceValues>,
  SourceFilter
> {
  /**
   * Enabled sources whose next fetch is due, oldest first; each is leased (its next fetch moved
   * `leaseMs` ahead) so concurrent schedulers do not pick it twice.
   */
  leaseDue(now: Date, limit: number, leaseMs: number): Promise<SourceFetchState[]>;
  findFetchState(id: string): Promise<SourceFetchState | undefined>;
  /** Stores a poll's result (health and conditional-GET validators); not a user edit. */
  recordFetch(
    id: string,
    update: SourceHealthUpdate & {
      etag?: string | null;
      lastModified?: string | null;
      lastBodyHash?: string | null;
      itemsAdded?: number;
    },
  ): Promise<void>;
  activity(id: string, now: Date): Promise<SourceActivity>;
}

export interface ItemValues {
  /** Chosen by the caller so the pipeline can refer to the item before it is stored. */
  id?: string | undefined;
  channel: Channel;
  sourceId?: string | null | undefined;
  url?: string | null | undefined;
  canonicalUrl?: string | null | undefined;
  title: string;
  text: string;
  language: string;
  publishedAt?: Date | null | undefined;
  normalizedText: string;
  foldedText: string;
  contentHash: string;
  /** The pipeline's assessment, when it ran before the item was stored (bulk intake). */
  assessment?: ItemAssessment | undefined;
}
export interface ItemPatch {
  title?: string | undefined;
  language?: string | undefined;
  status?: ItemStatus | undefined;
}
export interface ItemFilter extends TextFilter {
  status?: ItemStatus | undefined;
  channel?: Channel | undefined;
  sourceId?: string | undefined;
  clusterId?: string | undefined;
}
/** One sighting of an item: where and when it was seen. */
export interface SightingValues {
  channel: Channel;
  sourceId?: string | null | undefined;
  url?: string | null | undefined;
  seenAt: Date;
  /** Unique name of the sighting; a second one with the same key is not counted. */
  dedupeKey?: string | null | undefined;
  /** A staff member's note with a report, and who reported. */
  note?: string | null | undefined;
  reportedById?: string | null | undefined;
}
export interface ItemRepository extends CrudRepository<Item, ItemValues, ItemPatch, ItemFilter> {
  /**
   * Stores each item unless one with its canonical URL or content fingerprint exists, and counts
   * its sighting unless that sighting was counted before. Outcomes are in input order. Call it
   * inside a transaction.
   */
  intake(
    entries: readonly { values: ItemValues; sighting: SightingValues }[],
  ): Promise<Array<{ itemId: string; created: boolean; counted: boolean; sightingsCount: number }>>;
  /** Which of these canonical URLs and fingerprints are already stored. */
  knownKeys(
    canonicalUrls: readonly string[],
    contentHashes: readonly string[],
  ): Promise<Set<string>>;
  /** Sightings of an item, oldest first. */
  sightings(itemId: string): Promise<Array<SightingValues & { id: number }>>;
  /** The items linked to a claim, most seen first (at most `limit`). */
  listByClaim(claimId: string, limit: number): Promise<Item[]>;
  /** Sightings per day (YYYY-MM-DD in `timeZone`) of a claim's items, oldest day first. */
  claimSightingsPerDay(
    claimId: string,
    timeZone: string,
  ): Promise<Array<{ day: string; count: number }>>;
  /** Ids of the items of a near-duplicate cluster. */
  idsInCluster(clusterId: string): Promise<string[]>;
  /** The stored items among `ids`, with their status. */
  statuses(ids: readonly string[]): Promise<Array<{ id: string; status: ItemStatus }>>;
  /** Records a triage decision on items (bumping their versions); returns the ids changed. */
  setTriage(
    ids: readonly string[],
    change: { status: ItemStatus; dismissReason: RejectionReason | null },
  ): Promise<string[]>;
}

export interface ClaimValues {
  text: string;
  normalizedText: string;
  foldedText: string;
  language: string;
  priority: Priority;
  dueAt: Date | null;
  categoryId?: string | null | undefined;
  createdById?: string | null | undefined;
}
export interface ClaimPatch {
  text?: string | undefined;
  normalizedText?: string | undefined;
  foldedText?: string | undefined;
  language?: string | undefined;
  status?: ClaimStatus | undefined;
  rejectionReason?: RejectionReason | null | undefined;
  priority?: Priority | undefined;
  dueAt?: Date | null | undefined;
  assigneeId?: string | null | undefined;
  categoryId?: string | null | undefined;
  firstResponseAt?: Date | undefined;
  mergedIntoId?: string | null | undefined;
}
export interface ClaimFilter extends TextFilter {
  status?: ClaimStatus | undefined;
  categoryId?: string | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | undefined;
  /** Open claims whose deadline is before this time. */
  overdueAt?: Date | undefined;
}
export interface ClaimRepository extends CrudRepository<
  Claim,
  ClaimValues,
  ClaimPatch,
  ClaimFilter
> {
  linkItems(
    claimId: string,
    itemIds: readonly string[],
    linkedById: string | null,
    linkKind?: 'manual' | 'split',
  ): Promise<void>;
  itemIds(claimId: string): Promise<string[]>;
  /** Moves every item link of `fromClaimId` to `toClaimId` (merging); returns the moved ids. */
  moveItems(fromClaimId: string, toClaimId: string): Promise<string[]>;
  /** Sets a status without the version check: used when publishing its check moves it. */
  setStatus(claimId: string, status: ClaimStatus): Promise<void>;
  /** The text of every claim still being worked on, for matching similar claims. */
  openClaimTexts(): Promise<Array<{ id: string; text: string; language: string }>>;
  /** Changes whenever an open claim is added, closed or edited. */
  openClaimsRevision(): Promise<string>;
}

export interface CheckValues {
  claimId: string;
  slug: string;
  title: string;
  rating?: Rating | null | undefined;
  summary?: string | undefined;
  explanation?: string | undefined;
  categoryId?: string | null | undefined;
  authorId: string;
  language: string;
}
export interface CheckPatch {
  slug?: string | undefined;
  title?: string | undefined;
  rating?: Rating | null | undefined;
  summary?: string | undefined;
  explanation?: string | undefined;
  categoryId?: string | null | undefined;
  status?: CheckStatus | undefined;
  reviewerId?: string | null | undefined;
  publishedAt?: Date | null | undefined;
  firstPublishedAt?: Date | null | undefined;
  unpublishReason?: string | null | undefined;
}
export interface CheckFilter extends TextFilter {
  status?: CheckStatus | undefined;
  claimId?: string | undefined;
  categoryId?: string | undefined;
  rating?: Rating | undefined;
}
export interface CheckRepository extends CrudRepository<
  Check,
  CheckValues,
  CheckPatch,
  CheckFilter
> {
  findByClaimId(claimId: string): Promise<Check | undefined>;
  saveVersion(check: Check, editedById: string | null): Promise<void>;
  versions(checkId: string): Promise<
    Array<{
      version: number;
      snapshot: Record<string, unknown>;
      createdAt: Date;
      editedById: string | null;
    }>
  >;
  addCorrection(correction: {
    checkId: string;
    reason: string;
    versionBefore: number;
    versionAfter: number;
    createdById: string | null;
  }): Promise<void>;
  corrections(
    checkId: string,
  ): Promise<
    Array<{ reason: string; createdAt: Date; versionBefore: number; versionAfter: number }>
  >;
  addReview(review: {
    checkId: string;
    reviewerId: string | null;
    decision: ReviewDecision;
    comment: string;
    checkVersion: number;
  }): Promise<CheckReview>;
  reviews(checkId: string): Promise<CheckReview[]>;
}

export interface StatementValues {
  slug: string;
  title: string;
  body: string;
  status: PublicationStatus;
  categoryId?: string | null | undefined;
  claimId?: string | null | undefined;
  authorId?: string | null | undefined;
  language: string;
  issuedAt?: Date | null | undefined;
  publishedAt?: Date | null | undefined;
}
export interface StatementFilter extends TextFilter {
  status?: PublicationStatus | undefined;
  categoryId?: string | undefined;
}
export type StatementRepository = CrudRepository<
  Statement,
  StatementValues,
  Partial<StatementValues>,
  StatementFilter
>;

export interface EvidenceValues {
  claimId: string;
  kind: EvidenceKind;
  title: string;
  url?: string | null | undefined;
  note?: string | undefined;
  addedById?: string | null | undefined;
  snapshotId?: string | null | undefined;
  /** Key of the stored bytes (the SHA-256 in the file store) and what the content is. */
  fileStorageKey?: string | null | undefined;
  fileSha256?: string | null | undefined;
  fileMime?: string | null | undefined;
  fileSizeBytes?: number | null | undefined;
  fileName?: string | null | undefined;
}
export interface EvidenceRepository {
  insert(values: EvidenceValues): Promise<Evidence>;
  findById(id: string): Promise<(Evidence & { fileStorageKey: string | null }) | undefined>;
  listForClaim(claimId: string): Promise<Evidence[]>;
  countForClaim(claimId: string): Promise<number>;
  /** Moves a claim's evidence to another claim (merging); returns how many moved. */
  moveToClaim(fromClaimId: string, toClaimId: string): Promise<number>;
}

/** Bytes stored once per SHA-256, and the snapshots of fetched pages. */
export interface FileRepository {
  /** Stores the bytes unless the same bytes are stored already. */
  putBlob(blob: { sha256: string; mime: string; data: Uint8Array }): Promise<void>;
  getBlob(sha256: string): Promise<{ mime: string; data: Uint8Array } | undefined>;
  insertSnapshot(values: Omit<Snapshot, 'id'> & { storageKey: string }): Promise<Snapshot>;
  findSnapshot(id: string): Promise<(Snapshot & { storageKey: string | null }) | undefined>;
}

export interface ChecklistTemplateValues {
  name: string;
  items: string[];
  isDefault?: boolean | undefined;
}
export interface ChecklistRepository {
  listTemplates(): Promise<ChecklistTemplate[]>;
  findTemplate(id: string): Promise<ChecklistTemplate | undefined>;
  defaultTemplate(): Promise<ChecklistTemplate | undefined>;
  insertTemplate(values: ChecklistTemplateValues): Promise<ChecklistTemplate>;
  updateTemplate(
    id: string,
    expectedVersion: number,
    patch: Partial<ChecklistTemplateValues>,
  ): Promise<VersionedUpdate<ChecklistTemplate>>;
  /** Makes no template the default (before another becomes it). */
  clearDefault(exceptId: string): Promise<void>;
  deleteTemplate(id: string): Promise<boolean>;
  listForClaim(claimId: string): Promise<ChecklistItem[]>;
  addItems(claimId: string, labels: readonly string[]): Promise<ChecklistItem[]>;
  findItem(id: string): Promise<ChecklistItem | undefined>;
  updateItem(
    id: string,
    expectedVersion: number,
    patch: { label?: string | undefined; doneAt?: Date | null; doneById?: string | null },
  ): Promise<VersionedUpdate<ChecklistItem>>;
}

export interface NoteRepository {
  insert(values: {
    claimId: string;
    authorId: string | null;
    body: string;
    mentionIds: readonly string[];
  }): Promise<ClaimNote>;
  findById(id: string): Promise<ClaimNote | undefined>;
  listForClaim(claimId: string): Promise<ClaimNote[]>;
  updateVersioned(
    id: string,
    expectedVersion: number,
    patch: { body: string; mentionIds: readonly string[] },
  ): Promise<VersionedUpdate<ClaimNote>>;
}

/** What the desk's queue can be narrowed to. */
export interface QueueFilter {
  status?: ClaimStatus | undefined;
  priority?: Priority | undefined;
  categoryId?: string | undefined;
  assigneeId?: string | undefined;
  /** Claims with at least one item from this channel; items from it. */
  channel?: Channel | undefined;
  language?: string | undefined;
  /** Only claims past their deadline at this time. */
  overdueAt?: Date | undefined;
}
/** An open claim as the queue lists it. */
export interface QueueClaim {
  id: string;
  text: string;
  status: ClaimStatus;
  priority: Priority;
  dueAt: Date | null;
  overdue: boolean;
  assigneeId: string | null;
  categoryId: string | null;
  language: string;
  createdAt: Date;
  firstResponseAt: Date | null;
  version: number;
  itemsCount: number;
  sightingsCount: number;
  channels: Channel[];
}
/** Untriaged items, a near-duplicate cluster as one entry. */
export interface QueueCluster {
  /** The cluster's id, or the item's own id for an item without a cluster. */
  key: string;
  clusterId: string | null;
  title: string;
  text: string;
  url: string | null;
  itemIds: string[];
  itemsCount: number;
  sightingsCount: number;
  priorityScore: number;
  channels: Channel[];
  languages: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  matchedCheckId: string | null;
  matchConfidence: number | null;
}
export interface QueueCounts {
  byStatus: Record<ClaimStatus, number>;
  open: number;
  overdue: number;
  untriagedItems: number;
}
/**
 * The activity report's figures of a period, as the dashboard shows them: the same queries, so
 * the two always agree (the report's lists — top claims, sources, corrections — left out).
 */
export type DashboardPeriodFigures = Pick<
  ActivityReport,
  'period' | 'intake' | 'items' | 'claims' | 'checks' | 'responseTimes'
> & { overdue: Omit<ActivityReport['overdue'], 'examples'> };
export interface DashboardFigures {
  openClaims: number;
  overdueClaims: number;
  /**
   * Medians over the window; null when there is nothing to measure. With a period they are
   * the report's (from the claim's creation), otherwise from the first sighting.
   */
  medianFirstResponseSeconds: number | null;
  medianTimeToPublicationSeconds: number | null;
  verdicts: Record<Rating, number>;
  itemsPerDay: Array<{ day: string; count: number }>;
  /** Present when the dashboard was asked for a period. */
  period?: DashboardPeriodFigures;
}
/** The desk's read models, computed in SQL. */
export interface DeskRepository {
  queueClaims(filter: QueueFilter, now: Date, offset: number, limit: number): Promise<QueueClaim[]>;
  queueClusters(
    filter: Pick<QueueFilter, 'channel' | 'language'>,
    offset: number,
    limit: number,
  ): Promise<QueueCluster[]>;
  queueCounts(filter: QueueFilter, now: Date): Promise<QueueCounts>;
  dashboard(
    now: Date,
    options: { days: number; timeZone: string; period?: ReportPeriod | undefined },
  ): Promise<DashboardFigures>;
}

export interface UserValues {
  email: string;
  displayName: string;
  role: Role;
  passwordHash?: string | null | undefined;
}
/** What signing in needs to know about an account; never leaves core. */
export interface UserCredentials {
  user: User;
  passwordHash: string | null;
  totpSecretEncrypted: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
}

export interface UserAccountPatch {
  role?: Role | undefined;
  displayName?: string | undefined;
  disabledAt?: Date | null | undefined;
}

export interface UserRepository {
  insert(values: UserValues): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  findCredentialsByEmail(email: string): Promise<UserCredentials | undefined>;
  findCredentialsById(id: string): Promise<UserCredentials | undefined>;
  findAccount(id: string): Promise<UserAccount | undefined>;
  listAccounts(): Promise<UserAccount[]>;
  updateAccount(
    id: string,
    expectedVersion: number,
    patch: UserAccountPatch,
  ): Promise<VersionedUpdate<UserAccount>>;
  /** Active administrators who can sign in (not disabled). */
  countActiveAdmins(): Promise<number>;
  setPassword(id: string, passwordHash: string, now: Date): Promise<void>;
  recordLogin(id: string, now: Date): Promise<void>;
  /** Stores a TOTP secret (pending when `enabledAt` is null); null clears two-factor sign-in. */
  setTotp(id: string, secretEncrypted: string | null, enabledAt: Date | null): Promise<void>;
  /** Records `step` as used; false when it (or a later one) was already used. */
  advanceTotpStep(id: string, step: number): Promise<boolean>;
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[]): Promise<void>;
  /** Marks an unused recovery code used; false when there is none with this hash. */
  useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  countUnusedRecoveryCodes(userId: string): Promise<number>;
  /**
   * Active users named by mentions: a full e-mail address, or the part before the @ when it
   * belongs to one user only.
   */
  findByHandles(handles: readonly string[]): Promise<Array<User & { handle: string }>>;
  createApiToken(values: {
    userId: string;
    name: string;
    tokenHash: string;
    scopes: readonly string[];
    expiresAt?: Date | null;
  }): Promise<{ id: string }>;
  /** The active user behind an API token's hash, with the token's scopes; or undefined. */
  findByApiTokenHash(
    tokenHash: string,
    now: Date,
  ): Promise<{ user: User; tokenId: string; scopes: string[] } | undefined>;
  /** Revokes one of the user's tokens; false when there is no such active token. */
  revokeApiToken(userId: string, tokenId: string, now: Date): Promise<boolean>;
  listApiTokens(userId: string): Promise<
    Array<{
      id: string;
      name: string;
      scopes: string[];
      createdAt: Date;
      lastUsedAt: Date | null;
      expiresAt: Date | null;
      revokedAt: Date | null;
    }>
  >;
}

/** A stored session with what each request needs to check it. */
export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionRepository {
  create(values: {
    userId: string;
    tokenHash: string;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
    userAgent: string | null;
    ipHash: string | null;
  }): Promise<SessionRecord>;
  /** The session and its user (with whether two-factor is on), by the token's hash. */
  findByTokenHash(
    tokenHash: string,
  ): Promise<{ session: SessionRecord; user: User; totpEnabled: boolean } | undefined>;
  /** Moves `last_seen_at` forward (the caller limits how often). */
  touch(id: string, now: Date): Promise<void>;
  /** Revokes one of the user's live sessions; false when there is none. */
  revoke(userId: string, id: string, now: Date): Promise<boolean>;
  /** Revokes every live session of the user, but `exceptId`; returns how many. */
  revokeAllForUser(userId: string, now: Date, exceptId?: string): Promise<number>;
  /** The user's live sessions (not revoked, not past their absolute end), newest first. */
  listLive(userId: string, now: Date): Promise<SessionInfo[]>;
}

export type AccountTokenPurpose = 'invitation' | 'password_reset';

export interface AccountTokenRecord {
  id: string;
  purpose: AccountTokenPurpose;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface AccountTokenRepository {
  create(values: {
    purpose: AccountTokenPurpose;
    tokenHash: string;
    userId: string;
    createdById: string | null;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<{ id: string }>;
  findByHash(tokenHash: string): Promise<AccountTokenRecord | undefined>;
  /** Marks the token used; false when it already was (two tabs, a replay). */
  markUsed(id: string, now: Date): Promise<boolean>;
  /** Ends the user's other open tokens of this purpose: only the newest link works. */
  retireOpen(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void>;
}

export interface LoginThrottleRepository {
  /** The latest moment any of the keys is blocked until, if one is blocked at `now`. */
  blockedUntil(keys: readonly string[], now: Date): Promise<Date | null>;
  /** Counts a failure for each key in its window; blocks a key that reaches `max`. */
  recordFailure(
    keys: ReadonlyArray<{ key: string; max: number }>,
    now: Date,
    windowMs: number,
  ): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface AuditRepository {
  append(event: AuditEventInput): Promise<string>;
  /** Appends several events in order as one write (bulk intake). */
  appendMany(events: readonly AuditEventInput[]): Promise<void>;
}

export interface TipValues {
  id: string;
  receiptDigest: string;
  itemId: string | null;
  link: string | null;
  text: string;
  contactEncrypted: string | null;
  consent: boolean;
  status: 'received' | 'answered' | 'in_progress' | 'closed';
  answerCheckId: string | null;
  language: string;
  createdAt: Date;
  /** When the contact is deleted at the latest (null without a contact). */
  contactDeleteAfter: Date | null;
}
/** A tip as staff and the status page see it (never the contact in clear). */
export interface TipRecord {
  id: string;
  itemId: string | null;
  status: TipValues['status'];
  answerCheckId: string | null;
  language: string;
  hasContact: boolean;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}
export interface TipRepository {
  insert(values: TipValues): Promise<TipRecord>;
  findByDigest(receiptDigest: string): Promise<TipRecord | undefined>;
  /**
   * Deletes the contacts past their stored ceiling, of tips received before `receivedBefore`
   * (the ceiling as the policy stands now), or of tips answered or closed before
   * `answeredBefore`; returns the ids of the tips concerned.
   */
  deleteExpiredContacts(now: Date, answeredBefore: Date, receivedBefore: Date): Promise<string[]>;
}

/** One stored group of settings: its JSON value and version (0 when never stored). */
export interface StoredSetting {
  value: unknown;
  version: number;
  updatedAt: Date | null;
  updatedById: string | null;
}
/** Settings changed from the desk, one row per group. */
export interface SettingsRepository {
  get(key: string): Promise<StoredSetting | undefined>;
  /**
   * Stores `value` if the group is still at `expectedVersion` (0: not stored yet); otherwise
   * reports the current version.
   */
  put(
    key: string,
    expectedVersion: number,
    value: unknown,
    by: string | null,
  ): Promise<VersionedUpdate<StoredSetting>>;
}

/** One-time values (proof-of-work challenges, webhook deliveries) remembered until they expire. */
export interface NonceRepository {
  /** True the first time a nonce is used; false when it was used before. */
  use(nonce: string, expiresAt: Date): Promise<boolean>;
  purgeExpired(now: Date): Promise<number>;
}

/** Hits counted in a fixed window shared by every process. */
export interface RateCounterRepository {
  /**
   * Counts one hit on `key`: a new window of `windowMs` starts when the last one has ended.
   * Returns the hits of the current window (this one included) and when the window ends.
   */
  hit(key: string, windowMs: number, now: Date): Promise<{ hits: number; windowEndsAt: Date }>;
  /** Deletes the counters of ended windows. */
  purgeExpired(now: Date): Promise<number>;
}

/** An integration as listed (never its secret). */
export interface IntegrationView {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Storage of integrations. */
export interface IntegrationRepository {
  insert(values: {
    id: string;
    name: string;
    secretEncrypted: string;
    createdById: string | null;
  }): Promise<IntegrationView>;
  findWithSecret(id: string): Promise<(IntegrationView & { secretEncrypted: string }) | undefined>;
  list(): Promise<IntegrationView[]>;
  touch(id: string, now: Date): Promise<void>;
}

/** All repositories, bound to one connection or one transaction. */
export interface Repositories {
  categories: CategoryRepository;
  sources: SourceRepository;
  items: ItemRepository;
  claims: ClaimRepository;
  checks: CheckRepository;
  statements: StatementRepository;
  evidence: EvidenceRepository;
  users: UserRepository;
  sessions: SessionRepository;
  accountTokens: AccountTokenRepository;
  loginThrottle: LoginThrottleRepository;
  audit: AuditRepository;
  pipeline: PipelineRepository;
  tips: TipRepository;
  nonces: NonceRepository;
  rateCounters: RateCounterRepository;
  integrations: IntegrationRepository;
  watchTerms: WatchTermRepository;
  files: FileRepository;
  checklists: ChecklistRepository;
  notes: NoteRepository;
  desk: DeskRepository;
  settings: SettingsRepository;
  inquiries: InquiryRepository;
  /** Runs `work` atomically; the repositories it receives share the transaction. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** Outgoing e-mail (SMTP when configured). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** Injected time, so tests can move the clock. */
export type Clock = () => Date;
