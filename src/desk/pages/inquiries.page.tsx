/**
 * Journalists' questions from the portal's press room: the work still owed by deadline (the
 * late ones marked), or any status; counts of the whole desk; colleagues' changes arrive live.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { admin, inquiries } from '../api.js';
import { ErrorNotice } from '../components/notices.js';
import { formatDateTime, formatNumber } from '../format.js';
import {
  INQUIRY_VIEWS,
  isInquiryOverdue,
  owedCount,
  queryOf,
  sortInquiries,
  viewFromSearch,
  viewToSearch,
  type InquiryView,
} from '../inquiry-filter.js';
import { useLiveChanges } from '../live.js';
import { BASE_PATH, Link } from '../router.js';
import { abilities, useSession } from '../session.js';
import type { Colleague, Inquiry, InquiryCounts } from '../types.js';

export default function InquiriesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <section aria-labelledby="inquiries-title" className="inquiries">
      <h1 id="inquiries-title" tabIndex={-1}>
        {t('inquiries.title')}
      </h1>
      {abilities.inquiries(session.user.role) ? (
        <InquiryList />
      ) : (
        <p className="error" role="alert">
          {t('inquiries.notAllowed')}
        </p>
      )}
    </section>
  );
}

interface Loaded {
  items: Inquiry[];
  counts: InquiryCounts;
  truncated: boolean;
  /** When it was loaded: lateness is judged against it. */
  at: number;
}

function InquiryList() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lang = i18n.language;
  const [view, setView] = useState<InquiryView>(() =>
    viewFromSearch(new URLSearchParams(window.location.search)),
  );
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [users, setUsers] = useState<Colleague[]>([]);

  const load = useCallback(async () => {
    try {
      const result = await inquiries.list(queryOf(view));
      setData({ ...result, at: Date.now() });
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [view]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    admin.colleagues().then(setUsers, () => undefined);
  }, []);

  // A new question or a colleague's change: reload once things settle.
  const reloadTimer = useRef<number | undefined>(undefined);
  useLiveChanges((event) => {
    if (event.entity !== 'inquiry') return;
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(() => void load(), 300);
  });
  useEffect(() => () => window.clearTimeout(reloadTimer.current), []);

  const choose = (next: InquiryView) => {
    setView(next);
    window.history.replaceState(null, '', `${BASE_PATH}/inquiries${viewToSearch(next)}`);
  };

  const rows = useMemo(() => (data ? sortInquiries(data.items, view) : []), [data, view]);
  const userName = useMemo(() => {
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    return (id: string) =>
      id === session.user.id ? t('queue.me') : (names.get(id) ?? t('queue.someone'));
  }, [users, session.user.id, t]);

  const counts = data?.counts;
  return (
    <>
      {counts && (
        <p className="counts">
          <span>
            {t('inquiries.counts.owed', {
              count: owedCount(counts),
              n: formatNumber(owedCount(counts), lang),
            })}
          </span>
          <span className={counts.overdue > 0 ? 'overdue' : undefined}>
            {t('inquiries.counts.overdue', {
              count: counts.overdue,
              n: formatNumber(counts.overdue, lang),
            })}
          </span>
          {(['open', 'assigned', 'answered', 'closed'] as const).map((status) => (
            <span key={status}>
              {t(`inquiryStatuses.${status}`)}: {formatNumber(counts[status], lang)}
            </span>
          ))}
        </p>
      )}
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="inquiry-view">{t('inquiries.view')}</label>
          <select
            id="inquiry-view"
            value={view}
            onChange={(event) => choose(event.target.value as InquiryView)}
          >
            {INQUIRY_VIEWS.map((v) => (
              <option key={v} value={v}>
                {t(`inquiries.views.${v}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {!data && error === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : data && rows.length === 0 ? (
        <p className="empty">{t('inquiries.empty')}</p>
      ) : data ? (
        <>
          <p className="shown" aria-live="polite">
            {t('inquiries.shown', { count: rows.length, n: formatNumber(rows.length, lang) })}
            {data.truncated && ` ${t('inquiries.truncated')}`}
          </p>
          <ul className="inquiry-list" aria-label={t('inquiries.listLabel')}>
            {rows.map((inquiry) => (
              <InquiryRow
                key={inquiry.id}
                inquiry={inquiry}
                overdue={isInquiryOverdue(inquiry, data.at)}
                assignee={inquiry.assigneeId ? userName(inquiry.assigneeId) : null}
              />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function InquiryRow({
  inquiry,
  overdue,
  assignee,
}: {
  inquiry: Inquiry;
  overdue: boolean;
  assignee: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li className={overdue ? 'inquiry-row late' : 'inquiry-row'}>
      <Link to={`/inquiries/${inquiry.id}`} className="inquiry-link">
        <span className="inquiry-outlet">{inquiry.outlet}</span>
        <span className="row-text">{inquiry.question}</span>
      </Link>
      <span className="row-meta">
        <span className={`badge status-${inquiry.status}`}>
          {t(`inquiryStatuses.${inquiry.status}`)}
        </span>
        {' · '}
        {t('inquiries.received')} {formatDateTime(inquiry.createdAt, lang)}
        {' · '}
        {assignee ?? t('queue.filters.unassigned')}
        {inquiry.status === 'answered' || inquiry.status === 'closed'
          ? inquiry.answeredAt && (
              <>
                {' · '}
                {t('inquiries.answeredAt')} {formatDateTime(inquiry.answeredAt, lang)}
              </>
            )
          : inquiry.dueAt && (
              <span className={overdue ? 'overdue' : undefined}>
                {' · '}
                {overdue ? t('inquiries.overdueSince') : t('inquiries.due')}{' '}
                {formatDateTime(inquiry.dueAt, lang)}
              </span>
            )}
      </span>
    </li>
  );
}
