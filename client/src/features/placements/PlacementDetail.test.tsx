import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PlacementAction } from '@launchpath/contracts';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../shared/api/ApiContext';
import { fakeApi } from '../../test/fakeApi';
import { PlacementDetail } from './PlacementDetail';
import { placement } from '../../test/placementFixtures';

function renderDetail(api: ReturnType<typeof fakeApi>) {
  render(
    <ApiProvider api={api}>
      <PlacementDetail id="p1" />
    </ApiProvider>,
  );
  return userEvent.setup();
}

describe('PlacementDetail', () => {
  it('lets the employer accept, and shows the new status', async () => {
    const api = fakeApi({
      getPlacement: () => Promise.resolve(placement({ allowedActions: ['accept', 'decline', 'withdraw'] })),
      acceptPlacement: () => Promise.resolve(placement({ status: 'accepted', allowedActions: ['decline', 'withdraw'] })),
    });
    const user = renderDetail(api);
    await user.click(await screen.findByRole('button', { name: 'Accept placement' }));
    await waitFor(() => expect(screen.getByTestId('placement-status').textContent).toBe('Accepted by employer'));
    expect(api.acceptPlacement).toHaveBeenCalledWith('p1');
  });

  it('requires a reason to decline, and shows the API’s problem', async () => {
    const api = fakeApi({
      getPlacement: () => Promise.resolve(placement({ allowedActions: ['accept', 'decline', 'withdraw'] })),
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

  it('confirms completing, and with work left undone asks why and sends the reason', async () => {
    const completed: unknown[] = [];
    const api = fakeApi({
      getPlacement: () =>
        Promise.resolve(placement({ status: 'active', allowedActions: ['complete', 'withdraw'], completionGaps: ['1 hours entry is not yet approved or rejected', 'The employer has not submitted the final evaluation'] })),
      completePlacement: (_id, body) => {
        completed.push(body);
        return Promise.resolve(placement({ status: 'completed', allowedActions: [] }));
      },
    });
    const user = renderDetail(api);
    await user.click(await screen.findByRole('button', { name: 'Complete placement' }));
    const dialog = screen.getByRole('dialog', { name: 'Complete this placement?' });
    expect(within(within(dialog).getByRole('list', { name: 'Not done yet' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '1 hours entry is not yet approved or rejected',
      'The employer has not submitted the final evaluation',
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Complete anyway' }));
    expect(within(dialog).getByText('A reason is required: it is recorded with the placement.')).toBeTruthy();
    expect(api.completePlacement).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText(/^Why complete it anyway/), 'The site closed early.');
    await user.click(within(dialog).getByRole('button', { name: 'Complete anyway' }));
    await waitFor(() => expect(screen.getByTestId('placement-status').textContent).toBe('Completed'));
    expect(completed).toEqual([{ reason: 'The site closed early.' }]);
  });

  it('says a placement is not found rather than showing the one opened before', async () => {
    const api = fakeApi({
      getPlacement: (id: string) =>
        id === 'p1' ? Promise.resolve(placement({ opportunityTitle: 'Lab assistant' })) : Promise.reject({ title: 'Not found', status: 404, detail: 'Placement p2 was not found.' }),
    });
    const view = render(
      <ApiProvider api={api}>
        <PlacementDetail id="p1" />
      </ApiProvider>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Lab assistant' });
    view.rerender(
      <ApiProvider api={api}>
        <PlacementDetail id="p2" />
      </ApiProvider>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Placement not found' });
    expect(screen.queryByText('Lab assistant')).toBeNull();
  });

  it('lets the coordinator approve with an expiry date', async () => {
    const api = fakeApi({ getPlacement: () => Promise.resolve(placement({ status: 'accepted', allowedActions: ['approve', 'withdraw'] })), approvePlacement: () => Promise.resolve(placement({ status: 'approved', expiresOn: '2026-09-01' })) });
    const user = renderDetail(api);
    await user.type(await screen.findByLabelText(/^Approval expires on/), '2026-09-01');
    await user.click(screen.getByRole('button', { name: 'Approve placement' }));
    await waitFor(() => expect(api.approvePlacement).toHaveBeenCalledWith('p1', { expiresOn: '2026-09-01' }));
  });

  it('shows required parties against acknowledgements, and issues a one-time link once', async () => {
    const terms = { objectives: [{ description: 'Build a thing', skills: [] }], schedule: [], supervisorName: 'Sam', supervisorEmail: 's@x.test', compensation: 'unpaid', credit: 'none', workExperienceEducation: false };
    const api = fakeApi({
      getPlacement: () =>
        Promise.resolve(
          placement({
            status: 'agreementPending',
            agreement: { terms, version: 1, requiredParties: ['guardian', 'coordinator'], acknowledgements: [{ party: 'coordinator', name: 'Cora', via: 'account', at: '2026-01-02T00:00:00Z' }] },
            allowedActions: ['writeAgreement', 'createLink', 'withdraw'],
          }),
        ),
      createAcknowledgementLink: () => Promise.resolve({ token: 't', url: 'http://x/#/acknowledge/t', expiresAt: '2026-02-01T00:00:00Z' }),
    });
    const user = renderDetail(api);
    const acks = await screen.findByRole('list', { name: 'Acknowledgements' });
    expect(acks.textContent).toContain('Guardian: not yet acknowledged');
    expect(acks.textContent).toContain('Coordinator: acknowledged by Cora');
    expect(screen.queryByRole('button', { name: /^Acknowledge as/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    expect((await screen.findByTestId('one-time-link')).textContent).toBe('http://x/#/acknowledge/t');
    expect(api.createAcknowledgementLink).toHaveBeenCalledWith('p1', { party: 'guardian' });
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  // The SPA once kept its own copy of these rules, and it had diverged from the server's: it offered Withdraw on a
  // proposed placement (refused), hid Decline on an accepted one (allowed), and showed teachers Complete and Withdraw
  // (403). It now shows exactly the actions the placement carries for the caller.
  const buttons: Record<PlacementAction, RegExp | null> = {
    accept: /^Accept placement$/,
    decline: /^Decline/,
    approve: /^Approve placement$/,
    withdraw: /^Withdraw/,
    complete: /^Complete/,
    writeAgreement: /agreement$/i,
    acknowledge: /^Acknowledge as/,
    createLink: /^Create link$/,
    connectClass: null,
    logHours: null,
    evaluate: null,
    reflect: null,
    readReflections: null,
    activate: /^Start the placement$/,
  };
  const offered = async () => {
    await screen.findByTestId('placement-status');
    return (Object.entries(buttons) as [PlacementAction, RegExp | null][])
      .filter(([, name]) => name && screen.queryAllByRole('button', { name }).length > 0)
      .map(([action]) => action);
  };

  it.each([
    ['a proposed placement, to its student', placement({ status: 'proposed', allowedActions: [] }), []],
    ['an accepted placement, to its employer', placement({ status: 'accepted', allowedActions: ['decline', 'withdraw'] }), ['decline', 'withdraw']],
    ['an active placement, to a teacher', placement({ status: 'active', allowedActions: ['readReflections'] }), []],
    ['an active placement, to the coordinator', placement({ status: 'active', allowedActions: ['withdraw', 'complete', 'logHours', 'readReflections'] }), ['withdraw', 'complete']],
  ] as const)('shows exactly the allowed actions: %s', async (_, shown, expected) => {
    renderDetail(fakeApi({ getPlacement: () => Promise.resolve(shown) }));
    expect(await offered()).toEqual(expected);
  });

  it('acknowledges as the party the API names', async () => {
    const terms = { objectives: [{ description: 'Build a thing', skills: [] }], schedule: [], supervisorName: 'Sam', supervisorEmail: 's@x.test', compensation: 'unpaid', credit: 'none', workExperienceEducation: false };
    const pending = placement({
      status: 'agreementPending',
      agreement: { terms, version: 1, requiredParties: ['student', 'supervisor', 'coordinator'], acknowledgements: [] },
      allowedActions: ['acknowledge', 'writeAgreement', 'withdraw'],
      acknowledgeAs: 'supervisor',
    });
    const api = fakeApi({ getPlacement: () => Promise.resolve(pending), acknowledgeAgreement: () => Promise.resolve(pending) });
    const user = renderDetail(api);
    await user.click(await screen.findByRole('button', { name: 'Acknowledge as supervisor' }));
    await waitFor(() => expect(api.acknowledgeAgreement).toHaveBeenCalledWith('p1', { party: 'supervisor' }));
  });
});
