/** The items grouped under a claim (its duplicates and near duplicates) and their sightings. */
import { useTranslation } from 'react-i18next';
import { claims } from '../api.js';
import { LineChart } from '../components/line-chart.js';
import { ErrorNotice } from '../components/notices.js';
import { formatDateTime, formatNumber, formatPercent } from '../format.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

export default function ClusterPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = useResource(async () => {
    const [claim, items, sightings] = await Promise.all([
      claims.get(id),
      claims.items(id),
      claims.sightings(id),
    ]);
    return { claim, items, sightings };
  }, [id]);

  return (
    <section aria-labelledby="cluster-title" className="cluster">
      <p className="breadcrumb">
        <Link to="/">{t('nav.queue')}</Link> › <Link to={`/claims/${id}`}>{t('claim.title')}</Link>
      </p>
      <h1 id="cluster-title" tabIndex={-1}>
        {t('cluster.title')}
      </h1>
      {data.error ? (
        <ErrorNotice error={data.error} />
      ) : !data.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p className="lead">{data.data.claim.text}</p>
          <LineChart
            points={data.data.sightings}
            label={t('cluster.chart')}
            seriesLabel={t('cluster.sightings')}
            dayLabel={t('common.day')}
            language={lang}
            bars
          />
          <table className="table">
            <caption>
              {t('claim.items.count', {
                count: data.data.items.length,
                n: formatNumber(data.data.items.length, lang),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('cluster.item')}</th>
                <th scope="col">{t('cluster.channel')}</th>
                <th scope="col">{t('cluster.sightings')}</th>
                <th scope="col">{t('cluster.firstSeen')}</th>
                <th scope="col">{t('cluster.lastSeen')}</th>
                <th scope="col">{t('cluster.match')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.data.items]
                .sort((a, b) => b.sightingsCount - a.sightingsCount)
                .map((item) => (
                  <tr key={item.id}>
                    <td>
                      {item.url ? (
                        <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
                          {item.title || item.url}
                        </a>
                      ) : (
                        item.title || item.text.slice(0, 140)
                      )}
                    </td>
                    <td>{t(`channels.${item.channel}`)}</td>
                    <td>{formatNumber(item.sightingsCount, lang)}</td>
                    <td>{formatDateTime(item.firstSeenAt, lang)}</td>
                    <td>{formatDateTime(item.lastSeenAt, lang)}</td>
                    <td>
                      {item.matchConfidence !== null
                        ? formatPercent(item.matchConfidence, lang)
                        : '—'}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
