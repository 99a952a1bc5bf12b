import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { PasswordLink } from '@launchpath/contracts';
import { App } from './App';
import { fakeApi, member } from '../test/fakeApi';
import { sessionStorageKey } from '../shared/auth/storedSession';
import { passwordProblems } from './SetPasswordPage';

const invitation: PasswordLink = { purpose: 'invitation', email: 'nia@school.test', displayName: 'Nia Teacher', expiresAt: '2099-01-08T00:00:00Z' };
const teacher = { ...member({ organizationName: 'Alder High', organizationType: 'school', role: 'teacher' }, ['organizationsRead']), displayName: 'Nia Teacher' };

describe('Choosing a password from an emailed link', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
    sessionStorage.clear();
  });

  it('asks for a long enough password typed twice, sets it, and opens the app signed in', async () => {
    window.history.replaceState(null, '', '/set-password/tok-inv');
    const api = fakeApi({
      getPasswordLink: () => Promise.resolve(invitation),
      setPasswordByLink: () => Promise.resolve({ token: 'fresh', tokenType: 'Bearer', expiresAt: '2099-01-01T00:00:00Z' }),
      getMe: () => Promise.resolve(teacher),
    });
    const user = userEvent.setup();
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1, name: 'Welcome to LaunchPath, Nia Teacher' });
    expect(screen.getByText('nia@school.test')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'Choose your password' });
    await user.type(within(form).getByLabelText(/^New password/), 'too short');
    await user.click(within(form).getByRole('button', { name: 'Save my password and sign in' }));
    expect(await within(form).findByText(/at least 12 characters; a few words/)).toBeTruthy();
    expect(api.setPasswordByLink).not.toHaveBeenCalled();

    await user.clear(within(form).getByLabelText(/^New password/));
    await user.type(within(form).getByLabelText(/^New password/), 'a long enough passphrase');
    await user.type(within(form).getByLabelText(/^Type it again/), 'a long enough passphrase');
    await user.click(within(form).getByRole('button', { name: 'Save my password and sign in' }));

    await within(await screen.findByRole('banner')).findByText('Nia Teacher');
    expect(api.setPasswordByLink).toHaveBeenCalledWith('tok-inv', { password: 'a long enough passphrase' });
    expect(window.location.pathname).toBe('/');
    expect(JSON.parse(sessionStorage.getItem(sessionStorageKey) ?? '{}')).toMatchObject({ token: 'fresh' });
  });

  it('says why a used or expired link no longer works, and where to get a new one', async () => {
    window.history.replaceState(null, '', '/set-password/tok-old');
    const api = fakeApi({
      getPasswordLink: () => Promise.reject({ title: 'Link expired', status: 410, detail: 'This link has expired (reset links work for one hour).' }),
    });
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1, name: 'This link no longer works' });
    expect(screen.getByText('This link has expired (reset links work for one hour).')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the sign-in page' }).getAttribute('href')).toBe('/');
  });

  it('checks the two passwords before asking the API', () => {
    expect(passwordProblems('short', 'short')).toHaveProperty('password');
    expect(passwordProblems('long enough words', 'long enough word')).toHaveProperty('confirmation');
    expect(passwordProblems('long enough words', 'long enough words')).toEqual({});
  });
});

describe('Forgot your password?', () => {
  it('asks for the address and says what happens without saying whether it has an account', async () => {
    const api = fakeApi({ requestPasswordReset: () => Promise.resolve() });
    const user = userEvent.setup();
    render(<App api={api} />);
    await user.type(await screen.findByLabelText(/^Email/), 'someone@school.test');
    await user.click(screen.getByRole('button', { name: 'Forgot your password?' }));
    const form = screen.getByRole('form', { name: 'Forgot your password?' });
    expect(within(form).getByLabelText(/^Email/)).toHaveProperty('value', 'someone@school.test');
    await user.click(within(form).getByRole('button', { name: 'Email me a link' }));
    await within(form).findByText(/If an account signs in with someone@school.test, we have emailed it a link/);
    expect(api.requestPasswordReset).toHaveBeenCalledWith({ email: 'someone@school.test' });

    await user.click(within(form).getByRole('button', { name: 'Back to sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
  });
});
