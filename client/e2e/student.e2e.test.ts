// A student's day, against the demo API, on a desktop and again on a phone: edit interests (and meet a concurrent
// change), see recommendations with their reasons, search, and rank choices in an open match round.
import type { CurrentCaller, MatchRound, OpportunityPage, RecommendedOpportunity, Student } from '@launchpath/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall } from './session';
import { capture, demoToken, openStory, phone, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');

// The same story on a desktop and on a phone (390 × 844), each with a round of its own.
for (const [label, viewport] of [['desktop', undefined], ['phone', phone]] as const) {
  describe(`Student (${label}): profile, recommendations, search and choices`, () => {
    const roundName = `Student story round ${runSuffix()}${label === 'phone' ? ' on a phone' : ''}`;
    /** A screenshot (on the phone, capture also checks that the page is no wider than the phone). */
    const shot = (page: Page, name: string) => capture(page, (label === 'phone' ? 'phone-' : '') + name);
    let story: Story;
    let studentToken: string;
    let studentId: string;
    /** Three opportunities recommended to the student, and one they cannot take (a training stage needs a prerequisite). */
    let eligible: { id: string; title: string }[];
    let ineligible: { id: string; title: string };

    beforeAll(async () => {
      studentToken = await demoToken(apiUrl, 'student');
      const convenerToken = await demoToken(apiUrl, 'convener');
      const me = await apiCall<CurrentCaller>(apiUrl, studentToken, 'GET', '/api/v1/me');
      studentId = me.studentId!;
      const convener = await apiCall<CurrentCaller>(apiUrl, convenerToken, 'GET', '/api/v1/me');
      const regionId = convener.memberships[0].organizationId;

      // Not in any other unpublished round: other stories open rounds over the same demo data.
      const rounds = await apiCall<MatchRound[]>(apiUrl, convenerToken, 'GET', '/api/v1/match-rounds');
      const busy = new Set(rounds.filter((r) => r.status !== 'published').flatMap((r) => r.opportunities.map((o) => o.opportunityId)));
      const recommended = await apiCall<RecommendedOpportunity[]>(apiUrl, studentToken, 'GET', `/api/v1/students/${studentId}/recommendations?limit=30`);
      // Distinct titles, so each button's name points at one opportunity.
      const titles = new Set<string>();
      eligible = recommended
        .filter((r) => !busy.has(r.opportunity.id) && !titles.has(r.opportunity.fields.title) && titles.add(r.opportunity.fields.title))
        .slice(0, 3)
        .map((r) => ({ id: r.opportunity.id, title: r.opportunity.fields.title }));
      const training = await apiCall<OpportunityPage>(apiUrl, studentToken, 'GET', '/api/v1/opportunities?status=published&stage=training&limit=50');
      const blocked = training.items.find((o) => !busy.has(o.id) && o.fields.prerequisiteStage && !titles.has(o.fields.title))!;
      ineligible = { id: blocked.id, title: blocked.fields.title };
      expect(eligible).toHaveLength(3);

      await apiCall(apiUrl, convenerToken, 'POST', '/api/v1/match-rounds', {
        organizationId: regionId,
        name: roundName,
        opportunityIds: [...eligible.map((e) => e.id), ineligible.id],
        maxChoices: 3,
        seed: 11,
        reservePercent: 0,
      }, 201);

      story = await openStory(viewport);
    });

    afterAll(async () => {
      await story?.close();
    });

    it('signs in and lands on My profile with the school record and preferences', async () => {
      const { page } = story;
      await signInAs(page, baseUrl, 'student');
      await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const item of ['My profile', 'Recommended for me', 'Search opportunities', 'Match rounds']) {
        await nav.getByRole('link', { name: item }).waitFor();
      }
      await expect(nav.getByRole('link', { name: 'Organizations' }).count()).resolves.toBe(0);
      await page.getByRole('heading', { name: 'School record' }).waitFor();
      await shot(page, 'student-profile');
    });

    it('adds a career interest, a skill and a time slot, and saves them with the record’s version', async () => {
      const { page } = story;
      await page.getByRole('checkbox', { name: 'Healthcare & Human Services' }).check();
      const skills = page.getByRole('textbox', { name: 'Skills' });
      await skills.fill(`${await skills.inputValue()}, First aid`);
      await page.getByRole('button', { name: 'Add a time slot' }).click();
      await page.getByRole('button', { name: 'Save preferences' }).click();
      await page.getByRole('status').getByText('Your preferences are saved.').waitFor();

      const saved = await apiCall<Student>(apiUrl, studentToken, 'GET', `/api/v1/students/${studentId}`);
      expect(saved.preferences.careerInterests).toContain('healthcareHumanServices');
      expect(saved.preferences.skills).toContain('First aid');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
      await expect(page.getByRole('checkbox', { name: 'Healthcare & Human Services' }).isChecked()).resolves.toBe(true);
    });

    it('explains a change made elsewhere (412) and shows the latest version', async () => {
      const { page } = story;
      // Another tab saves first: the page still holds the older version.
      const current = await apiCall<Student>(apiUrl, studentToken, 'GET', `/api/v1/students/${studentId}`);
      const response = await fetch(`${apiUrl}/api/v1/students/${studentId}/preferences`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${studentToken}`, 'If-Match': `"${current.version}"` },
        body: JSON.stringify({ ...current.preferences, wantsCredit: !current.preferences.wantsCredit }),
      });
      expect(response.status).toBe(200);

      await page.getByRole('checkbox', { name: 'Education' }).check();
      await page.getByRole('button', { name: 'Save preferences' }).click();
      await page.getByRole('alert').getByText('Your profile was changed somewhere else').waitFor();
      // The form now shows the other tab's change, and not the unsaved one.
      await expect.poll(() => page.getByRole('checkbox', { name: 'I want school credit' }).isChecked()).toBe(!current.preferences.wantsCredit);
      await expect.poll(() => page.getByRole('checkbox', { name: 'Education' }).isChecked()).toBe(current.preferences.careerInterests.includes('education'));
      await shot(page, 'student-profile-conflict');
    });

    it('shows recommendations with scores and the reasons for and against', async () => {
      const { page } = story;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommended for me' }).click();
      await page.getByRole('heading', { level: 1, name: 'Recommended for me' }).waitFor();
      const cards = page.getByRole('list', { name: 'Recommended opportunities' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
      await cards.first().waitFor();
      expect(await cards.count()).toBeGreaterThan(3);
      await expect(cards.first().getByText(/^Score/).isVisible()).resolves.toBe(true);
      await expect(cards.first().getByRole('heading', { name: 'Why it fits' }).isVisible()).resolves.toBe(true);
      // Healthcare is now an interest: its opportunities say so.
      await page.getByText('Matches a career interest.').first().waitFor();
      // Somewhere, a drawback (travel, schedule or seats) lowers a score, and is shown as such.
      await page.getByRole('heading', { name: 'What counts against it' }).first().waitFor();
      await expect(page.locator('.reasons__group--negative .reasons__weight').first().textContent()).resolves.toMatch(/^−/);
      await shot(page, 'student-recommendations');
    });

    it('searches opportunities with filters and pages with "Load more"', async () => {
      const { page } = story;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search opportunities' }).click();
      await page.getByRole('heading', { level: 1, name: 'Search opportunities' }).waitFor();
      const results = page.locator('.result-list > li');
      await page.getByRole('button', { name: 'Load more' }).waitFor();
      expect(await results.count()).toBe(20);
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => results.count()).toBeGreaterThan(20);

      await page.getByLabel('Career cluster').selectOption('healthcareHumanServices');
      await page.getByLabel('Place').selectOption('false');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(async () => (await results.allTextContents()).length).toBeGreaterThan(0);
      const texts = await page.locator('.result-list .facts').allTextContents();
      expect(texts.every((t) => t.includes('Healthcare & Human Services') && !t.includes('WhereVirtual'))).toBe(true);
      await shot(page, 'student-search');
    });

    it('ranks choices in an open round: an ineligible one is not offered (on request, shown with why), then saved in order', async () => {
      const { page } = story;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Match rounds' }).click();
      await page.getByRole('heading', { level: 1, name: 'Match rounds' }).waitFor();
      await page.getByRole('link', { name: `Rank my choices in ${roundName}` }).waitFor();
      await shot(page, 'student-rounds');
      await page.getByRole('link', { name: `Rank my choices in ${roundName}` }).click();
      await page.getByRole('heading', { level: 1, name: roundName }).waitFor();

      // The ineligible one is not offered: listed only on request, with why, and no Add button.
      await page.getByRole('button', { name: `Add ${eligible[0].title} to my choices` }).first().waitFor();
      await expect(page.getByRole('button', { name: `Add ${ineligible.title} to my choices` }).count()).resolves.toBe(0);
      await page.getByLabel(/^Also show the/).check();
      const notForYou = page.locator('.result', { hasText: ineligible.title }).getByText(/^Not for you: /);
      await notForYou.first().waitFor();
      await shot(page, 'student-choices-not-for-you');
      await expect(page.getByRole('button', { name: `Add ${ineligible.title} to my choices` }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: `Add ${eligible[0].title} to my choices` }).first().click();
      await page.getByRole('button', { name: `Add ${eligible[1].title} to my choices` }).first().click();

      const choices = page.getByRole('list', { name: 'My choices, best first' });
      // The second choice moves up with the keyboard; focus follows it.
      const up = choices.getByRole('button', { name: `Move ${eligible[1].title} up` });
      await up.focus();
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(`Move ${eligible[1].title} down`);
      await page.getByRole('button', { name: 'Save my choices' }).click();
      await page.getByRole('status').getByText('Your 2 choices are saved.').waitFor();

      const saved = await apiCall<{ opportunityIds: string[] }>(apiUrl, studentToken, 'GET', `/api/v1/match-rounds/${await roundId(roundName, studentToken)}/choices/${studentId}`);
      expect(saved.opportunityIds).toEqual([eligible[1].id, eligible[0].id]);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: roundName }).waitFor();
      // The heading shows before the saved choices load: wait for them, then count.
      const reloaded = page.getByRole('list', { name: 'My choices, best first' }).getByRole('listitem');
      await reloaded.nth(1).waitFor();
      await expect(reloaded.count()).resolves.toBe(2);
      await shot(page, 'student-choices');
      expect(story.pageErrors).toEqual([]);
    });
  });
}

async function roundId(roundName: string, studentToken: string): Promise<string> {
  const rounds = await apiCall<MatchRound[]>(apiUrl, studentToken, 'GET', '/api/v1/match-rounds');
  return rounds.find((r) => r.name === roundName)!.id;
}
