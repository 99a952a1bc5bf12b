import { describe, expect, it } from 'vitest';
import { round } from '../../test/fixtures';
import { busyOpportunities, checkRoundDraft, toCreateRoundRequest, type RoundDraft } from './roundForm';

const draft: RoundDraft = {
  organizationId: 'region-1',
  name: ' Spring ',
  opportunityIds: ['o1', 'o2'],
  maxChoices: '',
  seed: '',
  reserveGroup: '',
  reservePercent: '10',
};

describe('round form', () => {
  it('leaves blanks to the API’s defaults and sends no reserve without a group', () => {
    expect(toCreateRoundRequest(draft)).toEqual({
      organizationId: 'region-1',
      name: 'Spring',
      opportunityIds: ['o1', 'o2'],
      maxChoices: null,
      seed: null,
      reserveGroup: null,
      reservePercent: 0,
    });
    expect(toCreateRoundRequest({ ...draft, maxChoices: '3', seed: '42', reserveGroup: 'fosterYouth', reservePercent: '15' })).toMatchObject({
      maxChoices: 3,
      seed: 42,
      reserveGroup: 'fosterYouth',
      reservePercent: 15,
    });
  });

  it('checks the name, the opportunities and the numbers', () => {
    expect(checkRoundDraft(draft)).toEqual({});
    const errors = checkRoundDraft({ ...draft, name: ' ', opportunityIds: [], maxChoices: '21', seed: '1.5', reserveGroup: 'englishLearner', reservePercent: '60' });
    expect(Object.keys(errors).sort()).toEqual(['maxChoices', 'name', 'opportunityIds', 'reservePercent', 'seed']);
  });

  it('marks opportunities already in an unpublished round, by that round’s name', () => {
    const open = round({ name: 'Open one', status: 'open' });
    const published = round({ name: 'Done', status: 'published', opportunities: [{ opportunityId: 'x', title: 'X', employerName: 'E', seats: 1, applicants: 0 }] });
    const busy = busyOpportunities([open, published]);
    expect(busy.get('o1')).toBe('Open one');
    expect(busy.has('x')).toBe(false);
  });
});
