import { useEffect, useRef, useState, type FormEvent } from 'react';
import i18next from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { useApi } from '../shared/api/ApiContext';
import { fieldErrorsFor } from '../shared/api/problems';
import { useAction } from '../shared/api/useAction';
import { useResource } from '../shared/api/useResource';
import { useSession } from '../shared/auth/SessionContext';
import { ErrorBanner } from '../shared/components/ErrorBanner';
import { Field } from '../shared/components/Field';
import { Loading } from '../shared/components/Loading';
import { formatDateTime } from '../shared/format';

export const minimumPasswordLength = 12;

/** What the form says before asking the API: a password long enough, typed the same twice. */
export function passwordProblems(password: string, confirmation: string): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (password.length < minimumPasswordLength) problems.password = [i18next.t('links.password.tooShort', { count: minimumPasswordLength })];
  else if (confirmation !== password) problems.confirmation = [i18next.t('links.password.different')];
  return problems;
}

/**
 * The page an invitation or password reset link opens, signed out: who the account is, a new password typed twice,
 * and, once it is set, the app signed in (every earlier session of the account is signed out).
 */
export function SetPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { adopt } = useSession();
  const link = useResource(`password-link:${token}`, (a, signal) => a.getPasswordLink(token, signal));
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const action = useAction();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (action.error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [action.error]);

  if (link.error) {
    return (
      <div className="public-page">
        <h1>{t(link.error.status === 410 ? 'links.password.goneTitle' : link.error.status === 404 ? 'links.problem.notFoundTitle' : 'links.problem.failedTitle')}</h1>
        {link.error.status === 404 ? (
          <p>{t('links.problem.notFoundCheck')}</p>
        ) : link.error.status === 410 ? (
          <p>{link.error.message}</p>
        ) : (
          <ErrorBanner error={link.error} onRetry={link.reload} />
        )}
        <p>
          <Trans i18nKey="links.password.goSignIn" components={{ signIn: <a href="/" /> }} />
        </p>
      </div>
    );
  }
  if (!link.data) return <Loading>{t('links.opening')}</Loading>;
  const { purpose, email, displayName, expiresAt } = link.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = passwordProblems(password, confirmation);
    if (Object.keys(problems).length > 0) {
      action.setError({ message: t('errors.correctFields'), fieldErrors: problems });
      return;
    }
    await action.run(async () => {
      const access = await api.setPasswordByLink(token, { password });
      // Leave the link's address before the app shows the signed-in pages (the link is used up).
      window.history.replaceState(null, '', '/');
      await adopt(access);
    });
  }

  const errorsFor = (field: string) => (action.error ? fieldErrorsFor(action.error.fieldErrors, field) : []);
  return (
    <div className="public-page">
      <h1>{purpose === 'invitation' ? t('links.password.welcome', { name: displayName }) : t('links.password.chooseNew')}</h1>
      <p>
        <Trans i18nKey="links.password.signInWith" values={{ email }} components={{ strong: <strong /> }} />{' '}
        {purpose === 'invitation' ? t('links.password.chooseForAccount') : t('links.password.signsOutOthers')}
      </p>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-label={t('links.titles.setPassword')}>
        {action.error ? <ErrorBanner error={action.error} /> : null}
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('links.password.newPassword')} errors={errorsFor('password')} hint={t('links.password.atLeast', { count: minimumPasswordLength })} required>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label={t('links.password.again')} errors={errorsFor('confirmation')} required>
          <input name="confirmation" type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? t('common.saving') : t('links.password.save')}
          </button>
        </div>
        <p className="muted">{t('links.worksOnceUntil', { date: formatDateTime(expiresAt) })}</p>
      </form>
    </div>
  );
}
