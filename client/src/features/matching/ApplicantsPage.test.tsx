import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MembershipInfo, RoundApplicant } from '@launchpath/contracts';
import { fakeApi, membershipOf } from '../../test/fakeApi';
import { applicant, opportunity, round } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { ApplicantsPage } from './ApplicantsPage';

const employers: MembershipInfo[] = [membershipOf({ organizationId: 'employer-1', organizationName: 'Harbor Health', organizationType: 'employer' }, 'employerAdmin')];

afterEach(() => {
  window.location.hash = '';
});

describe('Applicants', () => {
  it('lists only the rounds with the employer’s opportunities, and only those opportunities', async () => {
    const ours = opportunity({ id: 'o1', status: 'published', fields: { title: 'Clinic shadow' } });
    const api = fakeApi({
      listMatchRounds: () => Promise.resolve([round({ id: 'r1', name: 'With ours' }), round({ id: 'r2', name: 'Without ours', opportunities: [] })]),
      searchOpportunities: () => Promise.resolve({ items: [ours], nextCursor: null }),
    });
    renderWithApi(<ApplicantsPage employers={employers} path={[]} />, api);

    const card = (await screen.findByRole('heading', { level: 2, name: 'With ours' })).closest('li') as HTMLElement;
    expect(screen.queryByRole('heading', { name: 'Without ours' })).toBeNull();
    expect(within(card).getAllByRole('row')).toHaveLength(2);
    expect(within(card).getByRole('link', { name: 'Review 4 applicants for Clinic shadow' }).getAttribute('href')).toBe('#/applicants/r1/o1');
    expect(api.searchOpportunities).toHaveBeenCalledWith(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'employer-1', undefined, 200, undefined, undefined, expect.any(AbortSignal));
  });

  it('ranks applicants, marks one not acceptable, and saves; anonymous applicants stay anonymous', async () => {
    const named = applicant({ applicantId: 'a', displayName: 'Ana Lopez', choiceRank: 1 });
    const hidden = applicant({ applicantId: 'b', displayName: 'Applicant 2', profileShared: false, studentId: null, grade: null, schoolName: null, interests: [], skills: [], choiceRank: 2 });
    const third = applicant({ applicantId: 'c', displayName: 'Cy Park', choiceRank: 3 });
    let saved: { ranked: string[]; unacceptable: string[] } | undefined;
    const api = fakeApi({
      getMatchRound: () => Promise.resolve(round({ id: 'r1' })),
      listRoundApplicants: () => Promise.resolve([named, hidden, third]),
      rankApplicants: (_r, _o, body) => {
        saved = body;
        return Promise.resolve<RoundApplicant[]>([
          { ...hidden, employerRank: 1 },
          { ...named, employerRank: 2 },
          { ...third, unacceptable: true },
        ]);
      },
    });
    const { user } = renderWithApi(<ApplicantsPage employers={employers} path={['r1', 'o1']} />, api);

    await screen.findByRole('heading', { level: 1, name: 'Applicants: Clinic shadow' });
    const unranked = screen.getByRole('region', { name: /Not ranked yet/ });
    expect(within(unranked).getByText('Profile not shared')).toBeTruthy();
    expect(within(unranked).getByText(/has not agreed to share/)).toBeTruthy();
    expect(within(unranked).getAllByText(/^Grade/)[0].textContent).toContain('1st choice');

    await user.click(within(unranked).getByRole('button', { name: 'Rank: Ana Lopez' }));
    await user.click(within(unranked).getByRole('button', { name: 'Rank: Applicant 2' }));
    await user.click(within(unranked).getByRole('button', { name: 'Not acceptable: Cy Park' }));
    await user.click(within(screen.getByRole('list', { name: 'Your ranking, best first' })).getByRole('button', { name: 'Move Applicant 2 up' }));
    await user.click(screen.getByRole('button', { name: 'Save ranking' }));

    await screen.findByText('Ranking saved: 2 ranked, 1 not acceptable.');
    expect(saved).toEqual({ ranked: ['b', 'a'], unacceptable: ['c'] });
    await waitFor(() => expect(within(screen.getByRole('region', { name: /Not acceptable/ })).getByText('Cy Park')).toBeTruthy());
  });

  it('shows a published round’s ranking without changing it', async () => {
    const api = fakeApi({
      getMatchRound: () => Promise.resolve(round({ id: 'r1', status: 'published' })),
      listRoundApplicants: () => Promise.resolve([applicant({ displayName: 'Ana Lopez', employerRank: 1 })]),
    });
    renderWithApi(<ApplicantsPage employers={employers} path={['r1', 'o1']} />, api);
    await screen.findByText('Ana Lopez');
    expect(screen.queryByRole('button', { name: /Save ranking|Move|Rank|Unrank/ })).toBeNull();
  });
});
