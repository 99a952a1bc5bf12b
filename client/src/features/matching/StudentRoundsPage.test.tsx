import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { round } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { StudentRoundsPage } from './StudentRoundsPage';

const published = round({ status: 'published' });
const api = (result: { matched: boolean; placementId?: string; opportunityId?: string }) =>
  fakeApi({
    getMatchRound: () => Promise.resolve(published),
    getChoices: () => Promise.resolve({ roundId: published.id, studentId: 's1', opportunityIds: ['o1', 'o2'], unavailable: [], result }),
    getRecommendations: () => Promise.resolve([]),
  });

describe('A student’s published round', () => {
  it('shows where the student was matched, with a link to the placement', async () => {
    renderWithApi(<StudentRoundsPage studentId="s1" roundId={published.id} />, api({ matched: true, placementId: 'p5', opportunityId: 'o2' }));
    const result = await screen.findByRole('region', { name: 'Your result' });
    expect(within(result).getByText('Robotics tour')).toBeTruthy();
    expect(within(result).getByRole('link', { name: 'See your placement' }).getAttribute('href')).toBe('#/placements/p5');
  });

  it('gives an unmatched student next steps', async () => {
    renderWithApi(<StudentRoundsPage studentId="s1" roundId={published.id} />, api({ matched: false }));
    await screen.findByText('This round did not match you to any of your choices.');
    expect(screen.getByRole('link', { name: 'Search opportunities' }).getAttribute('href')).toBe('#/search');
    expect(screen.getByRole('link', { name: 'See what is recommended for you' }).getAttribute('href')).toBe('#/recommended');
  });
});
