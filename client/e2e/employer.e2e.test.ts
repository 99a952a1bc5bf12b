// An employer's day and the curation that follows, against the demo API: draft an opportunity with the full form,
// submit it, rank applicants in a round; a coordinator approves it (and rejects another with a reason the employer sees).
import type {
  CurrentCaller,
  MatchRound,
  Opportunity,
  OpportunityFields,
  OpportunityPage,
  Organization,
  RecommendedStudent,
  RoundApplicant,
  Student,
  UpdateOrganizationRequest,
} from '@launchpath/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall, signOutThroughUi } from './session';
import { capture, demoToken, openStory, phone, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');
// The same story on a desktop and on a phone (390 × 844), each with opportunities and a round of its own.
for (const [label, viewport] of [['desktop', undefined], ['phone', phone]] as const) {
  describe(`Employer and curation (${label})`, () => {
    const shotPrefix = label === 'phone' ? 'phone-' : '';
    const suffix = runSuffix();
    const title = `Clinic job shadow ${suffix}`;
    const toReject = `Night shift shadow ${suffix}`;
    const rejection = 'Students under 16 cannot work night shifts: set a minimum age of 16 and daytime hours.';
    const roundName = `Employer story round ${suffix}`;

    let story: Story;
    let employerToken: string;
    let roundId: string;
    let applicantOpportunity: { id: string; title: string };
    let shared: string[];
    let notShared: string[];
    /** The employer as the story found it, to put back afterwards. */
    let employerBefore: Organization | undefined;

    const draftFields = (name: string, schoolId: string): OpportunityFields => ({
      title: name,
      description: 'Shadow a nurse on the evening shift.',
      type: 'jobShadowing',
      stage: 'exploration',
      careerCluster: 'healthcareHumanServices',
      skills: [],
      modality: 'virtual',
      seats: 2,
      schedule: [],
      compensation: 'unpaid',
      creditOffered: false,
      requiredForms: [],
      hazardous: false,
      audience: 'school',
      audienceOrganizationIds: [schoolId],
    });

    beforeAll(async () => {
      employerToken = await demoToken(apiUrl, 'employer');
      const convenerToken = await demoToken(apiUrl, 'convener');
      const employer = await apiCall<CurrentCaller>(apiUrl, employerToken, 'GET', '/api/v1/me');
      const employerId = employer.memberships[0].organizationId;
      employerBefore = await apiCall<Organization>(apiUrl, employerToken, 'GET', `/api/v1/organizations/${employerId}`);
      const convener = await apiCall<CurrentCaller>(apiUrl, convenerToken, 'GET', '/api/v1/me');
      // The coordinator's school (Alder High): the coordinator curates what is offered to it.
      const coordinator = await apiCall<CurrentCaller>(apiUrl, await demoToken(apiUrl, 'coordinator'), 'GET', '/api/v1/me');
      const schoolId = coordinator.memberships[0].organizationId;

      // A draft submitted straight through the API, for the coordinator to reject.
      const other = await apiCall<Opportunity>(apiUrl, employerToken, 'POST', '/api/v1/opportunities', { employerId, fields: draftFields(toReject, schoolId) }, 201);
      await apiCall(apiUrl, employerToken, 'POST', `/api/v1/opportunities/${other.id}/submit`);

      // A round with one of the employer's published opportunities, ranked by students who do and do not share their profile.
      const rounds = await apiCall<MatchRound[]>(apiUrl, convenerToken, 'GET', '/api/v1/match-rounds');
      const busy = new Set(rounds.filter((r) => r.status !== 'published').flatMap((r) => r.opportunities.map((o) => o.opportunityId)));
      const ours = await apiCall<OpportunityPage>(apiUrl, employerToken, 'GET', `/api/v1/opportunities?employerId=${employerId}&status=published&limit=50`);
      let candidates: RecommendedStudent[] = [];
      for (const o of ours.items.filter((item) => !busy.has(item.id))) {
        candidates = await apiCall<RecommendedStudent[]>(apiUrl, convenerToken, 'GET', `/api/v1/opportunities/${o.id}/candidates?limit=40`);
        if (candidates.length >= 8) {
          applicantOpportunity = { id: o.id, title: o.fields.title };
          break;
        }
      }
      expect(applicantOpportunity).toBeDefined();
      const round = await apiCall<MatchRound>(apiUrl, convenerToken, 'POST', '/api/v1/match-rounds', {
        organizationId: convener.memberships[0].organizationId,
        name: roundName,
        opportunityIds: [applicantOpportunity.id],
        maxChoices: 1,
        reservePercent: 0,
      }, 201);
      roundId = round.id;
      shared = [];
      notShared = [];
      for (const c of candidates) {
        const student = await apiCall<Student>(apiUrl, convenerToken, 'GET', `/api/v1/students/${c.studentId}`);
        const bucket = student.preferences.shareProfileWithEmployers ? shared : notShared;
        if (bucket.length >= 3) continue;
        bucket.push(c.studentId);
        await apiCall(apiUrl, convenerToken, 'PUT', `/api/v1/match-rounds/${roundId}/choices/${c.studentId}`, { opportunityIds: [applicantOpportunity.id] });
      }

      story = await openStory(viewport);
    });

    afterAll(async () => {
      await story?.close();
      if (employerBefore) {
        // Whatever the organization step changed, put the employer back as it was (If-Match: * takes any version).
        const { name, sourcedId, identifier, address, industry, careerCluster } = employerBefore;
        const fields: UpdateOrganizationRequest = { name, sourcedId, identifier, address, industry, careerCluster };
        await apiCall(apiUrl, employerToken, 'PUT', `/api/v1/organizations/${employerBefore.id}`, fields, 200, { 'If-Match': '*' });
      }
    });

    describe('Employer: draft, submit and rank applicants; coordinator: curate', () => {
      it('lands on Our opportunities', async () => {
        const { page } = story;
        await signInAs(page, baseUrl, 'employer');
        await page.getByRole('heading', { level: 1, name: 'Our opportunities' }).waitFor();
        await page.getByRole('table', { name: 'Our opportunities' }).waitFor();
        await page.getByRole('link', { name: toReject }).waitFor();
        await capture(page, shotPrefix + 'employer-opportunities');
      });

      it('checks the form before sending it', async () => {
        const { page } = story;
        await page.getByRole('link', { name: 'New opportunity' }).click();
        await page.getByRole('heading', { level: 1, name: 'New opportunity' }).waitFor();
        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.getByRole('alert').getByText('Please correct the highlighted fields.').waitFor();
        await expect(page.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true');
        await expect(page.getByLabel('Street address').getAttribute('aria-invalid')).resolves.toBe('true');
        // Focus goes to the first field to fix.
        await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('title');
        await capture(page, shotPrefix + 'employer-opportunity-validation');
      });

      it('fills in every section, saves a draft and submits it for curation', async () => {
        const { page } = story;
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('Kind').selectOption('jobShadowing');
        await page.getByRole('combobox', { name: 'Stage', exact: true }).selectOption('exploration');
        await page.getByLabel('Career cluster').selectOption('healthcareHumanServices');
        await page.getByRole('textbox', { name: 'Description', exact: true }).fill('Follow a clinic nurse through an afternoon of patient visits.');
        await page.getByLabel('Duties').fill('Observe intake, help restock rooms, keep a short journal.');
        await page.getByLabel('Skills').fill('Empathy, Medical terminology');
        await page.getByLabel('Modality').selectOption('hybrid');
        await page.getByLabel('Site name').fill('Harbor Clinic');
        await page.getByLabel('Street address').fill('12 Harbor Way');
        await page.getByLabel('City').fill('Alder');
        await page.getByLabel('State').fill('CA');
        await page.getByLabel('ZIP code').fill('94001');
        await page.getByLabel('Seats').fill('3');
        await page.getByLabel('Start date').fill('2027-03-01');
        await page.getByLabel('End date').fill('2027-03-29');
        await page.getByRole('button', { name: 'Add a time slot' }).click();
        await page.getByLabel('From').fill('14:00');
        await page.getByLabel('To', { exact: true }).fill('17:00');
        await page.getByLabel('Expected hours in total').fill('12');
        await page.getByLabel('Compensation').selectOption('stipend');
        await page.getByLabel('Stipend amount (USD, total)').fill('150');
        await page.getByLabel('School credit offered').check();
        await page.getByLabel('Credit description').fill('0.5 elective credit');
        await page.getByLabel('Lowest grade').fill('10');
        await page.getByLabel('Minimum age').fill('15');
        await page.getByLabel('Required forms').fill('Parent permission, Immunization record');
        await page.getByLabel('Offered to').selectOption('school');
        await page.getByRole('checkbox', { name: /^Alder High School \(demo\)/ }).check();

        await page.getByRole('button', { name: 'Save draft' }).click();
        await page.getByRole('status').getByText('The draft is saved.').waitFor();
        await page.waitForURL(/#\/our-opportunities\/[0-9a-f-]{36}$/);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await expect(page.getByLabel('Stipend amount (USD, total)').inputValue()).resolves.toBe('150');

        await page.getByRole('button', { name: 'Submit for curation' }).click();
        await page.getByRole('status').getByText('Submitted for curation.').waitFor();
        await page.getByText('Awaiting curation', { exact: true }).first().waitFor();
        await page.getByRole('heading', { name: 'Details' }).waitFor();
        await expect(page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(0);
        await capture(page, shotPrefix + 'employer-opportunity-submitted');
      });

      it('ranks applicants, with those who did not share their profile shown anonymously', async () => {
        const { page } = story;
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applicants' }).click();
        await page.getByRole('heading', { level: 1, name: 'Applicants' }).waitFor();
        await page.getByRole('heading', { name: roundName }).waitFor();
        await capture(page, shotPrefix + 'employer-applicant-rounds');
        await page.getByRole('link', { name: new RegExp(`Review \\d+ applicants for ${escape(applicantOpportunity.title)}`) }).first().click();
        await page.getByRole('heading', { level: 1, name: `Applicants: ${applicantOpportunity.title}` }).waitFor();

        const unranked = page.getByRole('region', { name: /Not ranked yet/ });
        await expect.poll(() => unranked.getByRole('listitem').count()).toBe(shared.length + notShared.length);
        if (notShared.length > 0) await unranked.getByText('Profile not shared').first().waitFor();

        const rankButtons = unranked.getByRole('button', { name: /^Rank: / });
        const first = ((await rankButtons.first().getAttribute('aria-label')) ?? '').replace('Rank: ', '');
        await rankButtons.first().click();
        const second = ((await rankButtons.first().getAttribute('aria-label')) ?? '').replace('Rank: ', '');
        await rankButtons.first().click();
        await unranked.getByRole('button', { name: /^Not acceptable: / }).first().click();
        // The second becomes the favourite.
        await page.getByRole('list', { name: 'Your ranking, best first' }).getByRole('button', { name: `Move ${second} up` }).click();
        await page.getByRole('button', { name: 'Save ranking' }).click();
        await page.getByRole('status').getByText('Ranking saved: 2 ranked, 1 not acceptable.').waitFor();

        const saved = await apiCall<RoundApplicant[]>(apiUrl, employerToken, 'GET', `/api/v1/match-rounds/${roundId}/opportunities/${applicantOpportunity.id}/applicants`);
        const rankOf = (name: string) => saved.find((a) => a.displayName === name)?.employerRank;
        expect([rankOf(second), rankOf(first)]).toEqual([1, 2]);
        expect(saved.filter((a) => a.unacceptable)).toHaveLength(1);
        await capture(page, shotPrefix + 'employer-applicants');
      });

      it('lets a coordinator approve the new opportunity and reject another with a reason', async () => {
        const { page } = story;
        await signOutThroughUi(page);
        await signInAs(page, baseUrl, 'coordinator');
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Curation' }).click();
        await page.getByRole('heading', { level: 1, name: 'Curation' }).waitFor();
        const item = (name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name }) });
        await item(title).waitFor();
        await capture(page, shotPrefix + 'curation');

        await item(title).getByRole('button', { name: /^Approve and publish/ }).click();
        await page.getByRole('status').getByText(`Approved “${title}”: it is published.`).waitFor();
        await item(title).waitFor({ state: 'detached' });

        await item(toReject).getByRole('button', { name: /^Reject…/ }).click();
        await item(toReject).getByRole('button', { name: 'Reject', exact: true }).click();
        await item(toReject).getByText('Enter a reason.').waitFor();
        await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('reason');
        await capture(page, shotPrefix + 'curation-reject');
        await item(toReject).getByLabel('Reason for the employer').fill(rejection);
        await item(toReject).getByRole('button', { name: 'Reject', exact: true }).click();
        await page.getByRole('status').getByText(`Rejected “${toReject}”.`).waitFor();
      });

      it('shows the employer the published opportunity and the rejection reason', async () => {
        const { page } = story;
        await signOutThroughUi(page);
        await signInAs(page, baseUrl, 'employer');
        const table = page.getByRole('table', { name: 'Our opportunities' });
        const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name }) });
        await row(title).getByText('Published').waitFor();
        await row(toReject).getByText(`Not approved: ${rejection}`).waitFor();
        await row(toReject).getByRole('link', { name: toReject }).click();
        await page.getByText(rejection).waitFor();
        // A rejected opportunity can be fixed and submitted again.
        await page.getByRole('button', { name: 'Submit for curation' }).waitFor();
        await capture(page, shotPrefix + 'employer-opportunity-rejected');
        expect(story.pageErrors).toEqual([]);
      });

      it('lets the employer correct their organization profile', async () => {
        const { page } = story;
        const street = `${100 + Math.floor(Math.random() * 800)} Harbor Way`;
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Our organization' }).click();
        await page.getByRole('heading', { level: 1, name: employerBefore!.name }).waitFor();
        await page.getByRole('button', { name: 'Edit details' }).click();
        const form = page.getByRole('form', { name: 'Edit details' });
        await expect(form.getByLabel('Name').inputValue()).resolves.toBe(employerBefore!.name);
        await form.getByLabel('Street address').fill(street);
        await form.getByLabel('City').fill('Alder');
        await form.getByLabel('State').fill('CA');
        await form.getByLabel('ZIP code').fill('94001');
        await form.getByRole('button', { name: 'Save changes' }).click();
        await page.getByRole('status').getByText('Your changes are saved.').waitFor();
        await page.getByText(`${street}, Alder, CA 94001`).waitFor();

        const saved = await apiCall<Organization>(apiUrl, employerToken, 'GET', `/api/v1/organizations/${employerBefore!.id}`);
        expect(saved.address).toMatchObject({ line1: street, city: 'Alder', state: 'CA', postalCode: '94001' });
        expect(saved.version).toBe(employerBefore!.version + 1);
        await capture(page, shotPrefix + 'employer-organization');
        expect(story.pageErrors).toEqual([]);
      });
    });

    function escape(text: string): string {
      return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  });
}
