import type {
  AudienceScope,
  CareerCluster,
  Compensation,
  ContinuumStage,
  GeoPoint,
  Modality,
  OpportunityFields,
  OpportunityType,
  WeeklySlot,
} from '@launchpath/contracts';
import { parseList } from '../../shared/format';

/** The opportunity form's state: numbers and lists as typed, every field present. */
export interface OpportunityDraft {
  title: string;
  description: string;
  duties: string;
  type: OpportunityType;
  stage: ContinuumStage;
  careerCluster: CareerCluster | '';
  pathway: string;
  skills: string;
  modality: Modality;
  siteName: string;
  /** One of the employer's worksites ('' for none). */
  worksiteId: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  seats: string;
  startDate: string;
  endDate: string;
  schedule: WeeklySlot[];
  expectedHours: string;
  compensation: Compensation;
  hourlyWage: string;
  stipendAmount: string;
  creditOffered: boolean;
  creditDescription: string;
  minGrade: string;
  minAge: string;
  prerequisiteStage: ContinuumStage | '';
  requiredForms: string;
  hazardous: boolean;
  audience: AudienceScope;
  audienceOrganizationIds: string[];
  /** Not edited here: kept as the record has it. */
  location: GeoPoint | null;
}

export const emptyOpportunityDraft: OpportunityDraft = {
  title: '',
  description: '',
  duties: '',
  type: 'jobShadowing',
  stage: 'exploration',
  careerCluster: '',
  pathway: '',
  skills: '',
  modality: 'inPerson',
  siteName: '',
  worksiteId: '',
  line1: '',
  line2: '',
  city: '',
  state: '',
  postalCode: '',
  seats: '1',
  startDate: '',
  endDate: '',
  schedule: [],
  expectedHours: '',
  compensation: 'unpaid',
  hourlyWage: '',
  stipendAmount: '',
  creditOffered: false,
  creditDescription: '',
  minGrade: '',
  minAge: '',
  prerequisiteStage: '',
  requiredForms: '',
  hazardous: false,
  audience: 'region',
  audienceOrganizationIds: [],
  location: null,
};

const text = (value: string | null | undefined) => value ?? '';
const numberText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function fromFields(f: OpportunityFields): OpportunityDraft {
  return {
    title: f.title,
    description: f.description,
    duties: text(f.duties),
    type: f.type,
    stage: f.stage,
    careerCluster: f.careerCluster,
    pathway: text(f.pathway),
    skills: f.skills.join(', '),
    modality: f.modality,
    siteName: text(f.siteName),
    worksiteId: f.worksiteId ?? '',
    line1: text(f.address?.line1),
    line2: text(f.address?.line2),
    city: text(f.address?.city),
    state: text(f.address?.state),
    postalCode: text(f.address?.postalCode),
    seats: String(f.seats),
    startDate: text(f.startDate),
    endDate: text(f.endDate),
    schedule: f.schedule.map((s) => ({ ...s })),
    expectedHours: numberText(f.expectedHours),
    compensation: f.compensation,
    hourlyWage: numberText(f.hourlyWage),
    stipendAmount: numberText(f.stipendAmount),
    creditOffered: f.creditOffered,
    creditDescription: text(f.creditDescription),
    minGrade: numberText(f.minGrade),
    minAge: numberText(f.minAge),
    prerequisiteStage: f.prerequisiteStage ?? '',
    requiredForms: f.requiredForms.join(', '),
    hazardous: f.hazardous,
    audience: f.audience,
    audienceOrganizationIds: [...f.audienceOrganizationIds],
    location: f.location ?? null,
  };
}

const optional = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const optionalNumber = (value: string): number | null => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
};

/**
 * What the API takes. Fields that do not apply are left out so they cannot fail validation unseen: the address for
 * virtual opportunities, the wage unless paid, the stipend unless a stipend, the credit description without credit,
 * and the audience organizations for a region-wide audience.
 */
export function toFields(d: OpportunityDraft): OpportunityFields {
  const onSite = d.modality !== 'virtual';
  return {
    title: d.title.trim(),
    description: d.description.trim(),
    duties: optional(d.duties),
    type: d.type,
    stage: d.stage,
    careerCluster: d.careerCluster as CareerCluster,
    pathway: optional(d.pathway),
    skills: parseList(d.skills),
    modality: d.modality,
    siteName: onSite ? optional(d.siteName) : null,
    worksiteId: onSite && d.worksiteId ? d.worksiteId : null,
    address: onSite
      ? { line1: d.line1.trim(), line2: optional(d.line2), city: d.city.trim(), state: d.state.trim(), postalCode: d.postalCode.trim(), country: 'US' }
      : null,
    location: d.location,
    seats: optionalNumber(d.seats) ?? 0,
    startDate: optional(d.startDate),
    endDate: optional(d.endDate),
    schedule: d.schedule.map(({ day, start, end }) => ({ day, start, end })),
    expectedHours: optionalNumber(d.expectedHours),
    compensation: d.compensation,
    hourlyWage: d.compensation === 'paid' ? optionalNumber(d.hourlyWage) : null,
    stipendAmount: d.compensation === 'stipend' ? optionalNumber(d.stipendAmount) : null,
    creditOffered: d.creditOffered,
    creditDescription: d.creditOffered ? optional(d.creditDescription) : null,
    minGrade: optionalNumber(d.minGrade),
    minAge: optionalNumber(d.minAge),
    prerequisiteStage: d.prerequisiteStage === '' ? null : d.prerequisiteStage,
    requiredForms: parseList(d.requiredForms),
    hazardous: d.hazardous,
    audience: d.audience,
    audienceOrganizationIds: d.audience === 'region' ? [] : [...d.audienceOrganizationIds],
  };
}

/** What the form can tell before asking the API (which checks everything again). Keys match the API's. */
export function checkDraft(d: OpportunityDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] = [...(errors[field] ?? []), message]);
  const isNumber = (value: string) => value.trim() === '' || Number.isFinite(Number(value.trim()));

  if (!d.title.trim()) add('title', 'Enter a title.');
  if (!d.description.trim()) add('description', 'Describe the opportunity.');
  if (!d.careerCluster) add('careerCluster', 'Choose a career cluster.');
  if (!/^\d+$/.test(d.seats.trim()) || Number(d.seats) < 1) add('seats', 'Enter how many students can take part (1 or more).');
  for (const field of ['expectedHours', 'hourlyWage', 'stipendAmount', 'minGrade', 'minAge'] as const) {
    if (!isNumber(d[field])) add(field, 'Enter a number.');
  }
  if (d.modality !== 'virtual') {
    if (!d.line1.trim()) add('address.line1', 'Enter the street address.');
    if (!d.city.trim()) add('address.city', 'Enter the city.');
    if (!d.state.trim()) add('address.state', 'Enter the state.');
    if (!d.postalCode.trim()) add('address.postalCode', 'Enter the ZIP code.');
  }
  if (d.compensation === 'paid' && !(Number(d.hourlyWage) > 0)) add('hourlyWage', 'A paid opportunity needs an hourly wage above 0.');
  if (d.compensation === 'stipend' && !(Number(d.stipendAmount) > 0)) add('stipendAmount', 'A stipend needs an amount above 0.');
  if (d.startDate && d.endDate && d.endDate < d.startDate) add('endDate', 'The end date must be on or after the start date.');
  if (d.audience !== 'region' && d.audienceOrganizationIds.length === 0) {
    add('audienceOrganizationIds', `Choose at least one ${d.audience === 'district' ? 'district' : 'school'}.`);
  }
  if (d.hazardous && d.minAge.trim() !== '' && Number(d.minAge) < 18) add('minAge', 'Hazardous work is for participants 18 or older.');
  d.schedule.forEach((slot, i) => {
    if (!slot.start || !slot.end) add(`schedule[${i}]`, 'Enter a start and an end time.');
    else if (slot.end <= slot.start) add(`schedule[${i}]`, 'A time slot must end after it starts.');
  });
  return errors;
}

/** Whether two drafts would send the same fields (to know if there is anything to save). */
export function sameFields(a: OpportunityDraft, b: OpportunityDraft): boolean {
  return JSON.stringify(toFields(a)) === JSON.stringify(toFields(b));
}
