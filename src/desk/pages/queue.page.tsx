/**
 * The queue: every open claim in memory, filtered and sorted on each keystroke, drawn as a
 * virtualised list. j/k move, Enter opens, "/" searches. Changes by colleagues arrive live.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { admin, ApiError, queue } from '../api.js';
import { VirtualList } from '../components/virtual-list.js';
import { IncomingPanel } from './incoming.js';
import { formatDateTime, formatNumber } from '../format.js';
import { hasModifier, isTyping } from '../keyboard.js';
import { useLiveChanges } from '../live.js';
import {
  countByPriority,
  countOpen,
  distinct,
  EMPTY_FILTER,
  filterFromSearch,
  filterQueue,
  filterToSearch,
  indexRows,
  isOverdue,
  sortQueue,
  type IndexedRow,
  type QueueFilter,
  type QueueSort,
} from '../queue-filter.js';
import { BASE_PATH, navigate } from '../router.js';
import { useSession } from '../session.js';
import {
  CHANNELS,
  OPEN_STATUSES,
  PRIORITIES,
  type Category,
  type QueueRow,
  type Colleague,
} from '../types.js';

const ROW_HEIGHT = 64;
const SORTS: QueueSort[] = ['priority', 'due', 'newest', 'sightings'];

export function QueuePage() {
  const { t } = useTranslation();
  const [view, setView] = useState<'claims' | 'incoming'>(() =>
    new URLSearchParams(window.location.search).get('view') === 'incoming' ? 'incoming' : 'claims',
  );
  const choose = (next: 'claims' | 'incoming') => {
    setView(next);
    window.history.replaceState(
      null,
      '',
      `${BASE_PATH}/${next === 'incoming' ? '?view=incoming' : ''}`,
    );
  };
  return (
    <section aria-labelledby="queue-title" className="queue">
      <h1 id="queue-title" tabIndex={-1}>
        {t('queue.title')}
      </h1>
      <div className="tabs" role="group" aria-label={t('queue.views.label')}>
        <button type="button" aria-pressed={view === 'claims'} onClick={() => choose('claims')}>
          {t('queue.views.claims')}
        </button>
        <button type="button" aria-pressed={view === 'incoming'} onClick={() => choose('incoming')}>
          {t('queue.views.incoming')}
        </button>
      </div>
      {view === 'claims' ? <ClaimQueue /> : <IncomingPanel />}
    </section>
  );
}

function ClaimQueue() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [rows, setRows] = useState<IndexedRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<QueueFilter>(() =>
    filterFromSearch(new URLSearchParams(window.location.search)),
  );
  const [sort, setSort] = useState<QueueSort>('priority');
  const [active, setActive] = useState(0);
  const [categories, setCategories] = useState<Category[]>([]);
  const [users, setUsers] = useState<Colleague[]>([]);
  const [listHeight, setListHeight] = useState(() => listHeightFor(window.innerHeight));
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // The time the rows were loaded: what counts as overdue is judged against it.
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    try {
      const data = await queue.load();
      // Timings the queue benchmark reads (bench/desk-queue.bench.ts).
      performance.mark('kc:queue:data');
      const loaded = indexRows(data);
      setNow(Date.now());
      setRows(loaded);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : t('common.networkError'));
    }
  }, [t]);

  useEffect(() => {
    void load();
    admin.categories().then(setCategories, () => undefined);
    // Only some roles may list users; without the list, assignees show as "someone".
    admin.colleagues().then(setUsers, () => undefined);
  }, [load]);

  useEffect(() => {
    const onResize = () => setListHeight(listHeightFor(window.innerHeight));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  // Colleagues' changes: reload once things settle, keeping the place in the list.
  const reloadTimer = useRef<number | undefined>(undefined);
  useLiveChanges((event) => {
    if (event.entity !== 'claim' && event.entity !== 'item' && event.entity !== 'check') return;
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(() => void load(), 400);
  });
  useEffect(() => () => window.clearTimeout(reloadTimer.current), []);

  useEffect(() => {
    if (!rows) return;
    const frame = requestAnimationFrame(() => {
      if (performance.getEntriesByName('kc:queue:data').length > 0) {
        performance.measure('kc:queue:render', 'kc:queue:data');
        performance.clearMarks('kc:queue:data');
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [rows]);

  const sorted = useMemo(() => (rows ? sortQueue(rows, sort) : []), [rows, sort]);
  const shown = useMemo(() => filterQueue(sorted, filter, now), [sorted, filter, now]);
  const totals = useMemo(() => countOpen(rows ?? [], now), [rows, now]);
  const counts = useMemo(
    () => ({ ...totals, shown: shown.length, byPriority: countByPriority(shown) }),
    [totals, shown],
  );
  const languages = useMemo(() => distinct(rows ?? [], (row) => row.language), [rows]);
  const assignees = useMemo(() => distinct(rows ?? [], (row) => row.assigneeId), [rows]);
  const userName = useMemo(() => {
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    return (id: string) =>
      id === session.user.id ? t('queue.me') : (names.get(id) ?? t('queue.someone'));
  }, [users, session.user.id, t]);
  const categoryName = useMemo(() => {
    const names = new Map(
      categories.map((c) => [c.id, i18n.language === 'en' ? c.nameEn : c.nameVi]),
    );
    return (id: string | null) => (id ? (names.get(id) ?? '') : '');
  }, [categories, i18n.language]);

  const update = (patch: Partial<QueueFilter>) => {
    const next = { ...filter, ...patch };
    setFilter(next);
    setActive(0);
    window.history.replaceState(null, '', `${BASE_PATH}/${filterToSearch(next)}`);
  };

  const open = useCallback(
    (index: number) => {
      const row = shown[index];
      if (row) navigate(`/claims/${row.row.id}`);
    },
    [shown],
  );

  // Page-wide shortcuts (the list handles its own arrow keys when focused).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (hasModifier(event) || isTyping(event.target)) {
        if (event.key === 'Escape' && event.target === search.current) {
          list.current?.querySelector<HTMLElement>('[role=listbox]')?.focus();
        }
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        search.current?.focus();
      } else if (event.key === 'j') {
        event.preventDefault();
        setActive((index) => Math.min(shown.length - 1, index + 1));
      } else if (event.key === 'k') {
        event.preventDefault();
        setActive((index) => Math.max(0, index - 1));
      } else if (event.key === 'Enter' && event.target === document.body) {
        open(active);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown.length, open, active]);

  const lang = i18n.language;
  return (
    <>
      <p className="counts">
        <span>
          {t('queue.counts.open', { count: counts.open, n: formatNumber(counts.open, lang) })}
        </span>
        <span className={counts.overdue > 0 ? 'overdue' : undefined}>
          {t('queue.counts.overdue', {
            count: counts.overdue,
            n: formatNumber(counts.overdue, lang),
          })}
        </span>
        {PRIORITIES.map((p) => (
          <span key={p}>
            {t(`priorities.${p}`)}: {formatNumber(counts.byPriority[p], lang)}
          </span>
        ))}
      </p>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field grow">
          <label htmlFor="queue-search">{t('queue.search')}</label>
          <input
            ref={search}
            id="queue-search"
            type="search"
            value={filter.q}
            placeholder={t('queue.searchPlaceholder')}
            onChange={(event) => update({ q: event.target.value })}
          />
        </div>
        <Select
          id="f-status"
          label={t('queue.filters.status')}
          value={filter.status}
          onChange={(status) => update({ status: status as QueueFilter['status'] })}
          options={[
            ['open', t('queue.filters.open')],
            ...OPEN_STATUSES.map((s) => [s, t(`claimStatuses.${s}`)] as const),
          ]}
        />
        <Select
          id="f-priority"
          label={t('queue.filters.priority')}
          value={filter.priority}
          onChange={(priority) => update({ priority: priority as QueueFilter['priority'] })}
          options={[
            ['', t('queue.filters.any')],
            ...PRIORITIES.map((p) => [p, t(`priorities.${p}`)] as const),
          ]}
        />
        <Select
          id="f-category"
          label={t('queue.filters.category')}
          value={filter.category}
          onChange={(category) => update({ category })}
          options={[
            ['', t('queue.filters.any')],
            ...categories.map((c) => [c.id, lang === 'en' ? c.nameEn : c.nameVi] as const),
          ]}
        />
        <Select
          id="f-assignee"
          label={t('queue.filters.assignee')}
          value={filter.assignee}
          onChange={(assignee) => update({ assignee })}
          options={[
            ['', t('queue.filters.anyone')],
            ['none', t('queue.filters.unassigned')],
            [session.user.id, t('queue.me')],
            ...assignees
              .filter((id) => id !== session.user.id)
              .map((id) => [id, userName(id)] as const),
          ]}
        />
        <Select
          id="f-channel"
          label={t('queue.filters.channel')}
          value={filter.channel}
          onChange={(channel) => update({ channel: channel as QueueFilter['channel'] })}
          options={[
            ['', t('queue.filters.any')],
            ...CHANNELS.map((c) => [c, t(`channels.${c}`)] as const),
          ]}
        />
        <Select
          id="f-language"
          label={t('queue.filters.language')}
          value={filter.language}
          onChange={(language) => update({ language })}
          options={[
            ['', t('queue.filters.any')],
            ...languages.map((l) => [l, languageName(l, lang)] as const),
          ]}
        />
        <div className="field checkbox">
          <input
            id="f-overdue"
            type="checkbox"
            checked={filter.overdue}
            onChange={(event) => update({ overdue: event.target.checked })}
          />
          <label htmlFor="f-overdue">{t('queue.filters.overdue')}</label>
        </div>
        <Select
          id="f-sort"
          label={t('queue.sort.label')}
          value={sort}
          onChange={(value) => {
            setSort(value as QueueSort);
            setActive(0);
          }}
          options={SORTS.map((s) => [s, t(`queue.sort.${s}`)] as const)}
        />
        <button type="button" onClick={() => update(EMPTY_FILTER)}>
          {t('queue.filters.reset')}
        </button>
      </form>
      <p className="visually-hidden" aria-live="polite">
        {t('queue.shown', { count: counts.shown, n: formatNumber(counts.shown, lang) })}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}{' '}
          <button type="button" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {rows === null && !error ? (
        <p role="status">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <div ref={list}>
          <p className="shown" aria-hidden="true">
            {t('queue.shown', { count: counts.shown, n: formatNumber(counts.shown, lang) })}
          </p>
          <VirtualList
            rows={shown}
            rowHeight={ROW_HEIGHT}
            height={listHeight}
            active={active}
            onActiveChange={setActive}
            onOpen={open}
            rowKey={(r) => r.row.id}
            label={t('queue.listLabel')}
            idPrefix="queue-row"
            renderRow={(r) => (
              <QueueRowView
                row={r.row}
                overdue={isOverdue(r, now)}
                assignee={
                  r.row.assigneeId ? userName(r.row.assigneeId) : t('queue.filters.unassigned')
                }
                category={categoryName(r.row.categoryId)}
              />
            )}
          />
        </div>
      )}
    </>
  );
}

function QueueRowView({
  row,
  overdue,
  assignee,
  category,
}: {
  row: QueueRow;
  overdue: boolean;
  assignee: string;
  category: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span className={`badge priority-${row.priority}`}>{t(`priorities.${row.priority}`)}</span>
      <span className="row-main">
        <span className="row-text">{row.text}</span>
        <span className="row-meta">
          {t(`claimStatuses.${row.status}`)}
          {category && ` · ${category}`}
          {` · ${assignee}`}
          {row.sightingsCount > 0 &&
            ` · ${t('queue.sightings', { count: row.sightingsCount, n: formatNumber(row.sightingsCount, i18n.language) })}`}
          {row.dueAt && (
            <span className={overdue ? 'overdue' : undefined}>
              {' · '}
              {overdue ? t('queue.overdueSince') : t('queue.due')}{' '}
              {formatDateTime(row.dueAt, i18n.language)}
            </span>
          )}
        </span>
      </span>
    </>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function listHeightFor(windowHeight: number): number {
  return Math.max(240, windowHeight - 320);
}
