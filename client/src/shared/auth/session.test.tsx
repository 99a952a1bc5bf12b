import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { page, platformAdmin, storeTestSession } from '../../test/fakeApi';
import { fakeFetch, json, problem, type Route } from '../../test/fakeFetch';
import { sessionStorageKey, storeSession } from './storedSession';

const accessToken = { token: 'tok-1', tokenType: 'Bearer', expiresAt: '2099-01-01T00:00:00Z' };
const orgs = page([]);

/** GET /me and the organizations list answer only to `Bearer <token>`, with 401 otherwise, like the API. */
function requireToken(token: string, answer: Route): Route {
  return (request) => (request.authorization === `Bearer ${token}` ? answer(request) : problem(401, 'Unauthorized'));
}

async function signInThroughForm() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/^Email/), 'admin@example.test');
  await user.type(screen.getByLabelText(/^Password/), 'a long password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('Session', () => {
  it('signs in without a token, then sends the bearer token on every call', async () => {
    const { fetch, requests } = fakeFetch({
      'POST /api/v1/auth/token': () => json(200, accessToken),
      'GET /api/v1/me': requireToken('tok-1', () => json(200, platformAdmin())),
      'GET /api/v1/organizations': requireToken('tok-1', () => json(200, orgs)),
    });
    render(<App fetch={fetch} />);
    await signInThroughForm();

    await screen.findByText(/No organizations yet/);
    const sent = requests.map((r) => `${r.method} ${r.path} ${r.authorization}`);
    expect(sent.slice(0, 2)).toEqual(['POST /api/v1/auth/token null', 'GET /api/v1/me Bearer tok-1']);
    expect(sent.length).toBeGreaterThan(2);
    // The first page's own request, and the inbox's unread count in the header.
    expect(new Set(sent.slice(2))).toEqual(new Set(['GET /api/v1/organizations Bearer tok-1', 'GET /api/v1/me/notifications Bearer tok-1']));
  });

  it('returns to sign-in and forgets the token when a call answers 401 (the token expired)', async () => {
    let expired = false;
    const { fetch } = fakeFetch({
      'POST /api/v1/auth/token': () => json(200, accessToken),
      'GET /api/v1/me': () => json(200, platformAdmin()),
      'GET /api/v1/organizations': () => (expired ? problem(401, 'Unauthorized') : json(200, orgs)),
    });
    render(<App fetch={fetch} />);
    const user = await signInThroughForm();
    await screen.findByText(/No organizations yet/);
    expect(sessionStorage.getItem(sessionStorageKey)).not.toBeNull();

    expired = true;
    await user.selectOptions(screen.getByLabelText('Show'), 'district');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Sign in again to continue.');
    expect(sessionStorage.getItem(sessionStorageKey)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('picks up a stored token on start and loads /me with it', async () => {
    storeSession({ token: 'stored', expiresAt: '2099-01-01T00:00:00Z' });
    const { fetch, requests } = fakeFetch({
      'GET /api/v1/me': requireToken('stored', () => json(200, platformAdmin({ displayName: 'Pat Admin' }))),
      'GET /api/v1/organizations': requireToken('stored', () => json(200, orgs)),
    });
    render(<App fetch={fetch} />);
    expect(screen.getByRole('status').textContent).toBe('Loading your account…');
    await screen.findByText('Pat Admin');
    expect(within(screen.getByRole('banner')).getByText('Pat Admin')).toBeTruthy();
    expect(requests[0]).toMatchObject({ path: '/api/v1/me', authorization: 'Bearer stored' });
  });

  it('goes to sign-in when the stored token is refused', async () => {
    storeTestSession('revoked');
    const { fetch } = fakeFetch({ 'GET /api/v1/me': () => problem(401, 'Unauthorized') });
    render(<App fetch={fetch} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/session has ended/);
    expect(sessionStorage.getItem(sessionStorageKey)).toBeNull();
  });

  it('ignores a stored token past its expiry without calling the API', () => {
    storeSession({ token: 'old', expiresAt: '2001-01-01T00:00:00Z' });
    const { fetch } = fakeFetch({});
    render(<App fetch={fetch} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(sessionStorageKey)).toBeNull();
  });

  it('offers a retry when /me fails for another reason', async () => {
    storeTestSession();
    let down = true;
    const { fetch } = fakeFetch({
      'GET /api/v1/me': () => (down ? problem(503, 'Service Unavailable') : json(200, platformAdmin())),
      'GET /api/v1/organizations': () => json(200, orgs),
    });
    render(<App fetch={fetch} />);
    const alert = await screen.findByRole('alert');
    down = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText(/No organizations yet/);
  });

  it('signs out: back to sign-in, token forgotten', async () => {
    storeTestSession();
    const { fetch } = fakeFetch({ 'GET /api/v1/me': () => json(200, platformAdmin()), 'GET /api/v1/organizations': () => json(200, orgs) });
    render(<App fetch={fetch} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('You have signed out.');
    expect(sessionStorage.getItem(sessionStorageKey)).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText(/^Email/)));
  });
});
