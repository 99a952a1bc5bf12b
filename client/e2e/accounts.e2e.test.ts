// Accounts by email, in a real browser: an invited person follows the emailed link and chooses a password; someone who
// forgot theirs asks for a link on the sign-in page and chooses a new one. The API sends through a real SMTP server on
// loopback (MailSink), whose messages the story reads as the person would.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization, UserSummary } from '@launchpath/contracts';
import { describeViolations, seriousAccessibilityViolations } from './browser';
import { startMailStory, type MailStory } from './mailStory';
import { artifactsDir } from './servers';
import { apiPost, apiToken, signInThroughUi } from './session';

const admin = { email: 'admin@accounts.test', password: `accounts-e2e-${Date.now()}` };
let story: MailStory;

beforeAll(async () => {
  story = await startMailStory('accounts', admin);
}, 120_000);

afterAll(async () => story?.close());

function linkIn(text: string): string {
  const match = /(http:\/\/127\.0\.0\.1:\d+\/set-password\/[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`No set-password link in:\n${text}`);
  return match[1];
}

describe('Accounts by email', () => {
  const person = { email: 'nia.teacher@school.accounts.test', name: 'Nia Teacher' };

  it('an invited teacher opens the emailed link on a phone, chooses a password and is signed in', async () => {
    const { mail, page, baseUrl } = story;
    const token = await apiToken(baseUrl, admin.email, admin.password);
    const region = await apiPost<Organization>(baseUrl, token, '/api/v1/organizations', { name: 'Accounts Region', type: 'region' });
    const district = await apiPost<Organization>(baseUrl, token, '/api/v1/organizations', { name: 'Accounts Unified', type: 'district', parentId: region.id });
    const school = await apiPost<Organization>(baseUrl, token, '/api/v1/organizations', { name: 'Accounts High', type: 'school', parentId: district.id });
    // No password: the person is invited to choose their own.
    await apiPost<UserSummary>(baseUrl, token, '/api/v1/users', { email: person.email, displayName: person.name, organizationId: school.id, role: 'teacher' });

    const invitation = await mail.waitFor(person.email);
    expect(invitation.subject).toBe('You are invited to LaunchPath');
    await page.goto(linkIn(invitation.text));
    await page.getByRole('heading', { level: 1, name: `Welcome to LaunchPath, ${person.name}` }).waitFor();
    await page.getByLabel('New password').fill('a phone-typed passphrase');
    await page.getByLabel('Type it again').fill('a phone-typed passphrase');
    await page.screenshot({ path: join(artifactsDir, 'set-password-invitation.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Save my password and sign in' }).click();
    await page.getByRole('banner').getByText(person.name).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // The link is used up.
    await page.goto(linkIn(invitation.text));
    await page.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
  });

  it('someone who forgot their password asks for a link on the sign-in page and chooses a new one', async () => {
    const { mail, page, baseUrl, pageErrors } = story;
    await page.goto(baseUrl);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(person.email);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    const before = mail.received.length;
    await page.getByRole('button', { name: 'Email me a link' }).click();
    await page.getByText(`If an account signs in with ${person.email}, we have emailed it a link`).waitFor();

    const reset = await mail.waitFor(person.email, before);
    expect(reset.subject).toBe('Reset your LaunchPath password');
    await page.goto(linkIn(reset.text));
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('another phone passphrase');
    await page.getByLabel('Type it again').fill('another phone passphrase');
    await page.getByRole('button', { name: 'Save my password and sign in' }).click();
    await page.getByRole('banner').getByText(person.name).waitFor();

    // The old password no longer works; the new one does.
    const oldPassword = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: 'a phone-typed passphrase' }),
    });
    expect(oldPassword.status).toBe(401);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(baseUrl);
    await signInThroughUi(page, person.email, 'another phone passphrase');
    expect(pageErrors).toEqual([]);
  });
});
