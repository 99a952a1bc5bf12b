import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { student } from '../../test/fixtures';
import { studentHours } from '../../test/outcomesFixtures';
import { placement } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { StudentDetail } from './StudentDetail';

const progress = {
  listPlacements: () => Promise.resolve({ items: [placement({ stage: 'training', status: 'active', opportunityTitle: 'Solar apprenticeship' })], nextCursor: null }),
  listStudentEvents: () => Promise.resolve([]),
  getStudentHours: () => Promise.resolve(studentHours({ approvedMinutes: 600 })),
};

const guardians = () => Promise.resolve([{ id: 'g1', givenName: 'Rosa', familyName: 'Lopez', email: 'rosa@family.test', phone: null, relationship: 'parent' as const }]);

describe('Student detail', () => {
  it('shows the record, preferences and guardians, and subgroups when the API sends them', async () => {
    const s = student({
      subgroups: { englishLearner: true, studentWithDisability: false, socioeconomicallyDisadvantaged: true, fosterYouth: false, raceEthnicity: ['hispanicOrLatino'], gender: 'female' },
    });
    renderWithApi(<StudentDetail studentId={s.id} />, fakeApi({ getStudent: () => Promise.resolve(s), listGuardians: guardians, ...progress }));
    await screen.findByRole('heading', { level: 1, name: 'Noah Johnson' });
    const table = await screen.findByRole('table', { name: 'Parents and guardians' });
    expect(within(table).getByRole('row', { name: /Rosa Lopez Parent rosa@family.test/ })).toBeTruthy();
    const subgroups = screen.getByRole('region', { name: 'Equity subgroups' });
    expect(within(subgroups).getByText('English learner').nextElementSibling?.textContent).toBe('Yes');
    expect(within(subgroups).getByText('Hispanic or Latino')).toBeTruthy();
    expect(screen.getByText('Construction')).toBeTruthy();
  });

  it('shows the student’s progress along the continuum, worded for staff', async () => {
    const s = student();
    renderWithApi(<StudentDetail studentId={s.id} />, fakeApi({ getStudent: () => Promise.resolve(s), listGuardians: guardians, ...progress }));
    const section = await screen.findByRole('region', { name: 'Progress along the continuum' });
    await within(section).findByRole('link', { name: 'Solar apprenticeship' });
    expect(within(section).getByText('Hours approved').nextElementSibling?.textContent).toBe('10');
    expect(within(section).getByText(/^The student has an intensive experience without a completed exploration/)).toBeTruthy();
    expect(within(section).queryByRole('link', { name: /recommended/ })).toBeNull();
  });

  it('invites a guardian with an email to sign in, and says where and in which language the invitation went', async () => {
    const s = student();
    const rosa = { id: 'g1', givenName: 'Rosa', familyName: 'Lopez', email: 'rosa@family.test', phone: null, relationship: 'parent' as const, preferredLanguage: 'es' };
    const abuela = { id: 'g2', givenName: 'Abuela', familyName: 'Lopez', email: null, phone: null, relationship: 'relative' as const };
    const invited: string[] = [];
    const { user } = renderWithApi(
      <StudentDetail studentId={s.id} mayWrite />,
      fakeApi({
        getStudent: () => Promise.resolve(s),
        listGuardians: () => Promise.resolve([rosa, abuela]),
        inviteGuardian: (_id: string, guardianId: string) => {
          invited.push(guardianId);
          return Promise.resolve({
            guardian: { ...rosa, account: 'invited' as const },
            message: { id: 'm1', template: 'account.invitation', channel: 'email', recipient: 'rosa@family.test', language: 'es', subject: 'Invitación', status: 'pending' as const, attempts: 0, inDigest: false, createdAt: '2026-12-07T10:00:00Z' },
          });
        },
        ...progress,
      }),
    );
    const table = await screen.findByRole('table', { name: 'Parents and guardians' });
    expect(within(table).getByRole('row', { name: /Abuela Lopez .* No account · No email on record/ })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Rosa Lopez .* Spanish \(español\)/ })).toBeTruthy();
    await user.click(within(table).getByRole('button', { name: 'Invite to sign in: Rosa Lopez' }));
    expect(invited).toEqual(['g1']);
    expect(await screen.findByText(/Invitation emailed to rosa@family.test \(in Spanish \(español\)\)/)).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'Invite again: Rosa Lopez' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: /Rosa Lopez .* Invited/ })).toBeTruthy();
  });

  it('offers no invitation to staff who may not change student records', async () => {
    const s = student();
    renderWithApi(<StudentDetail studentId={s.id} />, fakeApi({ getStudent: () => Promise.resolve(s), listGuardians: guardians, ...progress }));
    const table = await screen.findByRole('table', { name: 'Parents and guardians' });
    expect(within(table).getByRole('row', { name: /Rosa Lopez .* No account/ })).toBeTruthy();
    expect(within(table).queryByRole('button')).toBeNull();
  });

  it('leaves subgroups out when the caller may not see them (null in the response)', async () => {
    const s = student({ subgroups: null });
    renderWithApi(<StudentDetail studentId={s.id} />, fakeApi({ getStudent: () => Promise.resolve(s), listGuardians: () => Promise.resolve([]), ...progress }));
    await screen.findByRole('heading', { level: 1, name: 'Noah Johnson' });
    await screen.findByText('None on record.');
    expect(screen.queryByRole('region', { name: 'Equity subgroups' })).toBeNull();
  });
});
