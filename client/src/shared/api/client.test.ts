import { describe, expect, it, vi } from 'vitest';
import { authorizingFetch, createApi, parseRetryAfter } from './client';
import { toUiError } from './problems';
import { fakeFetch, json, problem } from '../../test/fakeFetch';

const me = { userId: 'u1', email: 'a@b.test', displayName: 'A', isPlatformAdmin: true, memberships: [], permissions: [] };

describe('authorizingFetch', () => {
  it('sends the current bearer token with every request and keeps the other headers', async () => {
    const { fetch, requests } = fakeFetch({ 'GET /api/v1/me': () => json(200, me) });
    let token: string | undefined = 'tok-1';
    const api = createApi({ token: () => token, onUnauthorized: vi.fn() }, fetch);

    await api.getMe();
    token = 'tok-2';
    await api.getMe();

    expect(requests.map((r) => r.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(new Headers(fetch.mock.calls[0][1]?.headers).get('Accept')).toBe('application/json');
  });

  it('sends no Authorization header while signed out', async () => {
    const { fetch, requests } = fakeFetch({ 'POST /api/v1/auth/token': () => json(200, { token: 't', tokenType: 'Bearer', expiresAt: '2030-01-01T00:00:00Z' }) });
    const api = createApi({ token: () => undefined, onUnauthorized: vi.fn() }, fetch);
    await api.signIn({ email: 'a@b.test', password: 'pw' });
    expect(requests[0].authorization).toBeNull();
    expect(requests[0].body).toEqual({ email: 'a@b.test', password: 'pw' });
  });

  it('reports a 401 to a request that carried a token, with that token, and still rejects the call', async () => {
    const { fetch } = fakeFetch({ 'GET /api/v1/organizations': () => problem(401, 'Unauthorized') });
    const onUnauthorized = vi.fn();
    const api = createApi({ token: () => 'old-token', onUnauthorized }, fetch);

    const error = await api.listOrganizations().catch((e: unknown) => e);
    expect(toUiError(error).status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledWith('old-token');
  });

  it('does not treat the 401 of a sign-in without a token as an ended session', async () => {
    const { fetch } = fakeFetch({ 'POST /api/v1/auth/token': () => problem(401, 'Sign-in failed', 'The email or password is incorrect.') });
    const onUnauthorized = vi.fn();
    const api = createApi({ token: () => undefined, onUnauthorized }, fetch);

    const error = toUiError(await api.signIn({ email: 'a@b.test', password: 'wrong' }).catch((e: unknown) => e));
    expect(error).toMatchObject({ status: 401, message: 'The email or password is incorrect.' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('carries a 429’s Retry-After into the thrown problem', async () => {
    const { fetch } = fakeFetch({
      'POST /api/v1/auth/token': () => problem(429, 'Too many requests', 'Rate limit reached. Retry after 42 seconds.', { 'Retry-After': '42' }),
    });
    const api = createApi({ token: () => undefined, onUnauthorized: vi.fn() }, fetch);
    const error = toUiError(await api.signIn({ email: 'a@b.test', password: 'pw' }).catch((e: unknown) => e));
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 42 });
  });

  it('reads Retry-After from the headers when a 429 has no problem body', async () => {
    const { fetch } = fakeFetch({ 'POST /api/v1/auth/token': () => new Response('', { status: 429, headers: { 'Retry-After': '7' } }) });
    const api = createApi({ token: () => undefined, onUnauthorized: vi.fn() }, fetch);
    const error = toUiError(await api.signIn({ email: 'a@b.test', password: 'pw' }).catch((e: unknown) => e));
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 7, message: 'Too many requests. Wait a moment and try again.' });
  });

  it('sends If-Match with the record version only through ifMatch, with the bearer token', async () => {
    const { fetch, requests } = fakeFetch({
      'PUT /api/v1/students/s1/preferences': () => json(200, { id: 's1' }),
      'GET /api/v1/me': () => json(200, me),
    });
    const api = createApi({ token: () => 'tok', onUnauthorized: vi.fn() }, fetch);
    const preferences = { careerInterests: [], skills: [], availability: [], prefersPaid: false, wantsCredit: false, shareProfileWithEmployers: false };

    await api.ifMatch(7).updateStudentPreferences('s1', preferences);
    await api.getMe();

    expect(requests.map((r) => [r.method, r.ifMatch, r.authorization])).toEqual([
      ['PUT', '"7"', 'Bearer tok'],
      ['GET', null, 'Bearer tok'],
    ]);
    expect(requests[0].body).toEqual(preferences);
  });

  it('passes other responses through untouched', async () => {
    const response = json(200, me);
    const wrapped = authorizingFetch(() => Promise.resolve(response), { token: () => 't', onUnauthorized: vi.fn() });
    await expect(wrapped('/api/v1/me')).resolves.toBe(response);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
