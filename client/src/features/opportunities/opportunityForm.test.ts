import { describe, expect, it } from 'vitest';
import { fields } from '../../test/fixtures';
import { checkDraft, emptyOpportunityDraft, fromFields, sameFields, toFields, type OpportunityDraft } from './opportunityForm';

const filled: OpportunityDraft = {
  ...emptyOpportunityDraft,
  title: ' Clinic shadow ',
  description: 'Follow a nurse.',
  careerCluster: 'healthcareHumanServices',
  modality: 'inPerson',
  line1: '12 Harbor Way',
  city: 'Alder',
  state: 'CA',
  postalCode: '94001',
  seats: '3',
  skills: 'Empathy, empathy, First aid',
  requiredForms: 'Parent permission',
};

describe('opportunity form mapping', () => {
  it('round-trips every field of an opportunity', () => {
    const original = fields({
      modality: 'hybrid',
      siteName: 'Clinic',
      worksiteId: 'site-1',
      address: { line1: '1 Main', line2: 'Suite 2', city: 'Alder', state: 'CA', postalCode: '94001', country: 'US' },
      location: { latitude: 37.8, longitude: -121.9 },
      compensation: 'paid',
      hourlyWage: 18.5,
      creditOffered: true,
      creditDescription: 'Elective credit',
      minGrade: 10,
      minAge: 16,
      prerequisiteStage: 'awareness',
      schedule: [{ day: 'monday', start: '14:00', end: '17:00' }],
      expectedHours: 20,
      requiredForms: ['Parent permission'],
      audience: 'school',
      audienceOrganizationIds: ['school-1'],
      duties: 'Help',
      pathway: 'Health',
    });
    expect(toFields(fromFields(original))).toEqual(original);
  });

  it('trims text, parses lists and numbers, and sends the address for in-person work', () => {
    const sent = toFields(filled);
    expect(sent).toMatchObject({ title: 'Clinic shadow', seats: 3, skills: ['Empathy', 'First aid'], requiredForms: ['Parent permission'] });
    expect(sent.address).toEqual({ line1: '12 Harbor Way', line2: null, city: 'Alder', state: 'CA', postalCode: '94001', country: 'US' });
  });

  it('leaves out what does not apply: the address when virtual, the wage unless paid, the stipend unless a stipend', () => {
    const virtual = toFields({ ...filled, modality: 'virtual', siteName: 'Clinic', compensation: 'stipend', hourlyWage: '20', stipendAmount: '150' });
    expect(virtual).toMatchObject({ address: null, siteName: null, hourlyWage: null, stipendAmount: 150 });
    const paid = toFields({ ...filled, compensation: 'paid', hourlyWage: '20', stipendAmount: '150' });
    expect(paid).toMatchObject({ hourlyWage: 20, stipendAmount: null });
    const region = toFields({ ...filled, audience: 'region', audienceOrganizationIds: ['x'], creditOffered: false, creditDescription: 'x' });
    expect(region).toMatchObject({ audienceOrganizationIds: [], creditDescription: null });
  });

  it('checks what the form can before sending, with the API’s field names', () => {
    expect(checkDraft(filled)).toEqual({});
    const errors = checkDraft({
      ...emptyOpportunityDraft,
      seats: '0',
      compensation: 'paid',
      audience: 'district',
      endDate: '2027-01-01',
      startDate: '2027-02-01',
      hazardous: true,
      minAge: '16',
      schedule: [{ day: 'monday', start: '17:00', end: '16:00' }],
    });
    expect(Object.keys(errors).sort()).toEqual(
      ['address.city', 'address.line1', 'address.postalCode', 'address.state', 'audienceOrganizationIds', 'careerCluster', 'description', 'endDate', 'hourlyWage', 'minAge', 'schedule[0]', 'seats', 'title'].sort(),
    );
    expect(checkDraft({ ...filled, expectedHours: 'ten' }).expectedHours).toEqual(['Enter a number.']);
  });

  it('tells whether a draft would send anything new', () => {
    expect(sameFields(filled, { ...filled, skills: 'Empathy,First aid' })).toBe(true);
    expect(sameFields(filled, { ...filled, seats: '4' })).toBe(false);
  });
});
