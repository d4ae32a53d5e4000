/**
 * The periodic activity report: choose a month, a quarter or a range of days, preview the
 * figures the document will print (the same JSON the server renders it from), download the
 * document or an export, and find the reports the server made on schedule.
 */
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { activityReports } from '../api.js';
import { ErrorNotice, Unavailable } from '../components/notices.js';
import {
  formatCalendarDay,
  formatDateTime,
  formatHours,
  formatNumber,
  formatPercent,
} from '../format.js';
import {
  monthRange,
  previousMonth,
  quarterRange,
  rangeProblem,
  type DayRange,
  type PeriodKind,
} from '../report-period.js';
import {
  EXPORT_LISTS,
  REPORT_FILE_FORMATS,
  type ActivityFigures,
  type DelayStats,
  type ExportList,
  type ReportFileFormat,
} from '../types.js';
import { useResource } from '../use-resource.js';

const KINDS: readonly PeriodKind[] = ['month', 'quarter', 'custom'];

/** Saves a downloaded file under its name (an anchor with `download`, then tidied away). */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the URL after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ActivityReportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = new Date();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [month, setMonth] = useState(previousMonth(today));
  const [year, setYear] = useState(today.getFullYear());
  const [quarter, setQuarter] = useState(Math.max(1, Math.floor(today.getMonth() / 3)));
  const [custom, setCustom] = useState<DayRange>(() => monthRange(previousMonth(today))!);
  const [problem, setProblem] = useState<string | null>(null);
  const [shown, setShown] = useState<DayRange | null>(null);
  const [figures, setFigures] = useState<ActivityFigures | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [what, setWhat] = useState<ExportList>('claims');
  const results = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const generated = useResource(() => activityReports.generated(), []);

  const range = (): DayRange | null => {
    if (kind === 'month') return monthRange(month);
    if (kind === 'quarter') return quarterRange(year, quarter);
    return rangeProblem(custom) === null ? custom : null;
  };

  const check = (): DayRange | null => {
    const issue =
      kind === 'custom' ? rangeProblem(custom) : range() === null ? 'missingFrom' : null;
    setProblem(issue ? t(`activity.problems.${issue}`) : null);
    return issue ? null : range();
  };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    const period = check();
    if (!period) return;
    setBusy('preview');
    setError(null);
    setStatus(t('activity.loading'));
    try {
      setFigures(await activityReports.figures(period.from, period.to));
      setShown(period);
      setStatus('');
      window.setTimeout(() => results.current?.focus(), 0);
    } catch (caught) {
      setError(caught);
      setStatus('');
    } finally {
      setBusy(null);
    }
  };

  const download = async (format: ReportFileFormat) => {
    const period = check();
    if (!period) return;
    setBusy(format);
    setError(null);
    setStatus(t('activity.making', { format: format.toUpperCase() }));
    try {
      const file = await activityReports.render({
        ...period,
        format,
        ...(format === 'csv' || format === 'xlsx' ? { what } : {}),
      });
      save(file.blob, file.filename);
      setStatus(t('activity.downloaded', { name: file.filename }));
    } catch (caught) {
      setError(caught);
      setStatus('');
    } finally {
      setBusy(null);
    }
  };

  const problemId = `${id}-problem`;
  return (
    <section aria-labelledby="activity-title" className="activity-report">
      <h1 id="activity-title" tabIndex={-1}>
        {t('activity.title')}
      </h1>
      <p>{t('activity.intro')}</p>
      <form onSubmit={(event) => void preview(event)} className="stack" noValidate>
        <fieldset>
          <legend>{t('activity.period')}</legend>
          <div className="choices">
            {KINDS.map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name="period-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setProblem(null);
                  }}
                />{' '}
                {t(`activity.kinds.${k}`)}
              </label>
            ))}
          </div>
          {kind === 'month' && (
            <div className="field">
              <label htmlFor="activity-month">{t('activity.month')}</label>
              <input
                id="activity-month"
                type="month"
                required
                value={month}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? problemId : undefined}
                onChange={(event) => setMonth(event.target.value)}
              />
            </div>
          )}
          {kind === 'quarter' && (
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="activity-year">{t('activity.year')}</label>
                <input
                  id="activity-year"
                  type="number"
                  min={2000}
                  max={2100}
                  required
                  value={year}
                  onChange={(event) => setYear(Number(event.target.value))}
                />
              </div>
              <div className="field">
                <label htmlFor="activity-quarter">{t('activity.quarter')}</label>
                <select
                  id="activity-quarter"
                  value={quarter}
                  onChange={(event) => setQuarter(Number(event.target.value))}
                >
                  {[1, 2, 3, 4].map((q) => (
                    <option key={q} value={q}>
                      {t('activity.quarterName', { quarter: q })}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          {kind === 'custom' && (
            <div className="inline-fields">
              {(['from', 'to'] as const).map((end) => (
                <div className="field" key={end}>
                  <label htmlFor={`activity-${end}`}>{t(`activity.${end}`)}</label>
                  <input
                    id={`activity-${end}`}
                    type="date"
                    required
                    value={custom[end]}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? problemId : undefined}
                    onChange={(event) => setCustom({ ...custom, [end]: event.target.value })}
                  />
                </div>
              ))}
            </div>
          )}
          {problem && (
            <p id={problemId} className="error" role="alert">
              {problem}
            </p>
          )}
        </fieldset>
        <div className="inline-fields">
          <button type="submit" className="primary" disabled={busy !== null}>
            {t('activity.preview')}
          </button>
        </div>
        <fieldset>
          <legend>{t('activity.files')}</legend>
          <div className="field">
            <label htmlFor="activity-what">{t('activity.what')}</label>
            <select
              id="activity-what"
              value={what}
              aria-describedby="activity-what-help"
              onChange={(event) => setWhat(event.target.value as ExportList)}
            >
              {EXPORT_LISTS.map((list) => (
                <option key={list} value={list}>
                  {t(`activity.lists.${list}`)}
                </option>
              ))}
            </select>
            <p id="activity-what-help" className="help">
              {t('activity.whatHelp')}
            </p>
          </div>
          <div className="inline-fields">
            {REPORT_FILE_FORMATS.map((format) => (
              <button
                key={format}
                type="button"
                disabled={busy !== null}
                aria-describedby={`activity-format-${format}`}
                onClick={() => void download(format)}
              >
                {t('activity.download', { format: format.toUpperCase() })}
              </button>
            ))}
          </div>
          {REPORT_FILE_FORMATS.map((format) => (
            <span key={format} id={`activity-format-${format}`} className="visually-hidden">
              {t(`activity.formats.${format}`)}
            </span>
          ))}
        </fieldset>
      </form>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {error !== null && <ErrorNotice error={error} />}
      {figures && shown && (
        <Figures figures={figures} period={shown} headingRef={results} lang={lang} />
      )}
      <section aria-labelledby="generated-title" className="panel">
        <h2 id="generated-title">{t('activity.generated')}</h2>
        {generated.missing ? (
          <Unavailable />
        ) : generated.error ? (
          <ErrorNotice error={generated.error} />
        ) : !generated.data ? (
          <p role="status">{t('common.loading')}</p>
        ) : generated.data.length === 0 ? (
          <p className="muted">{t('activity.noneGenerated')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('activity.kind')}</th>
                <th scope="col">{t('activity.period')}</th>
                <th scope="col">{t('activity.madeAt')}</th>
                <th scope="col">{t('activity.file')}</th>
              </tr>
            </thead>
            <tbody>
              {generated.data.map((report) => (
                <tr key={report.id}>
                  <td>{t(`activity.scheduled.${report.kind}`)}</td>
                  <td>
                    {formatCalendarDay(report.firstDay, lang)} –{' '}
                    {formatCalendarDay(report.lastDay, lang)}
                  </td>
                  <td>{formatDateTime(report.createdAt, lang)}</td>
                  <td>
                    <a href={activityReports.generatedUrl(report.id)} download>
                      {t('activity.downloadGenerated', {
                        format: report.format.toUpperCase(),
                        size: formatNumber(Math.ceil(report.sizeBytes / 1024), lang),
                      })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

function Figures({
  figures,
  period,
  headingRef,
  lang,
}: {
  figures: ActivityFigures;
  period: DayRange;
  headingRef: RefObject<HTMLHeadingElement | null>;
  lang: string;
}) {
  const { t } = useTranslation();
  const n = (value: number) => formatNumber(value, lang);
  const delay = (stats: DelayStats) => [
    n(stats.count),
    formatHours(stats.medianHours, lang),
    formatHours(stats.p90Hours, lang),
    stats.withDeadline === 0 ? '—' : formatPercent(stats.withinDeadline / stats.withDeadline, lang),
  ];
  return (
    <section aria-labelledby="figures-title" className="panel figures">
      <h2 id="figures-title" tabIndex={-1} ref={headingRef}>
        {t('activity.figuresFor', {
          from: formatCalendarDay(period.from, lang),
          to: formatCalendarDay(period.to, lang),
        })}
      </h2>
      <dl className="stats">
        <div>
          <dt>{t('activity.newItems')}</dt>
          <dd>{n(figures.items.newItems)}</dd>
        </div>
        <div>
          <dt>{t('activity.sightings')}</dt>
          <dd>{n(figures.items.sightings)}</dd>
        </div>
        <div>
          <dt>{t('activity.tips')}</dt>
          <dd>{n(figures.intake.tipsReceived)}</dd>
        </div>
        <div>
          <dt>{t('activity.claimsCreated')}</dt>
          <dd>{n(figures.claims.created)}</dd>
        </div>
        <div>
          <dt>{t('activity.published')}</dt>
          <dd>{n(figures.checks.published)}</dd>
        </div>
        <div className={figures.overdue.missed > 0 ? 'overdue' : undefined}>
          <dt>{t('activity.missed')}</dt>
          <dd>{n(figures.overdue.missed)}</dd>
        </div>
      </dl>
      <div className="tables">
        <table className="table">
          <caption>{t('activity.byChannel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.channel')}</th>
              <th scope="col">{t('activity.newItems')}</th>
              <th scope="col">{t('activity.sightings')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.intake.byChannel.map((row) => (
              <tr key={row.channel}>
                <th scope="row">{t(`channels.${row.channel}`)}</th>
                <td>{n(row.newItems)}</td>
                <td>{n(row.sightings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table">
          <caption>{t('activity.byState')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.state')}</th>
              <th scope="col">{t('dashboard.count')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.claims.byState.map((row) => (
              <tr key={row.status}>
                <th scope="row">{t(`claimStatuses.${row.status}`)}</th>
                <td>{n(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table">
          <caption>{t('activity.byVerdict')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('check.fields.rating')}</th>
              <th scope="col">{t('dashboard.count')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.checks.byVerdict.map((row) => (
              <tr key={row.rating}>
                <th scope="row">{t(`ratings.${row.rating}`)}</th>
                <td>{n(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table">
          <caption>{t('activity.responseTimes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.measure')}</th>
              <th scope="col">{t('activity.count')}</th>
              <th scope="col">{t('activity.median')}</th>
              <th scope="col">{t('activity.p90')}</th>
              <th scope="col">{t('activity.withinDeadline')}</th>
            </tr>
          </thead>
          <tbody>
            {(['firstResponse', 'publication'] as const).map((measure) => (
              <tr key={measure}>
                <th scope="row">{t(`activity.${measure}`)}</th>
                {delay(figures.responseTimes[measure]).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="help">{t('activity.stateNote')}</p>
    </section>
  );
}
