import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Opportunity } from '@launchpath/contracts';
import { fakeApi, page } from '../../test/fakeApi';
import { opportunity, problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { CurationPage } from './CurationPage';

const item = (title: string) => screen.getByRole('heading', { level: 2, name: title }).closest('li') as HTMLElement;

function setup(overrides: Parameters<typeof fakeApi>[0] = {}) {
  const a = opportunity({ status: 'submitted', fields: { title: 'Clinic shadow' } });
  const b = opportunity({ status: 'submitted', fields: { title: 'Night shift' } });
  const api = fakeApi({
    searchOpportunities: () => Promise.resolve({ items: [a, b], nextCursor: null }),
    listOrganizations: () => Promise.resolve(page([])),
    ...overrides,
  });
  return { a, b, api, ...renderWithApi(<CurationPage />, api) };
}

describe('Curation', () => {
  it('lists what was submitted (status=submitted) and approves one', async () => {
    const { a, api, user } = setup({ approveOpportunity: (id) => Promise.resolve({ ...opportunity({ id, status: 'published', fields: { title: 'Clinic shadow' } }) }) });
    await screen.findByRole('heading', { level: 2, name: 'Clinic shadow' });
    expect(api.searchOpportunities).toHaveBeenCalledWith('submitted', undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, 20, undefined, undefined, expect.any(AbortSignal));

    await user.click(within(item('Clinic shadow')).getByRole('button', { name: /^Approve and publish/ }));
    expect((await screen.findByRole('status', {}, { timeout: 2000 })).textContent).toBe('Approved “Clinic shadow”: it is published.');
    expect(api.approveOpportunity).toHaveBeenCalledWith(a.id);
    expect(screen.queryByRole('heading', { level: 2, name: 'Clinic shadow' })).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Night shift' })).toBeTruthy();
  });

  it('rejects with a reason: asks for one first, then sends it', async () => {
    let sent: string | undefined;
    const { b, api, user } = setup({
      rejectOpportunity: (id, body) => {
        sent = body.reason;
        return Promise.resolve({ ...b, id, status: 'rejected', rejectionReason: body.reason } as Opportunity);
      },
    });
    await screen.findByRole('heading', { level: 2, name: 'Night shift' });
    await user.click(within(item('Night shift')).getByRole('button', { name: /^Reject…/ }));
    const reason = within(item('Night shift')).getByLabelText(/^Reason for the employer/);
    await waitFor(() => expect(document.activeElement).toBe(reason));

    await user.click(within(item('Night shift')).getByRole('button', { name: 'Reject' }));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(api.rejectOpportunity).not.toHaveBeenCalled();

    await user.type(reason, 'Set a minimum age of 16.');
    await user.click(within(item('Night shift')).getByRole('button', { name: 'Reject' }));
    await screen.findByText(/^Rejected “Night shift”/);
    expect(sent).toBe('Set a minimum age of 16.');
    expect(api.rejectOpportunity).toHaveBeenCalledWith(b.id, { reason: 'Set a minimum age of 16.' });
  });

  it('shows the API’s refusal and keeps the item', async () => {
    const { user } = setup({ approveOpportunity: () => Promise.reject(problemOf(403, 'Only curators of every audience school can approve this.')) });
    await screen.findByRole('heading', { level: 2, name: 'Clinic shadow' });
    await user.click(within(item('Clinic shadow')).getByRole('button', { name: /^Approve and publish/ }));
    expect((await within(item('Clinic shadow')).findByRole('alert')).textContent).toContain('Only curators of every audience school can approve this.');
  });

  it('says when nothing is waiting', async () => {
    renderWithApi(<CurationPage />, fakeApi({ searchOpportunities: () => Promise.resolve({ items: [], nextCursor: null }) }));
    await screen.findByText('Nothing is waiting for curation.');
  });
});
