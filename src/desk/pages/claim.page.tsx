/**
 * A claim: triage, the matcher's suggestions, the checklist, evidence, notes and the check
 * (rating, summary, explanation, review, publication, corrections, versions). Every write sends
 * the version it was based on; a stale one shows the conflict notice and writes nothing.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, admin, claims, triage, type ClaimPatch } from '../api.js';
import { ConflictNotice, ErrorNotice, Unavailable } from '../components/notices.js';
import { formatDateTime, formatNumber, formatPercent } from '../format.js';
import { useLiveChanges } from '../live.js';
import { Link } from '../router.js';
import { abilities, useSession } from '../session.js';
import {
  PRIORITIES,
  REJECTION_REASONS,
  type ChecklistItem,
  type Claim,
  type ClaimDetail,
  type Evidence,
  type Item,
  type RejectionReason,
  type Colleague,
} from '../types.js';
import { useResource } from '../use-resource.js';
import { NotesPanel } from './claim-notes.js';

const CheckEditor = lazy(() => import('./check-editor.js'));

export default function ClaimPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const claim = useResource(() => claims.get(id), [id]);
  const items = useResource(() => claims.items(id), [id, claim.data?.itemIds.join()]);
  const suggestions = useResource(() => claims.suggestions(id), [id, claim.data?.text]);
  const users = useResource(() => admin.colleagues(), []);
  const [changedBy, setChangedBy] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  // A colleague changed this claim: say so; the user decides when to reload (their own edits
  // stay). Lists that only grow (evidence, notes, checklist) refresh by themselves.
  useLiveChanges((event) => {
    if (event.actorId === session.user.id) return;
    if (
      event.entity === 'claim' &&
      event.id === id &&
      claim.data &&
      (event.version ?? Number.POSITIVE_INFINITY) > claim.data.version
    ) {
      setChangedBy(event.actorId ?? '');
    } else if (event.claimId === id && event.entity !== 'check') {
      setTick((n) => n + 1);
    }
  });

  if (claim.error) {
    return (
      <>
        <h1 tabIndex={-1}>{t('claim.title')}</h1>
        <ErrorNotice error={claim.error} />
      </>
    );
  }
  if (!claim.data) return <p role="status">{t('common.loading')}</p>;
  const c = claim.data;
  const role = session.user.role;
  const lang = i18n.language;

  return (
    <article className="claim" aria-labelledby="claim-title">
      <p className="breadcrumb">
        <Link to="/">{t('nav.queue')}</Link>
      </p>
      <h1 id="claim-title" tabIndex={-1}>
        {c.text}
      </h1>
      <p className="claim-meta">
        <span className="badge">{t(`claimStatuses.${c.status}`)}</span>{' '}
        <span className={`badge priority-${c.priority}`}>{t(`priorities.${c.priority}`)}</span>{' '}
        {c.dueAt && (
          <span>
            {t('claim.due')} {formatDateTime(c.dueAt, lang)}
          </span>
        )}{' '}
        {c.rejectionReason && <span>{t(`rejectionReasons.${c.rejectionReason}`)}</span>}
      </p>
      {changedBy !== null && (
        <div className="notice" role="status">
          {t('claim.changedElsewhere')}{' '}
          <button
            type="button"
            onClick={() => {
              setChangedBy(null);
              void claim.reload();
            }}
          >
            {t('conflict.reload')}
          </button>
        </div>
      )}
      <div className="claim-grid">
        <div className="claim-main">
          {abilities.triage(role) && (
            <TriagePanel
              claim={c}
              users={users.data ?? []}
              canAssign={abilities.assign(role)}
              onSaved={(saved) => claim.set({ ...saved, itemIds: c.itemIds })}
              onReload={() => void claim.reload()}
            />
          )}
          <section aria-labelledby="suggestions-title" className="panel">
            <h2 id="suggestions-title">{t('claim.suggestions.title')}</h2>
            {suggestions.error ? (
              <ErrorNotice error={suggestions.error} />
            ) : !suggestions.data ? (
              <p role="status">{t('common.loading')}</p>
            ) : suggestions.data.length === 0 ? (
              <p className="muted">{t('claim.suggestions.none')}</p>
            ) : (
              <ul className="suggestions">
                {suggestions.data.map((s) => (
                  <li key={`${s.kind}:${s.checkId ?? s.claimId}`}>
                    <span className="badge">{t(`claim.suggestions.kinds.${s.kind}`)}</span>{' '}
                    {s.kind === 'claim' ? (
                      <Link to={`/claims/${s.claimId}`}>{s.title}</Link>
                    ) : (
                      <span>{s.title}</span>
                    )}{' '}
                    {s.rating && <span className="badge">{t(`ratings.${s.rating}`)}</span>}{' '}
                    <meter
                      min={0}
                      max={1}
                      value={s.confidence}
                      aria-label={t('claim.suggestions.confidence')}
                    />{' '}
                    <span>
                      {t('claim.suggestions.confidence')}: {formatPercent(s.confidence, lang)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <CheckEditor claim={c} onClaimChanged={() => void claim.reload()} />
          </Suspense>
        </div>
        <div className="claim-side">
          <ItemsPanel claimId={c.id} items={items.data} error={items.error} />
          {/* The checklist and the notes are the verifiers' working space (editors and up). */}
          {abilities.write(role) && (
            <ChecklistPanel claimId={c.id} canEdit={abilities.write(role)} tick={tick} />
          )}
          <EvidencePanel claimId={c.id} canAdd={abilities.write(role)} tick={tick} />
          {abilities.write(role) && (
            <NotesPanel claimId={c.id} users={users.data ?? []} tick={tick} />
          )}
        </div>
      </div>
    </article>
  );
}

function TriagePanel({
  claim,
  users,
  canAssign,
  onSaved,
  onReload,
}: {
  claim: ClaimDetail;
  users: Colleague[];
  canAssign: boolean;
  onSaved: (claim: ClaimDetail) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState<RejectionReason>('duplicate');
  const [busy, setBusy] = useState(false);

  const save = async (patch: ClaimPatch | ((claim: Claim) => Promise<Claim>)) => {
    setBusy(true);
    setError(null);
    try {
      const saved =
        typeof patch === 'function'
          ? await patch(claim)
          : await claims.update(claim.id, claim.version, patch);
      onSaved({ ...saved, itemIds: claim.itemIds });
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const triageable = claim.status === 'new' || claim.status === 'triage';

  return (
    <section aria-labelledby="triage-title" className="panel">
      <h2 id="triage-title">{t('claim.triage.title')}</h2>
      {conflict && (
        <ConflictNotice
          onReload={() => {
            setConflict(false);
            onReload();
          }}
        />
      )}
      {error !== null && <ErrorNotice error={error} />}
      {triageable && (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void save((c) => triage.acceptClaim(c))}
          >
            {t('claim.triage.accept')}
          </button>
          <label htmlFor="reject-reason">{t('claim.triage.reason')}</label>
          <select
            id="reject-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value as RejectionReason)}
          >
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`rejectionReasons.${r}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={busy}
            onClick={() => void save((c) => triage.rejectClaim(c, reason))}
          >
            {t('claim.triage.reject')}
          </button>
        </div>
      )}
      <div className="inline-fields">
        <div className="field">
          <label htmlFor="claim-priority">{t('claim.triage.priority')}</label>
          <select
            id="claim-priority"
            value={claim.priority}
            disabled={busy}
            onChange={(event) =>
              void save({ priority: event.target.value as ClaimDetail['priority'] })
            }
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priorities.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <DueField claim={claim} disabled={busy} onSave={(dueAt) => void save({ dueAt })} />
        {canAssign && (
          <div className="field">
            <label htmlFor="claim-assignee">{t('claim.triage.assignee')}</label>
            <select
              id="claim-assignee"
              value={claim.assigneeId ?? ''}
              disabled={busy}
              onChange={(event) => void save({ assigneeId: event.target.value || null })}
            >
              <option value="">{t('queue.filters.unassigned')}</option>
              {claim.assigneeId && !users.some((u) => u.id === claim.assigneeId) && (
                <option value={claim.assigneeId}>{t('queue.someone')}</option>
              )}
              {users
                .filter((u) => u.role !== 'press' && u.role !== 'contributor')
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
            </select>
          </div>
        )}
      </div>
    </section>
  );
}

function DueField({
  claim,
  disabled,
  onSave,
}: {
  claim: ClaimDetail;
  disabled: boolean;
  onSave: (dueAt: string | null) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(() => toLocalInput(claim.dueAt));
  return (
    <form
      className="field"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value ? new Date(value).toISOString() : null);
      }}
    >
      <label htmlFor="claim-due">{t('claim.triage.due')}</label>
      <span className="with-button">
        <input
          id="claim-due"
          type="datetime-local"
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" disabled={disabled}>
          {t('common.save')}
        </button>
      </span>
    </form>
  );
}

function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function ItemsPanel({
  claimId,
  items,
  error,
}: {
  claimId: string;
  items: Item[] | undefined;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="items-title" className="panel">
      <h2 id="items-title">{t('claim.items.title')}</h2>
      {error ? (
        <ErrorNotice error={error} />
      ) : !items ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p>
            {t('claim.items.count', {
              count: items.length,
              n: formatNumber(items.length, i18n.language),
            })}{' '}
            ·{' '}
            {t('queue.sightings', {
              count: items.reduce((sum, item) => sum + item.sightingsCount, 0),
              n: formatNumber(
                items.reduce((sum, item) => sum + item.sightingsCount, 0),
                i18n.language,
              ),
            })}
          </p>
          <Link to={`/claims/${claimId}/cluster`}>{t('claim.items.cluster')}</Link>
        </>
      )}
    </section>
  );
}

function ChecklistPanel({
  claimId,
  canEdit,
  tick,
}: {
  claimId: string;
  canEdit: boolean;
  tick: number;
}) {
  const { t } = useTranslation();
  const checklist = useResource(() => claims.checklist(claimId), [claimId, tick]);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const toggle = async (item: ChecklistItem, done: boolean) => {
    setError(null);
    try {
      const saved = await claims.tickChecklistItem(claimId, item, done);
      checklist.set((checklist.data ?? []).map((x) => (x.id === saved.id ? saved : x)));
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
    }
  };

  return (
    <section aria-labelledby="checklist-title" className="panel">
      <h2 id="checklist-title">{t('claim.checklist.title')}</h2>
      {conflict && (
        <ConflictNotice
          onReload={() => {
            setConflict(false);
            void checklist.reload();
          }}
        />
      )}
      {error !== null && <ErrorNotice error={error} />}
      {checklist.missing ? (
        <Unavailable />
      ) : checklist.error ? (
        <ErrorNotice error={checklist.error} />
      ) : !checklist.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : checklist.data.length === 0 ? (
        <p className="muted">{t('claim.checklist.none')}</p>
      ) : (
        <ul className="checklist">
          {[...checklist.data]
            .sort((a, b) => a.position - b.position)
            .map((item) => (
              <li key={item.id}>
                <input
                  id={`check-${item.id}`}
                  type="checkbox"
                  checked={item.doneAt !== null}
                  disabled={!canEdit}
                  onChange={(event) => void toggle(item, event.target.checked)}
                />
                <label htmlFor={`check-${item.id}`}>{item.label}</label>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

function EvidencePanel({
  claimId,
  canAdd,
  tick,
}: {
  claimId: string;
  canAdd: boolean;
  tick: number;
}) {
  const { t, i18n } = useTranslation();
  const evidence = useResource(() => claims.evidence(claimId), [claimId, tick]);
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileTitle, setFileTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent, run: () => Promise<Evidence>, reset: () => void) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await run();
      evidence.set([...(evidence.data ?? []), created]);
      reset();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="evidence-title" className="panel">
      <h2 id="evidence-title">{t('claim.evidence.title')}</h2>
      {evidence.error ? (
        <ErrorNotice error={evidence.error} />
      ) : !evidence.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : evidence.data.length === 0 ? (
        <p className="muted">{t('claim.evidence.none')}</p>
      ) : (
        <ol className="evidence">
          {evidence.data.map((e) => (
            <li key={e.id}>
              {e.url ? (
                <a href={e.url} rel="noopener noreferrer nofollow" target="_blank">
                  {e.title}
                </a>
              ) : (
                e.title
              )}{' '}
              <span className="muted">
                {t(`evidenceKinds.${e.kind}`)} · {formatDateTime(e.createdAt, i18n.language)}
                {e.snapshotId && ` · ${t('claim.evidence.snapshot')}`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {error !== null && <ErrorNotice error={error} />}
      {canAdd && (
        <>
          <form
            className="stack"
            onSubmit={(event) =>
              void add(
                event,
                () =>
                  claims.addEvidenceUrl(claimId, {
                    url: url.trim(),
                    title: title.trim() || url.trim(),
                  }),
                () => {
                  setUrl('');
                  setTitle('');
                },
              )
            }
          >
            <h3>{t('claim.evidence.addUrl')}</h3>
            <div className="field">
              <label htmlFor="evidence-url">{t('claim.evidence.url')}</label>
              <input
                id="evidence-url"
                type="url"
                required
                value={url}
                onChange={(event) => setUrl(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="evidence-url-title">{t('claim.evidence.titleField')}</label>
              <input
                id="evidence-url-title"
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
            </div>
            <button type="submit" disabled={busy}>
              {t('claim.evidence.add')}
            </button>
          </form>
          <form
            className="stack"
            onSubmit={(event) =>
              void add(
                event,
                () => claims.addEvidenceFile(claimId, file!, fileTitle.trim() || file!.name),
                () => {
                  setFile(null);
                  setFileTitle('');
                  (event.target as HTMLFormElement).reset();
                },
              )
            }
          >
            <h3>{t('claim.evidence.upload')}</h3>
            <div className="field">
              <label htmlFor="evidence-file">{t('claim.evidence.file')}</label>
              <input
                id="evidence-file"
                type="file"
                required
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            </div>
            <div className="field">
              <label htmlFor="evidence-file-title">{t('claim.evidence.titleField')}</label>
              <input
                id="evidence-file-title"
                value={fileTitle}
                onChange={(event) => setFileTitle(event.target.value)}
              />
            </div>
            <button type="submit" disabled={busy || !file}>
              {t('claim.evidence.uploadButton')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
