// Wire records with sensible defaults, for the page tests.
import type {
  MatchRound,
  MatchStatistics,
  Opportunity,
  OpportunityFields,
  RecommendedOpportunity,
  RosterImport,
  RoundApplicant,
  Student,
  MatchRoundAction,
  OpportunityAction,
} from '@launchpath/contracts';

let counter = 0;
const nextId = () => `00000000-0000-7000-9000-${String(++counter).padStart(12, '0')}`;

export function fields(overrides: Partial<OpportunityFields> = {}): OpportunityFields {
  return {
    title: 'Job shadow',
    description: 'A day at the clinic.',
    duties: null,
    type: 'jobShadowing',
    stage: 'exploration',
    careerCluster: 'healthcareHumanServices',
    pathway: null,
    skills: ['Empathy'],
    modality: 'virtual',
    siteName: null,
    worksiteId: null,
    address: null,
    location: null,
    seats: 3,
    startDate: '2027-03-01',
    endDate: '2027-03-29',
    schedule: [],
    expectedHours: null,
    compensation: 'unpaid',
    hourlyWage: null,
    stipendAmount: null,
    creditOffered: false,
    creditDescription: null,
    minGrade: null,
    minAge: null,
    prerequisiteStage: null,
    requiredForms: [],
    hazardous: false,
    audience: 'region',
    audienceOrganizationIds: [],
    ...overrides,
  };
}

const offeredFor: Record<Opportunity['status'], OpportunityAction[]> = {
  draft: ['edit', 'submit'],
  rejected: ['edit', 'submit'],
  submitted: ['approve', 'reject'],
  published: ['close'],
  closed: [],
};

export function opportunity(overrides: Partial<Omit<Opportunity, 'fields'>> & { fields?: Partial<OpportunityFields> } = {}): Opportunity {
  const { fields: f, ...rest } = overrides;
  return {
    id: nextId(),
    employerId: 'employer-1',
    employerName: 'Harbor Health',
    regionId: 'region-1',
    status: 'draft',
    rejectionReason: null,
    submittedAt: null,
    decidedAt: null,
    // As the API answers an employer's writer (drafts) or a curator (submitted ones); tests override it per caller.
    allowedActions: offeredFor[rest.status ?? 'draft'],
    version: 1,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...rest,
    fields: fields(f),
  };
}

export function student(overrides: Partial<Student> = {}): Student {
  return {
    id: nextId(),
    districtId: 'district-1',
    schoolId: 'school-1',
    schoolName: 'Alder High',
    givenName: 'Noah',
    familyName: 'Johnson',
    preferredName: null,
    email: 'noah@students.test',
    sourcedId: 's-1',
    identifier: '901',
    grade: 11,
    birthDate: '2010-05-20',
    pathway: 'Engineering',
    cteConcentrator: false,
    homeLocation: null,
    preferences: {
      careerInterests: ['construction'],
      skills: ['Tool safety'],
      availability: [{ day: 'wednesday', start: '15:00', end: '18:00' }],
      transportation: 'bike',
      maxTravelMinutes: 45,
      prefersPaid: true,
      wantsCredit: false,
      shareProfileWithEmployers: true,
    },
    subgroups: null,
    status: 'active',
    version: 4,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

export function recommended(title: string, score: number, reasons: RecommendedOpportunity['reasons']): RecommendedOpportunity {
  return { opportunity: opportunity({ status: 'published', fields: { title } }), score, seatsLeft: 2, reasons };
}

// As the API answers a round's manager who is also a student and an employer's writer; tests override it per caller.
const roundOffers: Record<MatchRound['status'], MatchRoundAction[]> = {
  open: ['run', 'submitChoices', 'rankApplicants'],
  queued: [],
  running: [],
  matched: ['run', 'publish', 'submitChoices', 'rankApplicants'],
  published: [],
};

export function round(overrides: Partial<MatchRound> = {}): MatchRound {
  return {
    allowedActions: roundOffers[overrides.status ?? 'open'],
    id: nextId(),
    organizationId: 'region-1',
    regionId: 'region-1',
    name: 'Spring round',
    status: 'open',
    maxChoices: 3,
    seed: 7,
    reserveGroup: null,
    reservePercent: 0,
    opportunities: [
      { opportunityId: 'o1', title: 'Clinic shadow', employerName: 'Harbor Health', seats: 2, applicants: 4 },
      { opportunityId: 'o2', title: 'Robotics tour', employerName: 'Summit Robotics', seats: 10, applicants: 1 },
      { opportunityId: 'o3', title: 'Bank internship', employerName: 'Granite Credit Union', seats: 1, applicants: 0 },
      { opportunityId: 'o4', title: 'Solar apprenticeship', employerName: 'Riverside Solar', seats: 1, applicants: 0 },
    ],
    studentsWithChoices: 12,
    progress: 0,
    runs: 0,
    statistics: null,
    version: 1,
    createdAt: '2026-11-01T10:00:00Z',
    matchedAt: null,
    publishedAt: null,
    ...overrides,
  };
}

export function statistics(overrides: Partial<MatchStatistics> = {}): MatchStatistics {
  return {
    students: 40,
    matched: 30,
    unmatched: 10,
    firstChoiceShare: 0.625,
    topThreeShare: 0.7,
    seats: 45,
    unfilledSeats: 15,
    proposals: 60,
    bySubgroup: [
      { group: 'all', students: 40, suppressed: false, matched: 30, firstChoiceShare: 0.625, topThreeShare: 0.7 },
      { group: 'englishLearner', students: 12, suppressed: false, matched: 9, firstChoiceShare: 0.5, topThreeShare: 0.75 },
      { group: 'fosterYouth', students: 2, suppressed: true, matched: null, firstChoiceShare: null, topThreeShare: null },
    ],
    ...overrides,
  };
}

export function applicant(overrides: Partial<RoundApplicant> = {}): RoundApplicant {
  const id = nextId();
  return {
    applicantId: `applicant-${id}`,
    studentId: id,
    displayName: 'Ana Lopez',
    profileShared: true,
    grade: 11,
    schoolName: 'Alder High',
    interests: ['healthcareHumanServices'],
    skills: ['First aid'],
    choiceRank: 1,
    employerRank: null,
    unacceptable: false,
    ...overrides,
  };
}

export function rosterImport(overrides: Partial<RosterImport> = {}): RosterImport {
  const held = overrides.status === 'previewed' || overrides.status === 'needsConfirmation';
  return {
    // As the API answers a signed-in district admin: a held import can be confirmed.
    allowedActions: held ? ['confirm'] : [],
    id: nextId(),
    districtId: 'district-1',
    status: 'queued',
    mode: 'delta',
    source: 'csv',
    totalRows: 0,
    processedRows: 0,
    counts: null,
    errors: [],
    errorCount: 0,
    changes: null,
    notes: [],
    preview: false,
    oneRosterVersion: null,
    confirmedAt: null,
    createdAt: '2026-11-01T10:00:00Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

/** A promise to resolve later, to see a loading state. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What the API throws for a problem response (the generated client throws the parsed body). */
export function problemOf(status: number, detail: string, errors?: Record<string, string[]>) {
  return { type: 'about:blank', title: 'Problem', status, detail, traceId: '00-test-00', ...(errors ? { errors } : {}) };
}
