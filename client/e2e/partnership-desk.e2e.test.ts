// An employer keeps its partnership up to date at a desk, against the demo API: it uploads a renewed certificate of
// insurance (a real file through the form), adds a worksite and answers its safety checklist, and records a mentor's
// background check; the region's convener then finds the employer on the Partners board's "documents" filter, opens
// the certificate it approves, and approves the worksite's checklist.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CurrentCaller, Partnership } from '@launchpath/contracts';
import { apiCall, signOutThroughUi } from './session';
import { capture, demoToken, openStory, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');
const s = runSuffix();
const site = `Harbor annex ${s}`;
const mentor = `mentor.${s}@harbor.demo.test`;

let story: Story;

beforeAll(async () => {
  story = await openStory();
});

afterAll(async () => story?.close());

describe('A partnership kept up to date', () => {
  it('the employer uploads a certificate, adds a worksite with its checklist and records a clearance; the convener approves them', async () => {
    const { page, pageErrors } = story;
    await signInAs(page, baseUrl, 'employer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partnership' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnership' }).waitFor();
    await page.getByTestId('partner-status').waitFor();

    // A renewed certificate of insurance, as a PDF file.
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByLabel(/^What it is/).selectOption('insurance');
    await documents.getByLabel(/^File/).setInputFiles({ name: `certificate-${s}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await documents.getByLabel(/^In effect from/).fill('2026-12-01');
    await documents.getByLabel(/^Expires on/).fill('2027-12-01');
    await documents.getByLabel(/^Insurer/).fill('Harbor Mutual');
    await documents.getByLabel(/^Policy number/).fill(`GL-${s}`);
    await documents.getByLabel(/^Each-occurrence limit/).fill('2000000');
    await documents.getByRole('button', { name: 'Upload' }).click();
    await documents.getByTestId('document').filter({ hasText: `GL-${s}` }).getByText('submitted', { exact: false }).waitFor();

    // A new worksite and its safety checklist.
    const worksites = page.getByRole('region', { name: 'Worksites' });
    await worksites.getByLabel(/^Worksite name/).fill(site);
    await worksites.getByLabel(/^Street address/).fill('14 Pier Road');
    await worksites.getByLabel(/^City/).fill('Alder');
    await worksites.getByLabel(/^State/).fill('CA');
    await worksites.getByLabel(/^ZIP code/).fill('95002');
    await worksites.getByRole('button', { name: 'Add worksite' }).click();
    const card = worksites.getByTestId('worksite').filter({ hasText: site });
    await card.getByText('No safety checklist yet').waitFor();
    await card.getByRole('button', { name: 'Complete the safety checklist' }).click();
    const answers = card.getByRole('combobox');
    for (let i = 0; i < (await answers.count()); i++) await answers.nth(i).selectOption('yes');
    await card.getByLabel(/^Students per supervising adult/).fill('2');
    await card.getByLabel(/^Emergency procedures/).fill('Exit to the pier lot; the site lead calls 911 and the school.');
    await card.getByLabel(/^Protective equipment/).fill('Safety glasses');
    await card.getByRole('button', { name: 'Send the checklist for review' }).click();
    await card.getByText('Checklist waiting for review').waitFor();

    // A mentor's background check: only its result, date and reference.
    const clearances = page.getByRole('region', { name: 'Supervisor and mentor clearances' });
    await clearances.getByLabel(/^Supervisor's name/).fill('Jo Mentor');
    await clearances.getByLabel(/^Their email/).fill(mentor);
    await clearances.getByLabel(/^Result reference/).fill(`BG-${s}`);
    await clearances.getByLabel(/^Checked on/).fill('2026-11-20');
    await clearances.getByRole('button', { name: 'Record clearance' }).click();
    await clearances.getByTestId('clearance').filter({ hasText: mentor }).getByText('in force', { exact: false }).waitFor();
    await capture(page, 'employer-partnership-desk');
    await signOutThroughUi(page);

    // The convener, from the board.
    await signInAs(page, baseUrl, 'convener');
    await page.goto(`${baseUrl}/#/partners`);
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
    await page.getByLabel('Show').selectOption('documents');
    const row = page.getByRole('row').filter({ hasText: 'Harbor Community Health' }).filter({ hasText: 'None missing · 1 to review' }).first();
    await row.getByRole('link').click();
    const documentRow = page.getByTestId('document').filter({ hasText: `GL-${s}` });
    const download = page.waitForEvent('download');
    await documentRow.getByRole('button', { name: /^Open / }).click();
    expect((await download).suggestedFilename()).toBe(`certificate-${s}.pdf`);
    await documentRow.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('document').filter({ hasText: `GL-${s}` }).getByText('(in force)').waitFor();
    const reviewed = page.getByTestId('worksite').filter({ hasText: site });
    await reviewed.getByRole('button', { name: 'Approve checklist' }).click();
    await reviewed.getByText('Checklist approved').waitFor();
    await capture(page, 'convener-partnership-desk');

    const token = await demoToken(apiUrl, 'employer');
    const me = await apiCall<CurrentCaller>(apiUrl, token, 'GET', '/api/v1/me');
    const employerId = me.memberships.find((m) => m.role === 'employerAdmin')!.organizationId;
    const partnership = await apiCall<Partnership>(apiUrl, token, 'GET', `/api/v1/partners/${employerId}`);
    expect(partnership.documents.find((d) => d.policyNumber === `GL-${s}`)).toMatchObject({ status: 'approved', inForce: true });
    expect(partnership.clearances.find((c) => c.email === mentor)).toMatchObject({ cleared: true, kind: 'backgroundCheck', reference: `BG-${s}` });
    expect(pageErrors).toEqual([]);
  });
});
