import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, member } from '../../test/fakeApi';
import { opportunity, problemOf, round } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { CreateRoundForm } from './CreateRoundForm';

const convener = member({ organizationId: 'region-1', organizationName: 'Bay Valley', organizationType: 'region', role: 'convenerAdmin' }, [
  'opportunitiesRead',
  'opportunitiesCurate',
]);

afterEach(() => {
  window.location.hash = '';
});

describe('Opening a match round', () => {
  it('picks published opportunities (not those in another open round) and opens the round', async () => {
    const free = opportunity({ id: 'free', status: 'published', fields: { title: 'Free tour' } });
    const taken = opportunity({ id: 'o1', status: 'published', fields: { title: 'Taken tour' } });
    const created = round({ id: 'new-round', name: 'Spring' });
    const api = fakeApi({
      listMatchRounds: () => Promise.resolve([round({ name: 'Winter' })]),
      searchOpportunities: () => Promise.resolve({ items: [free, taken], nextCursor: null }),
      createMatchRound: () => Promise.resolve(created),
    });
    const { user } = renderWithApi(<CreateRoundForm me={convener} />, api);

    await user.click(screen.getByRole('button', { name: 'Open the round' }));
    expect(screen.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Choose at least one published opportunity.')).toBeTruthy();
    expect(api.createMatchRound).not.toHaveBeenCalled();

    const takenBox = await screen.findByRole('checkbox', { name: /Taken tour/ });
    expect(takenBox).toHaveProperty('disabled', true);
    expect(screen.getByText(/already in “Winter”/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Free tour/ }));
    // Choosing clears the message about it, and shows the choice.
    expect(screen.queryByText('Choose at least one published opportunity.')).toBeNull();
    expect(within(screen.getByRole('list', { name: 'Chosen opportunities' })).getByText('Free tour')).toBeTruthy();

    await user.type(screen.getByLabelText(/^Name/), 'Spring');
    await user.type(screen.getByLabelText(/^Choices per student/), '3');
    await user.selectOptions(screen.getByLabelText(/^Reserve seats for/), 'fosterYouth');
    await user.clear(screen.getByLabelText(/^Share of seats reserved/));
    await user.type(screen.getByLabelText(/^Share of seats reserved/), '20');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));

    await waitFor(() => expect(window.location.hash).toBe('#/rounds/new-round'));
    expect(api.searchOpportunities).toHaveBeenCalledWith('published', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 25, undefined, undefined, expect.any(AbortSignal));
    expect(api.createMatchRound).toHaveBeenCalledWith({
      organizationId: 'region-1',
      name: 'Spring',
      opportunityIds: ['free'],
      maxChoices: 3,
      seed: null,
      reserveGroup: 'fosterYouth',
      reservePercent: 20,
    });
  });

  it('shows a 409 (an opportunity already in a round) in the banner', async () => {
    const free = opportunity({ id: 'free', status: 'published', fields: { title: 'Free tour' } });
    const api = fakeApi({
      listMatchRounds: () => Promise.resolve([]),
      searchOpportunities: () => Promise.resolve({ items: [free], nextCursor: null }),
      createMatchRound: () => Promise.reject(problemOf(409, 'These opportunities are already in an unpublished round: free.')),
    });
    const { user } = renderWithApi(<CreateRoundForm me={convener} />, api);
    await user.click(await screen.findByRole('checkbox', { name: /Free tour/ }));
    await user.type(screen.getByLabelText(/^Name/), 'Spring');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already in an unpublished round');
  });
});
