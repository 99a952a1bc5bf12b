import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { opportunity, problemOf } from '../../test/fixtures';
import { evaluation, placement, rubric } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { apiSeenBy, readingStaffViewer, seenBy, studentViewer, supervisorViewer, type Viewer } from '../../test/viewers';
import { EvaluationsSection } from './EvaluationsSection';

const supervisor = supervisorViewer;
const student = studentViewer;
/** School staff reading the placement (no actions of their own here). */
const coordinator = readingStaffViewer;

function apiWith(overrides: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    getOpportunity: () => Promise.resolve(opportunity({ regionId: 'region-9' })),
    getRubric: () => Promise.resolve(rubric()),
    listEvaluations: () => Promise.resolve([]),
    ...overrides,
  });
}

function renderSection(api: ReturnType<typeof fakeApi>, viewer: Viewer) {
  return renderWithApi(<EvaluationsSection placement={seenBy(viewer, placement({ status: 'active' }))} />, apiSeenBy(viewer, api));
}

describe('EvaluationsSection', () => {
  it('shows submitted evaluations with the rubric’s words to the student, and no form', async () => {
    const api = apiWith({ listEvaluations: () => Promise.resolve([evaluation()]) });
    renderSection(api, student);
    const card = await screen.findByRole('article', { name: 'Midpoint evaluation' });
    const table = within(card).getByRole('table');
    await within(table).findByRole('rowheader', { name: 'Communicates clearly' });
    expect(within(table).getByRole('row', { name: /Works well with others Applied Workplace Skills 4 – Above expectations/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Follows safety rules .* Not applicable/ })).toBeTruthy();
    expect(within(card).getByText('3.5 of 4')).toBeTruthy();
    expect(within(card).getByText('A strong start.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(api.getRubric).toHaveBeenCalledWith('region-9', expect.anything());
  });

  it('shows the evaluations even when the rubric cannot be loaded', async () => {
    const api = apiWith({ listEvaluations: () => Promise.resolve([evaluation()]), getRubric: () => Promise.reject(problemOf(404, 'Region not found.')) });
    renderSection(api, coordinator);
    const card = await screen.findByRole('article', { name: 'Midpoint evaluation' });
    expect(within(card).getByRole('rowheader', { name: 'communication' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets the employer rate every criterion, asking for the ones left out first', async () => {
    const api = apiWith({ submitEvaluation: (_id, body) => Promise.resolve(evaluation({ id: 'e2', kind: body.kind, ratings: body.ratings, comments: body.comments })) });
    const { user } = renderSection(api, supervisor);
    const form = await screen.findByRole('form', { name: 'Evaluate the student' });
    expect(within(form).getByRole('combobox', { name: /^Evaluation/ }).textContent).toBe('Midpoint evaluationFinal evaluation');

    const group = (name: string) => within(form).getByRole('group', { name });
    await user.click(within(group('Communicates clearly')).getByRole('radio', { name: '3 – Meets expectations' }));
    await user.click(within(form).getByRole('button', { name: 'Submit evaluation' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('2 left');
    expect(within(group('Works well with others')).getByText('Choose a rating, or “Not applicable”.')).toBeTruthy();
    expect(document.activeElement).toBe(within(group('Works well with others')).getAllByRole('radio')[0]);
    expect(api.submitEvaluation).not.toHaveBeenCalled();

    await user.click(within(group('Works well with others')).getByRole('radio', { name: '4 – Above expectations' }));
    await user.click(within(group('Follows safety rules')).getByRole('radio', { name: 'Not applicable' }));
    await user.type(within(form).getByLabelText(/^Comments/), 'Reliable and curious.');
    await user.click(within(form).getByRole('button', { name: 'Submit evaluation' }));

    await screen.findByText('Midpoint evaluation submitted.');
    expect(api.submitEvaluation).toHaveBeenCalledWith('p1', {
      kind: 'midpoint',
      ratings: [
        { criterionId: 'communication', level: 3 },
        { criterionId: 'teamwork', level: 4 },
        { criterionId: 'safety', level: null },
      ],
      comments: 'Reliable and curious.',
    });
    expect(screen.getByRole('article', { name: 'Midpoint evaluation' })).toBeTruthy();
    // Only the final is left to submit.
    expect(within(screen.getByRole('form', { name: 'Evaluate the student' })).getByRole('combobox', { name: /^Evaluation/ }).textContent).toBe('Final evaluation');
  });

  it('shows the API’s rejection of the ratings in the form', async () => {
    const api = apiWith({
      listEvaluations: () => Promise.resolve([evaluation({ kind: 'midpoint' })]),
      submitEvaluation: () => Promise.reject(problemOf(400, 'One or more validation errors occurred.', { ratings: ["'teamwork' must be rated 1–4 or N/A."] })),
    });
    const { user } = renderSection(api, supervisor);
    const form = await screen.findByRole('form', { name: 'Evaluate the student' });
    for (const name of ['Communicates clearly', 'Works well with others', 'Follows safety rules']) {
      await user.click(within(within(form).getByRole('group', { name })).getByRole('radio', { name: '2 – Approaching expectations' }));
    }
    await user.click(within(form).getByRole('button', { name: 'Submit evaluation' }));
    await within(form).findByText("'teamwork' must be rated 1–4 or N/A.");
    expect(api.submitEvaluation).toHaveBeenCalledWith('p1', expect.objectContaining({ kind: 'final' }));
    expect(document.activeElement).toBe(within(form).getByRole('alert'));
  });

  it('offers the employer no form once both evaluations are in', async () => {
    const both = [evaluation({ id: 'a' }), evaluation({ id: 'b', kind: 'final' })];
    renderSection(apiWith({ listEvaluations: () => Promise.resolve(both) }), supervisor);
    await screen.findByRole('article', { name: 'Final evaluation' });
    expect(screen.queryByRole('form')).toBeNull();
  });
});
