import { describe, expect, it } from 'vitest';
import { linkParties, toAgreementRequest } from './placements';

const terms = { objectives: [], schedule: [], supervisorName: 'S', supervisorEmail: 's@x', compensation: 'unpaid', credit: 'none' };

describe('linkParties', () => {
  it('offers links only for a guardian or supervisor still to acknowledge (students and coordinators sign in)', () => {
    const at = '2026-01-02T00:00:00Z';
    const agreement = (acknowledged: ('guardian' | 'supervisor')[]) => ({
      terms,
      version: 1,
      requiredParties: ['student', 'guardian', 'supervisor', 'coordinator'] as const,
      acknowledgements: acknowledged.map((party) => ({ party, name: 'X', via: 'link', at })),
    });
    expect(linkParties(agreement([]) as never)).toEqual(['guardian', 'supervisor']);
    expect(linkParties(agreement(['guardian']) as never)).toEqual(['supervisor']);
    expect(linkParties(undefined)).toEqual([]);
  });
});

describe('toAgreementRequest', () => {
  it('makes one objective a non-blank line and trims fields', () => {
    expect(
      toAgreementRequest({ objectives: ' Learn A \n\n B', supervisorName: ' Sam ', supervisorEmail: 's@x ', compensation: 'unpaid', credit: 'none', startDate: '', endDate: '2026-06-01', workExperienceEducation: true }),
    ).toEqual({
      objectives: [
        { description: 'Learn A', skills: [] },
        { description: 'B', skills: [] },
      ],
      schedule: [],
      endDate: '2026-06-01',
      supervisorName: 'Sam',
      supervisorEmail: 's@x',
      compensation: 'unpaid',
      credit: 'none',
      workExperienceEducation: true,
    });
  });
});
