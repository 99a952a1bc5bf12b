import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { recommended } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { RecommendationsPage } from './RecommendationsPage';

describe('Recommended for me', () => {
  it('shows each opportunity with its score and its reasons for and against, separately', async () => {
    const api = fakeApi({
      getRecommendations: () =>
        Promise.resolve([
          recommended('Clinic shadow', 7.25, [
            { code: 'interestMatch', weight: 3, detail: 'Matches a career interest.' },
            { code: 'travelLong', weight: -0.5, detail: 'About 50 minutes away.' },
          ]),
          recommended('Virtual project', 4, [{ code: 'virtual', weight: 2, detail: 'Virtual: no travel.' }]),
        ]),
    });
    renderWithApi(<RecommendationsPage studentId="st-1" />, api);

    const first = (await screen.findByRole('heading', { level: 2, name: /Clinic shadow/ })).closest('li') as HTMLElement;
    expect(within(first).getByText('7.3')).toBeTruthy();
    const fits = within(first).getByRole('heading', { name: 'Why it fits' }).parentElement as HTMLElement;
    const against = within(first).getByRole('heading', { name: 'What counts against it' }).parentElement as HTMLElement;
    expect(within(fits).getByText(/Matches a career interest/)).toBeTruthy();
    expect(within(fits).queryByText(/50 minutes/)).toBeNull();
    expect(against.textContent).toContain('−0.5');
    expect(against.textContent).toContain('minus 0.5');
    expect(against.textContent).toContain('About 50 minutes away.');
    const second = screen.getByRole('heading', { level: 2, name: /Virtual project/ }).closest('li') as HTMLElement;
    expect(within(second).queryByRole('heading', { name: 'What counts against it' })).toBeNull();
    expect(api.getRecommendations).toHaveBeenCalledWith('st-1', 20, expect.any(AbortSignal));
  });

  it('suggests filling in the profile when there is nothing to recommend', async () => {
    renderWithApi(<RecommendationsPage studentId="st-1" />, fakeApi({ getRecommendations: () => Promise.resolve([]) }));
    await screen.findByText(/Nothing to recommend right now/);
  });
});
