/**
 * Incoming: what arrived and nobody has triaged yet, near duplicates grouped as one entry with
 * their count. An editor turns an entry into a claim or dismisses it with a reason.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queue, triage } from '../api.js';
import { ErrorNotice } from '../components/notices.js';
import { formatDateTime, formatNumber, formatPercent } from '../format.js';
import { useLiveChanges } from '../live.js';
import { navigate } from '../router.js';
import { abilities, useSession } from '../session.js';
import { REJECTION_REASONS, type QueueCluster, type RejectionReason } from '../types.js';
import { useResource } from '../use-resource.js';

export function IncomingPanel() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const incoming = useResource(() => queue.incoming(), []);
  useLiveChanges((event) => {
    if (event.entity === 'item' || event.entity === 'claim') void incoming.reload();
  });
  const lang = i18n.language;
  const canTriage = abilities.triage(session.user.role);

  return (
    <section aria-labelledby="incoming-title" className="incoming">
      <h2 id="incoming-title">{t('incoming.title')}</h2>
      {incoming.error ? (
        <ErrorNotice error={incoming.error} />
      ) : !incoming.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : incoming.data.length === 0 ? (
        <p className="muted">{t('incoming.none')}</p>
      ) : (
        <ol className="incoming-list">
          {incoming.data.map((entry) => (
            <li key={entry.key} className="panel">
              <p className="incoming-title">{entry.title || entry.text.slice(0, 300)}</p>
              {entry.url && (
                <p className="muted">
                  <a href={entry.url} rel="noopener noreferrer nofollow" target="_blank">
                    {entry.url}
                  </a>
                </p>
              )}
              <p className="muted">
                {t('claim.items.count', {
                  count: entry.itemsCount,
                  n: formatNumber(entry.itemsCount, lang),
                })}{' '}
                ·{' '}
                {t('queue.sightings', {
                  count: entry.sightingsCount,
                  n: formatNumber(entry.sightingsCount, lang),
                })}{' '}
                · {entry.channels.map((c) => t(`channels.${c}`)).join(', ')} ·{' '}
                {formatDateTime(entry.lastSeenAt, lang)}
                {entry.matchConfidence !== null &&
                  ` · ${t('incoming.match', { p: formatPercent(entry.matchConfidence, lang) })}`}
              </p>
              {canTriage && <TriageEntry entry={entry} onDone={() => void incoming.reload()} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function TriageEntry({ entry, onDone }: { entry: QueueCluster; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (entry.title || entry.text).slice(0, 5000));
  const [reason, setReason] = useState<RejectionReason>('out_of_scope');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = entry.key;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="triage-entry">
      <form
        className="inline-fields"
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            const claim = await triage.acceptAsNewClaim(entry, {
              text: text.trim(),
              language: entry.languages[0],
            });
            navigate(`/claims/${claim.id}`);
          });
        }}
      >
        <div className="field grow">
          <label htmlFor={`claim-text-${id}`}>{t('incoming.claimText')}</label>
          <input
            id={`claim-text-${id}`}
            required
            maxLength={5000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {t('incoming.accept')}
        </button>
      </form>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`dismiss-${id}`}>{t('claim.triage.reason')}</label>
          <select
            id={`dismiss-${id}`}
            value={reason}
            onChange={(event) => setReason(event.target.value as RejectionReason)}
          >
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`rejectionReasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await triage.reject(entry, reason);
              onDone();
            })
          }
        >
          {t('incoming.dismiss')}
        </button>
      </div>
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
