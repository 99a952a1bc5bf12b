import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { opportunity, problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { SearchPage } from './SearchPage';

describe('Search opportunities', () => {
  it('sends the filters set, pages with the cursor, and shows field errors from a 400', async () => {
    const first = opportunity({ status: 'published', fields: { title: 'Alpha' } });
    const second = opportunity({ status: 'published', fields: { title: 'Beta' } });
    const api = fakeApi({
      searchOpportunities: (_status, cluster, _type, _stage, paid, _virtual, from, to, _employer, q, _limit, cursor) => {
        if (from && to && to < from) return Promise.reject(problemOf(400, 'Invalid.', { to: ['to must be on or after from.'] }));
        if (cursor === 'c2') return Promise.resolve({ items: [second], nextCursor: null });
        return Promise.resolve({ items: cluster || paid !== undefined || q ? [second] : [first], nextCursor: cluster || q ? null : 'c2' });
      },
    });
    const { user } = renderWithApi(<SearchPage />, api);

    await screen.findByRole('heading', { level: 3, name: 'Alpha' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('heading', { level: 3, name: 'Beta' });
    expect(api.searchOpportunities).toHaveBeenLastCalledWith(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 20, 'c2', undefined, expect.any(AbortSignal));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await user.type(screen.getByLabelText(/^Words/), ' clinic ');
    await user.selectOptions(screen.getByLabelText('Career cluster'), 'healthcareHumanServices');
    await user.selectOptions(screen.getByLabelText('Pay'), 'true');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(api.searchOpportunities).toHaveBeenLastCalledWith(undefined, 'healthcareHumanServices', undefined, undefined, true, undefined, undefined, undefined, undefined, 'clinic', 20, undefined, undefined, expect.any(AbortSignal)),
    );
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Alpha' })).toBeNull());

    await user.type(screen.getByLabelText('Running from'), '2027-05-01');
    await user.type(screen.getByLabelText('Running until'), '2027-04-01');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(screen.getByLabelText('Running until').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('to must be on or after from.')).toBeTruthy();
  });

  it('shows a student only what they may apply to, by the API’s rule, until they ask for everything', async () => {
    const api = fakeApi({ searchOpportunities: () => Promise.resolve({ items: [], nextCursor: null }) });
    const user = (await import('@testing-library/user-event')).default.setup();
    renderWithApi(<SearchPage studentId="st-1" />, api);
    await screen.findByText(/Nothing you can apply to matches these filters/);
    expect(api.searchOpportunities).toHaveBeenLastCalledWith(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 20, undefined, 'st-1', expect.any(AbortSignal));
    await user.click(screen.getByRole('checkbox', { name: 'Only what I can apply to' }));
    await screen.findByText('No opportunities match these filters.');
    expect(api.searchOpportunities).toHaveBeenLastCalledWith(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 20, undefined, undefined, expect.any(AbortSignal));
  });
});
