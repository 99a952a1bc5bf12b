import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, launchChromium, seriousAccessibilityViolations } from './browser';
import { artifactsDir } from './servers';
import { signInThroughUi, storedToken } from './session';

const baseUrl = inject('baseUrl');
const admin = inject('admin');

let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('Signing in against the real API', () => {
  it('opens on the sign-in page, with the demo accounts hint in dev mode and no serious accessibility problems', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).count()).resolves.toBe(0);
    const hint = page.getByRole('complementary', { name: 'Demo accounts' });
    await expect(hint.getByText('launchpath-demo').first().isVisible()).resolves.toBe(true);
    // Focus starts in the email field.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('email');

    await page.screenshot({ path: join(artifactsDir, 'sign-in.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shows the API’s message for a wrong password and keeps the user signed out', async () => {
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('alert').getByText('The email or password is incorrect.').waitFor();
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(admin.email);
    await expect(storedToken(page)).resolves.toBeUndefined();

    await page.screenshot({ path: join(artifactsDir, 'sign-in-error.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('signs in as the bootstrap administrator, shows who is signed in, and signs out', async () => {
    await signInThroughUi(page, admin.email, admin.password);
    const header = page.getByRole('banner');
    // The bootstrap account is named "Platform administrator"; the line under the name then gives the email.
    await header.getByText('Platform administrator', { exact: true }).waitFor();
    await header.getByText(admin.email, { exact: true }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await expect(storedToken(page)).resolves.toMatch(/\S{20,}/);

    await header.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('status').getByText('You have signed out.').waitFor();
    await expect(storedToken(page)).resolves.toBeUndefined();
  });

  it('sends the user back to sign-in when the API no longer accepts the stored token', async () => {
    await signInThroughUi(page, admin.email, admin.password);
    // As if the token had expired or its signing key changed: the API answers 401 to it.
    await page.evaluate(() => {
      const raw = sessionStorage.getItem('launchpath.session');
      if (!raw) throw new Error('no stored session');
      sessionStorage.setItem('launchpath.session', JSON.stringify({ ...JSON.parse(raw), token: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid' }));
    });
    await page.reload();

    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('status').getByText('Your session has ended. Sign in again to continue.').waitFor();
    await expect(storedToken(page)).resolves.toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
