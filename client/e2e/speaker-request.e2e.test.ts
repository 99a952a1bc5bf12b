// A teacher's request for a guest speaker, against the demo API: the teacher asks for their class; the employer lists
// themself as a volunteer and offers a time from the request board; the teacher accepts it, and the visit is an event
// session with the class registered.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { capture, openStory, runSuffix, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');

let teacher: Story;
let employer: Story;
const topic = `Careers in solar power ${runSuffix()}`;

beforeAll(async () => {
  teacher = await openStory();
  employer = await openStory();
});

afterAll(async () => {
  await teacher?.close();
  await employer?.close();
});

describe('A speaker request, asked, offered and accepted', () => {
  it('a teacher asks for a speaker for their class', async () => {
    const { page } = teacher;
    await signInAs(page, baseUrl, 'teacher');
    await page.goto(`${baseUrl}/#/requests`);
    const form = page.getByRole('region', { name: 'Ask for a speaker' });
    const classes = form.getByLabel('Class', { exact: true });
    await classes.locator('option', { hasText: 'Pathway Seminar, period 1' }).waitFor({ state: 'attached' });
    await classes.selectOption({ label: 'Pathway Seminar, period 1' });
    await form.getByLabel('Topic').fill(topic);
    await form.getByLabel('Career cluster').selectOption('energyNaturalResources');
    await form.getByLabel('When would suit').fill('Any morning next week');
    await form.getByLabel('In person or online').selectOption('inPerson');
    await form.getByLabel('How it connects to what the class is learning').fill('Unit 3: energy and the environment.');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText('Your request is on the employers’ board.').waitFor();
    await page.getByRole('heading', { level: 3, name: topic }).waitFor();
    await capture(page, 'speaker-request-asked');
  });

  it('an employer volunteers and offers a time from the request board', async () => {
    const { page } = employer;
    await signInAs(page, baseUrl, 'employer');
    await page.goto(`${baseUrl}/#/requests`);
    const volunteer = page.getByRole('region', { name: /^(Volunteer to speak to classes|Your volunteer profile)$/ });
    await volunteer.getByRole('checkbox', { name: 'Energy & Natural Resources' }).check();
    await volunteer.getByLabel('Topics').fill('Solar installation and maintenance');
    await volunteer.getByRole('button', { name: 'Save' }).click();
    await page.getByText('You are on the list of volunteers.').waitFor();

    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: topic }) });
    await page.reload();
    await card.getByText('Your cluster').waitFor();
    await card.getByText('Offer a time').click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const offer = card.getByRole('form', { name: `Offer a time for ${topic}` });
    await offer.getByLabel('Day').fill(tomorrow);
    await offer.getByLabel('Where').fill('Room 12, Alder High');
    await offer.getByRole('button', { name: 'Offer this time' }).click();
    await card.getByRole('list', { name: `Offers for ${topic}` }).getByText(/Room 12, Alder High/).waitFor();
    await capture(page, 'speaker-request-offered');
  });

  it('the teacher accepts the offer: an event session with the class registered', async () => {
    const { page } = teacher;
    await page.reload();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: topic }) });
    await card.getByRole('button', { name: 'Accept this offer' }).click();
    await card.getByRole('link', { name: 'Open the scheduled session' }).click();
    await page.getByRole('heading', { level: 1, name: `Guest speaker: ${topic}` }).waitFor();
    const seats = await page.getByText(/seats taken$/).textContent();
    expect(Number(seats!.split(' ')[0])).toBeGreaterThan(5);
    await capture(page, 'speaker-request-session');
    expect(teacher.pageErrors).toEqual([]);
    expect(employer.pageErrors).toEqual([]);
  });
});
