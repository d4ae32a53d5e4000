/** A staff member forwards a link or a text they came across, with a note, in seconds. */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { reports } from '../api.js';
import { ErrorNotice } from '../components/notices.js';

export default function ReportPage() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<'created' | 'known' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!url.trim() && !text.trim()) {
      setError(new Error(t('report.needSomething')));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await reports.create({
        ...(url.trim() ? { url: url.trim() } : {}),
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setResult(answer.created ? 'created' : 'known');
      setUrl('');
      setText('');
      setNote('');
      first.current?.focus();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="report-title" className="report">
      <h1 id="report-title" tabIndex={-1}>
        {t('report.title')}
      </h1>
      <p>{t('report.intro')}</p>
      <form onSubmit={(event) => void submit(event)} className="stack">
        <div className="field">
          <label htmlFor="report-url">{t('report.url')}</label>
          <input
            ref={first}
            id="report-url"
            type="url"
            inputMode="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-text">{t('report.text')}</label>
          <textarea
            id="report-text"
            rows={4}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-note">{t('report.note')}</label>
          <textarea
            id="report-note"
            rows={2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>
        {error !== null && <ErrorNotice error={error} />}
        {result && (
          <p className="success" role="status">
            {result === 'created' ? t('report.created') : t('report.known')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('report.submit')}
        </button>
      </form>
    </section>
  );
}
