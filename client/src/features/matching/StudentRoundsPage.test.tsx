import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { round } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { StudentRoundsPage } from './StudentRoundsPage';

import type { StudentRoundResult } from '@launchpath/contracts';

const published = round({ status: 'published', seed: 1234, seedSalt: 'ab12', seedCommitment: 'f'.repeat(64) });
const api = (result: Partial<StudentRoundResult> & { matched: boolean }) =>
  fakeApi({
    getMatchRound: () => Promise.resolve(published),
    getChoices: () => Promise.resolve({ roundId: published.id, studentId: 's1', opportunityIds: ['o1', 'o2'], unavailable: [], result: { choices: [], ...result } }),
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

  it('says why each choice ranked higher was not theirs, with their lottery number and the cutoff', async () => {
    renderWithApi(
      <StudentRoundsPage studentId="s1" roundId={published.id} />,
      api({
        matched: true,
        placementId: 'p5',
        opportunityId: 'o2',
        lotteryNumber: 3877,
        students: 5000,
        choices: [
          { opportunityId: 'o1', outcome: 'filledByLottery', lastAdmittedLotteryNumber: 1204 },
          { opportunityId: 'o2', outcome: 'matched' },
        ],
      }),
    );
    const reasons = await screen.findByRole('region', { name: 'Why not a choice you ranked higher' });
    expect(reasons.textContent).toContain('Your lottery number was 3,877 of 5,000');
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(1);
    expect(within(reasons).getByRole('listitem').textContent).toContain('the last student admitted there had number 1,204; yours is 3,877');
  });

  it('shows how to check the round: the commitment, seed and salt', async () => {
    renderWithApi(<StudentRoundsPage studentId="s1" roundId={published.id} />, api({ matched: false }));
    await screen.findByText('Check this round yourself');
    expect(screen.getByText('f'.repeat(64))).toBeTruthy();
    expect(screen.getByText('1234')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download the round’s input and results' })).toBeTruthy();
  });
});
