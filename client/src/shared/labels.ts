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
import i18next from 'i18next';
import { translatedLabels } from './i18n/i18n';

// Records keyed by the generated union types: a value added to the API fails to compile here until it is labelled.

export const opportunityTypeLabels = translatedLabels<OpportunityType>('opportunityType', {
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
});

export const stageLabels = translatedLabels<ContinuumStage>('stage', {
  awareness: 'Career awareness',
  exploration: 'Career exploration',
  preparation: 'Career preparation',
  training: 'Career training',
});

export const modalityLabels = translatedLabels<Modality>('modality', {
  inPerson: 'In person',
  hybrid: 'Hybrid',
  virtual: 'Virtual',
});

export const compensationLabels = translatedLabels<Compensation>('compensation', {
  paid: 'Paid (hourly wage)',
  stipend: 'Stipend',
  unpaid: 'Unpaid',
});

export const transportationLabels = translatedLabels<TransportationMode>('transportation', {
  walk: 'Walking',
  bike: 'Bike',
  publicTransit: 'Public transit',
  car: 'Own car',
  schoolProvided: 'School-provided transport',
  familyRide: 'A ride from family',
  none: 'No transportation',
});

export const dayLabels = translatedLabels<DayOfWeek>('day', {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
});

export const opportunityStatusLabels = translatedLabels<OpportunityStatus>('opportunityStatus', {
  draft: 'Draft',
  submitted: 'Awaiting curation',
  published: 'Published',
  rejected: 'Rejected',
  closed: 'Closed',
});

export const audienceLabels = translatedLabels<AudienceScope>('audience', {
  region: 'The whole region',
  district: 'Some districts',
  school: 'Some schools',
});

export const roundStatusLabels = translatedLabels<MatchRoundStatus>('roundStatus', {
  open: 'Open for choices',
  queued: 'Queued to run',
  running: 'Running',
  matched: 'Matched (proposed)',
  published: 'Published',
});

export const reserveGroupLabels = translatedLabels<ReserveGroup>('reserveGroup', {
  englishLearner: 'English learners',
  studentWithDisability: 'Students with disabilities',
  socioeconomicallyDisadvantaged: 'Socioeconomically disadvantaged students',
  fosterYouth: 'Foster youth',
});

export const rosterStatusLabels = translatedLabels<RosterImportStatus>('rosterStatus', {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  previewed: 'Previewed',
  needsConfirmation: 'Awaiting confirmation',
});

export const rosterModeLabels = translatedLabels<RosterMode>('rosterMode', {
  bulk: 'Bulk (people not in the files become inactive)',
  delta: 'Delta (only the rows sent change)',
});

export const relationshipLabels = translatedLabels<GuardianRelationship>('relationship', {
  parent: 'Parent',
  guardian: 'Guardian',
  relative: 'Relative',
});

export const raceEthnicityLabels = translatedLabels<RaceEthnicity>('raceEthnicity', {
  americanIndianOrAlaskaNative: 'American Indian or Alaska Native',
  asian: 'Asian',
  blackOrAfricanAmerican: 'Black or African American',
  hispanicOrLatino: 'Hispanic or Latino',
  nativeHawaiianOrOtherPacificIslander: 'Native Hawaiian or Other Pacific Islander',
  white: 'White',
});

export const genderLabels = translatedLabels<Gender>('gender', {
  female: 'Female',
  male: 'Male',
  nonBinary: 'Non-binary',
  notReported: 'Not reported',
});

/** The statistics' subgroup names ("all", "englishLearner", …), which the API sends as plain strings. */
export function subgroupLabel(group: string): string {
  if (group === 'all') return i18next.t('labels.subgroup.all');
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

export const placementStatusLabels = translatedLabels<PlacementStatus>('placementStatus', {
  proposed: 'Proposed',
  requested: 'Requested',
  accepted: 'Accepted by employer',
  declined: 'Declined',
  approved: 'Approved by school',
  agreementPending: 'Agreement pending',
  active: 'Active',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
});
export const placementStatuses = Object.keys(placementStatusLabels) as PlacementStatus[];

export const partyLabels = translatedLabels<AgreementParty>('party', {
  student: 'Student',
  guardian: 'Guardian',
  supervisor: 'Supervisor',
  coordinator: 'Coordinator',
});

export const hoursStatusLabels = translatedLabels<HoursStatus>('hoursStatus', {
  submitted: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
});
