import type { EmployerRankingRequest, RoundApplicant } from '@launchpath/contracts';

/** The employer's view of an opportunity's applicants: its ranking, those not ranked yet, those it will not take. */
export interface ApplicantSort {
  ranked: string[];
  unranked: string[];
  unacceptable: string[];
}

/** Splits applicants as the API last saved them: ranked by employer rank; unranked by the student's own choice rank. */
export function sortApplicants(applicants: readonly RoundApplicant[]): ApplicantSort {
  const byChoice = (a: RoundApplicant, b: RoundApplicant) => a.choiceRank - b.choiceRank || a.displayName.localeCompare(b.displayName);
  return {
    ranked: applicants
      .filter((a) => !a.unacceptable && a.employerRank !== null && a.employerRank !== undefined)
      .sort((a, b) => (a.employerRank ?? 0) - (b.employerRank ?? 0))
      .map((a) => a.applicantId),
    unranked: applicants
      .filter((a) => !a.unacceptable && (a.employerRank === null || a.employerRank === undefined))
      .sort(byChoice)
      .map((a) => a.applicantId),
    unacceptable: applicants
      .filter((a) => a.unacceptable)
      .sort(byChoice)
      .map((a) => a.applicantId),
  };
}

export function toRankingRequest(sort: ApplicantSort): EmployerRankingRequest {
  return { ranked: [...sort.ranked], unacceptable: [...sort.unacceptable] };
}

/** Moves one applicant to the end of `to` (from wherever it is). */
export function moveApplicant(sort: ApplicantSort, applicantId: string, to: keyof ApplicantSort): ApplicantSort {
  const without = (ids: string[]) => ids.filter((id) => id !== applicantId);
  const next = { ranked: without(sort.ranked), unranked: without(sort.unranked), unacceptable: without(sort.unacceptable) };
  next[to] = [...next[to], applicantId];
  return next;
}

/** An applicant the employer sees without a name: the student has not agreed to share their profile. */
export function isAnonymous(applicant: RoundApplicant): boolean {
  return !applicant.profileShared && !applicant.studentId;
}
