// Signing in, in the browser and straight against the API, for the browser tests.
import type { Page } from 'playwright-core';

/** A bearer token from POST /api/v1/auth/token (counts against the sign-in rate limit). */
export async function apiToken(apiUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`Sign-in as ${email} failed: HTTP ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

/** POSTs JSON with the token and returns the created resource; anything but `expected` fails with the body. */
export async function apiPost<T>(apiUrl: string, token: string, path: string, body: unknown, expected = 201): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (response.status !== expected) {
    throw new Error(`POST ${path}: expected HTTP ${expected}, got ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Fills in the sign-in page and waits until the app shows the signed-in header. */
export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The token the app keeps in sessionStorage, if any. */
export function storedToken(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const raw = sessionStorage.getItem('launchpath.session');
    return raw ? (JSON.parse(raw) as { token?: string }).token : undefined;
  });
}

/**
 * Any JSON call with the token (and any extra headers, e.g. If-Match); anything but `expected` fails with the body.
 * Returns the parsed body (or undefined).
 */
export async function apiCall<T>(
  apiUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  expected = 200,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), Authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: expected HTTP ${expected}, got ${response.status} ${await response.text()}`);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Signs out through the header's button and waits for the sign-in page. */
export async function signOutThroughUi(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}
