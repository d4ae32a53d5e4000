/**
 * Sign-in: email and password, then — when the account has two-factor authentication — a code
 * from the authenticator app or one of the recovery codes.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, auth } from '../api.js';
import type { Session } from '../types.js';

type Step = 'password' | 'totp' | 'recovery';

export function LoginPage({
  expired,
  onSignedIn,
}: {
  expired: boolean;
  onSignedIn: (session: Session) => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);

  // Each step starts with its first field focused.
  useEffect(() => {
    firstField.current?.focus();
  }, [step]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await auth.login({
        email,
        password,
        ...(step === 'totp' ? { totp: code.replace(/\s+/g, '') } : {}),
        ...(step === 'recovery' ? { recoveryCode: code.trim() } : {}),
      });
      onSignedIn(session);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'totp_required') {
        setStep('totp');
        setCode('');
      } else {
        setError(messageFor(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  const messageFor = (caught: unknown): string => {
    if (!(caught instanceof ApiError)) return t('login.errors.network');
    if (caught.status === 429) return t('login.errors.throttled');
    if (caught.isMissingEndpoint) return t('login.errors.unavailable');
    switch (caught.code) {
      case 'totp_invalid':
        return step === 'recovery'
          ? t('login.errors.recoveryInvalid')
          : t('login.errors.totpInvalid');
      case 'invalid_credentials':
        return t('login.errors.invalid');
      default:
        return caught.message || t('login.errors.invalid');
    }
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title" tabIndex={-1}>
        {t('login.title')}
      </h1>
      {expired && (
        <p className="notice" role="status">
          {t('login.expired')}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate={false}>
        {step === 'password' ? (
          <>
            <div className="field">
              <label htmlFor="login-email">{t('login.email')}</label>
              <input
                ref={firstField}
                id="login-email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="login-password">{t('login.password')}</label>
              <input
                id="login-password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="login-code">
              {step === 'totp' ? t('login.totp') : t('login.recoveryCode')}
            </label>
            <input
              ref={firstField}
              id="login-code"
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              autoComplete="one-time-code"
              required
              aria-describedby="login-code-help"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
            <p id="login-code-help" className="help">
              {step === 'totp' ? t('login.totpHelp') : t('login.recoveryHelp')}
            </p>
          </div>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {step === 'password' ? t('login.submit') : t('login.verify')}
          </button>
          {step !== 'password' && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setStep(step === 'totp' ? 'recovery' : 'totp');
                setCode('');
                setError(null);
              }}
            >
              {step === 'totp' ? t('login.useRecovery') : t('login.useTotp')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
