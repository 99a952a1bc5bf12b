// Wire records for the outcomes, progress and admin page tests.
import { membershipOf } from './fakeApi';
import type { ApiKeyInfo, MatchingSettings, OutcomesReport, Rubric, StudentHours, UserSummary } from '@launchpath/contracts';

export function outcomesReport(overrides: Partial<OutcomesReport> = {}): OutcomesReport {
  return {
    organizationId: 'region-1',
    from: '2026-07-01',
    to: '2027-06-30',
    students: 200,
    participants: 80,
    participationRate: 0.4,
    byStage: [
      { key: 'exploration', placements: 50, students: 45 },
      { key: 'awareness', placements: 30, students: 28 },
      { key: 'training', placements: 5, students: 5 },
    ],
    byType: [
      { key: 'jobShadowing', placements: 40, students: 38 },
      { key: 'paidInternship', placements: 10, students: 10 },
    ],
    byCluster: [{ key: 'healthcareHumanServices', placements: 25, students: 22 }],
    bySchool: [
      { group: 'school-1', name: 'Alder High', students: 120, suppressed: false, participants: 60, rate: 0.5, gapToAll: 0.1 },
      { group: 'school-2', name: 'Birch High', students: 80, suppressed: false, participants: 20, rate: 0.25, gapToAll: -0.15 },
    ],
    byCourse: [{ group: 'course-1', name: 'Biology', students: 60, suppressed: false, participants: 30, rate: 0.5, gapToAll: 0.1 }],
    bySubgroup: [
      { group: 'englishLearner', students: 40, suppressed: false, participants: 12, rate: 0.3, gapToAll: -0.1 },
      { group: 'fosterYouth', students: 4, suppressed: true },
      { group: 'race:hispanicOrLatino', students: 90, suppressed: false, participants: 35, rate: 0.389, gapToAll: -0.011 },
      { group: 'gender:female', students: 100, suppressed: false, participants: 45, rate: 0.45, gapToAll: 0.05 },
      { group: 'grade:11', students: 60, suppressed: false, participants: 30, rate: 0.5, gapToAll: 0.1 },
    ],
    hours: { approvedMinutes: 9030, studentsWithHours: 21 },
    skillGains: { evaluatedPlacements: 12, averageMidpoint: 2.4, averageFinal: 3.1, averageGain: 0.7 },
    employers: { employersWithPlacements: 14, opportunitiesPublished: 33 },
    events: {
      sessions: 6,
      attendances: 150,
      studentsAttended: 120,
      participationRate: 0.6,
      exposureMinutes: 18000,
      byStage: [{ key: 'awareness', placements: 150, students: 120 }],
      bySchool: [
        { group: 'school-1', name: 'Alder High', students: 120, suppressed: false, participants: 90, rate: 0.75, gapToAll: 0.15 },
        { group: 'school-2', name: 'Birch High', students: 80, suppressed: false, participants: 30, rate: 0.375, gapToAll: -0.225 },
      ],
      bySubgroup: [{ group: 'englishLearner', students: 40, suppressed: false, participants: 20, rate: 0.5, gapToAll: -0.1 }],
      employersHosting: 4,
      ratings: 40,
      averageRating: 4.3,
    },
    educators: { applications: 5, educators: 3, completed: 2 },
    perkins5S3: { concentrators: 25, suppressed: false, withWorkBasedLearning: 10, rate: 0.4 },
    ...overrides,
  };
}

export function studentHours(overrides: Partial<StudentHours> = {}): StudentHours {
  return { studentId: 's1', approvedMinutes: 0, placements: [], ...overrides };
}

export function userSummary(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: 'user-1',
    email: 'jordan@alder.test',
    displayName: 'Jordan Lee',
    disabled: false,
    memberships: [membershipOf({ organizationId: 'school-1', organizationName: 'Alder High', organizationType: 'school' }, 'teacher')],
    ...overrides,
  };
}

export function apiKey(overrides: Partial<ApiKeyInfo> = {}): ApiKeyInfo {
  return {
    id: 'key-1',
    organizationId: 'district-1',
    name: 'SIS roster sync',
    prefix: 'lp_ab12',
    permissions: ['rosterImport'],
    createdAt: '2026-11-01T10:00:00Z',
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

export function matchingSettings(overrides: Partial<MatchingSettings> = {}): MatchingSettings {
  return {
    regionId: 'region-1',
    weights: { interest: 3, pathway: 2, sequencing: 2, schedule: 2, travel: 2, pay: 1, credit: 1, seats: 0.5 },
    maxChoices: 5,
    version: 3,
    ...overrides,
  };
}

export function rubric(overrides: Partial<Rubric> = {}): Rubric {
  return {
    name: 'California internship evaluation (CDE template)',
    version: 0,
    levels: [
      { level: 1, label: 'Does not meet expectations' },
      { level: 2, label: 'Approaching expectations' },
      { level: 3, label: 'Meets expectations' },
      { level: 4, label: 'Above expectations' },
    ],
    criteria: [
      { id: 'foundational-communication', category: 'Foundational Skills', description: 'Communicates clearly in speaking and writing' },
      { id: 'applied-teamwork', category: 'Applied Workplace Skills', description: 'Works well with others' },
    ],
    ...overrides,
  };
}
