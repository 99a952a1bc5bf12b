// Teacher externships are for educators, against the demo API: a teacher finds the region's externships; a student
// searching every opportunity (not only what they may apply to) finds none.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { capture, openStory, phone, signInAs, type Story } from './story';

const baseUrl = inject('demoBaseUrl');

let story: Story;

beforeAll(async () => {
  story = await openStory(phone);
});

afterAll(async () => {
  await story?.close();
});

describe('Teacher externships reach educators only', () => {
  it('a teacher finds them and applies to one', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'teacher');
    await page.goto(`${baseUrl}/#/opportunities`);
    const form = page.getByRole('search');
    await form.getByLabel('Words').fill('Teacher externship');
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 3, name: /^Teacher externship:/ }).first().waitFor();
    // and applies to one, saying what they will bring back to class
    const first = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: /^Teacher externship:/ }) }).first();
    await first.getByText('Apply for this externship').click();
    await first.getByLabel('What you will bring back to your classroom (optional)').fill('Real data sets for my statistics unit.');
    await first.getByRole('button', { name: 'Send the application' }).click();
    await first.getByText('Application sent: the employer will decide.').waitFor();
    await capture(page, 'externship-applied-phone');
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('a student searching everything finds none', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'student');
    await page.goto(`${baseUrl}/#/search`);
    const form = page.getByRole('search');
    await form.getByLabel('Only what I can apply to').uncheck();
    await form.getByLabel('Words').fill('Teacher externship');
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No opportunities match these filters.').waitFor();
    expect(await page.getByRole('heading', { level: 3, name: /^Teacher externship:/ }).count()).toBe(0);
    await capture(page, 'externships-not-for-students-phone');
    expect(story.pageErrors).toEqual([]);
  });
});
