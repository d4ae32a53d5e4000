/** Messages that pages share: stale-edit conflicts, errors, features the server lacks. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';

/**
 * Someone else saved first. Nothing was written; the user chooses to reload (losing the local
 * edit, which stays visible until then) — the desk never overwrites silently.
 */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} className="conflict" role="alert" tabIndex={-1}>
      <p>
        <strong>{t('conflict.title')}</strong> {t('conflict.body')}
      </p>
      <button type="button" className="primary" onClick={onReload}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}

/** A failed request, in words a non-technical user can act on. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <p className="error" role="alert">
      {errorText(error, t)}
    </p>
  );
}

/** Text of an error: the API's own explanation when there is one. */
export function errorText(
  error: unknown,
  t: (key: 'common.networkError' | 'common.forbidden') => string,
): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `${t('common.forbidden')} ${error.message}`;
    const fields = error.problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  return t('common.networkError');
}

/** The server does not offer this feature (yet). */
export function Unavailable() {
  const { t } = useTranslation();
  return <p className="muted">{t('common.unavailable')}</p>;
}
