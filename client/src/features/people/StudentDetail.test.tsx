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

  it('leaves subgroups out when the caller may not see them (null in the response)', async () => {
    const s = student({ subgroups: null });
    renderWithApi(<StudentDetail studentId={s.id} />, fakeApi({ getStudent: () => Promise.resolve(s), listGuardians: () => Promise.resolve([]), ...progress }));
    await screen.findByRole('heading', { level: 1, name: 'Noah Johnson' });
    await screen.findByText('None on record.');
    expect(screen.queryByRole('region', { name: 'Equity subgroups' })).toBeNull();
  });
});
