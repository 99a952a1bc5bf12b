import { describe, expect, it } from 'vitest';
import { applicant } from '../../test/fixtures';
import { isAnonymous, moveApplicant, sortApplicants, toRankingRequest } from './applicants';

describe('applicant ranking', () => {
  const a = applicant({ applicantId: 'a', displayName: 'Ana', choiceRank: 2 });
  const b = applicant({ applicantId: 'b', displayName: 'Ben', employerRank: 2 });
  const c = applicant({ applicantId: 'c', displayName: 'Cy', employerRank: 1 });
  const d = applicant({ applicantId: 'd', displayName: 'Applicant 4', profileShared: false, studentId: null, grade: null, schoolName: null, unacceptable: true });
  const e = applicant({ applicantId: 'e', displayName: 'Eve', choiceRank: 1 });

  it('splits applicants as last saved: ranked by employer rank, the rest by their own choice rank', () => {
    expect(sortApplicants([a, b, c, d, e])).toEqual({ ranked: ['c', 'b'], unranked: ['e', 'a'], unacceptable: ['d'] });
  });

  it('moves an applicant to the end of another list, and sends ranked and unacceptable', () => {
    const sort = sortApplicants([a, b, c, d, e]);
    const moved = moveApplicant(moveApplicant(sort, 'e', 'ranked'), 'c', 'unacceptable');
    expect(moved).toEqual({ ranked: ['b', 'e'], unranked: ['a'], unacceptable: ['d', 'c'] });
    expect(toRankingRequest(moved)).toEqual({ ranked: ['b', 'e'], unacceptable: ['d', 'c'] });
  });

  it('treats an applicant without a shared profile and without a school as anonymous', () => {
    expect(isAnonymous(d)).toBe(true);
    expect(isAnonymous(a)).toBe(false);
    // A round manager sees the name even without consent: not anonymous to them.
    expect(isAnonymous(applicant({ profileShared: false, schoolName: 'Alder High' }))).toBe(false);
  });
});
