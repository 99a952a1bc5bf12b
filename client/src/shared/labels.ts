import type {
  AgreementParty,
  AudienceScope,
  Compensation,
  ContinuumStage,
  DayOfWeek,
  Gender,
  GuardianRelationship,
  HoursStatus,
  MatchRoundStatus,
  Modality,
  OpportunityStatus,
  OpportunityType,
  PlacementStatus,
  RaceEthnicity,
  ReserveGroup,
  RosterImportStatus,
  RosterMode,
  TransportationMode,
} from '@launchpath/contracts';

// Records keyed by the generated union types: a value added to the API fails to compile here until it is labelled.

export const opportunityTypeLabels: Record<OpportunityType, string> = {
  guestSpeaker: 'Guest speaker',
  careerFair: 'Career fair',
  worksiteTour: 'Worksite tour',
  informationalInterview: 'Informational interview',
  jobShadowing: 'Job shadow',
  mentorship: 'Mentorship',
  serviceLearning: 'Service learning',
  simulatedWorksite: 'Simulated worksite',
  schoolBasedEnterprise: 'School-based enterprise',
  entrepreneurship: 'Entrepreneurship',
  nonPaidInternship: 'Non-paid internship',
  unpaidInternship: 'Unpaid internship',
  paidInternship: 'Paid internship',
  cooperativeEducation: 'Cooperative education',
  clinicalWorkExperience: 'Clinical work experience',
  supervisedAgriculturalExperience: 'Supervised agricultural experience',
  onTheJob: 'On-the-job training',
  preApprenticeship: 'Pre-apprenticeship',
  apprenticeship: 'Apprenticeship',
  teacherExternship: 'Teacher externship',
  other: 'Other',
};

export const stageLabels: Record<ContinuumStage, string> = {
  awareness: 'Career awareness',
  exploration: 'Career exploration',
  preparation: 'Career preparation',
  training: 'Career training',
};

export const modalityLabels: Record<Modality, string> = {
  inPerson: 'In person',
  hybrid: 'Hybrid',
  virtual: 'Virtual',
};

export const compensationLabels: Record<Compensation, string> = {
  paid: 'Paid (hourly wage)',
  stipend: 'Stipend',
  unpaid: 'Unpaid',
};

export const transportationLabels: Record<TransportationMode, string> = {
  walk: 'Walking',
  bike: 'Bike',
  publicTransit: 'Public transit',
  car: 'Own car',
  schoolProvided: 'School-provided transport',
  familyRide: 'A ride from family',
  none: 'No transportation',
};

export const dayLabels: Record<DayOfWeek, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const opportunityStatusLabels: Record<OpportunityStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting curation',
  published: 'Published',
  rejected: 'Rejected',
  closed: 'Closed',
};

export const audienceLabels: Record<AudienceScope, string> = {
  region: 'The whole region',
  district: 'Some districts',
  school: 'Some schools',
};

export const roundStatusLabels: Record<MatchRoundStatus, string> = {
  open: 'Open for choices',
  queued: 'Queued to run',
  running: 'Running',
  matched: 'Matched (proposed)',
  published: 'Published',
};

export const reserveGroupLabels: Record<ReserveGroup, string> = {
  englishLearner: 'English learners',
  studentWithDisability: 'Students with disabilities',
  socioeconomicallyDisadvantaged: 'Socioeconomically disadvantaged students',
  fosterYouth: 'Foster youth',
};

export const rosterStatusLabels: Record<RosterImportStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  previewed: 'Previewed',
  needsConfirmation: 'Awaiting confirmation',
};

export const rosterModeLabels: Record<RosterMode, string> = {
  bulk: 'Bulk (people not in the files become inactive)',
  delta: 'Delta (only the rows sent change)',
};

export const relationshipLabels: Record<GuardianRelationship, string> = {
  parent: 'Parent',
  guardian: 'Guardian',
  relative: 'Relative',
};

export const raceEthnicityLabels: Record<RaceEthnicity, string> = {
  americanIndianOrAlaskaNative: 'American Indian or Alaska Native',
  asian: 'Asian',
  blackOrAfricanAmerican: 'Black or African American',
  hispanicOrLatino: 'Hispanic or Latino',
  nativeHawaiianOrOtherPacificIslander: 'Native Hawaiian or Other Pacific Islander',
  white: 'White',
};

export const genderLabels: Record<Gender, string> = {
  female: 'Female',
  male: 'Male',
  nonBinary: 'Non-binary',
  notReported: 'Not reported',
};

/** The statistics' subgroup names ("all", "englishLearner", …), which the API sends as plain strings. */
export function subgroupLabel(group: string): string {
  if (group === 'all') return 'All students';
  return group in reserveGroupLabels ? reserveGroupLabels[group as ReserveGroup] : group;
}

export const opportunityTypes = Object.keys(opportunityTypeLabels) as OpportunityType[];
export const stages = Object.keys(stageLabels) as ContinuumStage[];
export const modalities = Object.keys(modalityLabels) as Modality[];
export const compensations = Object.keys(compensationLabels) as Compensation[];
export const transportationModes = Object.keys(transportationLabels) as TransportationMode[];
export const days = Object.keys(dayLabels) as DayOfWeek[];
export const opportunityStatuses = Object.keys(opportunityStatusLabels) as OpportunityStatus[];
export const audiences = Object.keys(audienceLabels) as AudienceScope[];
export const reserveGroups = Object.keys(reserveGroupLabels) as ReserveGroup[];

/** Narrows a select's value to one of `values`, or undefined (the "any" / "not set" option). */
export function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export const placementStatusLabels: Record<PlacementStatus, string> = {
  proposed: 'Proposed',
  requested: 'Requested',
  accepted: 'Accepted by employer',
  declined: 'Declined',
  approved: 'Approved by school',
  agreementPending: 'Agreement pending',
  active: 'Active',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
};
export const placementStatuses = Object.keys(placementStatusLabels) as PlacementStatus[];

export const partyLabels: Record<AgreementParty, string> = {
  student: 'Student',
  guardian: 'Guardian',
  supervisor: 'Supervisor',
  coordinator: 'Coordinator',
};

export const hoursStatusLabels: Record<HoursStatus, string> = {
  submitted: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
};
