import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { studentHours } from '../../test/outcomesFixtures';
import { placement } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { MyProgressPage } from './MyProgressPage';

describe('My progress', () => {
  it('shows the student’s experiences by stage with their hours, and the next step', async () => {
    const shadow = placement({ id: 'p-shadow', stage: 'exploration', status: 'completed', opportunityTitle: 'Clinic job shadow', employerName: 'Harbor Health' });
    const intern = placement({ id: 'p-intern', stage: 'preparation', status: 'active', opportunityTitle: 'Lab internship', employerName: 'Summit Labs' });
    const api = fakeApi({
      listPlacements: (_studentId?: string, _o?: string, _s?: string, _limit?: number, cursor?: string) =>
        Promise.resolve(cursor ? { items: [intern], nextCursor: null } : { items: [shadow], nextCursor: 'next' }),
      listStudentEvents: () => Promise.resolve([]),
      getStudentHours: () =>
        Promise.resolve(
          studentHours({
            approvedMinutes: 720,
            placements: [
              { placementId: 'p-shadow', opportunityTitle: 'Clinic job shadow', approvedMinutes: 240, submittedMinutes: 0 },
              { placementId: 'p-intern', opportunityTitle: 'Lab internship', approvedMinutes: 480, submittedMinutes: 90 },
            ],
          }),
        ),
    });
    renderWithApi(<MyProgressPage studentId="s1" />, api);

    expect(screen.getByRole('heading', { level: 1, name: 'My progress' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading progress…');
    const stages = await screen.findByRole('list', { name: 'Stages of the continuum, in order' });
    expect(api.listPlacements).toHaveBeenCalledWith('s1', undefined, undefined, 100, 'next', expect.any(AbortSignal));
    const items = within(stages).getAllByRole('listitem').filter((li) => li.parentElement === stages);
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['Career awareness', 'Career exploration', 'Career preparation', 'Career training']);
    expect(items[1].textContent).toContain('Completed');
    expect(within(items[1]).getByRole('link', { name: 'Clinic job shadow' }).getAttribute('href')).toBe('#/placements/p-shadow');
    expect(items[2].textContent).toContain('Active · 8 hours approved, 1.5 waiting');
    // Exploration done, preparation under way: training is not next until preparation is completed.
    expect(items[2].getAttribute('aria-current')).toBe('step');
    expect(screen.getByText('Hours approved').nextElementSibling?.textContent).toBe('12');
    expect(screen.getByText('Hours waiting for approval').nextElementSibling?.textContent).toBe('1.5');
    expect(screen.getByText(/^Build on what you explored/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See opportunities recommended for you' }).getAttribute('href')).toBe('#/recommended');
  });

  it('says what went wrong with a retry', async () => {
    let calls = 0;
    const api = fakeApi({
      listPlacements: () => (++calls === 1 ? Promise.reject(problemOf(404, 'Student s1 was not found.')) : Promise.resolve({ items: [], nextCursor: null })),
      listStudentEvents: () => Promise.resolve([]),
      getStudentHours: () => Promise.resolve(studentHours()),
    });
    const { user } = renderWithApi(<MyProgressPage studentId="s1" />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Student s1 was not found.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText(/^Explore a career that interests you/);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
