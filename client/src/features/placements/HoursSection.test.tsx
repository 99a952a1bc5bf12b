import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { hoursEntry, hoursLog, placement } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { apiSeenBy, employerAdminViewer, readingStaffViewer, seenBy, studentViewer, supervisorViewer, type Viewer } from '../../test/viewers';
import { HoursSection } from './HoursSection';

const student = studentViewer;
const supervisor = supervisorViewer;
const employerAdmin = employerAdminViewer;
const teacher = readingStaffViewer;
const active = placement({ status: 'active' });

function renderSection(api: ReturnType<typeof fakeApi>, viewer: Viewer, p = active) {
  return renderWithApi(<HoursSection placement={seenBy(viewer, p)} />, apiSeenBy(viewer, api));
}

describe('HoursSection for the student', () => {
  it('shows the totals and logs hours from the start and end time', async () => {
    const approved = hoursEntry({ date: '2027-02-08', minutes: 90, status: 'approved', locked: true });
    const api = fakeApi({
      listHours: () => Promise.resolve(hoursLog([approved])),
      logHours: (_id, body) => Promise.resolve(hoursEntry({ id: 'new', ...body })),
    });
    const { user } = renderSection(api, student);
    expect((await screen.findByTestId('hours-approved')).textContent).toBe('1 h 30 min');
    expect(screen.getByTestId('hours-pending').textContent).toBe('0 h');

    const form = screen.getByRole('form', { name: 'Log hours' });
    await user.clear(within(form).getByLabelText(/^Date/));
    await user.type(within(form).getByLabelText(/^Date/), '2027-02-10');
    await user.type(within(form).getByLabelText(/^Start time/), '15:30');
    await user.type(within(form).getByLabelText(/^End time/), '17:45');
    expect(within(form).getByText('2 h 15 min worked.')).toBeTruthy();
    await user.type(within(form).getByLabelText(/^What you did/), 'Restocked the exam rooms');
    await user.click(within(form).getByRole('button', { name: 'Log hours' }));

    await screen.findByText('Logged 2 h 15 min on Feb 10, 2027; it awaits your supervisor’s approval.');
    expect(api.logHours).toHaveBeenCalledWith('p1', { date: '2027-02-10', start: '15:30', minutes: 135, activity: 'Restocked the exam rooms' });
    expect(screen.getByTestId('hours-pending').textContent).toBe('2 h 15 min');
    const entries = screen.getByRole('list', { name: 'Hours entries' });
    expect(within(entries).getByRole('heading', { name: /Feb 10, 2027, 15:30–17:45/ })).toBeTruthy();
    expect((within(form).getByLabelText(/^What you did/) as HTMLTextAreaElement).value).toBe('');
  });

  it('checks the form before sending, and focuses the first field to fix', async () => {
    const api = fakeApi({ listHours: () => Promise.resolve(hoursLog([])) });
    const { user } = renderSection(api, student);
    await user.click(await screen.findByRole('button', { name: 'Log hours' }));
    const start = screen.getByLabelText(/^Start time/);
    expect(start.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(start);
    expect(screen.getByText('Describe what you did.')).toBeTruthy();
    expect(api.logHours).not.toHaveBeenCalled();
  });

  it('shows a child-labor rule (422) in words, and the API’s field errors on their fields', async () => {
    const rule = '29 CFR 570.35: 14- and 15-year-olds may work at most 3 hours on a school day; this entry makes 3 h 15 min on Wed 2027-02-10.';
    const answers = [problemOf(422, rule), problemOf(400, 'One or more validation errors occurred.', { Date: ['Log hours once they are worked.'] })];
    const api = fakeApi({ listHours: () => Promise.resolve(hoursLog([])), logHours: () => Promise.reject(answers.shift()) });
    const { user } = renderSection(api, student);
    await user.type(await screen.findByLabelText(/^Start time/), '15:30');
    await user.type(screen.getByLabelText(/^End time/), '18:45');
    await user.type(screen.getByLabelText(/^What you did/), 'Filing');
    await user.click(screen.getByRole('button', { name: 'Log hours' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(rule);
    expect(document.activeElement).toBe(alert);

    await user.click(screen.getByRole('button', { name: 'Log hours' }));
    await screen.findByText('Log hours once they are worked.');
    expect(screen.getByLabelText(/^Date/).getAttribute('aria-invalid')).toBe('true');
  });

  it('corrects and deletes entries not yet approved, and leaves approved ones locked', async () => {
    const pending = hoursEntry({ id: 'pending', date: '2027-02-09', start: '15:00', minutes: 60 });
    const approved = hoursEntry({ id: 'approved', date: '2027-02-08', status: 'approved', locked: true });
    const api = fakeApi({
      listHours: () => Promise.resolve(hoursLog([approved, pending])),
      editHours: (id, body) => Promise.resolve(hoursEntry({ id, ...body })),
      deleteHours: () => Promise.resolve(),
    });
    const { user } = renderSection(api, student);
    await screen.findByRole('list', { name: 'Hours entries' });
    expect(screen.queryByRole('button', { name: /^Edit the hours of Feb 8, 2027/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Edit the hours of Feb 9, 2027, 15:00–16:00' }));
    const form = screen.getByRole('form', { name: 'Correct the hours of Feb 9, 2027, 15:00–16:00' });
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Date/));
    await user.clear(within(form).getByLabelText(/^End time/));
    await user.type(within(form).getByLabelText(/^End time/), '16:30');
    await user.click(within(form).getByRole('button', { name: 'Save correction' }));
    await screen.findByText('Corrected the hours of Feb 9, 2027; they await approval again.');
    expect(api.editHours).toHaveBeenCalledWith('pending', { date: '2027-02-09', start: '15:00', minutes: 90, activity: pending.activity });

    await user.click(screen.getByRole('button', { name: 'Delete the hours of Feb 9, 2027, 15:00–16:30' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete these hours?' })).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted the hours of Feb 9, 2027, 15:00–16:30.');
    expect(api.deleteHours).toHaveBeenCalledWith('pending');
    expect(screen.queryByRole('heading', { name: /Feb 9, 2027/ })).toBeNull();
  });

  it('offers no log form once the placement is completed', async () => {
    const api = fakeApi({ listHours: () => Promise.resolve(hoursLog([hoursEntry({ status: 'approved', locked: true })])) });
    renderSection(api, student, placement({ status: 'completed' }));
    await screen.findByRole('list', { name: 'Hours entries' });
    expect(screen.queryByRole('form', { name: 'Log hours' })).toBeNull();
  });
});

describe('HoursSection for the employer and the school', () => {
  it('lets a supervisor approve, and reject only with a reason', async () => {
    const first = hoursEntry({ id: 'first', date: '2027-02-09' });
    const second = hoursEntry({ id: 'second', date: '2027-02-10' });
    const api = fakeApi({
      listHours: () => Promise.resolve(hoursLog([first, second])),
      decideHours: (id, body) =>
        Promise.resolve({ ...(id === 'first' ? first : second), status: body.approve ? 'approved' : 'rejected', locked: body.approve, reason: body.reason }),
    });
    const { user } = renderSection(api, supervisor);
    await user.click(await screen.findByRole('button', { name: 'Approve the hours of Feb 9, 2027, 15:30–17:30' }));
    await screen.findByText('Approved the hours of Feb 9, 2027, 15:30–17:30.');
    expect(api.decideHours).toHaveBeenCalledWith('first', { approve: true });
    expect(screen.getByTestId('hours-approved').textContent).toBe('2 h');
    expect(screen.queryByRole('button', { name: /Create approval link/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Reject… the hours of Feb 10, 2027, 15:30–17:30' }));
    await user.click(screen.getByRole('button', { name: 'Reject hours' }));
    expect(screen.getByText('Say why the hours are rejected.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Reason for rejecting/));
    await user.type(screen.getByLabelText(/^Reason for rejecting/), 'You left at 16:30');
    await user.click(screen.getByRole('button', { name: 'Reject hours' }));
    await screen.findByText('Reason: You left at 16:30');
    expect(api.decideHours).toHaveBeenLastCalledWith('second', { approve: false, reason: 'You left at 16:30' });
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });

  it('shows the API’s refusal of a decision on the entry', async () => {
    const api = fakeApi({
      listHours: () => Promise.resolve(hoursLog([hoursEntry()])),
      decideHours: () => Promise.reject(problemOf(409, 'The entry was already decided.')),
    });
    const { user } = renderSection(api, supervisor);
    await user.click(await screen.findByRole('button', { name: /^Approve the hours/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('The entry was already decided.');
  });

  it('lets the employer admin issue a one-time approval link, shown once', async () => {
    const api = fakeApi({
      listHours: () => Promise.resolve(hoursLog([hoursEntry({ id: 'e9' })])),
      createHoursLink: () => Promise.resolve({ token: 'tok', url: 'http://app.test/hours/tok', expiresAt: '2027-02-24T00:00:00Z' }),
    });
    const { user } = renderSection(api, employerAdmin);
    await user.click(await screen.findByRole('button', { name: /^Create approval link for the hours of/ }));
    expect((await screen.findByTestId('one-time-link')).textContent).toBe('http://app.test/hours/tok');
    expect(api.createHoursLink).toHaveBeenCalledWith('e9');
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
  });

  it('shows school staff who only read the hours read-only', async () => {
    const api = fakeApi({ listHours: () => Promise.resolve(hoursLog([hoursEntry(), hoursEntry({ status: 'rejected', reason: 'Wrong day' })])) });
    renderSection(api, teacher);
    await screen.findByText('Reason: Wrong day');
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('hours-pending').textContent).toBe('2 h');
  });

  it('says when the hours cannot be loaded, and retries', async () => {
    const api = fakeApi({ listHours: () => Promise.reject(problemOf(404, 'Placement p1 was not found.')) });
    const { user } = renderSection(api, teacher);
    expect((await screen.findByRole('alert')).textContent).toContain('Placement p1 was not found.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.listHours).toHaveBeenCalledTimes(2));
  });
});
