/**
 * One journalist's question: the question, the contact shown only on request (personal data;
 * the server records each showing), the assignee, the answer given, closing and reopening.
 * Every change sends the version it was based on; a stale one shows the conflict notice, writes
 * nothing and keeps the typed answer on screen.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { admin, ApiError, inquiries } from '../api.js';
import { ConflictNotice, ErrorNotice } from '../components/notices.js';
import { formatDateTime } from '../format.js';
import { isInquiryOverdue, isOwed } from '../inquiry-filter.js';
import { useLiveChanges } from '../live.js';
import { Link } from '../router.js';
import { abilities, useSession } from '../session.js';
import type { Colleague, Inquiry } from '../types.js';
import { useResource } from '../use-resource.js';

/** The longest answer the server takes. */
const ANSWER_MAX = 20_000;

export default function InquiryPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  if (!abilities.inquiries(session.user.role)) {
    return (
      <>
        <h1 tabIndex={-1}>{t('inquiry.title')}</h1>
        <p className="error" role="alert">
          {t('inquiries.notAllowed')}
        </p>
      </>
    );
  }
  return <InquiryDetail id={id} />;
}

function InquiryDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lang = i18n.language;
  const inquiry = useResource(() => inquiries.get(id), [id]);
  const users = useResource(() => admin.colleagues(), []);
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  // A colleague changed this question: say so; the user reloads when ready (a typed answer
  // stays until then, and after).
  useLiveChanges((event) => {
    if (event.entity !== 'inquiry' || event.id !== id || event.actorId === session.user.id) return;
    if (inquiry.data && (event.version ?? Number.POSITIVE_INFINITY) > inquiry.data.version) {
      setChangedElsewhere(true);
    }
  });

  if (inquiry.error) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/inquiries">{t('inquiries.title')}</Link>
        </p>
        <h1 tabIndex={-1}>{t('inquiry.title')}</h1>
        <ErrorNotice error={inquiry.error} />
      </>
    );
  }
  if (!inquiry.data) return <p role="status">{t('common.loading')}</p>;
  const q = inquiry.data;
  const overdue = isInquiryOverdue(q, Date.now());

  const reload = () => {
    setConflict(false);
    setChangedElsewhere(false);
    void inquiry.reload();
  };

  /** Runs one change; a stale version shows the conflict notice and writes nothing. */
  const save = async (run: (current: Inquiry) => Promise<Inquiry>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      inquiry.set(await run(q));
      setNotice(done);
      return true;
    } catch (caught) {
      if (caught instanceof ApiError && caught.isConflict) setConflict(true);
      else setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="inquiry" aria-labelledby="inquiry-title">
      <p className="breadcrumb">
        <Link to="/inquiries">{t('inquiries.title')}</Link>
      </p>
      <h1 id="inquiry-title" tabIndex={-1}>
        {t('inquiry.heading', { outlet: q.outlet })}
      </h1>
      <p className="claim-meta">
        <span className={`badge status-${q.status}`}>{t(`inquiryStatuses.${q.status}`)}</span>{' '}
        <span>
          {t('inquiries.received')} {formatDateTime(q.createdAt, lang)}
        </span>
        {isOwed(q) && q.dueAt && (
          <span className={overdue ? 'overdue' : undefined}>
            {' · '}
            {overdue ? t('inquiries.overdueSince') : t('inquiries.due')}{' '}
            {formatDateTime(q.dueAt, lang)}
          </span>
        )}
        {q.answeredAt && (
          <span>
            {' · '}
            {t('inquiries.answeredAt')} {formatDateTime(q.answeredAt, lang)}
          </span>
        )}
        {q.closedAt && (
          <span>
            {' · '}
            {t('inquiry.closedAt')} {formatDateTime(q.closedAt, lang)}
          </span>
        )}
      </p>
      {changedElsewhere && (
        <div className="notice" role="status">
          {t('inquiry.changedElsewhere')}{' '}
          <button type="button" onClick={reload}>
            {t('conflict.reload')}
          </button>
        </div>
      )}
      {conflict && <ConflictNotice onReload={reload} />}
      {error !== null && <ErrorNotice error={error} />}
      <p className="success" role="status">
        {notice}
      </p>
      <div className="claim-grid">
        <div className="claim-main">
          <section aria-labelledby="question-title" className="panel">
            <h2 id="question-title">{t('inquiry.question')}</h2>
            <p className="plain-text">{q.question}</p>
          </section>
          <AnswerPanel
            // Reopening starts a new draft from the last answer; a conflict keeps the draft.
            key={isOwed(q) ? 'owed' : 'done'}
            inquiry={q}
            busy={busy}
            onAnswer={(text) =>
              save((current) => inquiries.answer(current, text), t('inquiry.answer.saved'))
            }
          />
        </div>
        <div className="claim-side">
          <ContactPanel inquiry={q} />
          <AssignPanel
            key={q.assigneeId ?? ''}
            inquiry={q}
            users={users.data ?? []}
            busy={busy}
            onAssign={(assigneeId) =>
              void save(
                (current) => inquiries.assign(current, assigneeId),
                t('inquiry.assign.saved'),
              )
            }
          />
          <section aria-labelledby="state-title" className="panel">
            <h2 id="state-title">{t('inquiry.state.title')}</h2>
            <div className="actions">
              {q.status !== 'closed' && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void save((current) => inquiries.close(current), t('inquiry.state.closed'))
                  }
                >
                  {t('inquiry.state.close')}
                </button>
              )}
              {!isOwed(q) && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void save((current) => inquiries.reopen(current), t('inquiry.state.reopened'))
                  }
                >
                  {t('inquiry.state.reopen')}
                </button>
              )}
            </div>
            <p className="help">{t('inquiry.state.help')}</p>
          </section>
        </div>
      </div>
    </article>
  );
}

/** The journalist's contact, fetched only when asked for. */
function ContactPanel({ inquiry }: { inquiry: Inquiry }) {
  const { t } = useTranslation();
  const [contact, setContact] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setContact((await inquiries.withContact(inquiry.id)).contact);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="contact-title" className="panel">
      <h2 id="contact-title">{t('inquiry.contact.title')}</h2>
      {!inquiry.hasContact && contact === undefined ? (
        <p className="muted">{t('inquiry.contact.none')}</p>
      ) : contact === undefined ? (
        <>
          <p className="help">{t('inquiry.contact.help')}</p>
          <button type="button" disabled={busy} onClick={() => void reveal()}>
            {t('inquiry.contact.show')}
          </button>
        </>
      ) : contact === null ? (
        <p className="muted">{t('inquiry.contact.none')}</p>
      ) : (
        <>
          <p className="contact" aria-label={t('inquiry.contact.shown')}>
            {contact}
          </p>
          <button type="button" onClick={() => setContact(undefined)}>
            {t('inquiry.contact.hide')}
          </button>
        </>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}

function AssignPanel({
  inquiry,
  users,
  busy,
  onAssign,
}: {
  inquiry: Inquiry;
  users: Colleague[];
  busy: boolean;
  onAssign: (assigneeId: string | null) => void;
}) {
  const { t } = useTranslation();
  // Mounted afresh for each assignee (see the key below), so the choice starts from it.
  const [choice, setChoice] = useState(inquiry.assigneeId ?? '');
  // Questions go to those who answer the press.
  const answerers = users.filter((u) => abilities.inquiries(u.role));
  const known = inquiry.assigneeId === null || users.some((u) => u.id === inquiry.assigneeId);
  const assignee = users.find((u) => u.id === inquiry.assigneeId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAssign(choice || null);
  };

  return (
    <section aria-labelledby="assign-title" className="panel">
      <h2 id="assign-title">{t('inquiry.assign.title')}</h2>
      {isOwed(inquiry) ? (
        <form onSubmit={submit} className="field">
          <label htmlFor="inquiry-assignee">{t('inquiry.assign.assignee')}</label>
          <span className="with-button">
            <select
              id="inquiry-assignee"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
            >
              <option value="">{t('queue.filters.unassigned')}</option>
              {!known && inquiry.assigneeId && (
                <option value={inquiry.assigneeId}>{t('queue.someone')}</option>
              )}
              {answerers.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({t(`roles.${u.role}`)})
                </option>
              ))}
            </select>
            <button
              type="submit"
              disabled={busy || choice === (inquiry.assigneeId ?? '')}
              className="primary"
            >
              {t('inquiry.assign.submit')}
            </button>
          </span>
        </form>
      ) : (
        <p>
          {inquiry.assigneeId
            ? (assignee?.displayName ?? t('queue.someone'))
            : t('queue.filters.unassigned')}
        </p>
      )}
    </section>
  );
}

function AnswerPanel({
  inquiry,
  busy,
  onAnswer,
}: {
  inquiry: Inquiry;
  busy: boolean;
  onAnswer: (text: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  // The draft survives a conflict and a reload; a reopened question starts from its last answer.
  const [draft, setDraft] = useState(() => (isOwed(inquiry) ? (inquiry.answer ?? '') : ''));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) {
      setProblem(t('inquiry.answer.blank'));
      return;
    }
    setProblem(null);
    if (await onAnswer(text)) setDraft('');
  };

  return (
    <section aria-labelledby="answer-title" className="panel">
      <h2 id="answer-title">{t('inquiry.answer.title')}</h2>
      {!isOwed(inquiry) ? (
        inquiry.answer ? (
          <>
            <p className="plain-text">{inquiry.answer}</p>
            {inquiry.answeredAt && (
              <p className="muted">
                {t('inquiries.answeredAt')} {formatDateTime(inquiry.answeredAt, i18n.language)}
              </p>
            )}
          </>
        ) : (
          <p className="muted">{t('inquiry.answer.none')}</p>
        )
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor="inquiry-answer">{t('inquiry.answer.label')}</label>
            <textarea
              id="inquiry-answer"
              rows={8}
              maxLength={ANSWER_MAX}
              value={draft}
              aria-describedby="inquiry-answer-help"
              aria-invalid={problem !== null ? true : undefined}
              onChange={(event) => setDraft(event.target.value)}
            />
            <p id="inquiry-answer-help" className="help">
              {t('inquiry.answer.help')}
            </p>
            {problem && (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t('inquiry.answer.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
