import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { PermissionLinkPage } from './PermissionLinkPage';

const trip = {
  studentFirstName: 'Ana',
  opportunityTitle: 'Wind farm worksite tour',
  employerName: 'Valley Wind',
  startsAt: '2027-03-09T17:00:00Z',
  endsAt: '2027-03-09T19:00:00Z',
  location: 'Altamont Pass visitor center',
  decision: 'pending' as const,
};

describe('A guardian’s permission link', () => {
  it('shows the trip and sends the answer signed with the guardian’s name', async () => {
    const api = fakeApi({
      getTripPermissionLink: () => Promise.resolve(trip),
      answerTripPermissionLink: () => Promise.resolve({ ...trip, decision: 'granted' as const }),
    });
    renderWithApi(<PermissionLinkPage token="tok-1" />, api);

    await screen.findByRole('heading', { name: 'Permission for Ana to go on a trip' });
    expect(screen.getByText('Altamont Pass visitor center')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'I give permission' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: ' Rosa Reyes ' } });
    fireEvent.click(screen.getByRole('button', { name: 'I give permission' }));
    await screen.findByText(/^Thank you: permission is given/);
    expect(api.answerTripPermissionLink).toHaveBeenCalledWith('tok-1', { granted: true, guardianName: 'Rosa Reyes' });
    expect(screen.getByTestId('permission-decision').textContent).toBe('Given');
  });

  it('says so when the link no longer works', async () => {
    const api = fakeApi({ getTripPermissionLink: () => Promise.reject(problemOf(404, 'This permission link was not found.')) });
    renderWithApi(<PermissionLinkPage token="old" />, api);
    await screen.findByRole('heading', { name: 'This link does not work' });
  });
});
