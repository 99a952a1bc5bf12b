import { useEffect, useRef, useState, type FormEvent } from 'react';
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
  if (password.length < minimumPasswordLength) problems.password = [`Use at least ${minimumPasswordLength} characters; a few words make a good one.`];
  else if (confirmation !== password) problems.confirmation = ['Type the same password twice.'];
  return problems;
}

/**
 * The page an invitation or password reset link opens, signed out: who the account is, a new password typed twice,
 * and, once it is set, the app signed in (every earlier session of the account is signed out).
 */
export function SetPasswordPage({ token }: { token: string }) {
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
        <h1>{link.error.status === 410 ? 'This link no longer works' : link.error.status === 404 ? 'This link does not work' : 'The link could not be opened'}</h1>
        {link.error.status === 404 ? (
          <p>Check that you opened the whole link from your email; part of it may be missing.</p>
        ) : link.error.status === 410 ? (
          <p>{link.error.message}</p>
        ) : (
          <ErrorBanner error={link.error} onRetry={link.reload} />
        )}
        <p>
          <a href="/">Go to the sign-in page</a>, where “Forgot your password?” sends a new link.
        </p>
      </div>
    );
  }
  if (!link.data) return <Loading>Opening your link…</Loading>;
  const { purpose, email, displayName, expiresAt } = link.data;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = passwordProblems(password, confirmation);
    if (Object.keys(problems).length > 0) {
      action.setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
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
      <h1>{purpose === 'invitation' ? `Welcome to LaunchPath, ${displayName}` : 'Choose a new password'}</h1>
      <p>
        You sign in with <strong>{email}</strong>. {purpose === 'invitation' ? 'Choose the password for your account.' : 'Your new password signs you out on every other device.'}
      </p>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-label="Choose your password">
        {action.error ? <ErrorBanner error={action.error} /> : null}
        {/* For password managers: the account this password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field label="New password" errors={errorsFor('password')} hint={`At least ${minimumPasswordLength} characters.`} required>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Field label="Type it again" errors={errorsFor('confirmation')} required>
          <input name="confirmation" type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? 'Saving…' : 'Save my password and sign in'}
          </button>
        </div>
        <p className="muted">This link works once, until {formatDateTime(expiresAt)}.</p>
      </form>
    </div>
  );
}
