// District and convener work, against the demo API: import a OneRoster CSV set (and see a rejected one's row errors),
// look a student up, open a match round, run it, read the statistics, and publish it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatchRound, RecommendedStudent } from '@launchpath/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, signOutThroughUi } from './session';
import { capture, demoToken, openStory, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');
const s = runSuffix();
const roundName = `Spring worksite tours ${s}`;
const family = `Quintero${s}`;

/** A small OneRoster set for the Alder district (sourcedId demo-district-1): a new school, two students, a parent. */
const goodFiles = {
  'orgs.csv': `sourcedId,status,name,type,parentSourcedId\ne2e-sch-${s},active,E2E Roster High ${s},school,demo-district-1\n`,
  'users.csv':
    'sourcedId,status,enabledUser,givenName,familyName,email,agentSourcedIds,grades,primaryOrgSourcedId\n' +
    `e2e-s1-${s},active,true,Marisol,${family},marisol-${s}@students.example.test,e2e-g1-${s},10,e2e-sch-${s}\n` +
    `e2e-s2-${s},active,true,Tobias,${family},tobias-${s}@students.example.test,,11,e2e-sch-${s}\n` +
    `e2e-g1-${s},active,true,Elena,${family},elena-${s}@family.example.test,,,e2e-sch-${s}\n`,
  'roles.csv':
    'userSourcedId,roleType,role,orgSourcedId\n' +
    `e2e-s1-${s},primary,student,e2e-sch-${s}\ne2e-s2-${s},primary,student,e2e-sch-${s}\ne2e-g1-${s},primary,parent,e2e-sch-${s}\n`,
  'demographics.csv': `sourcedId,birthDate,sex,hispanicOrLatinoEthnicity,metadata.englishLearner\ne2e-s1-${s},2010-02-03,female,true,true\n`,
};

/** The same people with two bad rows: a missing given name, and a role at an unknown school. */
const badFiles = {
  'users.csv':
    'sourcedId,status,enabledUser,givenName,familyName,email,agentSourcedIds,grades,primaryOrgSourcedId\n' +
    `e2e-b1-${s},active,true,,Nobody,b1-${s}@students.example.test,,11,e2e-sch-${s}\n`,
  'roles.csv': `userSourcedId,roleType,role,orgSourcedId\ne2e-b1-${s},primary,student,e2e-nowhere\n`,
};

let story: Story;
let folder: string;
let convenerToken: string;

function files(set: Record<string, string>, name: string): string[] {
  const dir = mkdtempSync(join(folder, `${name}-`));
  return Object.entries(set).map(([file, text]) => {
    writeFileSync(join(dir, file), text);
    return join(dir, file);
  });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'launchpath-e2e-roster-'));
  convenerToken = await demoToken(apiUrl, 'convener');
  story = await openStory();
});

afterAll(async () => {
  await story?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('District admin: roster imports and students', () => {
  it('imports a OneRoster CSV set as a delta and shows what changed', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'district');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster imports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Roster imports' }).waitFor();
    await page.getByText('District:').waitFor();

    await page.getByLabel('OneRoster files').setInputFiles(files(goodFiles, 'good'));
    await page.getByRole('list', { name: 'Chosen files' }).getByText('users.csv').waitFor();
    // No manifest.csv: the form asks for the mode (a bulk import would deactivate everyone else).
    await page.getByLabel('Mode').selectOption('delta');
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByText('The roster is imported.').waitFor();
    await expect(page.getByRole('progressbar', { name: 'Roster import progress' }).getAttribute('aria-valuenow')).resolves.toBe('8');
    await page.getByText('8 of 8 rows processed').waitFor();
    const figure = (label: string) => page.locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(figure('People created').textContent()).resolves.toBe('3');
    await expect(figure('Schools created').textContent()).resolves.toBe('1');
    await expect(figure('Guardian links').textContent()).resolves.toBe('1');
    await capture(page, 'roster-import-succeeded');
  });

  it('shows every row problem of a rejected import', async () => {
    const { page } = story;
    await page.getByLabel('OneRoster files').setInputFiles(files(badFiles, 'bad'));
    await page.getByLabel('Mode').selectOption('delta');
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.getByRole('alert').getByText('The import was rejected: nothing was changed.').waitFor();
    const problems = page.getByRole('table', { name: /Row problems/ });
    const rows = problems.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const texts = await rows.allTextContents();
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/^users\.csv2givenName.*required/), expect.stringMatching(/^roles\.csv2orgSourcedId/)]));
    await expect(page.getByRole('table', { name: 'Recent imports, newest first' }).locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(2);
    await capture(page, 'roster-import-failed');
  });

  it('finds an imported student, with guardians and subgroups', async () => {
    const { page } = story;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Students' }).click();
    await page.getByRole('heading', { level: 1, name: 'Students' }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    await page.getByLabel('Name or id').fill(family);
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Students' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await capture(page, 'students');

    await table.getByRole('link', { name: `Marisol ${family}` }).click();
    await page.getByRole('heading', { level: 1, name: `Marisol ${family}` }).waitFor();
    await page.getByRole('table', { name: 'Parents and guardians' }).getByRole('rowheader', { name: `Elena ${family}` }).waitFor();
    const subgroups = page.getByRole('region', { name: 'Equity subgroups' });
    await expect(subgroups.locator('div').filter({ hasText: /^English learner/ }).locator('dd').textContent()).resolves.toBe('Yes');
    await capture(page, 'student-detail');
  });
});

describe('Convener: a match round from opening to publication', () => {
  let roundId: string;

  it('opens a round over published opportunities picked in the form', async () => {
    const { page } = story;
    await signOutThroughUi(page);
    await signInAs(page, baseUrl, 'convener');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Match rounds' }).click();
    await page.getByRole('link', { name: 'Open a round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open a match round' }).waitFor();

    // Missing name and opportunities: said beside the fields.
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByText('Choose at least one published opportunity.').waitFor();

    await page.getByLabel('Name').fill(roundName);
    await page.getByLabel('Choices per student').fill('3');
    await page.getByLabel('Lottery seed').fill('7');
    await page.getByLabel('Reserve seats for').selectOption('englishLearner');
    await page.getByLabel('Share of seats reserved (%)').fill('10');
    await page.getByRole('search', { name: 'Find published opportunities' }).getByLabel('Words').fill('Worksite tour');
    await page.getByRole('button', { name: 'Find' }).click();
    const boxes = page.locator('.picker__list input[type="checkbox"]:not(:disabled)');
    await boxes.first().waitFor();
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await expect(page.getByRole('list', { name: 'Chosen opportunities' }).getByRole('listitem').count()).resolves.toBe(3);
    await capture(page, 'round-create');

    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByRole('heading', { level: 1, name: roundName }).waitFor();
    await page.getByRole('status').getByText(`Round “${roundName}” is open`).waitFor();
    roundId = page.url().split('/').pop()!;
  });

  it('runs the round with progress, shows statistics and placements, and re-runs it the same way', async () => {
    const { page } = story;
    // Students rank the round's opportunities (straight through the API, as the convener on their behalf).
    const round = await apiCall<MatchRound>(apiUrl, convenerToken, 'GET', `/api/v1/match-rounds/${roundId}`);
    const choices = new Map<string, string[]>();
    for (const o of round.opportunities) {
      const candidates = await apiCall<RecommendedStudent[]>(apiUrl, convenerToken, 'GET', `/api/v1/opportunities/${o.opportunityId}/candidates?limit=60`);
      for (const c of candidates) choices.set(c.studentId, [...(choices.get(c.studentId) ?? []), o.opportunityId]);
    }
    const students = [...choices].slice(0, 80);
    for (const [studentId, opportunityIds] of students) {
      await apiCall(apiUrl, convenerToken, 'PUT', `/api/v1/match-rounds/${roundId}/choices/${studentId}`, { opportunityIds });
    }
    await page.reload();
    const summary = page.getByRole('region', { name: 'About this round' });
    const fact = (label: string) => summary.locator('.facts > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect.poll(() => fact('Students with choices').textContent()).toBe(String(students.length));
    await capture(page, 'round-open');

    await page.getByRole('button', { name: 'Run matching' }).click();
    const results = page.getByRole('region', { name: 'Results' });
    await results.waitFor();
    await page.getByRole('status').getByText(/Matching finished/).waitFor();
    const figure = (label: string) => results.locator('.figure').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(figure('Students with choices').textContent()).resolves.toBe(String(students.length));
    await expect(figure('Got their first choice').textContent()).resolves.toMatch(/^\d{1,3}%$/);
    await expect(figure('Got one of their top 3').textContent()).resolves.toMatch(/^\d{1,3}%$/);
    const matched = Number(await figure('Matched').textContent());
    expect(matched).toBeGreaterThan(0);
    // Groups under 10 students are withheld.
    const byGroup = results.getByRole('table', { name: 'Results by student group' });
    await byGroup.getByRole('rowheader', { name: 'All students' }).waitFor();
    await byGroup.getByText('Fewer than 10').first().waitFor();
    const placements = page.getByRole('table', { name: 'Proposed placements' });
    await placements.waitFor();
    await expect(placements.locator('tbody tr').count()).resolves.toBe(Math.min(matched, 50));
    await capture(page, 'round-matched');

    const firstStats = await results.locator('.figures').textContent();
    await page.getByRole('button', { name: 'Re-run matching' }).click();
    await expect.poll(() => fact('Runs').textContent()).toBe('2');
    await results.waitFor();
    // The same seed gives the same result.
    await expect.poll(() => results.locator('.figures').textContent()).toBe(firstStats);
  });

  it('publishes the round after confirming', async () => {
    const { page } = story;
    await page.getByRole('button', { name: 'Publish results…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish this round?' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Cancel');
    await capture(page, 'round-publish-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').getByText('The round is published').waitFor();
    await page.getByText('Published', { exact: true }).first().waitFor();
    await page.getByRole('table', { name: 'Placements' }).getByText('Approved').first().waitFor();
    await expect(page.getByRole('button', { name: /Run matching|Re-run matching|Publish/ }).count()).resolves.toBe(0);
    await capture(page, 'round-published');

    await page.getByRole('link', { name: '← All match rounds' }).click();
    const row = page.getByRole('table', { name: 'Match rounds, newest first' }).getByRole('row').filter({ has: page.getByRole('link', { name: roundName }) });
    await row.getByText('Published').waitFor();
    await capture(page, 'rounds');
  });

  it('searches every opportunity by status', async () => {
    const { page } = story;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Opportunities' }).click();
    await page.getByRole('heading', { level: 1, name: 'Opportunities' }).waitFor();
    await page.getByLabel('Status').selectOption('submitted');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const tags = page.locator('.result-list .tag');
    await tags.first().waitFor();
    expect(new Set(await tags.allTextContents())).toEqual(new Set(['Awaiting curation']));
    await capture(page, 'opportunities-staff');
  });

  it('shows the best-fit students for an opportunity, with reasons', async () => {
    const { page } = story;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Students' }).click();
    await page.getByRole('link', { name: 'Best fit for an opportunity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Best-fit students' }).waitFor();
    await page.locator('.link-list a').first().click();
    const table = page.getByRole('table', { name: 'Best-fit students, best first' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await table.getByRole('heading', { name: 'Why it fits' }).first().waitFor();
    await capture(page, 'best-fit');
    expect(story.pageErrors).toEqual([]);
  });
});
