import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MatchRound } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { problemOf, round, statistics } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { RoundDetail } from './RoundDetail';
import { subgroupCells } from './RoundStatistics';

describe('Round detail', () => {
  it('runs the round, follows its progress, then shows the statistics and proposed placements', async () => {
    const open = round();
    const answers: MatchRound[] = [
      open,
      { ...open, status: 'running', progress: 40, allowedActions: [] },
      { ...open, status: 'matched', progress: 100, runs: 1, statistics: statistics(), matchedAt: '2026-11-02T10:00:00Z', allowedActions: ['run', 'publish'] },
    ];
    let gets = 0;
    const api = fakeApi({
      getMatchRound: () => Promise.resolve(answers[Math.min(gets++, answers.length - 1)]),
      runMatchRound: () => Promise.resolve({ ...open, status: 'queued', allowedActions: [] }),
      listRoundPlacements: () =>
        Promise.resolve([
          { placementId: 'p1', studentId: 's1', studentName: 'Ana Lopez', opportunityId: 'o1', opportunityTitle: 'Clinic shadow', choiceRank: 2, status: 'proposed' },
        ]),
    });
    const { user } = renderWithApi(<RoundDetail roundId={open.id} />, api);

    await user.click(await screen.findByRole('button', { name: 'Run matching' }));
    const progress = await screen.findByRole('progressbar', { name: 'Matching progress' });
    expect(progress.getAttribute('aria-valuemax')).toBe('100');
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40'), { timeout: 3000 });

    const results = await screen.findByRole('region', { name: 'Results' }, { timeout: 3000 });
    const figures = results.querySelector<HTMLElement>('dl.figures')!;
    const figure = (label: string) => within(figures).getByText(label).nextElementSibling?.textContent;
    expect(figure('Matched')).toBe('30');
    expect(figure('Got their first choice')).toBe('63%');
    expect(figure('Got one of their top 3')).toBe('70%');
    expect(figure('Unfilled seats')).toBe('15');
    const fosterRow = within(results).getByRole('row', { name: /Foster youth/ });
    expect(within(fosterRow).getByText('Fewer than 10')).toBeTruthy();
    expect(within(fosterRow).getAllByText('Withheld')).toHaveLength(3);
    expect(screen.getByText(/^Matching finished: 30 students matched/)).toBeTruthy();

    const placements = await screen.findByRole('table', { name: 'Proposed placements' });
    expect(within(placements).getByRole('row', { name: /Ana Lopez Clinic shadow 2nd Proposed/ })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('publishes only after confirming in a dialog, and then offers no more runs', async () => {
    const matched = round({ status: 'matched', runs: 1, statistics: statistics() });
    const api = fakeApi({
      getMatchRound: () => Promise.resolve(matched),
      listRoundPlacements: () => Promise.resolve([]),
      publishMatchRound: () => Promise.resolve({ ...matched, status: 'published', publishedAt: '2026-11-03T10:00:00Z', allowedActions: [] }),
      listUnmatched: () => Promise.resolve([{ studentId: 'st-9', name: 'Noah Johnson', schoolName: 'Alder High', grade: 11 }]),
    });
    const { user } = renderWithApi(<RoundDetail roundId={matched.id} />, api);

    await user.click(await screen.findByRole('button', { name: 'Publish results…' }));
    const dialog = screen.getByRole('dialog', { name: 'Publish this round?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.publishMatchRound).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Publish results…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Publish' }));
    await screen.findByText(/The round is published/);
    expect(api.publishMatchRound).toHaveBeenCalledWith(matched.id);
    expect(screen.queryByRole('button', { name: /Run matching|Re-run|Publish results/ })).toBeNull();
    // The students it left unmatched, for their coordinator to follow up with.
    const followUp = await screen.findByRole('region', { name: 'Students to follow up' });
    expect(within(followUp).getByRole('link', { name: 'Noah Johnson' }).getAttribute('href')).toBe('#/students/st-9');
  });

  it('shows why the API refuses to run (403)', async () => {
    const open = round();
    const api = fakeApi({
      getMatchRound: () => Promise.resolve(open),
      runMatchRound: () => Promise.reject(problemOf(403, 'Only the convener (or, for a district round, the district’s curators) manages this round.')),
    });
    const { user } = renderWithApi(<RoundDetail roundId={open.id} />, api);
    await user.click(await screen.findByRole('button', { name: 'Run matching' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only the convener');
  });

  it('offers no run or publish to staff who do not manage the round', async () => {
    // The API offers staff who do not manage the round neither run nor publish.
    const matched = round({ status: 'matched', runs: 1, statistics: statistics(), allowedActions: [] });
    const api = fakeApi({ getMatchRound: () => Promise.resolve(matched), listRoundPlacements: () => Promise.resolve([]) });
    renderWithApi(<RoundDetail roundId={matched.id} />, api);
    await screen.findByRole('region', { name: 'Results' });
    expect(screen.getByText(/Only the convener, or for a district round/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Run matching|Re-run|Publish results/ })).toBeNull();
  });

  it('withholds small groups’ figures', () => {
    expect(subgroupCells({ group: 'fosterYouth', students: 3, suppressed: true })).toEqual({
      students: 'Fewer than 10',
      matched: 'Withheld',
      first: 'Withheld',
      topThree: 'Withheld',
    });
    expect(subgroupCells({ group: 'all', students: 40, suppressed: false, matched: 30, firstChoiceShare: 0.5, topThreeShare: 0.75 })).toEqual({
      students: '40',
      matched: '30',
      first: '50%',
      topThree: '75%',
    });
  });
});
