// A district admin on a phone, against the demo API: connect the district's SIS (OneRoster REST), then send a roster
// that would make most of the district inactive (held, nothing changed), and preview and apply a small delta instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { capture, openStory, phone, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const s = runSuffix();

/** One new student at Alder High (demo-school-1-1): as a bulk file, it says everyone else has left. */
const oneStudent = {
  'users.csv':
    'sourcedId,status,enabledUser,givenName,familyName,email,grades,primaryOrgSourcedId\n' +
    `e2e-p1-${s},active,true,Inés,Phone${s},ines-${s}@students.example.test,09,demo-school-1-1\n`,
  'roles.csv': `userSourcedId,roleType,role,orgSourcedId\ne2e-p1-${s},primary,student,demo-school-1-1\n`,
};

let story: Story;
let folder: string;

function files(name: string): string[] {
  const dir = mkdtempSync(join(folder, `${name}-`));
  return Object.entries(oneStudent).map(([file, text]) => {
    writeFileSync(join(dir, file), text);
    return join(dir, file);
  });
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'launchpath-e2e-roster-phone-'));
  story = await openStory(phone);
});

afterAll(async () => {
  await story?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('District admin: roster on a phone', () => {
  it('connects the SIS: an http address is refused beside its field, an https one is saved with the secret never shown', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'district');
    await page.goto(`${baseUrl}/#/roster`);
    await page.getByRole('heading', { level: 1, name: 'Roster imports' }).waitFor();
    const card = page.getByRole('region', { name: 'SIS connection (OneRoster REST)' });
    const change = card.getByRole('button', { name: /Connect a SIS|Change the connection/ });
    await change.click();

    const form = card.getByRole('form', { name: 'SIS connection' });
    await form.getByLabel('Service base URL').fill('http://sis.alder.example.org');
    await form.getByLabel('Token URL').fill('https://sis.alder.example.org/oauth/token');
    await form.getByLabel('Client id').fill(`launchpath-${s}`);
    await form.getByLabel('Client secret').fill('s3cret-never-shown');
    await form.getByRole('button', { name: 'Save the connection' }).click();
    await form.getByText('Must be an absolute https URL.').waitFor();

    await form.getByLabel('Service base URL').fill('https://sis.alder.example.org');
    await form.getByRole('button', { name: 'Save the connection' }).click();
    await card.getByText('https://sis.alder.example.org', { exact: true }).waitFor();
    await card.getByText(`launchpath-${s} · secret set`).waitFor();
    expect(await card.textContent()).not.toContain('s3cret-never-shown');
    await card.getByRole('button', { name: 'Pull now' }).waitFor();
    expect(await pageOverflow(page), 'the page fits the phone').toBeLessThanOrEqual(1);
    await capture(page, 'roster-sis-connection-phone');
  });

  it('holds a bulk file that would make most of the district inactive, changing nothing', async () => {
    const { page } = story;
    await page.getByLabel('OneRoster files').setInputFiles(files('bulk'));
    await page.getByLabel('Mode').selectOption('bulk');
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByText('Nothing was changed: this import would make many people inactive.').waitFor();
    const apply = page.getByRole('button', { name: /^Apply anyway: make [\d,]+ people inactive$/ });
    await apply.waitFor();
    const inactive = Number((await apply.textContent())!.replace(/\D/g, ''));
    expect(inactive, 'everyone in Alder but the one student').toBeGreaterThan(100);
    expect(await pageOverflow(page), 'the held import fits the phone').toBeLessThanOrEqual(1);
    await capture(page, 'roster-import-held-phone');
  });

  it('previews the same people as a delta, then applies exactly that preview', async () => {
    const { page } = story;
    await page.getByLabel('OneRoster files').setInputFiles(files('delta'));
    await page.getByLabel('Mode').selectOption('delta');
    await page.getByLabel(/Preview first/).check();
    await page.getByRole('button', { name: 'Preview import' }).click();

    await page.getByText('Preview: nothing was changed. This is what the import would do.').waitFor();
    const figure = (label: string) => page.locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(figure('People created').textContent()).resolves.toBe('1');
    await expect(figure('People made inactive').textContent()).resolves.toBe('0');
    await page.getByRole('button', { name: 'Apply this import' }).click();

    await page.getByText('The roster is imported.').waitFor();
    await expect(figure('People created').textContent()).resolves.toBe('1');
    expect(await pageOverflow(page), 'the result fits the phone').toBeLessThanOrEqual(1);
    await capture(page, 'roster-import-applied-phone');
    expect(story.pageErrors).toEqual([]);
  });
});
