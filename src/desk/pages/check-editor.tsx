/**
 * The check of a claim: rating, summary and Markdown explanation with a preview; submit for
 * review, approve, publish, unpublish, corrections; and the version history with differences.
 * Loaded when a claim page is first opened, with the Markdown renderer.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, checks, type CheckPatch } from '../api.js';
import { ConflictNotice, ErrorNotice } from '../components/notices.js';
import { diffWords } from '../diff.js';
import { formatDateTime } from '../format.js';
import { useLiveChanges } from '../live.js';
import { renderMarkdown } from '../markdown.js';
import { abilities, useSession } from '../session.js';
import { RATINGS, type Check, type CheckHistory, type ClaimDetail, type Rating } from '../types.js';
import { useResource } from '../use-resource.js';

interface Draft {
  title: string;
  rating: Rating | '';
  summary: string;
  explanation: string;
}

function draftOf(check: Check): Draft {
  return {
    title: check.title,
    rating: check.rating ?? '',
    summary: check.summary,
    explanation: check.explanation,
  };
}

export default function CheckEditor({
  claim,
  onClaimChanged,
}: {
  claim: ClaimDetail;
  onClaimChanged: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const check = useResource(() => checks.forClaim(claim.id), [claim.id]);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  // The editor remounts for each new version; the confirmation of a save outlives it.
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  useLiveChanges((event) => {
    if (
      event.entity === 'check' &&
      check.data &&
      event.id === check.data.id &&
      (event.version ?? Number.POSITIVE_INFINITY) > check.data.version &&
      event.actorId !== session.user.id
    )
      setChangedElsewhere(true);
  });

  return (
    <section aria-labelledby="check-title" className="panel">
      <h2 id="check-title">{t('check.title')}</h2>
      {changedElsewhere && (
        <p className="notice" role="status">
          {t('check.changedElsewhere')}
        </p>
      )}
      {check.error ? (
        <ErrorNotice error={check.error} />
      ) : check.loading && check.data === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : check.data ? (
        <Editor
          key={`${check.data.id}:${check.data.version}`}
          check={check.data}
          justSaved={savedVersion === check.data.version}
          onSaved={(saved) => {
            setSavedVersion(saved.version);
            check.set(saved);
            onClaimChanged();
          }}
          onReload={() => {
            setChangedElsewhere(false);
            void check.reload();
          }}
        />
      ) : abilities.write(session.user.role) ? (
        <StartCheck claim={claim} onCreated={(created) => check.set(created)} />
      ) : (
        <p className="muted">{t('check.none')}</p>
      )}
    </section>
  );
}

function StartCheck({ claim, onCreated }: { claim: ClaimDetail; onCreated: (c: Check) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(claim.text.slice(0, 300));
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        checks
          .create({ claimId: claim.id, title: title.trim(), language: claim.language })
          .then(onCreated, setError);
      }}
    >
      <div className="field">
        <label htmlFor="check-new-title">{t('check.fields.title')}</label>
        <input
          id="check-new-title"
          required
          maxLength={300}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="primary">
        {t('check.start')}
      </button>
    </form>
  );
}

function Editor({
  check,
  justSaved,
  onSaved,
  onReload,
}: {
  check: Check;
  justSaved: boolean;
  onSaved: (check: Check) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const role = session.user.role;
  const [draft, setDraft] = useState<Draft>(() => draftOf(check));
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [correction, setCorrection] = useState('');
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const published = check.status === 'published';
  const dirty =
    draft.title !== check.title ||
    draft.rating !== (check.rating ?? '') ||
    draft.summary !== check.summary ||
    draft.explanation !== check.explanation;
  const canWrite = abilities.write(role);
  const canPublish = abilities.publish(role);

  const send = async (patch: CheckPatch) => {
    setBusy(true);
    setError(null);
    try {
      const result = await checks.update(check.id, check.version, patch);
      onSaved(result);
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const contentPatch = (): CheckPatch => ({
    title: draft.title,
    rating: draft.rating === '' ? null : draft.rating,
    summary: draft.summary,
    explanation: draft.explanation,
  });

  return (
    <div className="check-editor">
      <p>
        <span className="badge">{t(`checkStatuses.${check.status}`)}</span>{' '}
        {check.publishedAt && (
          <span className="muted">
            {t('check.publishedAt')} {formatDateTime(check.publishedAt, i18n.language)}
          </span>
        )}
      </p>
      {conflict && <ConflictNotice onReload={onReload} />}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (published) {
            if (!correction.trim()) {
              setError(new Error(t('check.correctionNeeded')));
              return;
            }
            void send({ ...contentPatch(), correctionReason: correction.trim() });
          } else void send(contentPatch());
        }}
      >
        <fieldset disabled={!canWrite || busy}>
          <legend className="visually-hidden">{t('check.title')}</legend>
          <div className="field">
            <label htmlFor="check-title-field">{t('check.fields.title')}</label>
            <input
              id="check-title-field"
              required
              maxLength={300}
              value={draft.title}
              onChange={(event) => setDraft({ ...draft, title: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="check-rating">{t('check.fields.rating')}</label>
            <select
              id="check-rating"
              value={draft.rating}
              onChange={(event) =>
                setDraft({ ...draft, rating: event.target.value as Rating | '' })
              }
            >
              <option value="">{t('check.noRating')}</option>
              {RATINGS.map((r) => (
                <option key={r} value={r}>
                  {t(`ratings.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="check-summary">{t('check.fields.summary')}</label>
            <textarea
              id="check-summary"
              rows={3}
              maxLength={2000}
              value={draft.summary}
              onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
            />
          </div>
          <div className="field">
            <span className="label" id="check-explanation-label">
              {t('check.fields.explanation')}
            </span>
            <div className="tabs" role="group" aria-labelledby="check-explanation-label">
              <button type="button" aria-pressed={tab === 'write'} onClick={() => setTab('write')}>
                {t('check.write')}
              </button>
              <button
                type="button"
                aria-pressed={tab === 'preview'}
                onClick={() => setTab('preview')}
              >
                {t('check.preview')}
              </button>
            </div>
            {tab === 'write' ? (
              <textarea
                id="check-explanation"
                aria-labelledby="check-explanation-label"
                aria-describedby="check-explanation-help"
                rows={12}
                value={draft.explanation}
                onChange={(event) => setDraft({ ...draft, explanation: event.target.value })}
              />
            ) : (
              <Preview markdown={draft.explanation} />
            )}
            <p id="check-explanation-help" className="help">
              {t('check.markdownHelp')}
            </p>
          </div>
          {published && (
            <div className="field">
              <label htmlFor="check-correction">{t('check.correctionReason')}</label>
              <textarea
                id="check-correction"
                rows={2}
                value={correction}
                aria-describedby="check-correction-help"
                onChange={(event) => setCorrection(event.target.value)}
              />
              <p id="check-correction-help" className="help">
                {t('check.correctionHelp')}
              </p>
            </div>
          )}
        </fieldset>
        {error !== null && <ErrorNotice error={error} />}
        {justSaved && !dirty && (
          <p className="success" role="status">
            {t('check.saved')}
          </p>
        )}
        <div className="actions">
          {canWrite && (
            <button type="submit" className="primary" disabled={busy || !dirty}>
              {published ? t('check.saveCorrection') : t('check.save')}
            </button>
          )}
          {canWrite && (check.status === 'draft' || check.status === 'unpublished') && (
            <button
              type="button"
              disabled={busy || dirty}
              onClick={() => void send({ status: 'in_review' })}
            >
              {t('check.submitForReview')}
            </button>
          )}
          {canPublish && check.status === 'in_review' && (
            <button
              type="button"
              disabled={busy || dirty}
              onClick={() => void send({ status: 'approved' })}
            >
              {t('check.approve')}
            </button>
          )}
          {canPublish && (check.status === 'approved' || check.status === 'unpublished') && (
            <button
              type="button"
              className="primary"
              disabled={busy || dirty}
              onClick={() => void send({ status: 'published' })}
            >
              {t('check.publish')}
            </button>
          )}
          {canPublish && published && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void send({ status: 'unpublished' })}
            >
              {t('check.unpublish')}
            </button>
          )}
        </div>
        {dirty && check.status !== 'published' && <p className="help">{t('check.saveFirst')}</p>}
      </form>
      <History checkId={check.id} version={check.version} />
    </div>
  );
}

function Preview({ markdown }: { markdown: string }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    renderMarkdown(markdown).then(
      (result) => live && setHtml(result),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [markdown]);
  if (error) return <ErrorNotice error={error} />;
  if (html === null) return <p role="status">{t('common.loading')}</p>;
  return (
    <div
      className="markdown-preview"
      aria-label={t('check.preview')}
      role="region"
      // Sanitised by DOMPurify in renderMarkdown.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** A saved field as text for the diff. */
function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const DIFF_FIELDS = ['title', 'rating', 'summary', 'explanation', 'status'] as const;

function History({ checkId, version }: { checkId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const history = useResource<CheckHistory>(() => checks.history(checkId), [checkId, version]);
  const versions = history.data?.items ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const newest = sorted[sorted.length - 1]?.version ?? null;
  const before = sorted[sorted.length - 2]?.version ?? newest;
  const a = sorted.find((v) => v.version === (from ?? before));
  const b = sorted.find((v) => v.version === (to ?? newest));

  return (
    <section aria-labelledby="history-title" className="history">
      <h3 id="history-title">{t('check.history.title')}</h3>
      {history.error ? (
        <ErrorNotice error={history.error} />
      ) : sorted.length === 0 ? (
        <p className="muted">{t('check.history.none')}</p>
      ) : (
        <>
          <ol className="versions">
            {sorted.map((v) => (
              <li key={v.version}>
                {t('check.history.version', { n: v.version })} ·{' '}
                {formatDateTime(v.createdAt, i18n.language)}
              </li>
            ))}
          </ol>
          {history.data && history.data.corrections.length > 0 && (
            <>
              <h4>{t('check.history.corrections')}</h4>
              <ul>
                {history.data.corrections.map((c) => (
                  <li key={`${c.versionBefore}-${c.versionAfter}`}>
                    {formatDateTime(c.createdAt, i18n.language)}: {c.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {sorted.length > 1 && (
            <div className="inline-fields">
              <VersionSelect
                id="diff-from"
                label={t('check.history.from')}
                value={a?.version ?? 0}
                versions={sorted.map((v) => v.version)}
                onChange={setFrom}
              />
              <VersionSelect
                id="diff-to"
                label={t('check.history.to')}
                value={b?.version ?? 0}
                versions={sorted.map((v) => v.version)}
                onChange={setTo}
              />
            </div>
          )}
          {a && b && a.version !== b.version && (
            <dl className="diff" aria-label={t('check.history.diff')}>
              {DIFF_FIELDS.map((field) => {
                const left = fieldText(a.snapshot[field]);
                const right = fieldText(b.snapshot[field]);
                if (left === right) return null;
                return (
                  <div key={field}>
                    <dt>{t(`check.fields.${field}`)}</dt>
                    <dd>
                      {diffWords(left, right).map((part, index) =>
                        part.type === 'added' ? (
                          <ins key={index}>
                            <span className="visually-hidden">{t('check.history.added')} </span>
                            {part.text}
                          </ins>
                        ) : part.type === 'removed' ? (
                          <del key={index}>
                            <span className="visually-hidden">{t('check.history.removed')} </span>
                            {part.text}
                          </del>
                        ) : (
                          <span key={index}>{part.text}</span>
                        ),
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          )}
        </>
      )}
    </section>
  );
}

function VersionSelect({
  id,
  label,
  value,
  versions,
  onChange,
}: {
  id: string;
  label: string;
  value: number;
  versions: number[];
  onChange: (version: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {versions.map((v) => (
          <option key={v} value={v}>
            {t('check.history.version', { n: v })}
          </option>
        ))}
      </select>
    </div>
  );
}
