/**
 * What core needs from storage, stated without SQL. `db/` implements these; tests may too.
 */
import type { Actor, AuditEventInput } from './audit.js';
import type { CursorPosition } from './pagination.js';
import type {
  Category,
  Channel,
  Check,
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
  User,
} from './types.js';

/** Who is asking, after authentication. */
export interface Principal {
  actor: Actor;
  user: User | null;
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
}
export interface SourceFilter extends TextFilter {
  kind?: SourceKind | undefined;
  enabled?: boolean | undefined;
  categoryId?: string | undefined;
}
export type SourceRepository = CrudRepository<
  Source,
  SourceValues,
  Partial<SourceValues>,
  SourceFilter
>;

export interface ItemValues {
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
export interface ItemRepository extends CrudRepository<Item, ItemValues, ItemPatch, ItemFilter> {
  /** The stored item with this canonical URL or content fingerprint, if any. */
  findDuplicate(canonicalUrl: string | null, contentHash: string): Promise<Item | undefined>;
  /** Records one more sighting and returns the item with its raised count. */
  addSighting(
    itemId: string,
    sighting: { channel: Channel; sourceId?: string | null; url?: string | null; seenAt: Date },
  ): Promise<Item>;
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
}
export interface ClaimFilter extends TextFilter {
  status?: ClaimStatus | undefined;
  categoryId?: string | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | undefined;
}
export interface ClaimRepository extends CrudRepository<
  Claim,
  ClaimValues,
  ClaimPatch,
  ClaimFilter
> {
  linkItems(claimId: string, itemIds: readonly string[], linkedById: string | null): Promise<void>;
  itemIds(claimId: string): Promise<string[]>;
  /** Sets a status without the version check: used when publishing its check moves it. */
  setStatus(claimId: string, status: ClaimStatus): Promise<void>;
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
}
export interface CheckFilter extends TextFilter {
  status?: CheckStatus | undefined;
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
}
export interface EvidenceRepository {
  insert(values: EvidenceValues): Promise<Evidence>;
  listForClaim(claimId: string): Promise<Evidence[]>;
  countForClaim(claimId: string): Promise<number>;
}

export interface UserValues {
  email: string;
  displayName: string;
  role: Role;
  passwordHash?: string | null | undefined;
}
export interface UserRepository {
  insert(values: UserValues): Promise<User>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  createApiToken(values: {
    userId: string;
    name: string;
    tokenHash: string;
    expiresAt?: Date | null;
  }): Promise<{ id: string }>;
  /** The active user behind an API token's hash, or undefined. */
  findByApiTokenHash(tokenHash: string, now: Date): Promise<User | undefined>;
}

export interface AuditRepository {
  append(event: AuditEventInput): Promise<string>;
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
  audit: AuditRepository;
  /** Runs `work` atomically; the repositories it receives share the transaction. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** Injected time, so tests can move the clock. */
export type Clock = () => Date;
