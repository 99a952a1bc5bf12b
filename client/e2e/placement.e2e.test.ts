// A placement's follow-through, against the demo API: the coordinator writes the agreement and sends a guardian a
// one-time link, which the guardian opens signed out; the student acknowledges, logs hours and reflects; the supervisor
// approves hours and evaluates; the employer's admin sends an hours link that a supervisor without an account uses;
// the coordinator completes the placement. On a desktop, and again on a phone.
import type { CurrentCaller, HoursLog, OpportunityPage, Placement, PlacementPage } from '@launchpath/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, signOutThroughUi } from './session';
import { capture, demoToken, openStory, phone, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');
// The same story on a desktop and on a phone (390 × 844), each with a placement of its own.
for (const [label, viewport] of [['desktop', undefined], ['phone', phone]] as const) {
  describe(`Placement follow-through (${label})`, () => {
    const shotPrefix = label === 'phone' ? 'phone-' : '';
    const suffix = runSuffix();
    const objective = `Label and track lab samples (${suffix})`;

    let story: Story;
    let placement: Placement;
    let studentFirstName: string;
    /** The day the student logs hours: a recent day on which they have logged none. */
    let workDay: string;
    let guardianLink: string;
    let hoursLink: string;

    /** POST as the student; the status instead of throwing, to try one opportunity after another. */
    async function tryApply(token: string, opportunityId: string, studentId: string): Promise<Placement | undefined> {
      const response = await fetch(`${apiUrl}/api/v1/placements`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ opportunityId, studentId }),
      });
      return response.status === 201 ? ((await response.json()) as Placement) : undefined;
    }

    const isoDay = (date: Date) => date.toISOString().slice(0, 10);

    beforeAll(async () => {
      const studentToken = await demoToken(apiUrl, 'student');
      const employerToken = await demoToken(apiUrl, 'employer');
      const coordinatorToken = await demoToken(apiUrl, 'coordinator');
      const student = await apiCall<CurrentCaller>(apiUrl, studentToken, 'GET', '/api/v1/me');
      const employer = await apiCall<CurrentCaller>(apiUrl, employerToken, 'GET', '/api/v1/me');
      const employerId = employer.memberships[0].organizationId;

      // A placement of our own, so other stories over the same demo data never meet it: the student applies to the first
      // of the employer's published opportunities that is open to them, the employer accepts, the school approves.
      const ours = await apiCall<OpportunityPage>(apiUrl, employerToken, 'GET', `/api/v1/opportunities?employerId=${employerId}&status=published&limit=50`);
      for (const o of ours.items) {
        const applied = await tryApply(studentToken, o.id, student.studentId!);
        if (applied) {
          placement = applied;
          break;
        }
      }
      expect(placement, 'an opportunity of the demo employer open to the demo student').toBeDefined();
      studentFirstName = placement.studentName.split(' ')[0];
      await apiCall(apiUrl, employerToken, 'POST', `/api/v1/placements/${placement.id}/accept`, {});
      const expiresOn = isoDay(new Date(Date.now() + 30 * 86_400_000));
      await apiCall(apiUrl, coordinatorToken, 'POST', `/api/v1/placements/${placement.id}/approve`, { expiresOn });

      // Hours count toward the child-labor limits across all of a student's placements: work on a day with none logged.
      const theirs = await apiCall<PlacementPage>(apiUrl, studentToken, 'GET', '/api/v1/placements?limit=100');
      const logged = new Set<string>();
      for (const p of theirs.items.filter((item) => item.status === 'active' || item.status === 'completed')) {
        const log = await apiCall<HoursLog>(apiUrl, studentToken, 'GET', `/api/v1/placements/${p.id}/hours`);
        for (const entry of log.entries) logged.add(entry.date);
      }
      workDay = [1, 2, 3, 4, 5, 6, 7].map((back) => isoDay(new Date(Date.now() - back * 86_400_000))).find((day) => !logged.has(day))!;

      story = await openStory(viewport);
    });

    afterAll(async () => {
      await story?.close();
    });

    async function openPlacement(page: Page): Promise<void> {
      await page.evaluate((hash) => {
        window.location.hash = hash;
      }, `#/placements/${placement.id}`);
      await page.getByRole('heading', { level: 1, name: placement.opportunityTitle }).waitFor();
    }

    const status = (page: Page) => page.getByTestId('placement-status');
    const entries = (page: Page) => page.getByRole('list', { name: 'Hours entries' });
    const entry = (page: Page, time: string) => entries(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(time) }) });

    describe('Placement follow-through: agreement, links, hours, evaluation, reflection, completion', () => {
      it('lets the coordinator write the agreement, acknowledge it and create a guardian link', async () => {
        const { page } = story;
        await signInAs(page, baseUrl, 'coordinator');
        await openPlacement(page);
        await expect(status(page).textContent()).resolves.toBe('Approved by school');

        await page.getByLabel('Learning objectives').fill(`${objective}\nFollow the lab's safety procedures`);
        await page.getByLabel('Supervisor name').fill('Sam Supervisor');
        await page.getByLabel('Supervisor email').fill('sam.supervisor@harbor.demo.test');
        await page.getByLabel('Compensation').fill('unpaid');
        await page.getByLabel(/^Credit/).fill('2.5 elective credits');
        await page.getByRole('button', { name: 'Save agreement' }).click();
        await page.getByRole('status').getByText('Agreement saved.').waitFor();
        await expect(status(page).textContent()).resolves.toBe('Agreement pending');

        await page.getByRole('button', { name: 'Acknowledge as coordinator' }).click();
        await page.getByRole('list', { name: 'Acknowledgements' }).getByText(/Coordinator: acknowledged by/).waitFor();

        await page.getByLabel('Link for').selectOption('guardian');
        await page.getByRole('button', { name: 'Create link' }).click();
        guardianLink = (await page.getByTestId('one-time-link').textContent()) ?? '';
        // The API builds the link from the host the request came to: the app's, through its proxy.
        expect(guardianLink).toMatch(new RegExp(`^${baseUrl}/acknowledge/[A-Za-z0-9_-]{20,}$`));
        await capture(page, shotPrefix + 'placement-agreement-link');
      });

      it('lets the guardian open the link signed out and acknowledge, once', async () => {
        const { page } = story;
        await signOutThroughUi(page);
        await page.goto(guardianLink);
        await page.getByRole('heading', { level: 1, name: `Training agreement for ${studentFirstName}` }).waitFor();
        await page.getByRole('region', { name: 'The agreement' }).getByText(objective).waitFor();
        await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
        await page.getByRole('button', { name: 'I acknowledge this agreement' }).click();
        await page.getByRole('alert').getByText('Please correct the highlighted fields.').waitFor();
        await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('name');
        await capture(page, shotPrefix + 'link-acknowledge');

        await page.getByLabel('Your full name').fill('Maria Guardian');
        await page.getByRole('button', { name: 'I acknowledge this agreement' }).click();
        await page.getByRole('status').getByText('Thank you, Maria Guardian.', { exact: false }).waitFor();
        await capture(page, shotPrefix + 'link-acknowledged');

        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'This link has been used or has expired' }).waitFor();
        await capture(page, shotPrefix + 'link-used');
        await page.goto(`${baseUrl}/hours/not-a-link-that-was-ever-issued`);
        await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
        await capture(page, shotPrefix + 'link-invalid');
      });

      it('lets the student acknowledge, then log hours (checked first) and write a reflection', async () => {
        const { page } = story;
        await signInAs(page, baseUrl, 'student');
        await openPlacement(page);
        await page.getByRole('list', { name: 'Acknowledgements' }).getByText('Guardian: acknowledged by Maria Guardian', { exact: false }).waitFor();
        await page.getByRole('button', { name: 'Acknowledge as student' }).click();
        await page.getByRole('status').getByText('Acknowledged.').waitFor();
        // The supervisor acknowledges from their own account; with everyone in, the placement is active.
        await apiCall(apiUrl, await demoToken(apiUrl, 'supervisor'), 'POST', `/api/v1/placements/${placement.id}/agreement/acknowledge`, { party: 'supervisor' });
        await page.reload();
        await page.getByRole('heading', { level: 1, name: placement.opportunityTitle }).waitFor();
        await expect.poll(() => status(page).textContent()).toBe('Active');

        const form = page.getByRole('form', { name: 'Log hours' });
        await form.getByLabel('Date').fill(workDay);
        await form.getByLabel('Start time').fill('15:30');
        await form.getByRole('button', { name: 'Log hours' }).click();
        await form.getByText('Enter the time you finished, like 17:00.').waitFor();
        await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('end');
        await capture(page, shotPrefix + 'placement-hours-validation');

        await form.getByLabel('End time').fill('16:30');
        await form.getByLabel('What you did').fill('Labelled and logged incoming samples');
        await form.getByRole('button', { name: 'Log hours' }).click();
        await page.getByRole('status').getByText(/^Logged 1 h on /).waitFor();
        await form.getByLabel('Date').fill(workDay);
        await form.getByLabel('Start time').fill('16:30');
        await form.getByLabel('End time').fill('17:00');
        await form.getByLabel('What you did').fill('Cleaned the bench and restocked gloves');
        await form.getByRole('button', { name: 'Log hours' }).click();
        await entry(page, '16:30–17:00').waitFor();
        await expect(page.getByTestId('hours-pending').textContent()).resolves.toBe('1 h 30 min');

        const reflection = page.getByRole('form', { name: 'Write a reflection' });
        await reflection.getByLabel('Your reflection').fill('I learned why every sample is labelled twice; it connects to our chemistry unit on measurement error.');
        await reflection.getByLabel('How worthwhile was this time?').selectOption('5');
        await reflection.getByRole('button', { name: 'Save reflection' }).click();
        await page.getByRole('status').getByText('Your reflection is saved.').waitFor();
        await page.getByRole('list', { name: 'Reflections' }).getByText(/labelled twice/).waitFor();
        await capture(page, shotPrefix + 'placement-student-hours');
      });

      it('lets the supervisor approve hours and submit the midpoint evaluation against the rubric', async () => {
        const { page } = story;
        await signOutThroughUi(page);
        await signInAs(page, baseUrl, 'supervisor');
        await openPlacement(page);
        // Reflections are the student's and the school's, not the employer's.
        await expect(page.getByRole('heading', { name: 'Reflections' }).count()).resolves.toBe(0);
        await entry(page, '15:30–16:30').getByRole('button', { name: /^Approve/ }).click();
        await page.getByRole('status').getByText(/^Approved the hours of /).waitFor();
        await expect(page.getByTestId('hours-approved').textContent()).resolves.toBe('1 h');
        // Only the employer's admin sends approval links.
        await expect(page.getByRole('button', { name: /Create approval link/ }).count()).resolves.toBe(0);

        const form = page.getByRole('form', { name: 'Evaluate the student' });
        const groups = form.locator('fieldset fieldset');
        const count = await groups.count();
        expect(count).toBeGreaterThan(3);
        await form.getByRole('button', { name: 'Submit evaluation' }).click();
        await form.getByRole('alert').getByText(`Rate every skill, or choose “Not applicable”: ${count} left.`).waitFor();
        await capture(page, shotPrefix + 'placement-evaluation-validation');
        for (let i = 0; i < count; i++) {
          await groups.nth(i).getByRole('radio', { name: i === 0 ? 'Not applicable' : '3 – Meets expectations' }).check();
        }
        await form.getByLabel('Comments').fill('Careful and reliable; ask more questions.');
        await form.getByRole('button', { name: 'Submit evaluation' }).click();
        await page.getByRole('status').getByText('Midpoint evaluation submitted.').waitFor();
        const card = page.getByRole('article', { name: 'Midpoint evaluation' });
        await card.getByText('3 of 4').waitFor();
        await card.getByRole('row', { name: /Works well with others .* 3 – Meets expectations/ }).waitFor();
        await capture(page, shotPrefix + 'placement-evaluation');
      });

      it('lets the employer admin send an hours link that a supervisor without an account uses signed out', async () => {
        const { page } = story;
        await signOutThroughUi(page);
        await signInAs(page, baseUrl, 'employer');
        await openPlacement(page);
        await entry(page, '16:30–17:00').getByRole('button', { name: /^Create approval link/ }).click();
        hoursLink = (await page.getByTestId('one-time-link').textContent()) ?? '';
        expect(hoursLink).toMatch(new RegExp(`^${baseUrl}/hours/[A-Za-z0-9_-]{20,}$`));
        await capture(page, shotPrefix + 'placement-hours-link');

        await signOutThroughUi(page);
        await page.goto(hoursLink);
        await page.getByRole('heading', { level: 1, name: `Hours to approve for ${studentFirstName}` }).waitFor();
        await page.getByText('Cleaned the bench and restocked gloves').waitFor();
        await capture(page, shotPrefix + 'link-hours');
        await page.getByLabel('Your name').fill('Pat Nightshift');
        await page.getByRole('button', { name: 'Approve hours' }).click();
        await page.getByRole('status').getByText('Thank you, Pat Nightshift. The hours are approved; this link is now used up.').waitFor();
        await expect(page.getByTestId('linked-hours-status').textContent()).resolves.toBe('Approved');
        await capture(page, shotPrefix + 'link-hours-approved');
      });

      it('lets the coordinator see everything read-only and complete the placement', async () => {
        const { page } = story;
        await signInAs(page, baseUrl, 'coordinator');
        await openPlacement(page);
        await expect.poll(() => page.getByTestId('hours-approved').textContent()).toBe('1 h 30 min');
        await expect(page.getByTestId('hours-pending').textContent()).resolves.toBe('0 h');
        await expect(entries(page).getByRole('button').count()).resolves.toBe(0);
        await page.getByRole('article', { name: 'Midpoint evaluation' }).waitFor();
        await page.getByRole('list', { name: 'Reflections' }).getByText(/labelled twice/).waitFor();
        await expect(page.getByRole('form', { name: 'Write a reflection' }).count()).resolves.toBe(0);

        // No final evaluation yet: the dialog says so, and completing anyway takes a reason, which is recorded.
        await page.getByRole('button', { name: 'Complete placement' }).click();
        const dialog = page.getByRole('dialog', { name: 'Complete this placement?' });
        await dialog.getByText('The employer has not submitted the final evaluation').waitFor();
        await dialog.getByLabel(/^Why complete it anyway/).fill('The employer sends the final evaluation on paper.');
        await dialog.getByRole('button', { name: 'Complete anyway' }).click();
        await page.getByRole('status').getByText('Completed.').waitFor();
        await expect(status(page).textContent()).resolves.toBe('Completed');
        await capture(page, shotPrefix + 'placement-completed');

        const log = await apiCall<HoursLog>(apiUrl, await demoToken(apiUrl, 'coordinator'), 'GET', `/api/v1/placements/${placement.id}/hours`);
        expect(log.entries.map((e) => e.status)).toEqual(['approved', 'approved']);
        expect(story.pageErrors).toEqual([]);
      });
    });
  });
}
