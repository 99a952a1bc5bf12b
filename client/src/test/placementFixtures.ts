import type { Placement } from '@launchpath/contracts';

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
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
