import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Student } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { problemOf, student } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { ProfilePage } from './ProfilePage';

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('My profile', () => {
  it('shows the record, and saves edited preferences with If-Match on the record’s version', async () => {
    const record = student({ version: 4 });
    const saved: Student = { ...record, version: 5, preferences: { ...record.preferences, careerInterests: ['construction', 'healthcareHumanServices'] } };
    const api = fakeApi({ getStudent: () => Promise.resolve(record), updateStudentPreferences: () => Promise.resolve(saved) });
    const { user } = renderWithApi(<ProfilePage studentId={record.id} />, api);

    await screen.findByText('Alder High');
    expect(screen.getByRole('checkbox', { name: 'Construction' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('checkbox', { name: 'Healthcare & Human Services' }));
    await user.clear(screen.getByRole('textbox', { name: 'Skills' }));
    await user.type(screen.getByRole('textbox', { name: 'Skills' }), 'Tool safety, First aid');
    await user.selectOptions(screen.getByLabelText('How I get around'), 'publicTransit');
    await user.click(screen.getByRole('checkbox', { name: 'I want school credit' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));

    await screen.findByText('Your preferences are saved.');
    expect(api.ifMatch).toHaveBeenCalledWith(4);
    expect(api.updateStudentPreferences).toHaveBeenCalledWith(record.id, {
      careerInterests: ['construction', 'healthcareHumanServices'],
      skills: ['Tool safety', 'First aid'],
      availability: [{ day: 'wednesday', start: '15:00', end: '18:00' }],
      transportation: 'publicTransit',
      maxTravelMinutes: 45,
      prefersPaid: true,
      wantsCredit: true,
      shareProfileWithEmployers: true,
    });
    // The form now holds the saved version: the next save sends 5.
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(api.ifMatch).toHaveBeenLastCalledWith(5));
  });

  it('on 412 says someone else changed the profile, and reloads the latest version', async () => {
    const older = student({ version: 4 });
    const newer = student({ ...older, version: 6, preferences: { ...older.preferences, careerInterests: ['education'] } });
    let loads = 0;
    const api = fakeApi({
      getStudent: () => Promise.resolve(++loads === 1 ? older : newer),
      updateStudentPreferences: () => Promise.reject(problemOf(412, 'The record has changed.')),
    });
    const { user } = renderWithApi(<ProfilePage studentId={older.id} />, api);

    await user.click(await screen.findByRole('checkbox', { name: 'Agriculture' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/changed somewhere else/);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Education' })).toHaveProperty('checked', true));
    expect(screen.getByRole('checkbox', { name: 'Agriculture' })).toHaveProperty('checked', false);
    expect(screen.getByRole('checkbox', { name: 'Construction' })).toHaveProperty('checked', false);
    expect(api.getStudent).toHaveBeenCalledTimes(2);
  });

  it('shows the API’s field errors beside the fields, and checks travel minutes before sending', async () => {
    const record = student();
    const api = fakeApi({
      getStudent: () => Promise.resolve(record),
      updateStudentPreferences: () =>
        Promise.reject(problemOf(400, 'Invalid.', { 'Availability[0].End': ['Use 24-hour HH:mm.'], 'Skills[0]': ["'Skills' must not be empty."] })),
    });
    const { user } = renderWithApi(<ProfilePage studentId={record.id} />, api);

    const minutes = await screen.findByLabelText('Longest trip (minutes, one way)');
    await user.clear(minutes);
    await user.type(minutes, '500');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(minutes.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(minutes)).toContain('Enter whole minutes from 0 to 240.');
    expect(api.updateStudentPreferences).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(minutes);

    await user.clear(minutes);
    await user.type(minutes, '30');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    const slots = await screen.findByRole('group', { name: 'When I am available each week' });
    await within(slots).findByText('Use 24-hour HH:mm.');
    expect(describedBy(screen.getByRole('textbox', { name: 'Skills' }))).toContain("'Skills' must not be empty.");
  });

  it('shows a load error with a way to try again', async () => {
    let fail = true;
    const record = student();
    const api = fakeApi({ getStudent: () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(record)) });
    const { user } = renderWithApi(<ProfilePage studentId={record.id} />, api);
    const alert = await screen.findByRole('alert');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Alder High');
  });
});
