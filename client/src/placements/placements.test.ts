import { describe, expect, it } from 'vitest';
import { placement } from '../test/placementFixtures';
import { member } from '../test/fakeApi';
import { actionsFor, linkParties, ownParty, sideOf, toAgreementRequest } from './placements';


const student = { ...member({ role: 'student', organizationType: 'school', organizationName: 'High' } as never, []), studentId: 's1' };
const employer = member({ role: 'employerSupervisor', organizationType: 'employer', organizationName: 'Acme', organizationId: 'emp' } as never, ['opportunitiesRead']);
const coordinator = member({ role: 'schoolCoordinator', organizationType: 'school', organizationName: 'High' } as never, ['peopleRead']);
const terms = { objectives: [], schedule: [], supervisorName: 'S', supervisorEmail: 's@x', compensation: 'unpaid', credit: 'none' };

describe('sideOf and ownParty', () => {
  it('places the caller on the student, employer or school side', () => {
    expect(sideOf(student, placement())).toBe('student');
    expect(sideOf(employer, placement())).toBe('employer');
    expect(sideOf(coordinator, placement())).toBe('school');
    expect(sideOf(employer, placement({ employerId: 'other' }))).toBe('none');
    expect([ownParty('student'), ownParty('employer'), ownParty('school'), ownParty('none')]).toEqual(['student', 'supervisor', 'coordinator', undefined]);
  });
});

describe('actionsFor', () => {
  it('lets the employer accept or decline a request, and everyone withdraw', () => {
    expect(actionsFor(employer, placement())).toEqual(['accept', 'decline', 'withdraw']);
    expect(actionsFor(coordinator, placement())).toEqual(['withdraw']);
    expect(actionsFor(student, placement())).toEqual(['withdraw']);
  });

  it('gives the coordinator approval, the agreement, links and completion by status', () => {
    expect(actionsFor(coordinator, placement({ status: 'accepted' }))).toEqual(['approve', 'withdraw']);
    expect(actionsFor(coordinator, placement({ status: 'approved' }))).toEqual(['writeAgreement', 'withdraw']);
    expect(actionsFor(coordinator, placement({ status: 'active' }))).toEqual(['complete', 'withdraw']);
    expect(actionsFor(coordinator, placement({ status: 'completed' }))).toEqual([]);
  });

  it('offers acknowledgement only to a required party that has not acknowledged', () => {
    const pending = placement({
      status: 'agreementPending',
      agreement: { terms, version: 1, requiredParties: ['student', 'guardian', 'supervisor', 'coordinator'], acknowledgements: [{ party: 'student', name: 'Ana', via: 'account', at: '2026-01-02T00:00:00Z' }] },
    });
    expect(actionsFor(student, pending)).toEqual(['withdraw']);
    expect(actionsFor(employer, pending)).toEqual(['acknowledge', 'withdraw']);
    expect(actionsFor(coordinator, pending)).toEqual(['writeAgreement', 'createLink', 'acknowledge', 'withdraw']);
  });

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
    const done = placement({ status: 'agreementPending', agreement: agreement(['guardian', 'supervisor']) as never });
    expect(actionsFor(coordinator, done)).not.toContain('createLink');
    expect(linkParties(undefined)).toEqual([]);
  });
});

describe('toAgreementRequest', () => {
  it('makes one objective a non-blank line and trims fields', () => {
    expect(
      toAgreementRequest({ objectives: ' Learn A \n\n B', supervisorName: ' Sam ', supervisorEmail: 's@x ', compensation: 'unpaid', credit: 'none', startDate: '', endDate: '2026-06-01' }),
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
    });
  });
});
