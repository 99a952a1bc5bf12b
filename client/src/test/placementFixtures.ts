import type { Evaluation, HoursEntry, HoursLog, Placement, Reflection, Rubric } from '@launchpath/contracts';
import { rubric as baseRubric } from './outcomesFixtures';

/** A placement with sensible defaults, for tests. */
export function placement(overrides: Partial<Placement> = {}): Placement {
  return {
    id: 'p1',
    status: 'requested',
    source: 'application',
    studentId: 's1',
    studentName: 'Ana',
    studentGrade: 11,
    schoolId: 'sch',
    schoolName: 'High',
    opportunityId: 'o1',
    opportunityTitle: 'Lab intern',
    employerId: 'emp',
    employerName: 'Acme',
    stage: 'training',
    expired: false,
    allowedActions: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

let entryCounter = 0;

/** A submitted hours entry, for tests. */
export function hoursEntry(overrides: Partial<HoursEntry> = {}): HoursEntry {
  entryCounter += 1;
  return {
    id: `h${entryCounter}`,
    placementId: 'p1',
    date: '2027-02-10',
    start: '15:30',
    minutes: 120,
    activity: 'Sorted samples with the lab tech',
    status: 'submitted',
    reason: null,
    locked: false,
    decidedAt: null,
    allowedActions: [],
    version: 1,
    ...overrides,
  };
}

/** A placement's hours with the totals the API would give. */
export function hoursLog(entries: HoursEntry[]): HoursLog {
  const sum = (status: HoursEntry['status']) => entries.filter((e) => e.status === status).reduce((t, e) => t + e.minutes, 0);
  return { placementId: 'p1', entries, approvedMinutes: sum('approved'), submittedMinutes: sum('submitted') };
}

/** A rubric of two categories and three criteria on the four-level scale of the outcomes fixtures' rubric. */
export function rubric(): Rubric {
  return baseRubric({
    name: 'Internship rubric',
    criteria: [
      { id: 'communication', category: 'Foundational Skills', description: 'Communicates clearly' },
      { id: 'teamwork', category: 'Applied Workplace Skills', description: 'Works well with others' },
      { id: 'safety', category: 'Applied Workplace Skills', description: 'Follows safety rules' },
    ],
  });
}

export function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 'e1',
    placementId: 'p1',
    kind: 'midpoint',
    rubricName: 'Internship rubric',
    ratings: [
      { criterionId: 'communication', level: 3 },
      { criterionId: 'teamwork', level: 4 },
      { criterionId: 'safety', level: null },
    ],
    averageLevel: 3.5,
    comments: 'A strong start.',
    evaluatorName: 'Sam Supervisor',
    submittedAt: '2027-02-10T18:00:00Z',
    ...overrides,
  };
}

export function reflection(overrides: Partial<Reflection> = {}): Reflection {
  return { id: 'r1', placementId: 'p1', text: 'I learned how the lab tracks samples.', rating: 4, createdAt: '2027-02-10T18:00:00Z', ...overrides };
}
