import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import { useApi } from '../shared/api/ApiContext';
import { fieldErrorsFor } from '../shared/api/problems';
import { useAction } from '../shared/api/useAction';
import { ErrorBanner } from '../shared/components/ErrorBanner';
import { Field } from '../shared/components/Field';
import { describeWait } from './SignInPage';

/**
 * "Forgot your password?": asks for a reset link by email. The answer is the same whether or not the address has an
 * account (the API never says), so the page says what happens if it does.
 */
export function ForgotPassword({ initialEmail, onDone }: { initialEmail: string; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string>();
  const action = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim()) {
      action.setError({ message: t('errors.correctFields'), fieldErrors: { email: [t('signIn.enterSignInEmail')] } });
      return;
    }
    const address = email.trim();
    const sent = await action.run(
      () => api.requestPasswordReset({ email: address }),
      (error) =>
        error.status === 429
          ? { ...error, message: t('signIn.tooManyRequestsWait', { wait: describeWait(error.retryAfterSeconds ?? 60) }), traceId: undefined }
          : error,
    );
    if (sent) setSentTo(address);
  }

  return (
    <form className="card form sign-in__form" onSubmit={submit} noValidate aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">{t('signIn.forgot')}</h1>
      <div role="status" className="form__status">
        {sentTo ? (
          <p className="banner banner--success">{t('signIn.resetSent', { email: sentTo })}</p>
        ) : null}
      </div>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {sentTo ? null : (
        <>
          <p className="muted">{t('signIn.resetIntro')}</p>
          <Field label={t('signIn.email')} errors={action.error ? fieldErrorsFor(action.error.fieldErrors, 'email') : []} required>
            <input name="email" type="email" autoComplete="username" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
        </>
      )}
      <div className="form__actions">
        {sentTo ? null : (
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? t('common.sending') : t('signIn.emailLink')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('signIn.backToSignIn')}
        </button>
      </div>
    </form>
  );
}
