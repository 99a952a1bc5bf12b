import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { fakeApi, member } from '../test/fakeApi';
import { fakeFetch, problem } from '../test/fakeFetch';
import { demoAccounts, demoPassword } from './DemoAccounts';
import { describeWait, signInError } from './SignInPage';
import { sessionStorageKey } from '../shared/auth/storedSession';

const token = { token: 'tok-1', tokenType: 'Bearer', expiresAt: '2099-01-01T00:00:00Z' };

function renderSignIn(api = fakeApi()) {
  render(<App api={api} />);
  return { api, user: userEvent.setup() };
}

describe('Sign-in page', () => {
  it('asks for email and password with labelled fields and shows no navigation', () => {
    renderSignIn();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    const email = screen.getByLabelText(/^Email/);
    expect(email.getAttribute('type')).toBe('email');
    expect(email.getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText(/^Password/).getAttribute('type')).toBe('password');
    expect(document.activeElement).toBe(email);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('says which fields are missing without calling the API', async () => {
    const { api, user } = renderSignIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText(/^Email/);
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Enter your email address.');
    expect(screen.getByLabelText(/^Password/).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(email);
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('shows the API’s message for a wrong password, keeps the email and clears the password', async () => {
    const api = fakeApi({
      signIn: () => Promise.reject({ title: 'Sign-in failed', status: 401, detail: 'The email or password is incorrect.', traceId: '00-x-01' }),
    });
    const { user } = renderSignIn(api);
    await user.type(screen.getByLabelText(/^Email/), ' someone@example.test ');
    await user.type(screen.getByLabelText(/^Password/), 'not-it');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The email or password is incorrect.');
    expect(api.signIn).toHaveBeenCalledWith({ email: 'someone@example.test', password: 'not-it' });
    expect(screen.getByLabelText(/^Email/)).toHaveProperty('value', 'someone@example.test');
    expect(screen.getByLabelText(/^Password/)).toHaveProperty('value', '');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Password/)));
    expect(api.getMe).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(sessionStorageKey)).toBeNull();
  });

  it('shows the server’s field errors beside the fields', async () => {
    const api = fakeApi({
      signIn: () => Promise.reject({ title: 'One or more validation errors occurred.', status: 400, errors: { Email: ["'Email' is too long."] } }),
    });
    const { user } = renderSignIn(api);
    await user.type(screen.getByLabelText(/^Email/), 'x@y.test');
    await user.type(screen.getByLabelText(/^Password/), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText(/^Email/);
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe("'Email' is too long.");
  });

  it('says when to try again after too many attempts (429 with Retry-After), through the real client', async () => {
    const { fetch } = fakeFetch({
      'POST /api/v1/auth/token': () => problem(429, 'Too many requests', 'Rate limit reached. Retry after 42 seconds.', { 'Retry-After': '42' }),
    });
    render(<App fetch={fetch} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Email/), 'a@b.test');
    await user.type(screen.getByLabelText(/^Password/), 'whatever-it-is');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Too many sign-in attempts. Try again in 42 seconds.');
    // The password stays: the attempt was refused, not wrong.
    expect(screen.getByLabelText(/^Password/)).toHaveProperty('value', 'whatever-it-is');
  });

  it('signs in, loads /me and shows the user and role in the header', async () => {
    const teacher = { ...member({ organizationName: 'Alder High', organizationType: 'school', role: 'teacher' }, ['organizationsRead']), displayName: 'Taylor Teacher' };
    const api = fakeApi({ signIn: () => Promise.resolve(token), getMe: () => Promise.resolve(teacher) });
    const { user } = renderSignIn(api);
    await user.type(screen.getByLabelText(/^Email/), 'teacher@example.test');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByText('Taylor Teacher');
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Taylor Teacher')).toBeTruthy();
    expect(within(banner).getByText('Teacher, Alder High')).toBeTruthy();
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(JSON.parse(sessionStorage.getItem(sessionStorageKey) ?? '{}')).toEqual({ token: 'tok-1', expiresAt: '2099-01-01T00:00:00Z' });
    expect(api.getMe).toHaveBeenCalledTimes(1);
  });

  it('in development, lists the demo accounts and their password, and fills the form with one', async () => {
    const { user } = renderSignIn();
    const hint = screen.getByRole('complementary', { name: 'Demo accounts' });
    expect(hint.textContent).toContain(demoPassword);
    expect(within(hint).getAllByRole('button')).toHaveLength(demoAccounts.length);

    await user.click(within(hint).getByRole('button', { name: 'convener@demo.launchpath.test' }));
    expect(screen.getByLabelText(/^Email/)).toHaveProperty('value', 'convener@demo.launchpath.test');
    expect(screen.getByLabelText(/^Password/)).toHaveProperty('value', demoPassword);
  });
});

describe('sign-in messages', () => {
  it('describes a wait in seconds or whole minutes', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(42)).toBe('42 seconds');
    expect(describeWait(60)).toBe('1 minute');
    expect(describeWait(61)).toBe('2 minutes');
  });

  it('falls back to a general wait when a 429 gives no time, and never quotes a trace id', () => {
    expect(signInError({ status: 429, message: 'x', fieldErrors: {}, traceId: 't' })).toEqual({
      status: 429,
      message: 'Too many sign-in attempts. Wait a minute and try again.',
      fieldErrors: {},
      traceId: undefined,
    });
  });
});
