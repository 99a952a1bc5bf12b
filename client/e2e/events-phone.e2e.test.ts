// An event at phone width, against the demo API: the employer's worksite tour has a session starting soon; the teacher
// registers their class from a phone; the host takes attendance standing at the gate (everyone present, then the one
// who did not come), and the roster says so.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CurrentCaller, EventRegistration, EventSession, Opportunity } from '@launchpath/contracts';
import { apiCall, signOutThroughUi } from './session';
import { capture, demoToken, openStory, phone, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');
const apiUrl = inject('demoApiUrl');

let teacherStory: Story;
let hostStory: Story;
let session: EventSession;
let employerToken: string;
let demoStudentId: string;

beforeAll(async () => {
  employerToken = await demoToken(apiUrl, 'employer');
  const convenerToken = await demoToken(apiUrl, 'convener');
  const employer = await apiCall<CurrentCaller>(apiUrl, employerToken, 'GET', '/api/v1/me');
  demoStudentId = (await apiCall<CurrentCaller>(apiUrl, await demoToken(apiUrl, 'student'), 'GET', '/api/v1/me')).studentId!;
  const tour = await apiCall<Opportunity>(apiUrl, employerToken, 'POST', '/api/v1/opportunities', {
    employerId: employer.memberships[0].organizationId,
    fields: {
      title: `Solar farm tour ${runSuffix()}`,
      description: 'Walk the panels with the site technicians and see the control room.',
      type: 'worksiteTour',
      stage: 'awareness',
      careerCluster: 'energyNaturalResources',
      skills: [],
      modality: 'virtual',
      seats: 1,
      schedule: [],
      compensation: 'unpaid',
      creditOffered: false,
      requiredForms: [],
      hazardous: false,
      audience: 'region',
      audienceOrganizationIds: [],
    },
  }, 201);
  await apiCall(apiUrl, employerToken, 'POST', `/api/v1/opportunities/${tour.id}/submit`);
  await apiCall(apiUrl, convenerToken, 'POST', `/api/v1/opportunities/${tour.id}/approve`);
  const startsAt = new Date(Date.now() + 20 * 60_000);
  session = await apiCall<EventSession>(apiUrl, employerToken, 'POST', `/api/v1/opportunities/${tour.id}/sessions`, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
    location: 'Alder High gym (the solar team brings a panel)',
    capacity: 40,
    // At the school: no trip, so no guardian's permission (the trip rule has its own API test).
    offCampus: false,
  }, 201);
  teacherStory = await openStory(phone);
  hostStory = await openStory(phone);
});

afterAll(async () => {
  await teacherStory?.close();
  await hostStory?.close();
});

describe('An event on a phone', () => {
  it('a teacher registers their class for a tour', async () => {
    const { page } = teacherStory;
    await signInAs(page, baseUrl, 'teacher');
    await page.goto(`${baseUrl}/#/events`);
    await page.getByRole('link', { name: session.opportunityTitle }).click();
    await page.getByRole('heading', { level: 1, name: session.opportunityTitle }).waitFor();
    const classes = page.getByLabel('Class', { exact: true });
    const option = (await classes.locator('option', { hasText: 'Pathway Seminar, period 1' }).textContent())!;
    await classes.selectOption({ label: option });
    await page.getByRole('button', { name: 'Register the class' }).click();
    await page.getByText(/^Registered \d+, waiting 0/).waitFor();
    await capture(page, 'event-teacher-registers-class-phone');
    expect(teacherStory.pageErrors).toEqual([]);
  });

  it('the host takes attendance at the gate: everyone present, then the one who did not come', async () => {
    const roster = await apiCall<EventRegistration[]>(apiUrl, employerToken, 'GET', `/api/v1/event-sessions/${session.id}/registrations`);
    expect(roster.length).toBeGreaterThan(5);
    // The one who did not come: the demo student if the class has them (their demo journey stays as it was), else the first.
    const absent = roster.find((r) => r.studentId === demoStudentId) ?? roster[0];

    const { page } = hostStory;
    await signInAs(page, baseUrl, 'employer');
    await page.goto(`${baseUrl}/#/events/${session.id}`);
    await page.getByText(session.checkInCode!, { exact: true }).waitFor();
    const seated = page.getByRole('list', { name: 'Students with a seat' });
    await seated.getByRole('checkbox').first().waitFor();
    expect(await seated.getByRole('checkbox').count()).toBe(roster.length);
    await page.getByRole('button', { name: 'Everyone present' }).click();
    await seated.getByRole('checkbox', { name: new RegExp(absent.name) }).uncheck();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(`Attendance saved: ${roster.length - 1} present.`).waitFor();
    await page.getByRole('button', { name: 'Show the QR code to check in' }).click();
    const qr = page.getByRole('img', { name: 'QR code: scan it to check in to this session' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
    await capture(page, 'event-host-attendance-phone');

    const after = await apiCall<EventRegistration[]>(apiUrl, employerToken, 'GET', `/api/v1/event-sessions/${session.id}/registrations`);
    expect(after.filter((r) => r.attendance === 'present')).toHaveLength(roster.length - 1);
    expect(after.find((r) => r.studentId === absent.studentId)?.attendance).toBe('absent');
    expect(hostStory.pageErrors).toEqual([]);
  });

  it('a student who was there has the tour on their progress, as the stage done', async () => {
    const roster = await apiCall<EventRegistration[]>(apiUrl, employerToken, 'GET', `/api/v1/event-sessions/${session.id}/registrations`);
    const there = roster.find((r) => r.attendance === 'present')!;
    const { page } = teacherStory;
    await signOutThroughUi(page);
    await signInAs(page, baseUrl, 'coordinator');
    await page.goto(`${baseUrl}/#/students/${there.studentId}`);
    const attended = page.getByRole('list', { name: 'Events attended' });
    await attended.getByRole('link', { name: session.opportunityTitle }).waitFor();
    const stage = attended.locator('xpath=ancestor::li[contains(@class, "continuum__stage")]');
    expect(await stage.getByRole('heading', { level: 3 }).textContent()).toBe('Career awareness');
    expect(await stage.locator('.continuum__state').textContent()).toMatch(/^Completed/);
    await capture(page, 'event-student-progress-phone');
    expect(teacherStory.pageErrors).toEqual([]);
  });

  it('the host schedules another session of the tour from the events page', async () => {
    const { page } = hostStory;
    await page.goto(`${baseUrl}/#/events`);
    await page.getByText('Schedule a session of one of your events').click();
    const form = page.getByRole('form', { name: 'Schedule a session' });
    await form.getByLabel('Event').selectOption({ label: session.opportunityTitle });
    await form.getByLabel('Day').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel('Where').fill('Main gate, 400 Sunrise Road');
    await form.getByLabel('Seats').fill('25');
    expect(await form.getByLabel(/^Students leave campus for it/).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Schedule the session' }).click();
    await page.getByRole('heading', { level: 1, name: session.opportunityTitle }).waitFor();
    await page.getByText('0 of 25 seats taken').waitFor();
    await page.getByText(/^Students leave campus: those under 18 need/).waitFor();
    await page.getByText(/^Check-in code to show at the event:/).waitFor();
    await capture(page, 'event-host-schedules-phone');
    expect(hostStory.pageErrors).toEqual([]);
  });
});
