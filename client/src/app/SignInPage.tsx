import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fieldErrorsFor, toUiError, type UiError } from '../shared/api/problems';
import { ErrorBanner } from '../shared/components/ErrorBanner';
import { Field } from '../shared/components/Field';
import { DemoAccounts } from './DemoAccounts';
import { ForgotPassword } from './ForgotPassword';
import { becomePartnerPath } from '../features/partners/BecomePartnerPage';
import { useSession, type SignedOutReason } from '../shared/auth/SessionContext';

const notices: Record<SignedOutReason, string> = {
  signedOut: 'signIn.signedOut',
  expired: 'signIn.expired',
};

/** "42 seconds", "1 second", "2 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 60) return i18next.t('signIn.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return i18next.t('signIn.minutes', { count: minutes });
}

/** What the sign-in form says about a failed attempt. */
export function signInError(error: UiError): UiError {
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    const message =
      wait !== undefined
        ? i18next.t('signIn.tooManyWait', { wait: describeWait(wait) })
        : i18next.t('signIn.tooMany');
    return { ...error, message, traceId: undefined };
  }
  // A wrong password is not something to quote a trace id for.
  return error.status === 401 ? { ...error, traceId: undefined } : error;
}

export function SignInPage({ reason }: { reason?: SignedOutReason }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Not useAction: a successful sign-in leaves `submitting` set while the app replaces this page.
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<UiError>();
  const formRef = useRef<HTMLFormElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [forgot, setForgot] = useState(false);

  useEffect(() => {
    if (!forgot) emailRef.current?.focus();
  }, [forgot]);

  // After a failed attempt: the first field to fix, else the password to type again, else the message.
  useEffect(() => {
    if (!error || !formRef.current) return;
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (error.status === 401 ? passwordRef.current : formRef.current.querySelector<HTMLElement>('[role="alert"]'));
    target?.focus();
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: Record<string, string[]> = {};
    if (!email.trim()) missing.email = [t('signIn.enterEmail')];
    if (!password) missing.password = [t('signIn.enterPassword')];
    if (Object.keys(missing).length > 0) {
      setError({ message: t('errors.correctFields'), fieldErrors: missing });
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
      // Signed in: this page is replaced by the app.
    } catch (caught) {
      const problem = signInError(toUiError(caught));
      if (problem.status === 401) setPassword('');
      setError(problem);
      setSubmitting(false);
    }
  }

  const errorsFor = (field: string) => (error ? fieldErrorsFor(error.fieldErrors, field) : []);

  if (forgot) {
    return (
      <div className="sign-in">
        <ForgotPassword initialEmail={email.trim()} onDone={() => setForgot(false)} />
      </div>
    );
  }

  return (
    <div className="sign-in">
      <form ref={formRef} className="card form sign-in__form" onSubmit={submit} noValidate aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>

        <div role="status" className="form__status">
          {reason && !error ? <p className="banner banner--info">{t(notices[reason])}</p> : null}
        </div>
        {error ? <ErrorBanner error={error} /> : null}

        <Field label={t('signIn.email')} errors={errorsFor('email')} required>
          <input
            ref={emailRef}
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t('signIn.password')} errors={errorsFor('password')} required>
          <input
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>

        <div className="form__actions">
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
          <button type="button" className="link-button" onClick={() => setForgot(true)}>
            {t('signIn.forgot')}
          </button>
        </div>
        <p className="muted">
          <a href={becomePartnerPath}>{t('signIn.becomePartner')}</a>
        </p>
      </form>

      {import.meta.env.DEV ? (
        <DemoAccounts
          onChoose={(demoEmail, demoPassword) => {
            setEmail(demoEmail);
            setPassword(demoPassword);
            setError(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
