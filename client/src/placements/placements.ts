import type { AgreementParty, AgreementRequest, CurrentCaller, Placement, PlacementStatus } from '@launchpath/contracts';
import { isSchoolOrRegionStaff } from '../auth/roles';

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

export type Side = 'student' | 'employer' | 'school' | 'none';

/** Which side of this placement the caller is on: its student, its employer's staff, or school/region staff. */
export function sideOf(me: CurrentCaller, placement: Pick<Placement, 'studentId' | 'employerId'>): Side {
  if (me.studentId && me.studentId === placement.studentId) return 'student';
  if (me.memberships.some((m) => m.organizationType === 'employer' && m.organizationId === placement.employerId)) return 'employer';
  if (!me.studentId && isSchoolOrRegionStaff(me)) return 'school';
  return 'none';
}

/** The party the caller acknowledges the agreement as. */
export function ownParty(side: Side): AgreementParty | undefined {
  return side === 'student' ? 'student' : side === 'employer' ? 'supervisor' : side === 'school' ? 'coordinator' : undefined;
}

export type PlacementAction = 'accept' | 'decline' | 'approve' | 'writeAgreement' | 'createLink' | 'complete' | 'acknowledge' | 'withdraw';

const open: ReadonlySet<PlacementStatus> = new Set<PlacementStatus>(['proposed', 'requested', 'accepted', 'approved', 'agreementPending', 'active']);

/** The actions to offer this caller for this placement (the API still decides). */
export function actionsFor(me: CurrentCaller, placement: Placement): PlacementAction[] {
  const side = sideOf(me, placement);
  const actions: PlacementAction[] = [];
  const { status } = placement;
  if (side === 'employer' && (status === 'requested' || status === 'proposed')) actions.push('accept', 'decline');
  if (side === 'school') {
    if (status === 'accepted') actions.push('approve');
    if (status === 'approved' || status === 'agreementPending') actions.push('writeAgreement');
    if (status === 'agreementPending' && linkParties(placement.agreement).length > 0) actions.push('createLink');
    if (status === 'active') actions.push('complete');
  }
  const party = ownParty(side);
  if (status === 'agreementPending' && party && placement.agreement) {
    const { requiredParties, acknowledgements } = placement.agreement;
    if (requiredParties.includes(party) && !acknowledgements.some((a) => a.party === party)) actions.push('acknowledge');
  }
  if (side !== 'none' && open.has(status)) actions.push('withdraw');
  return actions;
}

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
  };
}
