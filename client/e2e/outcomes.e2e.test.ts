// Outcomes and administration, against the demo API: an analyst reads the outcomes dashboard and exports it, a convener
// downloads the CALPADS WBLR file and tunes the matching weights (restored afterwards: other stories rank with them),
// the student opens their progress along the continuum, and the platform administrator creates a user and an API key
// (its secret shown once), then revokes the key.
import { readFile } from 'node:fs/promises';
import type { CurrentCaller, MatchingSettings } from '@launchpath/contracts';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, signInThroughUi, signOutThroughUi } from './session';
import { capture, demoToken, openStory, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');
/** The demo API's platform administrator is the bootstrap one (README's admin@demo account is that, locally). */
const admin = inject('admin');
const s = runSuffix();

let story: Story;
let convenerToken: string;
let regionId: string;
/** The region's matching settings before the story, put back at the end whatever happens. */
let original: MatchingSettings | undefined;

beforeAll(async () => {
  convenerToken = await demoToken(apiUrl, 'convener');
  const convener = await apiCall<CurrentCaller>(apiUrl, convenerToken, 'GET', '/api/v1/me');
  regionId = convener.memberships.find((m) => m.organizationType === 'region')!.organizationId;
  original = await apiCall<MatchingSettings>(apiUrl, convenerToken, 'GET', `/api/v1/regions/${regionId}/matching-settings`);
  story = await openStory();
});

afterAll(async () => {
  if (original) {
    // Whatever version the story left: put the original weights back.
    const restore = { weights: original.weights, maxChoices: original.maxChoices };
    await apiCall(apiUrl, convenerToken, 'PUT', `/api/v1/regions/${regionId}/matching-settings`, restore, 200, { 'If-Match': '*' });
  }
  await story?.close();
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/** Clicks `button` and returns the download it starts, with the file's text. */
async function download(page: Page, button: string): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const path = await file.path();
  return { file, text: await readFile(path, 'utf8') };
}

describe('Workforce analyst: the outcomes dashboard', () => {
  it('shows the figures and the charts, with their data as tables', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'analyst');
    await nav(page, 'Outcomes');
    await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
    const stages = page.getByRole('img', { name: /^Participation by stage of the continuum: Career awareness, \d+ students?/ });
    await stages.waitFor();
    await page.getByRole('img', { name: /^Participation rate by student groups, against \d+% for all students:/ }).waitFor();
    await page.getByRole('img', { name: /^Participation rate by school,/ }).waitFor();
    const figure = (label: string) => page.locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').first();
    await expect(figure('Participation rate').textContent()).resolves.toMatch(/^\d{1,3}%$/);
    expect(Number((await figure('Students').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    // Events, counted by attendance (the demo's term of events): who attended, and by school.
    const events = page.getByRole('region', { name: /^Events: career awareness and exploration/ });
    const attended = events.locator('.figure').filter({ has: page.getByText('Attended an event', { exact: true }) }).locator('dd').first();
    expect(Number((await attended.textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    await events.getByRole('img', { name: /^Event attendance by school,/ }).waitFor();
    // Outcomes only: the CALPADS file holds student records, which analysts do not read.
    await expect(page.getByRole('form', { name: 'CALPADS WBLR export' }).count()).resolves.toBe(0);
    await capture(page, 'outcomes-dashboard');

    await page.getByText('Show the data as a table: Participation by stage of the continuum').click();
    const table = page.getByRole('table', { name: 'Participation by stage of the continuum' });
    await expect(table.locator('tbody tr').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Career awareness\d/),
      expect.stringMatching(/^Career exploration\d/),
      expect.stringMatching(/^Career preparation\d/),
      expect.stringMatching(/^Career training\d/),
    ]);
    await capture(page, 'outcomes-stage-table');
  });

  it('downloads the dashboard as CSV', async () => {
    const { page } = story;
    const { file, text } = await download(page, 'Download CSV');
    expect(file.suggestedFilename()).toMatch(/^outcomes-bay-valley-career-pathways-demo-region-\d{4}-07-01-to-\d{4}-06-30\.csv$/);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Section,Item,Students,Participants,Participation rate (%),Gap to all students (points),Placements,Value');
    expect(lines).toContainEqual(expect.stringMatching(/^Summary,All students,\d+,\d+,[\d.]+,,,$/));
    expect(lines).toContainEqual(expect.stringMatching(/^By stage,Career exploration,,\d+,,,\d+,$/));
    await page.getByRole('status').getByText(`Downloaded ${file.suggestedFilename()}.`).waitFor();
  });
});

describe('Convener: CALPADS export and the region settings', () => {
  it('downloads the CALPADS WBLR file of a district under the API’s file name', async () => {
    const { page } = story;
    await signOutThroughUi(page);
    await signInAs(page, baseUrl, 'convener');
    await nav(page, 'Outcomes');
    const form = page.getByRole('form', { name: 'CALPADS WBLR export' });
    await form.waitFor();
    await page.getByRole('img', { name: /^Participation by stage/ }).waitFor();
    const year = await form.getByLabel('Academic year').inputValue();
    const { file, text } = await download(page, 'Download CALPADS file');
    expect(file.suggestedFilename()).toBe(`wblr-${year}.csv`);
    expect(text.split(/\r?\n/)[0]).toMatch(/^RecordTypeCode,TransactionTypeCode,LocalRecordID,ReportingLEA,SchoolofAttendance,AcademicYearID,SSID/);
    await page.getByRole('status').getByText(`Downloaded wblr-${year}.csv.`).waitFor();
    await capture(page, 'outcomes-convener');
  });

  it('changes a matching weight and the choices per student', async () => {
    const { page } = story;
    await nav(page, 'Region settings');
    await page.getByRole('heading', { level: 1, name: 'Region settings' }).waitFor();
    const sequencing = page.getByLabel('Sequencing');
    await expect.poll(() => sequencing.inputValue()).toBe(String(original!.weights.sequencing));
    const weight = original!.weights.sequencing + 1.5;
    await sequencing.fill(String(weight));
    await page.getByLabel('Choices per student').fill('21');
    await page.getByRole('button', { name: 'Save the matching settings' }).click();
    // Checked before sending, and focus goes to the field to fix.
    await page.getByText('Enter a whole number from 1 to 20.').waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('number');
    await capture(page, 'matching-settings-invalid');

    await page.getByLabel('Choices per student').fill(String(original!.maxChoices === 20 ? 19 : original!.maxChoices + 1));
    await page.getByRole('button', { name: 'Save the matching settings' }).click();
    await page.getByRole('status').getByText(/^The matching settings are saved/).waitFor();
    const saved = await apiCall<MatchingSettings>(apiUrl, convenerToken, 'GET', `/api/v1/regions/${regionId}/matching-settings`);
    expect(saved.weights.sequencing).toBe(weight);
    expect(saved.version).toBe(original!.version + 1);
    await capture(page, 'matching-settings');

    // Put the weights back through the same form (afterAll makes sure of it too).
    await page.getByLabel('Sequencing').fill(String(original!.weights.sequencing));
    await page.getByLabel('Choices per student').fill(String(original!.maxChoices));
    await page.getByRole('button', { name: 'Save the matching settings' }).click();
    await expect
      .poll(async () => (await apiCall<MatchingSettings>(apiUrl, convenerToken, 'GET', `/api/v1/regions/${regionId}/matching-settings`)).weights)
      .toEqual(original!.weights);
  });

  it('shows the evaluation rubric to edit', async () => {
    const { page } = story;
    await page.getByRole('navigation', { name: 'Region settings' }).getByRole('link', { name: 'Evaluation rubric' }).click();
    await page.getByRole('form', { name: 'Evaluation rubric' }).waitFor();
    await expect(page.getByLabel('Level 1').inputValue()).resolves.not.toBe('');
    await expect(page.getByLabel('Criterion 1: what is evaluated').inputValue()).resolves.not.toBe('');
    await capture(page, 'evaluation-rubric');
  });
});

describe('Student: my progress along the continuum', () => {
  it('shows the stages in order, the hours and the next step', async () => {
    const { page } = story;
    await signOutThroughUi(page);
    await signInAs(page, baseUrl, 'student');
    await nav(page, 'My progress');
    await page.getByRole('heading', { level: 1, name: 'My progress' }).waitFor();
    const stages = page.getByRole('list', { name: 'Stages of the continuum, in order' });
    await stages.waitFor();
    await expect(stages.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual([
      'Career awareness',
      'Career exploration',
      'Career preparation',
      'Career training',
    ]);
    await page.getByText('Hours approved', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'What comes next' }).waitFor();
    await capture(page, 'my-progress');
  });
});

describe('Platform administrator: users and API keys', () => {
  it('creates a user with a role at a school', async () => {
    const { page } = story;
    await signOutThroughUi(page);
    await page.goto(baseUrl);
    await signInThroughUi(page, admin.email, admin.password);
    await nav(page, 'Users');
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const form = page.getByRole('region', { name: 'Add a user' });
    const name = `Robin Tester ${s}`;
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(`robin-${s}@example.test`);
    const organization = form.getByLabel('Organization');
    await organization.locator('option', { hasText: 'Alder High School' }).first().waitFor({ state: 'attached' });
    const school = await organization.locator('option', { hasText: 'Alder High School' }).first().getAttribute('value');
    await organization.selectOption(school!);
    await form.getByLabel('Role').selectOption('teacher');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Create the account' }).click();
    await form.getByText('Use at least 12 characters, or leave it empty for single sign-on.').waitFor();
    await form.getByLabel('Password').fill(`e2e-password-${s}`);
    await form.getByRole('button', { name: 'Create the account' }).click();
    await page.getByRole('status').getByText(`Account created for ${name} (robin-${s}@example.test).`).waitFor();
    await page.getByRole('table', { name: 'Users' }).getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    await capture(page, 'users');
  });

  it('creates an API key whose secret is shown once, then revokes it', async () => {
    const { page, context } = story;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    await nav(page, 'API keys');
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const keyName = `E2E outcomes key ${s}`;
    const form = page.getByRole('region', { name: 'Create a key' });
    await form.getByLabel('Name').fill(keyName);
    await form.getByLabel('Read outcomes').check();
    await form.getByRole('button', { name: 'Create the key' }).click();

    const secret = page.getByRole('region', { name: `Copy the key “${keyName}” now` });
    await secret.waitFor();
    const key = await secret.getByLabel('The new API key').inputValue();
    expect(key.length).toBeGreaterThan(20);
    await secret.getByRole('button', { name: 'Copy' }).click();
    await secret.getByText('Copied to the clipboard.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    await capture(page, 'api-key-created', { fullPage: false });
    // The key works until it is revoked.
    await expect(fetch(`${apiUrl}/api/v1/me`, { headers: { 'X-Api-Key': key } }).then((r) => r.status)).resolves.toBe(200);

    await secret.getByRole('button', { name: 'I have stored the key' }).click();
    await expect(page.getByText(key).count()).resolves.toBe(0);
    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(keyName) }) });
    await row.getByText('Active').waitFor();

    await row.getByRole('button', { name: `Revoke ${keyName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this API key?' });
    await dialog.waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancel');
    await capture(page, 'api-key-revoke-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Revoke the key' }).click();
    await page.getByRole('status').getByText(`The key “${keyName}” is revoked: it stops working on its next request.`).waitFor();
    await row.getByText(/^Revoked /).waitFor();
    await expect(fetch(`${apiUrl}/api/v1/me`, { headers: { 'X-Api-Key': key } }).then((r) => r.status)).resolves.toBe(401);
    await capture(page, 'api-keys');
    expect(story.pageErrors).toEqual([]);
  });
});
