// A student on a phone, against the demo API: from a recommendation to an application, then (the employer accepting
// and the school approving through the API) to an approved placement the student sees.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Placement } from '@launchpath/contracts';
import { capture, demoToken, openStory, phone, signInAs, type Story } from './story';
import { apiCall } from './session';
import { signOutThroughUi } from './session';

const baseUrl = inject('demoBaseUrl');
let story: Story;

beforeAll(async () => {
  story = await openStory(phone);
}, 60_000);

afterAll(async () => story?.close());

describe('A student applies from a recommendation, on a phone', () => {
  it('opens a recommended opportunity, sees why it fits, applies with a note, and follows it to approval', async () => {
    const { page, pageErrors } = story;
    await page.goto(baseUrl);
    await page.evaluate(() => sessionStorage.clear());
    await signInAs(page, baseUrl, 'student');
    await page.goto(`${baseUrl}/#/recommended`);
    const cards = page.getByRole('list', { name: 'Recommended opportunities' }).getByRole('heading', { level: 2 }).getByRole('link');
    await cards.first().waitFor();
    const titles = await cards.allTextContents();

    // The first recommendation the student has not applied to yet.
    let title: string | undefined;
    for (const candidate of titles) {
      await page.goto(`${baseUrl}/#/recommended`);
      await page.getByRole('link', { name: candidate, exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: candidate }).waitFor();
      await page.getByTestId('seats-left').waitFor();
      if (await page.getByRole('button', { name: 'Apply' }).count()) {
        title = candidate;
        break;
      }
    }
    expect(title, 'a recommendation the demo student has not applied to').toBeDefined();
    await page.getByLabel(/^A note to the employer/).fill('I can work Tuesday and Thursday afternoons.');
    await capture(page, 'student-apply-phone');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Applied\. The employer decides first/).waitFor();
    const href = await page.getByRole('link', { name: 'Follow your application' }).getAttribute('href');
    const placementId = href!.split('/').pop()!;

    // The employer accepts and the school approves (their own stories do this in the browser).
    const coordinator = await demoToken(baseUrl, 'coordinator');
    const placement = await apiCall<Placement>(baseUrl, coordinator, 'GET', `/api/v1/placements/${placementId}`);
    expect(placement.note).toBe('I can work Tuesday and Thursday afternoons.');
    const convener = await demoToken(baseUrl, 'convener');
    await apiCall(baseUrl, convener, 'POST', `/api/v1/placements/${placementId}/accept`, {});
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await apiCall(baseUrl, coordinator, 'POST', `/api/v1/placements/${placementId}/approve`, { expiresOn: inAMonth });

    await page.getByRole('link', { name: 'Follow your application' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(() => page.getByTestId('placement-status').textContent()).toBe('Approved by school');
    await capture(page, 'student-placement-approved-phone');
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await signOutThroughUi(page);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('switches to Spanish from the foot of the page: the student’s pages, their placements and the choice saved for next time', async () => {
    const { page, pageErrors } = story;
    await page.goto(baseUrl);
    await page.evaluate(() => {
      sessionStorage.clear();
      localStorage.clear();
    });
    await signInAs(page, baseUrl, 'student');
    try {
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Recomendado para mí' }).click();
      await page.getByRole('heading', { level: 1, name: 'Recomendado para mí' }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Asignaciones' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mis solicitudes y asignaciones' }).waitFor();
      await capture(page, 'student-placements-spanish-phone');
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);

      // The choice is the student's: saved with their email choices, so another browser opens in Spanish too.
      const token = await demoToken(baseUrl, 'student');
      await expect.poll(async () => (await apiCall<{ language?: string }>(baseUrl, token, 'GET', '/api/v1/me')).language).toBe('es');
    } finally {
      // Back to English for the stories that follow, through the same switch.
      await page.getByRole('button', { name: 'English' }).click();
      const token = await demoToken(baseUrl, 'student');
      await expect.poll(async () => (await apiCall<{ language?: string }>(baseUrl, token, 'GET', '/api/v1/me')).language).toBe('en');
    }
    await signOutThroughUi(page);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
