/** The domain's entities as the rest of the product sees them (PRODUCT.md "Domain"). */

export const ROLES = ['admin', 'lead', 'editor', 'contributor', 'press'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['feed', 'url', 'tip', 'staff', 'import', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SOURCE_KINDS = ['feed', 'sitemap', 'page'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ITEM_STATUSES = ['new', 'queued', 'linked', 'dismissed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const CLAIM_STATUSES = [
  'new',
  'triage',
  'researching',
  'in_review',
  'approved',
  'published',
  'rejected',
  'corrected',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const REJECTION_REASONS = ['duplicate', 'not_checkable', 'out_of_scope'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Đúng · Gây hiểu nhầm · Sai · Chưa đủ căn cứ · Không phải nhận định kiểm chứng được. */
export const RATINGS = ['true', 'misleading', 'false', 'unproven', 'not_checkable'] as const;
export type Rating = (typeof RATINGS)[number];

export const CHECK_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'published',
  'unpublished',
] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const PUBLICATION_STATUSES = ['draft', 'published', 'archived'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const EVIDENCE_KINDS = ['url', 'file', 'document', 'expert_statement'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

interface Versioned {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface Category extends Versioned {
  slug: string;
  nameVi: string;
  nameEn: string;
  description: string;
  position: number;
}

export interface Source extends Versioned {
  name: string;
  kind: SourceKind;
  url: string;
  canonicalUrl: string;
  categoryId: string | null;
  scheduleMinutes: number;
  enabled: boolean;
  respectRobots: boolean;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  failureScore: number;
  disabledReason: string | null;
  itemsCount: number;
  reach: number;
  consecutiveFailures: number;
  lastStatus: number | null;
  nextFetchAt: Date | null;
}

export interface Item extends Versioned {
  channel: Channel;
  sourceId: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  text: string;
  language: string;
  publishedAt: Date | null;
  status: ItemStatus;
  clusterId: string | null;
  relevance: number;
  priorityScore: number;
  sightingsCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** Null while the pipeline has not yet matched, clustered and scored the item. */
  processedAt: Date | null;
  matchedCheckId: string | null;
  matchConfidence: number | null;
  places: string[];
  watchTermHits: string[];
  /** Why triage dismissed the item; null unless dismissed by triage. */
  dismissReason: RejectionReason | null;
}

export interface Claim extends Versioned {
  text: string;
  language: string;
  status: ClaimStatus;
  rejectionReason: RejectionReason | null;
  mergedIntoId: string | null;
  priority: Priority;
  dueAt: Date | null;
  firstResponseAt: Date | null;
  assigneeId: string | null;
  categoryId: string | null;
  createdById: string | null;
}

export interface Check extends Versioned {
  claimId: string;
  slug: string;
  title: string;
  rating: Rating | null;
  summary: string;
  explanation: string;
  status: CheckStatus;
  categoryId: string | null;
  authorId: string;
  reviewerId: string | null;
  language: string;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  /** Why it was last taken down; null while it never was. */
  unpublishReason: string | null;
}

export interface Statement extends Versioned {
  slug: string;
  title: string;
  body: string;
  status: PublicationStatus;
  categoryId: string | null;
  claimId: string | null;
  authorId: string | null;
  language: string;
  issuedAt: Date | null;
  publishedAt: Date | null;
}

export interface Evidence {
  id: string;
  claimId: string;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  note: string;
  snapshotId: string | null;
  /** For a file: its name as uploaded, the type found in its content, size and SHA-256. */
  fileName: string | null;
  fileMime: string | null;
  fileSizeBytes: number | null;
  fileSha256: string | null;
  position: number;
  addedById: string | null;
  createdAt: Date;
}

/** A stored copy of a web page (or other document) at the time it was fetched. */
export interface Snapshot {
  id: string;
  url: string;
  finalUrl: string;
  fetchedAt: Date;
  httpStatus: number;
  contentType: string | null;
  sha256: string;
  sizeBytes: number;
  title: string | null;
  /** Readable text extracted from the page; empty for images and other binary documents. */
  text: string;
}

/** The steps the desk follows for a claim; one template is the default. */
export interface ChecklistTemplate extends Versioned {
  name: string;
  items: string[];
  isDefault: boolean;
}

/** One step of a claim's checklist and who ticked it when. */
export interface ChecklistItem extends Versioned {
  claimId: string;
  position: number;
  label: string;
  doneAt: Date | null;
  doneById: string | null;
}

/** A staff-internal note on a claim; `mentionIds` are the users it notifies. */
export interface ClaimNote extends Versioned {
  claimId: string;
  authorId: string | null;
  body: string;
  mentionIds: string[];
}

export const REVIEW_DECISIONS = ['approved', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** A second person's decision on a check. */
export interface CheckReview {
  id: string;
  checkId: string;
  reviewerId: string | null;
  decision: ReviewDecision;
  comment: string;
  checkVersion: number;
  createdAt: Date;
}

/** Claim states the desk still has to work on. */
export const OPEN_CLAIM_STATUSES = [
  'new',
  'triage',
  'researching',
  'in_review',
  'approved',
] as const satisfies readonly ClaimStatus[];

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabledAt: Date | null;
}

/** A user as the administrators' list shows it: state flags, never secrets or hashes. */
export interface UserAccount extends User {
  /** False until the invitation is accepted (no password yet). */
  hasPassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A signed-in browser session as its owner sees it. */
export interface SessionInfo {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}
