/**
 * The API's JSON shapes as the desk reads them (the desk sees the domain only through the API
 * contract, never by importing src/core).
 */

export const ROLES = ['admin', 'lead', 'editor', 'contributor', 'press'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['feed', 'url', 'tip', 'staff', 'import', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

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

/** Statuses the queue shows by default: work still to do. */
export const OPEN_STATUSES: readonly ClaimStatus[] = [
  'new',
  'triage',
  'researching',
  'in_review',
  'approved',
];

export const REJECTION_REASONS = ['duplicate', 'not_checkable', 'out_of_scope'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

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

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  totpEnabled?: boolean;
  disabledAt?: string | null;
  /** Present in the administrators' list; sent back with changes. */
  version?: number;
}

/** A colleague as every member of the desk sees them (assignment, queue, @mentions). */
export interface Colleague {
  id: string;
  displayName: string;
  role: Role;
  /** What an @mention of them is written with. */
  handle: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  totpSetupRequired?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Claim {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  text: string;
  language: string;
  status: ClaimStatus;
  rejectionReason: RejectionReason | null;
  mergedIntoId: string | null;
  priority: Priority;
  dueAt: string | null;
  firstResponseAt: string | null;
  assigneeId: string | null;
  categoryId: string | null;
  createdById: string | null;
}

export interface ClaimDetail extends Claim {
  itemIds: string[];
}

/** One row of the queue: a claim with what the desk filters and sorts on. */
export interface QueueRow {
  id: string;
  version: number;
  text: string;
  status: ClaimStatus;
  priority: Priority;
  categoryId: string | null;
  assigneeId: string | null;
  language: string;
  channels: Channel[];
  dueAt: string | null;
  createdAt: string;
  itemsCount: number;
  sightingsCount: number;
  overdue?: boolean;
}

export interface Item {
  id: string;
  channel: Channel;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  text: string;
  language: string;
  status: string;
  clusterId: string | null;
  sightingsCount: number;
  priorityScore?: number;
  firstSeenAt: string;
  lastSeenAt: string;
  matchedCheckId: string | null;
  matchConfidence: number | null;
}

export interface Check {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
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
  publishedAt: string | null;
  firstPublishedAt: string | null;
}

export interface CheckVersion {
  version: number;
  snapshot: Record<string, unknown>;
  createdAt: string;
  editedById: string | null;
}

export interface CheckHistory {
  items: CheckVersion[];
  corrections: Array<{
    reason: string;
    createdAt: string;
    versionBefore: number;
    versionAfter: number;
  }>;
}

export interface Evidence {
  id: string;
  claimId: string;
  kind: 'url' | 'file' | 'document' | 'expert_statement';
  title: string;
  url: string | null;
  note: string;
  snapshotId: string | null;
  position: number;
  addedById: string | null;
  createdAt: string;
}

/** One step of a claim's checklist, versioned on its own. */
export interface ChecklistItem {
  id: string;
  version: number;
  claimId: string;
  position: number;
  label: string;
  doneAt: string | null;
  doneById: string | null;
}

export interface Note {
  id: string;
  version: number;
  body: string;
  authorId: string | null;
  mentionIds: string[];
  createdAt: string;
}

/** Untriaged items of the queue, a near-duplicate cluster as one entry. */
export interface QueueCluster {
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
  firstSeenAt: string;
  lastSeenAt: string;
  matchedCheckId: string | null;
  matchConfidence: number | null;
}

/** A published check or an open claim the matcher finds like a claim. */
export interface Suggestion {
  kind: 'check' | 'claim';
  checkId: string | null;
  claimId: string;
  /** The check's title, or the open claim's text. */
  title: string;
  rating: Rating | null;
  confidence: number;
  band: 'answer' | 'suggest';
}

export interface Category {
  id: string;
  version: number;
  slug: string;
  nameVi: string;
  nameEn: string;
  description: string;
  position: number;
}

export interface Source {
  id: string;
  version: number;
  name: string;
  kind: 'feed' | 'sitemap' | 'page';
  url: string;
  enabled: boolean;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  failureScore: number;
  disabledReason: string | null;
  itemsCount: number;
}

export interface ChecklistTemplate {
  id: string;
  version: number;
  name: string;
  items: string[];
  isDefault: boolean;
}

/** GET /settings/retention: how long tipsters' contacts are kept. */
export interface RetentionSettings {
  /** 0 while the server's configuration applies. */
  version: number;
  afterAnswerDays: number;
  maxDays: number;
  source: 'config' | 'database';
  defaults: { afterAnswerDays: number; maxDays: number };
  updatedAt: string | null;
}

export interface Dashboard {
  open: number;
  overdue: number;
  medianFirstResponseHours: number | null;
  medianPublicationHours: number | null;
  verdicts: Partial<Record<Rating, number>>;
  itemsPerDay: Array<{ day: string; count: number }>;
}

/** A change announced on /api/v1/events. */
export const INQUIRY_STATUSES = ['open', 'assigned', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** A journalist's question from the portal's press room. */
export interface Inquiry {
  id: string;
  outlet: string;
  question: string;
  /** Whether a contact is held (it is read separately, and each reading is recorded). */
  hasContact: boolean;
  status: InquiryStatus;
  assigneeId: string | null;
  answer: string | null;
  dueAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** All inquiries by status, and those owed an answer past their deadline. */
export type InquiryCounts = Record<InquiryStatus, number> & { overdue: number };

export interface ChangeEvent {
  entity: string;
  id: string;
  version: number | null;
  action?: string;
  actorId: string | null;
  /** The claim a sub-entity (evidence, checklist step, note) belongs to. */
  claimId?: string;
}

/** RFC 9457 problem document of the API. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
  currentVersion?: number;
}

/** Median, 90th percentile and deadline keeping of one kind of delay (activity report). */
export interface DelayStats {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
  withDeadline: number;
  withinDeadline: number;
}

/** GET /reports/activity: the figures the report document prints for a period. */
export interface ActivityFigures {
  period: { firstDay: string; lastDay: string };
  intake: {
    byChannel: Array<{ channel: Channel; newItems: number; sightings: number }>;
    tipsReceived: number;
  };
  items: {
    newItems: number;
    sightings: number;
    duplicates: number;
    matched: number;
    linkedToClaims: number;
  };
  claims: { created: number; byState: Array<{ status: ClaimStatus; count: number }> };
  checks: {
    published: number;
    byVerdict: Array<{ rating: Rating; count: number }>;
    byCategory: Array<{ category: string | null; count: number }>;
  };
  responseTimes: { firstResponse: DelayStats; publication: DelayStats };
  overdue: { missed: number; stillOpen: number };
  corrections: { count: number };
}

export const REPORT_FILE_FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];
export const EXPORT_LISTS = ['claims', 'checks', 'items'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** A weekly or monthly report made on schedule by the server. */
export interface GeneratedReport {
  id: string;
  kind: 'weekly' | 'monthly';
  firstDay: string;
  lastDay: string;
  format: ReportFileFormat;
  sizeBytes: number;
  createdAt: string;
  emailedAt: string | null;
  emailError: string | null;
}

/** A process's recent requests or matches (GET /admin/health). */
export interface RecentFigures {
  windowMinutes: number;
  count: number;
  perMinute: number;
  clientErrors: number;
  serverErrors: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  total: number;
}

/** The system's health at a glance (GET /admin/health); null parts: the database did not answer. */
export interface SystemHealth {
  generatedAt: string;
  process: {
    version: string;
    node: string;
    hostname: string;
    pid: number;
    startedAt: string;
    uptimeSeconds: number;
    residentBytes: number;
  };
  database: {
    kind: 'pglite' | 'postgres';
    up: boolean;
    connections: { total: number; idle: number; waiting: number };
  };
  requests: RecentFigures;
  matcher: RecentFigures;
  queues: Array<{
    queue: string;
    depth: number;
    oldestAgeSeconds: number;
    failed: number;
    lastFailedAt: string | null;
  }> | null;
  ingestion: Array<{ channel: string; total: number; lastHour: number; lastDay: number }> | null;
  sources: {
    enabled: number;
    failing: number;
    disabledAfterFailures: number;
    worst: Array<{
      id: string;
      name: string;
      url: string;
      enabled: boolean;
      consecutiveFailures: number;
      lastError: string | null;
      lastErrorAt: string | null;
      lastSuccessAt: string | null;
      disabledReason: string | null;
    }>;
  } | null;
  backups: {
    everyHours: number;
    keep: number;
    last: { at: string; bytes: number } | null;
    count: number;
    late: boolean;
  };
}
