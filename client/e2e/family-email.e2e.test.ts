// The family's side of a placement, from the email: a coordinator writes a training agreement in the demo data, the
// Spanish-speaking guardian's email arrives at a real SMTP server on loopback (MailSink) in Spanish, and the guardian
// opens its link on a phone, signed out, and records their consent. Then a coordinator invites another guardian to
// sign in from the student's record; the guardian chooses a password from the emailed link, sees the child's
// placement and acknowledges its agreement signed in. Last, a supervisor without an account approves a student's
// hours from the hours email.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guardian, Placement } from '@launchpath/contracts';
import { describeViolations, seriousAccessibilityViolations } from './browser';
import { startMailStory, type MailStory } from './mailStory';
import { artifactsDir, demoPassword } from './servers';
import { apiCall, apiToken, signInThroughUi, signOutThroughUi } from './session';

let story: MailStory;

beforeAll(async () => {
  // The hours email goes hourly; here every second, so the supervisor's story does not wait an hour.
  story = await startMailStory('family', { email: 'admin@family.test', password: `family-e2e-${Date.now()}` }, {
    demo: true,
    // An English phone: the Spanish-speaking guardian's page is in Spanish because the email's link says so.
    locale: 'en-US',
    env: { 'Jobs__Every__hours-digests': '00:00:01' },
  });
}, 180_000);

afterAll(async () => story?.close());

/** The first approved demo placement (as the coordinator sees them) of a student with a guardian `wanted` picks. */
async function approvedWithGuardian(baseUrl: string, token: string, wanted: (g: Guardian) => boolean): Promise<{ placement: Placement; guardian: Guardian } | undefined> {
  const approved = await apiCall<{ items: Placement[] }>(baseUrl, token, 'GET', '/api/v1/placements?status=approved&limit=50');
  for (const placement of approved.items) {
    const guardians = await apiCall<Guardian[]>(baseUrl, token, 'GET', `/api/v1/students/${placement.studentId}/guardians`);
    const guardian = guardians.find(wanted);
    if (guardian) return { placement, guardian };
  }
  return undefined;
}

describe('A guardian consents from the email', () => {
  it('gets the agreement’s link in Spanish when the coordinator writes it, and acknowledges on a phone', async () => {
    const { mail, page, baseUrl, pageErrors } = story;
    // Requests go through the SPA's address, so the email's link points where the family opens the app.
    const token = await apiToken(baseUrl, 'coordinator@demo.launchpath.test', demoPassword);
    const chosen = await approvedWithGuardian(baseUrl, token, (g) => g.preferredLanguage === 'es' && Boolean(g.email));
    expect(chosen, 'the demo has an approved placement of a student whose guardian prefers Spanish').toBeDefined();
    const { placement, guardian } = chosen!;

    await apiCall(baseUrl, token, 'PUT', `/api/v1/placements/${placement.id}/agreement`, {
      objectives: [{ description: 'Shadow the team and keep a daily log', skills: ['Communication'] }],
      schedule: [{ day: 'tuesday', start: '15:30', end: '17:30' }],
      supervisorName: 'Sam Supervisor',
      supervisorEmail: 'supervisor@demo.launchpath.test',
      compensation: 'unpaid',
      credit: '5 elective credits',
    });

    const email = await mail.waitFor(guardian.email!);
    expect(email.subject).toMatch(/^Revise el acuerdo de aprendizaje en el trabajo de /);
    expect(email.text).toContain(`Hola, ${guardian.givenName} ${guardian.familyName}:`);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/acknowledge\/[A-Za-z0-9_-]+\?lang=es)/.exec(email.text)?.[1];
    expect(link, email.text).toBeDefined();
    await expect(mail.waitFor('supervisor@demo.launchpath.test')).resolves.toMatchObject({ subject: expect.stringMatching(/^Training agreement to acknowledge/) });

    // The page is in Spanish, from the link, on a phone set to English.
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: /^Acuerdo de capacitación de / }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
    await page.getByLabel(/^Su nombre completo/).fill(`${guardian.givenName} ${guardian.familyName}`);
    await page.screenshot({ path: join(artifactsDir, 'guardian-email-link-phone.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Confirmo este acuerdo' }).click();
    await page.getByText(/Quedó registrada su confirmación como madre, padre o tutor/).waitFor();

    const after = await apiCall<Placement>(baseUrl, token, 'GET', `/api/v1/placements/${placement.id}`);
    expect(after.agreement?.acknowledgements).toContainEqual(expect.objectContaining({ party: 'guardian', via: 'link', name: `${guardian.givenName} ${guardian.familyName}` }));
    expect(pageErrors).toEqual([]);
  });

  it('a guardian invited from the student’s record signs in on a phone, sees the placement and acknowledges its agreement', async () => {
    const { mail, page, baseUrl, pageErrors } = story;
    const token = await apiToken(baseUrl, 'coordinator@demo.launchpath.test', demoPassword);
    const chosen = await approvedWithGuardian(baseUrl, token, (g) => Boolean(g.email) && !g.account && g.preferredLanguage !== 'es');
    expect(chosen, 'the demo has an approved placement of a student with a guardian who has an email and no account').toBeDefined();
    const { placement, guardian } = chosen!;
    const name = `${guardian.givenName} ${guardian.familyName}`;
    await apiCall(baseUrl, token, 'PUT', `/api/v1/placements/${placement.id}/agreement`, {
      objectives: [{ description: 'Assist the front desk and keep a log', skills: ['Customer service'] }],
      schedule: [{ day: 'thursday', start: '15:30', end: '17:30' }],
      supervisorName: 'Sam Supervisor',
      supervisorEmail: 'supervisor@demo.launchpath.test',
      compensation: 'unpaid',
      credit: 'none',
    });
    await mail.waitFor(guardian.email!);
    const before = mail.received.length;

    // The coordinator, on a phone too, invites the guardian from the student's record (the phone forgets the Spanish
    // the last link chose: the coordinator reads English).
    await page.goto(baseUrl);
    await page.evaluate(() => {
      sessionStorage.clear();
      localStorage.clear();
    });
    await page.goto(baseUrl);
    await signInThroughUi(page, 'coordinator@demo.launchpath.test', demoPassword);
    await page.goto(`${baseUrl}/#/students/${placement.studentId}`);
    await page.getByRole('button', { name: `Invite to sign in: ${name}` }).click();
    await page.getByText(new RegExp(`^Invitation emailed to ${guardian.email!.replace(/[.+]/g, '\\$&')}`)).waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await signOutThroughUi(page);

    const invitation = await mail.waitFor(guardian.email!, before);
    expect(invitation.text).toMatch(/(work-based learning|aprendizaje en el trabajo) de |'s work-based learning/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/set-password\/[A-Za-z0-9_-]+)/.exec(invitation.text)?.[1];
    expect(link, invitation.text).toBeDefined();
    await page.goto(link!);
    await page.getByLabel('New password').fill('a family passphrase 2026');
    await page.getByLabel('Type it again').fill('a family passphrase 2026');
    await page.getByRole('button', { name: 'Save my password and sign in' }).click();
    await page.getByRole('banner').getByText(name).waitFor();

    // Signed in, the guardian's app is their child's placements; the agreement waits for them.
    await page.goto(`${baseUrl}/#/placements`);
    await page.getByRole('link', { name: placement.opportunityTitle }).first().click();
    await page.getByRole('heading', { level: 1, name: placement.opportunityTitle }).waitFor();
    await page.screenshot({ path: join(artifactsDir, 'guardian-signed-in-placement-phone.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Acknowledge as guardian' }).click();
    await page.getByText('Acknowledged.').waitFor();
    const after = await apiCall<Placement>(baseUrl, token, 'GET', `/api/v1/placements/${placement.id}`);
    expect(after.agreement?.acknowledgements).toContainEqual(expect.objectContaining({ party: 'guardian', via: 'account', name }));

    // The family moves away: the coordinator withdraws the placement, and the guardian's email about it is optional,
    // with its unsubscribe link.
    const beforeWithdrawal = mail.received.length;
    await apiCall(baseUrl, token, 'POST', `/api/v1/placements/${placement.id}/withdraw`, { reason: 'The family moved.' });
    const optional = await mail.waitFor(guardian.email!, beforeWithdrawal);
    const unsubscribeLink = /(http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[A-Za-z0-9_-]+)/.exec(optional.text)?.[1];
    expect(unsubscribeLink, optional.text).toBeDefined();

    // In the inbox, on the phone, the guardian asks for one email a day.
    await page.getByRole('banner').getByRole('link', { name: /^Inbox/ }).click();
    const choices = page.getByRole('region', { name: 'Email choices' });
    await choices.getByRole('radio', { name: /One email a day/ }).check();
    await choices.getByRole('button', { name: 'Save my choices' }).click();
    await choices.getByText('Saved: one email a day.').waitFor();
    await page.screenshot({ path: join(artifactsDir, 'guardian-inbox-phone.png'), fullPage: true });
    const inboxViolations = await seriousAccessibilityViolations(page);
    expect(inboxViolations, describeViolations(inboxViolations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await signOutThroughUi(page);

    // The link in an optional email, signed out: it shows that choice and offers to stop them.
    await page.goto(unsubscribeLink!);
    await page.getByText('This address gets one email a day with the optional news, at 4 pm.').waitFor();
    await page.getByRole('button', { name: 'Stop optional emails' }).waitFor();
    await page.screenshot({ path: join(artifactsDir, 'unsubscribe-phone.png'), fullPage: true });
    const linkViolations = await seriousAccessibilityViolations(page);
    expect(linkViolations, describeViolations(linkViolations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });

  it('a supervisor without an account approves a student’s hours from the hours email, on a phone', async () => {
    const { mail, page, baseUrl, pageErrors } = story;
    const coordinator = await apiToken(baseUrl, 'coordinator@demo.launchpath.test', demoPassword);
    const employer = await apiToken(baseUrl, 'employer@demo.launchpath.test', demoPassword);
    const student = await apiToken(baseUrl, 'student@demo.launchpath.test', demoPassword);
    const me = await apiCall<{ studentId: string; memberships: { organizationId: string; organizationType: string }[] }>(baseUrl, employer, 'GET', '/api/v1/me');
    const employerId = me.memberships.find((m) => m.organizationType === 'employer')!.organizationId;
    const studentId = (await apiCall<{ studentId: string }>(baseUrl, student, 'GET', '/api/v1/me')).studentId;

    // The coordinator places the demo student with the employer; the employer accepts; the school approves.
    const open = await apiCall<{ items: { id: string }[] }>(baseUrl, coordinator, 'GET', `/api/v1/opportunities?status=published&employerId=${employerId}&limit=50`);
    let placement: Placement | undefined;
    for (const opportunity of open.items) {
      const response = await fetch(`${baseUrl}/api/v1/placements`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${coordinator}` },
        body: JSON.stringify({ opportunityId: opportunity.id, studentId }),
      });
      if (response.status === 201) {
        placement = (await response.json()) as Placement;
        break;
      }
    }
    expect(placement, 'one of the employer’s published opportunities takes the demo student').toBeDefined();
    const id = placement!.id;
    await apiCall(baseUrl, employer, 'POST', `/api/v1/placements/${id}/accept`, {});
    // Two days ago is past in every time zone; the agreement's schedule names that weekday (hours outside it are refused).
    const worked = new Date(Date.now() - 2 * 86_400_000);
    const workDay = worked.toISOString().slice(0, 10);
    const weekday = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][worked.getUTCDay()];
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await apiCall(baseUrl, coordinator, 'POST', `/api/v1/placements/${id}/approve`, { expiresOn: inAMonth });
    const supervisorEmail = `mentor.${Date.now()}@no-account.employer.test`;
    const written = await apiCall<Placement>(baseUrl, coordinator, 'PUT', `/api/v1/placements/${id}/agreement`, {
      objectives: [{ description: 'Help build the spring schedule', skills: ['Planning'] }],
      schedule: [{ day: weekday, start: '15:30', end: '17:30' }],
      supervisorName: 'Morgan Mentor',
      supervisorEmail,
      compensation: 'unpaid',
      credit: 'none',
    });

    // Everyone acknowledges: the student and the coordinator signed in, the others by their one-time links.
    for (const party of written.agreement!.requiredParties) {
      if (party === 'student' || party === 'coordinator') {
        await apiCall(baseUrl, party === 'student' ? student : coordinator, 'POST', `/api/v1/placements/${id}/agreement/acknowledge`, { party });
      } else {
        const link = await apiCall<{ token: string }>(baseUrl, coordinator, 'POST', `/api/v1/placements/${id}/agreement/links`, { party }, 201);
        const response = await fetch(`${baseUrl}/api/v1/links/${link.token}/acknowledge`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: party === 'supervisor' ? 'Morgan Mentor' : 'A Guardian' }),
        });
        expect(response.status, await response.clone().text()).toBe(200);
      }
    }
    expect((await apiCall<Placement>(baseUrl, coordinator, 'GET', `/api/v1/placements/${id}`)).status).toBe('active');

    // The student logs hours; within seconds the supervisor's email arrives with a link per entry.
    const entry = await apiCall<{ id: string }>(baseUrl, student, 'POST', `/api/v1/placements/${id}/hours`,
      { date: workDay, start: '15:30', minutes: 120, activity: 'Drafted the spring schedule with the team' }, 201);
    const email = await mail.waitFor(supervisorEmail, 0, 30_000, /^Hours to approve: 1 entry/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/hours\/[A-Za-z0-9_-]+)/.exec(email.text)?.[1];
    expect(link, email.text).toBeDefined();

    await page.goto(baseUrl);
    await page.evaluate(() => {
      sessionStorage.clear();
      localStorage.clear();
    });
    await page.goto(link!);
    await page.getByText('Drafted the spring schedule with the team').waitFor();
    await page.getByLabel(/^Your name/).fill('Morgan Mentor');
    await page.screenshot({ path: join(artifactsDir, 'supervisor-hours-email-phone.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Approve hours' }).click();
    await page.getByText('Thank you, Morgan Mentor. The hours are approved; this link is now used up.').waitFor();

    const log = await apiCall<{ entries: { id: string; status: string }[] }>(baseUrl, coordinator, 'GET', `/api/v1/placements/${id}/hours`);
    expect(log.entries.find((h) => h.id === entry.id)).toMatchObject({ status: 'approved' });
    expect(pageErrors).toEqual([]);
  });

  it('a guardian gives permission for a trip off campus from the email, on a phone, and the student may then be marked present', async () => {
    const { mail, page, baseUrl, pageErrors } = story;
    const coordinator = await apiToken(baseUrl, 'coordinator@demo.launchpath.test', demoPassword);
    const employer = await apiToken(baseUrl, 'employer@demo.launchpath.test', demoPassword);
    const chosen = await approvedWithGuardian(baseUrl, coordinator, (g) => g.preferredLanguage === 'es' && Boolean(g.email));
    const { placement, guardian } = chosen!;
    const me = await apiCall<{ memberships: { organizationId: string }[] }>(baseUrl, employer, 'GET', '/api/v1/me');
    const tour = await apiCall<{ id: string }>(baseUrl, employer, 'POST', '/api/v1/opportunities', {
      employerId: me.memberships[0].organizationId,
      fields: { title: `Hospital tour ${Date.now().toString(36)}`, description: 'See the lab, the pharmacy and the emergency room.', type: 'worksiteTour', stage: 'awareness',
        careerCluster: 'healthcareHumanServices', skills: [], modality: 'inPerson', seats: 1,
        address: { line1: '1 Hospital Way', city: 'Alder', state: 'CA', postalCode: '95000', country: 'US' }, schedule: [], compensation: 'unpaid', creditOffered: false, requiredForms: [],
        hazardous: false, audience: 'region', audienceOrganizationIds: [] },
    }, 201);
    await apiCall(baseUrl, employer, 'POST', `/api/v1/opportunities/${tour.id}/submit`);
    await apiCall(baseUrl, await apiToken(baseUrl, 'convener@demo.launchpath.test', demoPassword), 'POST', `/api/v1/opportunities/${tour.id}/approve`);
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const session = await apiCall<{ id: string; offCampus: boolean }>(baseUrl, employer, 'POST', `/api/v1/opportunities/${tour.id}/sessions`, {
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(), location: 'Valley General Hospital, main entrance', capacity: 20,
    }, 201);
    expect(session.offCampus).toBe(true);
    const before = mail.received.length;
    await apiCall(baseUrl, coordinator, 'POST', `/api/v1/event-sessions/${session.id}/registrations`, { studentIds: [placement.studentId] });

    const email = await mail.waitFor(guardian.email!, before, 20_000, /^Permiso para que /);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/permission\/[A-Za-z0-9_-]+\?lang=es)/.exec(email.text)?.[1];
    expect(link, email.text).toBeDefined();
    await expect(apiCall(baseUrl, employer, 'PUT', `/api/v1/event-sessions/${session.id}/attendance`, { present: [placement.studentId], absent: [] })).rejects.toThrow(/422/);

    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: /^Permiso para que .+ vaya a una salida$/ }).waitFor();
    await page.getByLabel('Su nombre').fill(`${guardian.givenName} ${guardian.familyName}`);
    await page.getByRole('button', { name: 'Doy permiso', exact: true }).click();
    await page.getByText(/^Gracias: el permiso está dado/).waitFor();
    const shot = join(artifactsDir, 'trip-permission-phone.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(await seriousAccessibilityViolations(page), describeViolations(await seriousAccessibilityViolations(page))).toEqual([]);

    await apiCall(baseUrl, employer, 'PUT', `/api/v1/event-sessions/${session.id}/attendance`, { present: [placement.studentId], absent: [] });
    expect(pageErrors).toEqual([]);
  });
});
