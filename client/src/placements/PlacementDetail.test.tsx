import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../api/ApiContext';
import { fakeApi, member } from '../test/fakeApi';
import { PlacementDetail } from './PlacementDetail';
import { placement } from '../test/placementFixtures';

const employer = member({ role: 'employerAdmin', organizationType: 'employer', organizationName: 'Acme', organizationId: 'emp' } as never, ['opportunitiesRead']);
const coordinator = member({ role: 'schoolCoordinator', organizationType: 'school', organizationName: 'High' } as never, ['peopleRead']);

function renderDetail(api: ReturnType<typeof fakeApi>, me = employer) {
  render(
    <ApiProvider api={api}>
      <PlacementDetail me={me} id="p1" />
    </ApiProvider>,
  );
  return userEvent.setup();
}

describe('PlacementDetail', () => {
  it('lets the employer accept, and shows the new status', async () => {
    const api = fakeApi({ getPlacement: () => Promise.resolve(placement()), acceptPlacement: () => Promise.resolve(placement({ status: 'accepted' })) });
    const user = renderDetail(api);
    await user.click(await screen.findByRole('button', { name: 'Accept placement' }));
    await waitFor(() => expect(screen.getByTestId('placement-status').textContent).toBe('Accepted by employer'));
    expect(api.acceptPlacement).toHaveBeenCalledWith('p1');
  });

  it('requires a reason to decline, and shows the API’s problem', async () => {
    const api = fakeApi({
      getPlacement: () => Promise.resolve(placement()),
      declinePlacement: () => Promise.reject({ title: 'Conflict', status: 409, detail: 'The placement is no longer requested.' }),
    });
    const user = renderDetail(api);
    await user.click(await screen.findByRole('button', { name: 'Decline placement' }));
    expect(screen.getByText('A reason is required.')).toBeTruthy();
    expect(api.declinePlacement).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/^Reason for declining/), 'Full');
    await user.click(screen.getByRole('button', { name: 'Decline placement' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The placement is no longer requested.');
    expect(api.declinePlacement).toHaveBeenCalledWith('p1', { reason: 'Full' });
  });

  it('lets the coordinator approve with an expiry date', async () => {
    const api = fakeApi({ getPlacement: () => Promise.resolve(placement({ status: 'accepted' })), approvePlacement: () => Promise.resolve(placement({ status: 'approved', expiresOn: '2026-09-01' })) });
    const user = renderDetail(api, coordinator);
    await user.type(await screen.findByLabelText(/^Approval expires on/), '2026-09-01');
    await user.click(screen.getByRole('button', { name: 'Approve placement' }));
    await waitFor(() => expect(api.approvePlacement).toHaveBeenCalledWith('p1', { expiresOn: '2026-09-01' }));
  });

  it('shows required parties against acknowledgements, and issues a one-time link once', async () => {
    const terms = { objectives: [{ description: 'Build a thing', skills: [] }], schedule: [], supervisorName: 'Sam', supervisorEmail: 's@x.test', compensation: 'unpaid', credit: 'none' };
    const api = fakeApi({
      getPlacement: () =>
        Promise.resolve(
          placement({
            status: 'agreementPending',
            agreement: { terms, version: 1, requiredParties: ['guardian', 'coordinator'], acknowledgements: [{ party: 'coordinator', name: 'Cora', via: 'account', at: '2026-01-02T00:00:00Z' }] },
          }),
        ),
      createAcknowledgementLink: () => Promise.resolve({ token: 't', url: 'http://x/#/acknowledge/t', expiresAt: '2026-02-01T00:00:00Z' }),
    });
    const user = renderDetail(api, coordinator);
    const acks = await screen.findByRole('list', { name: 'Acknowledgements' });
    expect(acks.textContent).toContain('Guardian: not yet acknowledged');
    expect(acks.textContent).toContain('Coordinator: acknowledged by Cora');
    expect(screen.queryByRole('button', { name: /^Acknowledge as/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect((await screen.findByTestId('one-time-link')).textContent).toBe('http://x/#/acknowledge/t');
    expect(api.createAcknowledgementLink).toHaveBeenCalledWith('p1', { party: 'guardian' });
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });
});
