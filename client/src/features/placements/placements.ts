import type { AgreementParty, AgreementRequest, Placement } from '@launchpath/contracts';

export { partyLabels, placementStatusLabels, placementStatuses } from '../../shared/labels';

/** The parties a one-time link can be issued for (those without an account): required and not yet acknowledged. */
export function linkParties(agreement: Placement['agreement']): AgreementParty[] {
  if (!agreement) return [];
  const linkable: AgreementParty[] = ['guardian', 'supervisor'];
  return linkable.filter((p) => agreement.requiredParties.includes(p) && !agreement.acknowledgements.some((a) => a.party === p));
}

export interface AgreementDraft {
  objectives: string;
  supervisorName: string;
  supervisorEmail: string;
  compensation: string;
  credit: string;
  startDate: string;
  endDate: string;
  /** School-approved work experience (California Labor Code 1391(a)(4)(A)): longer school days for 16–17-year-olds where the region applies it. */
  workExperienceEducation: boolean;
}

export function draftFrom(terms: AgreementRequest | undefined): AgreementDraft {
  return {
    objectives: terms?.objectives.map((o) => o.description).join('\n') ?? '',
    supervisorName: terms?.supervisorName ?? '',
    supervisorEmail: terms?.supervisorEmail ?? '',
    compensation: terms?.compensation ?? '',
    credit: terms?.credit ?? '',
    startDate: terms?.startDate ?? '',
    endDate: terms?.endDate ?? '',
    workExperienceEducation: terms?.workExperienceEducation ?? false,
  };
}

/** The agreement to send: one objective per non-blank line, trimmed fields, blank dates left out. */
export function toAgreementRequest(draft: AgreementDraft, schedule: AgreementRequest['schedule'] = []): AgreementRequest {
  const objectives = draft.objectives
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((description) => ({ description, skills: [] }));
  return {
    objectives,
    schedule,
    ...(draft.startDate ? { startDate: draft.startDate } : {}),
    ...(draft.endDate ? { endDate: draft.endDate } : {}),
    supervisorName: draft.supervisorName.trim(),
    supervisorEmail: draft.supervisorEmail.trim(),
    compensation: draft.compensation.trim(),
    credit: draft.credit.trim(),
    workExperienceEducation: draft.workExperienceEducation,
  };
}
