/**
 * The desk's only door to the server: one small typed function per endpoint of /api/v1, so an
 * endpoint that moves is changed here and nowhere else. Cookies carry the session; every
 * state-changing request carries the session's CSRF token.
 */
import type {
  ChangeEvent,
  Category,
  Check,
  CheckHistory,
  ChecklistItem,
  ChecklistTemplate,
  Claim,
  ClaimDetail,
  ActivityFigures,
  Dashboard,
  Evidence,
  ExportList,
  GeneratedReport,
  Inquiry,
  InquiryCounts,
  Item,
  Note,
  Page,
  Priority,
  Problem,
  QueueCluster,
  QueueRow,
  Rating,
  Colleague,
  RejectionReason,
  ReportFileFormat,
  RetentionSettings,
  Role,
  Session,
  Source,
  Suggestion,
  SystemHealth,
  User,
} from './types.js';
import { computeDashboard } from './dashboard-stats.js';

const BASE = '/api/v1';

/** An error answer of the API, with its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** Someone else saved first: the edit was based on an old version and nothing was written. */
  get isConflict(): boolean {
    return this.status === 409 && (this.code === 'version_conflict' || this.code === 'conflict');
  }
  /** The server has no such endpoint (yet): the desk falls back or hides the feature. */
  get isMissingEndpoint(): boolean {
    return this.status === 404 && (this.problem.detail ?? '').startsWith('No route');
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (sent with every state-changing request). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (expired or revoked). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: { quietAuth?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(BASE + path, {
    method,
    headers,
    body: payload,
    credentials: 'same-origin',
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem: Problem =
      data && typeof data === 'object' && 'code' in data
        ? { ...(data as Problem), status: response.status }
        : { title: response.statusText, status: response.status, code: 'http_error' };
    if (response.status === 401 && !options.quietAuth) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Follows `nextCursor` until the end or `max` rows. */
async function allPages<T>(path: string, max: number): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await request<Page<T>>(
      'GET',
      `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < max);
  return rows;
}

// --- Session -------------------------------------------------------------------------------

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

export const auth = {
  login: (input: LoginInput) => request<Session>('POST', '/auth/login', input, { quietAuth: true }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Session>('GET', '/auth/me', undefined, { quietAuth: true }),
};

// --- Queue and claims ----------------------------------------------------------------------

function claimToRow(claim: Claim): QueueRow {
  return {
    id: claim.id,
    version: claim.version,
    text: claim.text,
    status: claim.status,
    priority: claim.priority,
    categoryId: claim.categoryId,
    assigneeId: claim.assigneeId,
    language: claim.language,
    channels: [],
    dueAt: claim.dueAt,
    createdAt: claim.createdAt,
    itemsCount: 0,
    sightingsCount: 0,
  };
}

/** Largest queue page the server hands out. */
const QUEUE_PAGE = 10_000;

export const queue = {
  /**
   * Every claim of the queue (the desk filters them in memory; `status=all` includes closed
   * ones). Without the queue endpoint they are read from the claims list (channels and
   * sightings then unknown).
   */
  async load(max = 50_000): Promise<QueueRow[]> {
    try {
      const rows: QueueRow[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<QueueRow> = await request<Page<QueueRow>>(
          'GET',
          `/queue${query({ limit: QUEUE_PAGE, cursor })}`,
        );
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && rows.length < max);
      return rows;
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      return (await allPages<Claim>('/claims', max)).map(claimToRow);
    }
  },
  /**
   * Untriaged items grouped by near-duplicate cluster. Without the queue endpoint they are
   * grouped here from the items list.
   */
  async incoming(): Promise<QueueCluster[]> {
    try {
      return (await request<Page<QueueCluster>>('GET', `/queue/untriaged${query({ limit: 500 })}`))
        .items;
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      const items = [
        ...(await allPages<Item>('/items?status=new', 2000)),
        ...(await allPages<Item>('/items?status=queued', 2000)),
      ];
      return groupIncoming(items);
    }
  },
};

/** Untriaged items as queue entries, one per near-duplicate cluster, most seen first. */
export function groupIncoming(items: readonly Item[]): QueueCluster[] {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = item.clusterId ?? item.id;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups]
    .map(([key, members]) => {
      const lead = [...members].sort((a, b) => b.sightingsCount - a.sightingsCount)[0]!;
      const best = members.reduce<Item | null>(
        (top, m) =>
          m.matchConfidence !== null &&
          (top === null || m.matchConfidence > (top.matchConfidence ?? 0))
            ? m
            : top,
        null,
      );
      return {
        key,
        clusterId: lead.clusterId,
        title: lead.title,
        text: lead.text,
        url: lead.url,
        itemIds: members.map((m) => m.id),
        itemsCount: members.length,
        sightingsCount: members.reduce((sum, m) => sum + m.sightingsCount, 0),
        priorityScore: Math.max(...members.map((m) => m.priorityScore ?? 0)),
        channels: [...new Set(members.map((m) => m.channel))],
        languages: [...new Set(members.map((m) => m.language))],
        firstSeenAt: members.map((m) => m.firstSeenAt).sort()[0]!,
        lastSeenAt: members
          .map((m) => m.lastSeenAt)
          .sort()
          .at(-1)!,
        matchedCheckId: best?.matchedCheckId ?? null,
        matchConfidence: best?.matchConfidence ?? null,
      };
    })
    .sort((a, b) => b.priorityScore - a.priorityScore || b.sightingsCount - a.sightingsCount);
}

export interface NewClaimInput {
  text: string;
  language?: string;
  priority?: Priority;
  categoryId?: string | null;
}

export const triage = {
  /** Accepts untriaged items into a new claim (without the triage endpoint: claim + links). */
  acceptAsNewClaim: async (entry: QueueCluster, claim: NewClaimInput): Promise<Claim> => {
    const selection = entry.clusterId ? { clusterId: entry.clusterId } : { itemIds: entry.itemIds };
    try {
      return (
        await request<{ claim: Claim; itemIds: string[]; created: boolean }>(
          'POST',
          '/triage/accept',
          { ...selection, claim },
        )
      ).claim;
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      return request<Claim>('POST', '/claims', { ...claim, itemIds: entry.itemIds });
    }
  },
  /** Dismisses untriaged items with a reason. */
  reject: (entry: QueueCluster, reason: RejectionReason) =>
    request<{ itemIds: string[] }>('POST', '/triage/reject', {
      ...(entry.clusterId ? { clusterId: entry.clusterId } : { itemIds: entry.itemIds }),
      reason,
    }),
  /** A claim at triage goes to research. */
  acceptClaim: async (claim: Claim): Promise<Claim> => {
    try {
      return await request<Claim>('POST', `/claims/${claim.id}/accept`, { version: claim.version });
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      return claims.update(claim.id, claim.version, { status: 'researching' });
    }
  },
  rejectClaim: async (claim: Claim, reason: RejectionReason): Promise<Claim> => {
    try {
      return await request<Claim>('POST', `/claims/${claim.id}/reject`, {
        version: claim.version,
        reason,
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      return claims.update(claim.id, claim.version, {
        status: 'rejected',
        rejectionReason: reason,
      });
    }
  },
  /** Closes `source` as a duplicate of `target`, moving its items and evidence. */
  merge: (target: Claim, source: Claim) =>
    request<Claim>('POST', `/claims/${target.id}/merge`, {
      sourceId: source.id,
      version: source.version,
    }),
};

export interface ClaimPatch {
  status?: Claim['status'];
  rejectionReason?: RejectionReason | null;
  priority?: Priority;
  dueAt?: string | null;
  assigneeId?: string | null;
  categoryId?: string | null;
  text?: string;
}

export const claims = {
  get: (id: string) => request<ClaimDetail>('GET', `/claims/${id}`),
  update: (id: string, version: number, patch: ClaimPatch) =>
    request<Claim>('PATCH', `/claims/${id}`, { version, ...patch }),
  /** The items grouped under the claim, most seen first. */
  items: async (claimId: string): Promise<Item[]> =>
    (await request<{ items: Item[] }>('GET', `/claims/${claimId}/items`)).items,
  /** Sightings per day (Vietnam time) of the claim's items, oldest day first. */
  sightings: async (claimId: string): Promise<Array<{ day: string; count: number }>> =>
    (
      await request<{ items: Array<{ day: string; count: number }> }>(
        'GET',
        `/claims/${claimId}/sightings`,
      )
    ).items,
  /** Published checks, then open claims, the matcher finds like the claim, with confidence. */
  suggestions: async (claimId: string): Promise<Suggestion[]> =>
    (await request<{ items: Suggestion[] }>('GET', `/claims/${claimId}/suggestions`)).items,
  evidence: async (claimId: string) =>
    (await request<{ items: Evidence[] }>('GET', `/claims/${claimId}/evidence`)).items,
  addEvidenceUrl: (claimId: string, input: { url: string; title: string; note?: string }) =>
    request<Evidence>('POST', `/claims/${claimId}/evidence/capture`, input),
  addEvidenceFile: (claimId: string, file: File, title: string) => {
    const form = new FormData();
    form.set('title', title);
    form.set('file', file);
    return request<Evidence>('POST', `/claims/${claimId}/evidence/upload`, form);
  },
  checklist: async (claimId: string) =>
    (await request<{ items: ChecklistItem[] }>('GET', `/claims/${claimId}/checklist`)).items,
  tickChecklistItem: (claimId: string, item: ChecklistItem, done: boolean) =>
    request<ChecklistItem>('PATCH', `/claims/${claimId}/checklist/${item.id}`, {
      version: item.version,
      done,
    }),
  notes: async (claimId: string) =>
    (await request<{ items: Note[] }>('GET', `/claims/${claimId}/notes`)).items,
  addNote: (claimId: string, body: string) =>
    request<Note>('POST', `/claims/${claimId}/notes`, { body }),
};

// --- Checks ----------------------------------------------------------------------------------

export interface CheckPatch {
  title?: string;
  rating?: Rating | null;
  summary?: string;
  explanation?: string;
  status?: Check['status'];
  correctionReason?: string;
}

export const checks = {
  /** The claim's check (a claim has at most one), or null before one is started. */
  forClaim: async (claimId: string): Promise<Check | null> =>
    (await request<Page<Check>>('GET', `/checks${query({ claim: claimId, limit: 1 })}`)).items[0] ??
    null,
  get: (id: string) => request<Check>('GET', `/checks/${id}`),
  create: (input: { claimId: string; title: string; language?: string }) =>
    request<Check>('POST', '/checks', input),
  update: (id: string, version: number, patch: CheckPatch) =>
    request<Check>('PATCH', `/checks/${id}`, { version, ...patch }),
  history: (id: string) => request<CheckHistory>('GET', `/checks/${id}/versions`),
  /** Markdown rendered and sanitised by the server as a published explanation would be. */
  preview: (markdown: string) => request<{ html: string }>('POST', '/checks/preview', { markdown }),
  listPublished: () => allPages<Check>('/checks?status=published', 5000),
};

// --- Reports --------------------------------------------------------------------------------

export const reports = {
  create: (input: { url?: string; text?: string; note?: string }) =>
    request<{ item: Item; created: boolean }>('POST', '/reports', input),
};

// --- Activity reports --------------------------------------------------------------------------

/** A file the server made, ready to be saved. */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** The name from Content-Disposition (RFC 6266: filename* first), or `fallback`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

export const activityReports = {
  /** The figures the document prints for the period (first and last day included). */
  figures: (from: string, to: string) =>
    request<ActivityFigures>('GET', `/reports/activity${query({ from, to })}`),
  /** Makes the document (docx, pdf) or an export (xlsx, csv of `what`) for the period. */
  async render(input: {
    from: string;
    to: string;
    format: ReportFileFormat;
    what?: ExportList;
  }): Promise<DownloadedFile> {
    const response = await fetch(`${BASE}/reports/activity`, {
      method: 'POST',
      headers: {
        accept: '*/*',
        'content-type': 'application/json',
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(input),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const data = safeJson(await response.text());
      const problem: Problem =
        data && typeof data === 'object' && 'code' in data
          ? { ...(data as Problem), status: response.status }
          : { title: response.statusText, status: response.status, code: 'http_error' };
      if (response.status === 401) onUnauthenticated?.();
      throw new ApiError(problem);
    }
    return {
      blob: await response.blob(),
      filename: filenameOf(
        response.headers.get('content-disposition'),
        `bao-cao-${input.from}-den-${input.to}.${input.format}`,
      ),
    };
  },
  /** Reports the server made on schedule, newest first. */
  generated: async () =>
    (await request<Page<GeneratedReport>>('GET', '/reports/generated?limit=50')).items,
  /** Where a scheduled report is downloaded (a plain link: the session cookie goes with it). */
  generatedUrl: (id: string) => `${BASE}/reports/generated/${encodeURIComponent(id)}`,
};

// --- Dashboard -------------------------------------------------------------------------------

/** GET /dashboard as the server sends it. */
interface DashboardFigures {
  openClaims: number;
  overdueClaims: number;
  medianFirstResponseSeconds: number | null;
  medianTimeToPublicationSeconds: number | null;
  verdicts: Dashboard['verdicts'];
  itemsPerDay: Dashboard['itemsPerDay'];
}

export const dashboard = {
  /** The desk's figures; without the dashboard endpoint they are computed from the lists. */
  async load(): Promise<Dashboard> {
    try {
      const figures = await request<DashboardFigures>('GET', '/dashboard');
      const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);
      return {
        open: figures.openClaims,
        overdue: figures.overdueClaims,
        medianFirstResponseHours: hours(figures.medianFirstResponseSeconds),
        medianPublicationHours: hours(figures.medianTimeToPublicationSeconds),
        verdicts: figures.verdicts,
        itemsPerDay: figures.itemsPerDay,
      };
    } catch (error) {
      if (!(error instanceof ApiError && error.isMissingEndpoint)) throw error;
      const [claimList, published, items] = await Promise.all([
        allPages<Claim>('/claims', 20_000),
        allPages<Check>('/checks?status=published', 5000),
        allPages<Item>('/items', 5000),
      ]);
      return computeDashboard(claimList, published, items, Date.now());
    }
  },
};

// --- Journalists' questions ------------------------------------------------------------------

/** Which inquiries a list asks the server for. */
export interface InquiryQuery {
  status?: Inquiry['status'];
  /** Only those still owed an answer. */
  open?: boolean;
  /** Only those owed an answer past their deadline. */
  overdue?: boolean;
}

/** At most this many inquiries are shown for one filter (the newest). */
const MAX_INQUIRIES = 2000;

export const inquiries = {
  /** The inquiries of a filter, newest first, with the counts of the whole desk. */
  async list(
    filter: InquiryQuery,
  ): Promise<{ items: Inquiry[]; counts: InquiryCounts; truncated: boolean }> {
    const items: Inquiry[] = [];
    let cursor: string | null = null;
    let counts: InquiryCounts;
    do {
      const page: Page<Inquiry> & { counts: InquiryCounts } = await request(
        'GET',
        `/inquiries${query({
          status: filter.status,
          open: filter.open ? 'true' : undefined,
          overdue: filter.overdue ? 'true' : undefined,
          limit: 200,
          cursor,
        })}`,
      );
      items.push(...page.items);
      counts = page.counts;
      cursor = page.nextCursor;
    } while (cursor && items.length < MAX_INQUIRIES);
    return { items, counts, truncated: cursor !== null };
  },
  get: (id: string) => request<Inquiry>('GET', `/inquiries/${encodeURIComponent(id)}`),
  /** The inquiry with the journalist's contact; the server records that it was shown. */
  withContact: (id: string) =>
    request<Inquiry & { contact: string | null }>(
      'GET',
      `/inquiries/${encodeURIComponent(id)}?include=contact`,
    ),
  assign: (inquiry: Inquiry, assigneeId: string | null) =>
    request<Inquiry>('POST', `/inquiries/${inquiry.id}/assign`, {
      version: inquiry.version,
      assigneeId,
    }),
  answer: (inquiry: Inquiry, answer: string) =>
    request<Inquiry>('POST', `/inquiries/${inquiry.id}/answer`, {
      version: inquiry.version,
      answer,
    }),
  close: (inquiry: Inquiry) =>
    request<Inquiry>('POST', `/inquiries/${inquiry.id}/close`, { version: inquiry.version }),
  reopen: (inquiry: Inquiry) =>
    request<Inquiry>('POST', `/inquiries/${inquiry.id}/reopen`, { version: inquiry.version }),
};

// --- Administration --------------------------------------------------------------------------

export const health = {
  /** The system's health (admins and leads). */
  load: () => request<SystemHealth>('GET', '/admin/health'),
};

export const admin = {
  /** Names and roles of active colleagues: readable by every desk role. */
  colleagues: async () => (await request<{ items: Colleague[] }>('GET', '/users/directory')).items,
  users: async () => (await request<Page<User>>('GET', '/users?limit=100')).items,
  /** Changes an account; the version read with it guards against a colleague's change. */
  updateUser: (user: User, patch: { role?: Role; disabled?: boolean }) =>
    request<User>('PATCH', `/users/${user.id}`, { version: user.version, ...patch }),
  /** Invites someone; without SMTP the answer carries the link to pass on. */
  invite: async (input: { email: string; role: Role; displayName?: string }) => {
    const { invitation } = await request<{ invitation: { link?: string } }>('POST', '/users', {
      ...input,
      displayName: input.displayName ?? input.email.split('@')[0],
    });
    return { link: invitation.link };
  },
  categories: async () => (await request<Page<Category>>('GET', '/categories?limit=100')).items,
  createCategory: (input: { slug: string; nameVi: string; nameEn: string }) =>
    request<Category>('POST', '/categories', input),
  sources: async () => (await request<Page<Source>>('GET', '/sources?limit=100')).items,
  checklistTemplates: async () =>
    (await request<{ items: ChecklistTemplate[] }>('GET', '/checklist-templates')).items,
  saveChecklistTemplate: (id: string, version: number, items: string[]) =>
    request<ChecklistTemplate>('PATCH', `/checklist-templates/${id}`, { version, items }),
  retention: () => request<RetentionSettings>('GET', '/settings/retention'),
  /** Saves the policy; the version read guards against a colleague's change. */
  saveRetention: (settings: Pick<RetentionSettings, 'version' | 'afterAnswerDays' | 'maxDays'>) =>
    request<RetentionSettings>('PUT', '/settings/retention', {
      version: settings.version,
      afterAnswerDays: settings.afterAnswerDays,
      maxDays: settings.maxDays,
    }),
};

// --- Live updates ----------------------------------------------------------------------------

/** Subscribes to the server's change stream; returns the function that unsubscribes. */
export function subscribeChanges(onChange: (event: ChangeEvent) => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(`${BASE}/events`, { withCredentials: true });
  const listener = (message: MessageEvent<string>) => {
    const parsed = safeJson(message.data);
    if (parsed && typeof parsed === 'object' && 'entity' in parsed && 'id' in parsed) {
      onChange(parsed as ChangeEvent);
    }
  };
  source.addEventListener('change', listener);
  return () => {
    source.removeEventListener('change', listener);
    source.close();
  };
}
