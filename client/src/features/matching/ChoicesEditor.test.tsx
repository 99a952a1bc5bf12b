import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf, round } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { ChoicesEditor } from './ChoicesEditor';

const choicesList = () => screen.getByRole('list', { name: 'My choices, best first' });
const chosenTitles = () =>
  within(choicesList())
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('strong')?.textContent);

describe('Ranking choices in a round', () => {
  it('adds, reorders with the keyboard and removes choices, then saves them best first', async () => {
    const r = round({ maxChoices: 3 });
    const onSaved = vi.fn();
    const api = fakeApi({ submitChoices: (_round, studentId, body) => Promise.resolve({ roundId: r.id, studentId, opportunityIds: body.opportunityIds, unavailable: [] }) });
    const { user } = renderWithApi(<ChoicesEditor round={r} studentId="s1" saved={['o2']} scores={new Map([['o1', 7.5]])} onSaved={onSaved} />, api);

    expect(chosenTitles()).toEqual(['Robotics tour']);
    expect(screen.getByText('Recommended for you (score 7.5)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save my choices' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Add Clinic shadow to my choices' }));
    await user.click(screen.getByRole('button', { name: 'Add Bank internship to my choices' }));
    expect(chosenTitles()).toEqual(['Robotics tour', 'Clinic shadow', 'Bank internship']);
    // Full: nothing more can be added.
    expect(screen.getByRole('button', { name: 'Add Solar apprenticeship to my choices' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/the most this round allows/)).toBeTruthy();

    // Keyboard: move Bank internship up twice; focus stays on it, and the move is announced.
    within(choicesList()).getByRole('button', { name: 'Move Bank internship up' }).focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Bank internship up');
    await user.keyboard('{Enter}');
    expect(chosenTitles()).toEqual(['Bank internship', 'Robotics tour', 'Clinic shadow']);
    // At the top "up" is disabled: focus moves to "down" on the same item.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Bank internship down');
    expect(screen.getByText('Bank internship moved to 1st of 3.')).toBeTruthy();

    await user.click(within(choicesList()).getByRole('button', { name: 'Remove Robotics tour' }));
    await user.click(screen.getByRole('button', { name: 'Save my choices' }));
    await screen.findByText('Your 2 choices are saved.');
    expect(api.submitChoices).toHaveBeenCalledWith(r.id, 's1', { opportunityIds: ['o3', 'o1'] });
    expect(onSaved).toHaveBeenCalledWith(['o3', 'o1']);
  });

  it('shows a 422 (a choice the student cannot take) and keeps the list to fix', async () => {
    const r = round();
    const api = fakeApi({
      submitChoices: () => Promise.reject(problemOf(422, 'Some choices cannot be ranked: Solar apprenticeship: For grade 12 and up..')),
    });
    const { user } = renderWithApi(<ChoicesEditor round={r} studentId="s1" saved={[]} onSaved={vi.fn()} />, api);

    await user.click(screen.getByRole('button', { name: 'Add Solar apprenticeship to my choices' }));
    await user.click(screen.getByRole('button', { name: 'Save my choices' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Solar apprenticeship: For grade 12 and up. Remove those choices and save again.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(chosenTitles()).toEqual(['Solar apprenticeship']);
  });

  it('only shows the choices of a round that no longer takes them', () => {
    const r = round({ status: 'published' });
    renderWithApi(<ChoicesEditor round={r} studentId="s1" saved={['o1']} onSaved={vi.fn()} />, fakeApi());
    expect(chosenTitles()).toEqual(['Clinic shadow']);
    expect(screen.queryByRole('button', { name: /Move|Remove|Add|Save/ })).toBeNull();
    expect(screen.getByText(/no longer takes changes/)).toBeTruthy();
  });
  it('lists only what the student can choose, and on request the others with why, without an Add button', async () => {
    const r = round({ maxChoices: 3 });
    const unavailable = new Map([['o3', 'Open from grade 12; you are in grade 10.']]);
    const { user } = renderWithApi(<ChoicesEditor round={r} studentId="s1" saved={[]} unavailable={unavailable} onSaved={vi.fn()} />, fakeApi());
    expect(screen.getByText(/3 opportunities you can choose, of 4\./)).toBeTruthy();
    expect(screen.queryByText('Bank internship')).toBeNull();
    await user.click(screen.getByLabelText(/Also show the one you cannot choose/));
    expect(screen.getByText('Not for you: Open from grade 12; you are in grade 10.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add Bank internship to my choices' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add Clinic shadow to my choices' })).toBeTruthy();
  });
});
