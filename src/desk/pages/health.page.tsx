/**
 * The system's health at a glance, for administrators and leads: what /metrics reports, read
 * from GET /admin/health and refreshed every 15 seconds while the tab is visible.
 */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { health as healthApi } from '../api.js';
import { ErrorNotice } from '../components/notices.js';
import {
  formatBytes,
  formatDateTime,
  formatMilliseconds,
  formatNumber,
  formatSeconds,
  formatTime,
} from '../format.js';
import { abilities, useSession } from '../session.js';
import { CHANNELS, type Channel, type RecentFigures, type SystemHealth } from '../types.js';
import { useResource } from '../use-resource.js';

const REFRESH_MS = 15_000;

export default function HealthPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const allowed = abilities.health(session.user.role);
  return (
    <section aria-labelledby="health-title" className="health">
      <h1 id="health-title" tabIndex={-1}>
        {t('health.title')}
      </h1>
      {allowed ? <Figures /> : <p className="error">{t('health.forbidden')}</p>}
    </section>
  );
}

function Figures() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = useResource(() => healthApi.load(), []);
  const { reload } = data;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  const h = data.data;

  return (
    <>
      <p className="with-button">
        {h && (
          <span className="muted">
            {t('health.updated', { time: formatTime(h.generatedAt, lang) })}
          </span>
        )}
        <button type="button" onClick={() => void reload()} disabled={data.loading}>
          {t('health.refresh')}
        </button>
      </p>
      {data.error && <ErrorNotice error={data.error} />}
      {!h ? (
        !data.error && <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <Summary health={h} />
          <Queues health={h} />
          <Ingestion health={h} />
          <Sources health={h} />
          <Backups health={h} />
          <ThisProcess health={h} />
        </>
      )}
    </>
  );
}

function Stat({ label, value, alert }: { label: string; value: string; alert?: boolean }) {
  return (
    <div className={alert ? 'overdue' : undefined}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Summary({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const failedJobs = h.queues?.reduce((sum, q) => sum + q.failed, 0);
  const itemsLastHour = h.ingestion?.reduce((sum, c) => sum + c.lastHour, 0);
  const n = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, lang));
  return (
    <dl className="stats" aria-label={t('health.summary')}>
      <Stat
        label={t('health.database')}
        value={
          h.database.up
            ? t('health.databaseUp', { kind: h.database.kind })
            : t('health.databaseDown')
        }
        alert={!h.database.up}
      />
      <Stat
        label={t('health.requestsPerMinute')}
        value={formatNumber(Math.round(h.requests.perMinute * 10) / 10, lang)}
      />
      <Stat label={t('health.latencyP95')} value={formatMilliseconds(h.requests.p95Ms, lang)} />
      <Stat
        label={t('health.serverErrors')}
        value={formatNumber(h.requests.serverErrors, lang)}
        alert={h.requests.serverErrors > 0}
      />
      <Stat label={t('health.itemsLastHour')} value={n(itemsLastHour)} />
      <Stat label={t('health.failedJobs')} value={n(failedJobs)} alert={(failedJobs ?? 0) > 0} />
      <Stat
        label={t('health.failingSources')}
        value={n(h.sources?.failing)}
        alert={(h.sources?.failing ?? 0) > 0}
      />
      <Stat
        label={t('health.lastBackup')}
        value={h.backups.last ? formatDateTime(h.backups.last.at, lang) : '—'}
        alert={h.backups.late}
      />
      <Stat label={t('health.uptime')} value={formatSeconds(h.process.uptimeSeconds, lang)} />
    </dl>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Unreadable() {
  const { t } = useTranslation();
  return <p className="error">{t('health.unreadable')}</p>;
}

function Queues({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (queue: string) =>
    queue === 'pipeline'
      ? t('health.queues.pipeline')
      : queue === 'link_pages'
        ? t('health.queues.linkPages')
        : queue;
  return (
    <Panel id="health-queues" title={t('health.queues.title')}>
      {h.queues === null ? (
        <Unreadable />
      ) : h.queues.length === 0 ? (
        <p className="muted">{t('health.queues.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('health.queues.queue')}</th>
              <th scope="col">{t('health.queues.depth')}</th>
              <th scope="col">{t('health.queues.oldest')}</th>
              <th scope="col">{t('health.queues.failed')}</th>
              <th scope="col">{t('health.queues.lastFailed')}</th>
            </tr>
          </thead>
          <tbody>
            {h.queues.map((q) => (
              <tr key={q.queue}>
                <th scope="row">{name(q.queue)}</th>
                <td>{formatNumber(q.depth, lang)}</td>
                <td>{q.depth > 0 ? formatSeconds(q.oldestAgeSeconds, lang) : '—'}</td>
                <td className={q.failed > 0 ? 'overdue' : undefined}>
                  {formatNumber(q.failed, lang)}
                </td>
                <td>{formatDateTime(q.lastFailedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Ingestion({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (channel: string) =>
    (CHANNELS as readonly string[]).includes(channel)
      ? t(`channels.${channel as Channel}`)
      : channel;
  return (
    <Panel id="health-ingestion" title={t('health.ingestion.title')}>
      {h.ingestion === null ? (
        <Unreadable />
      ) : h.ingestion.length === 0 ? (
        <p className="muted">{t('health.ingestion.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('health.ingestion.channel')}</th>
              <th scope="col">{t('health.ingestion.lastHour')}</th>
              <th scope="col">{t('health.ingestion.lastDay')}</th>
              <th scope="col">{t('health.ingestion.total')}</th>
            </tr>
          </thead>
          <tbody>
            {h.ingestion.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{label(c.channel)}</th>
                <td>{formatNumber(c.lastHour, lang)}</td>
                <td>{formatNumber(c.lastDay, lang)}</td>
                <td>{formatNumber(c.total, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Sources({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const s = h.sources;
  return (
    <Panel id="health-sources" title={t('health.sources.title')}>
      {s === null ? (
        <Unreadable />
      ) : (
        <>
          <p>
            {t('health.sources.summary', {
              enabled: formatNumber(s.enabled, lang),
              failing: formatNumber(s.failing, lang),
              off: formatNumber(s.disabledAfterFailures, lang),
            })}
          </p>
          {s.worst.length === 0 ? (
            <p className="muted">{t('health.sources.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('health.sources.name')}</th>
                  <th scope="col">{t('health.sources.failures')}</th>
                  <th scope="col">{t('health.sources.lastError')}</th>
                  <th scope="col">{t('health.sources.lastSuccess')}</th>
                </tr>
              </thead>
              <tbody>
                {s.worst.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">
                      {source.name}
                      <br />
                      <span className="muted">{source.url}</span>
                      {!source.enabled && source.disabledReason && (
                        <>
                          <br />
                          <span className="overdue">
                            {t('health.sources.off', { reason: source.disabledReason })}
                          </span>
                        </>
                      )}
                    </th>
                    <td>{formatNumber(source.consecutiveFailures, lang)}</td>
                    <td>
                      {source.lastError
                        ? `${formatDateTime(source.lastErrorAt, lang)}: ${source.lastError}`
                        : '—'}
                    </td>
                    <td>{formatDateTime(source.lastSuccessAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Panel>
  );
}

function Backups({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const b = h.backups;
  return (
    <Panel id="health-backups" title={t('health.backups.title')}>
      {b.everyHours <= 0 ? (
        <p className="muted">{t('health.backups.off')}</p>
      ) : (
        <>
          <p>
            {t('health.backups.schedule', {
              hours: formatNumber(b.everyHours, lang),
              keep: formatNumber(b.keep, lang),
              count: formatNumber(b.count, lang),
            })}{' '}
            {b.last
              ? t('health.backups.last', {
                  time: formatDateTime(b.last.at, lang),
                  size: formatBytes(b.last.bytes, lang),
                })
              : t('health.backups.none')}
          </p>
          {b.late && <p className="error">{t('health.backups.late')}</p>}
        </>
      )}
    </Panel>
  );
}

function ThisProcess({ health: h }: { health: SystemHealth }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const p = h.process;
  const c = h.database.connections;
  const row = (label: string, figures: RecentFigures, withErrors: boolean) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatNumber(figures.count, lang)}</td>
      <td>{formatNumber(Math.round(figures.perMinute * 10) / 10, lang)}</td>
      <td>
        {withErrors
          ? `${formatNumber(figures.clientErrors, lang)} / ${formatNumber(figures.serverErrors, lang)}`
          : '—'}
      </td>
      <td>{formatMilliseconds(figures.p50Ms, lang)}</td>
      <td>{formatMilliseconds(figures.p95Ms, lang)}</td>
      <td>{formatMilliseconds(figures.p99Ms, lang)}</td>
    </tr>
  );
  return (
    <Panel id="health-process" title={t('health.process.title')}>
      <p className="muted">{t('health.process.note')}</p>
      <dl className="facts">
        <dt>{t('health.process.host')}</dt>
        <dd>
          {p.hostname} · pid {p.pid}
        </dd>
        <dt>{t('health.process.version')}</dt>
        <dd>
          {p.version} · Node.js {p.node}
        </dd>
        <dt>{t('health.process.started')}</dt>
        <dd>
          {formatDateTime(p.startedAt, lang)} ({formatSeconds(p.uptimeSeconds, lang)})
        </dd>
        <dt>{t('health.process.memory')}</dt>
        <dd>{formatBytes(p.residentBytes, lang)}</dd>
        <dt>{t('health.process.connections')}</dt>
        <dd>
          {t('health.process.connectionsValue', {
            total: formatNumber(c.total, lang),
            idle: formatNumber(c.idle, lang),
            waiting: formatNumber(c.waiting, lang),
          })}
        </dd>
      </dl>
      <table className="table">
        <caption>{t('health.window.title', { minutes: h.requests.windowMinutes })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.window.what')}</th>
            <th scope="col">{t('health.window.count')}</th>
            <th scope="col">{t('health.window.perMinute')}</th>
            <th scope="col">{t('health.window.errors')}</th>
            <th scope="col">{t('health.window.p50')}</th>
            <th scope="col">{t('health.window.p95')}</th>
            <th scope="col">{t('health.window.p99')}</th>
          </tr>
        </thead>
        <tbody>
          {row(t('health.window.requests'), h.requests, true)}
          {row(t('health.window.matcher'), h.matcher, false)}
        </tbody>
      </table>
    </Panel>
  );
}
