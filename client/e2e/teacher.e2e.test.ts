// A teacher's classes on a phone, against the demo API: the classes the roster says they teach, and one class's
// students with their work-based learning — what connects the classroom to WBL.
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

describe('Teacher: my classes, on a phone', () => {
  it('signs in and finds the classes the roster says they teach', async () => {
    const { page } = story;
    await signInAs(page, baseUrl, 'teacher');
    await page.goto(`${baseUrl}/#/students/classes`);
    await page.getByRole('heading', { name: 'My classes' }).waitFor();
    const table = page.getByRole('table', { name: 'Classes' });
    await table.getByRole('link', { name: 'Pathway Seminar, period 1' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    await capture(page, 'teacher-classes-phone');
  });

  it('opens a class and sees its students’ placements, hours and stage, without horizontal scrolling of the page', async () => {
    const { page } = story;
    await page.getByRole('link', { name: 'Pathway Seminar, period 1' }).click();
    await page.getByRole('heading', { name: 'Pathway Seminar, period 1' }).waitFor();
    const students = page.getByRole('table', { name: 'Students and their work-based learning' });
    expect(await students.getByRole('row').count()).toBe(26);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'the page itself fits the phone (wide tables scroll inside their card)').toBeLessThanOrEqual(1);
    await capture(page, 'teacher-class-phone');
    expect(story.pageErrors).toEqual([]);
  });
});
