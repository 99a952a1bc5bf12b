import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { placement, reflection } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { apiSeenBy, readingStaffViewer, seenBy, studentViewer, supervisorViewer, type Viewer } from '../../test/viewers';
import { ReflectionsSection } from './ReflectionsSection';

const student = studentViewer;
/** School staff reading the placement (no actions of their own here). */
const coordinator = readingStaffViewer;
const supervisor = supervisorViewer;

function renderSection(api: ReturnType<typeof fakeApi>, viewer: Viewer) {
  return renderWithApi(<ReflectionsSection placement={seenBy(viewer, placement({ status: 'active' }))} />, apiSeenBy(viewer, api));
}

describe('ReflectionsSection', () => {
  it('lets the student write a prompted reflection and see it first in the list', async () => {
    const api = fakeApi({
      listReflections: () => Promise.resolve([reflection({ id: 'old', text: 'First week.' })]),
      submitReflection: (_id, body) => Promise.resolve(reflection({ id: 'new', ...body, createdAt: '2027-02-12T18:00:00Z' })),
    });
    const { user } = renderSection(api, student);
    const text = await screen.findByLabelText(/^Your reflection/);
    expect(screen.getByText(/How does it connect to what you study in class/)).toBeTruthy();
    await user.type(text, 'I labelled samples and learned why the chain of custody matters; it ties to our biology unit.');
    await user.selectOptions(screen.getByLabelText(/^How worthwhile/), '5');
    await user.click(screen.getByRole('button', { name: 'Save reflection' }));

    await screen.findByText('Your reflection is saved.');
    expect(api.submitReflection).toHaveBeenCalledWith('p1', {
      text: 'I labelled samples and learned why the chain of custody matters; it ties to our biology unit.',
      rating: 5,
    });
    const items = within(screen.getByRole('list', { name: 'Reflections' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('Very worthwhile (5 of 5)'), expect.stringContaining('First week.')]);
    expect((text as HTMLTextAreaElement).value).toBe('');
  });

  it('asks for the text, and shows the API’s field errors on their fields', async () => {
    const api = fakeApi({
      listReflections: () => Promise.resolve([]),
      submitReflection: () => Promise.reject(problemOf(400, 'One or more validation errors occurred.', { Rating: ["'Rating' must be between 1 and 5."] })),
    });
    const { user } = renderSection(api, student);
    await user.click(await screen.findByRole('button', { name: 'Save reflection' }));
    expect(screen.getByText('Write your reflection first.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Your reflection/));
    expect(api.submitReflection).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/^Your reflection/), 'Good week');
    await user.click(screen.getByRole('button', { name: 'Save reflection' }));
    await screen.findByText("'Rating' must be between 1 and 5.");
    expect(screen.getByLabelText(/^How worthwhile/).getAttribute('aria-invalid')).toBe('true');
  });

  it('shows school staff the reflections read-only', async () => {
    const api = fakeApi({ listReflections: () => Promise.resolve([reflection()]) });
    renderSection(api, coordinator);
    await screen.findByText('I learned how the lab tracks samples.');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('is not shown to the employer, who may not read reflections', () => {
    const api = fakeApi();
    const { container } = renderSection(api, supervisor);
    expect(container.textContent).toBe('');
    expect(api.listReflections).not.toHaveBeenCalled();
  });
});
