import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ClassSummary } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { ClassList, ClassRosterView } from './ClassesView';

const biology: ClassSummary = {
  id: 'class-1', sourcedId: 'bio-1', title: 'Biology, period 1', classCode: 'BIO1-1', schoolId: 'school-1', schoolName: 'Alder High',
  courseTitle: 'Biology', courseCode: 'BIO1', teachers: ['Rosa Diaz'], students: 2, active: true,
};

describe('Classes', () => {
  it('lists the classes the teacher teaches first, and all of the school’s on request', async () => {
    const api = fakeApi({ listClasses: (_school, mine) => Promise.resolve(mine ? [biology] : [biology, { ...biology, id: 'class-2', title: 'Chemistry', teachers: [] }]) });
    const { user } = renderWithApi(<ClassList />, api);
    const table = await screen.findByRole('table', { name: 'Classes' });
    expect(within(table).getByRole('link', { name: 'Biology, period 1' }).getAttribute('href')).toBe('#/students/classes/class-1');
    expect(api.listClasses).toHaveBeenCalledWith(undefined, true, expect.anything());
    await user.click(screen.getByRole('checkbox', { name: /Only the classes I teach/ }));
    await screen.findByText('Chemistry');
  });

  it('shows a class’s students with their work-based learning', async () => {
    const api = fakeApi({
      getClassRoster: () =>
        Promise.resolve({
          class: biology,
          students: [
            { studentId: 's1', name: 'Maya Reyes', grade: 11, activePlacements: 1, completedPlacements: 2, approvedMinutes: 630, latestStage: 'preparation' },
            { studentId: 's2', name: 'Leo Park', grade: null, activePlacements: 0, completedPlacements: 0, approvedMinutes: 0, latestStage: null },
          ],
        }),
    });
    renderWithApi(<ClassRosterView classId="class-1" />, api);
    const table = await screen.findByRole('table', { name: 'Students and their work-based learning' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => Array.from(r.querySelectorAll('td')).map((c) => c.textContent));
    expect(rows[0]).toEqual(['Maya Reyes', 'Grade 11', '1', '2', '10.5', 'Career preparation']);
    expect(rows[1]).toEqual(['Leo Park', 'Grade unknown', '0', '0', '0', '—']);
  });
});
