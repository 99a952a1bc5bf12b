import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LinkedHoursEntry } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { hoursEntry } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { HoursLinkPage } from './HoursLinkPage';

const linked = (overrides: Partial<LinkedHoursEntry['entry']> = {}): LinkedHoursEntry => ({
  studentFirstName: 'Ana',
  opportunityTitle: 'Lab intern',
  entry: hoursEntry({ date: '2027-02-10', start: '15:30', minutes: 90, activity: 'Labelled samples', ...overrides }),
  expiresAt: '2027-02-24T00:00:00Z',
});

describe('HoursLinkPage', () => {
  it('shows the entry and approves it under the supervisor’s name', async () => {
    const api = fakeApi({
      getLinkedHours: () => Promise.resolve(linked()),
      decideHoursByLink: () => Promise.resolve(linked({ status: 'approved', locked: true })),
    });
    const { user } = renderWithApi(<HoursLinkPage token="tok" />, api);
    await screen.findByRole('heading', { level: 1, name: 'Hours to approve for Ana' });
    expect(screen.getByText('15:30–17:00 (1 h 30 min)')).toBeTruthy();
    expect(screen.getByText('Labelled samples')).toBeTruthy();

    await user.type(screen.getByLabelText(/^Your name/), 'Sam Supervisor');
    await user.click(screen.getByRole('button', { name: 'Approve hours' }));
    await screen.findByText('Thank you, Sam Supervisor. The hours are approved; this link is now used up.');
    expect(api.decideHoursByLink).toHaveBeenCalledWith('tok', { approve: true, name: 'Sam Supervisor' });
    expect(screen.getByTestId('linked-hours-status').textContent).toBe('Approved');
    expect(screen.queryByRole('button', { name: /hours$/ })).toBeNull();
  });

  it('needs a name, and a reason to reject', async () => {
    const api = fakeApi({
      getLinkedHours: () => Promise.resolve(linked()),
      decideHoursByLink: (_token, body) => Promise.resolve(linked({ status: 'rejected', reason: body.reason })),
    });
    const { user } = renderWithApi(<HoursLinkPage token="tok" />, api);
    await user.click(await screen.findByRole('button', { name: 'Reject hours' }));
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Say why the hours are rejected.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Your name/));
    expect(api.decideHoursByLink).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/^Your name/), 'Sam');
    await user.type(screen.getByLabelText(/^Reason/), 'Ana left at 16:30');
    await user.click(screen.getByRole('button', { name: 'Reject hours' }));
    await screen.findByText('Thank you, Sam. The hours are rejected; this link is now used up.');
    expect(api.decideHoursByLink).toHaveBeenCalledWith('tok', { approve: false, name: 'Sam', reason: 'Ana left at 16:30' });
    expect(screen.getByText('Ana left at 16:30')).toBeTruthy();
  });

  it('shows the API’s field errors on their fields', async () => {
    const api = fakeApi({
      getLinkedHours: () => Promise.resolve(linked()),
      decideHoursByLink: () => Promise.reject(problemOf(400, 'One or more validation errors occurred.', { Name: ['Say who is deciding.'] })),
    });
    const { user } = renderWithApi(<HoursLinkPage token="tok" />, api);
    await user.type(await screen.findByLabelText(/^Your name/), 'x');
    await user.click(screen.getByRole('button', { name: 'Approve hours' }));
    await screen.findByText('Say who is deciding.');
    expect(screen.getByLabelText(/^Your name/).getAttribute('aria-invalid')).toBe('true');
  });

  it('says when the entry was already decided elsewhere', async () => {
    const api = fakeApi({ getLinkedHours: () => Promise.resolve(linked({ status: 'approved', locked: true })) });
    renderWithApi(<HoursLinkPage token="tok" />, api);
    await screen.findByText('These hours were already decided: nothing is left to do here.');
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('explains a used or expired link (410)', async () => {
    const api = fakeApi({ getLinkedHours: () => Promise.reject(problemOf(410, 'This link was already used or has expired.')) });
    renderWithApi(<HoursLinkPage token="tok" />, api);
    await screen.findByRole('heading', { level: 1, name: 'This link has been used or has expired' });
    expect(screen.getByText(/Ask the employer or the school for a new link/)).toBeTruthy();
  });
});
