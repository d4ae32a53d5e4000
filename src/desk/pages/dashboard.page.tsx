/** The desk's load and speed: open and overdue claims, response times, verdicts, intake. */
import { useTranslation } from 'react-i18next';
import { dashboard } from '../api.js';
import { LineChart } from '../components/line-chart.js';
import { ErrorNotice } from '../components/notices.js';
import { formatHours, formatNumber } from '../format.js';
import { useLiveChanges } from '../live.js';
import { RATINGS } from '../types.js';
import { useResource } from '../use-resource.js';

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = useResource(() => dashboard.load(), []);
  useLiveChanges((event) => {
    if (event.entity === 'check' || event.entity === 'claim') void data.reload();
  });
  const d = data.data;
  const totalVerdicts = d ? RATINGS.reduce((sum, r) => sum + (d.verdicts[r] ?? 0), 0) : 0;

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title" tabIndex={-1}>
        {t('dashboard.title')}
      </h1>
      {data.error ? (
        <ErrorNotice error={data.error} />
      ) : !d ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="stats">
            <div>
              <dt>{t('dashboard.open')}</dt>
              <dd>{formatNumber(d.open, lang)}</dd>
            </div>
            <div className={d.overdue > 0 ? 'overdue' : undefined}>
              <dt>{t('dashboard.overdue')}</dt>
              <dd>{formatNumber(d.overdue, lang)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.firstResponse')}</dt>
              <dd>{formatHours(d.medianFirstResponseHours, lang)}</dd>
            </div>
            <div>
              <dt>{t('dashboard.publication')}</dt>
              <dd>{formatHours(d.medianPublicationHours, lang)}</dd>
            </div>
          </dl>
          <section aria-labelledby="verdicts-title" className="panel">
            <h2 id="verdicts-title">{t('dashboard.verdicts')}</h2>
            <table className="table bars">
              <thead>
                <tr>
                  <th scope="col">{t('check.fields.rating')}</th>
                  <th scope="col">{t('dashboard.count')}</th>
                </tr>
              </thead>
              <tbody>
                {RATINGS.map((rating) => {
                  const count = d.verdicts[rating] ?? 0;
                  return (
                    <tr key={rating}>
                      <th scope="row">{t(`ratings.${rating}`)}</th>
                      <td>
                        <span
                          className="bar"
                          aria-hidden="true"
                          style={{ width: `${totalVerdicts ? (count / totalVerdicts) * 100 : 0}%` }}
                        />
                        {formatNumber(count, lang)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="intake-title" className="panel">
            <h2 id="intake-title">{t('dashboard.itemsPerDay')}</h2>
            <LineChart
              points={d.itemsPerDay}
              label={t('dashboard.itemsPerDay')}
              seriesLabel={t('dashboard.items')}
              dayLabel={t('common.day')}
              language={lang}
            />
          </section>
        </>
      )}
    </section>
  );
}
