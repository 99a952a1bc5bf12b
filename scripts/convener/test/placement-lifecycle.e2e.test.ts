// The placement lifecycle end to end through the generated TypeScript client only: application → employer acceptance
// → school approval → training agreement with a guardian's consent by one-time link → hours logged and approved →
// evaluation → completion → the outcomes report.
import { describe, expect, inject, it } from 'vitest';
import { LaunchPathClient } from '@launchpath/contracts';

const apiUrl = inject('apiUrl');
const admin = inject('admin');
const password = 'a long enough password';

const anonymous = () => new LaunchPathClient(apiUrl, { fetch: (url, init) => fetch(url, init) });

async function signedIn(email: string, secret = password): Promise<LaunchPathClient> {
  const token = await anonymous().signIn({ email, password: secret });
  return new LaunchPathClient(apiUrl, {
    fetch: (url: RequestInfo, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${token.token}`);
      return fetch(url, { ...init, headers });
    },
  });
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('placement lifecycle through the TypeScript client', () => {
  it('goes from application to the outcomes report', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const root = await signedIn(admin.email, admin.password);
    const region = await root.createOrganization({ type: 'region', name: `Lifecycle region ${tag}` });
    const district = await root.createOrganization({ type: 'district', name: 'Lifecycle district', parentId: region.id, identifier: '0100001' });
    const school = await root.createOrganization({ type: 'school', name: 'Lifecycle High', parentId: district.id, identifier: '0100001-001' });
    const employer = await root.createOrganization({ type: 'employer', name: 'Lifecycle Labs', parentId: region.id, careerCluster: 'healthcareHumanServices' });
    for (const [login, organizationId, role] of [
      ['coordinator', school.id, 'schoolCoordinator'],
      ['employer', employer.id, 'employerAdmin'],
    ] as const) {
      await root.createUser({ email: `${login}-${tag}@example.test`, displayName: `${login} ${tag}`, password, organizationId, role });
    }
    const coordinator = await signedIn(`coordinator-${tag}@example.test`);
    const employerAdmin = await signedIn(`employer-${tag}@example.test`);

    const draft = await employerAdmin.createOpportunity({
      employerId: employer.id,
      fields: {
        title: 'Clinical lab internship', description: 'Work beside the lab team.', type: 'paidInternship', stage: 'exploration',
        careerCluster: 'healthcareHumanServices', skills: ['Lab safety'], modality: 'virtual', seats: 2, schedule: [], compensation: 'paid',
        hourlyWage: 18.5, creditOffered: true, requiredForms: [], hazardous: false, audience: 'region', audienceOrganizationIds: [],
      },
    });
    await employerAdmin.submitOpportunity(draft.id);
    await root.approveOpportunity(draft.id);

    const birth = new Date();
    birth.setUTCFullYear(birth.getUTCFullYear() - 16);
    const student = await coordinator.createStudent({
      schoolId: school.id, givenName: 'Ana', familyName: 'Lopez', email: `ana-${tag}@students.example.test`, grade: 11, birthDate: iso(birth), cteConcentrator: false,
    });
    await coordinator.createStudentAccount(student.id, { password });
    const ana = await signedIn(`ana-${tag}@students.example.test`);

    let placement = await ana.createPlacement({ opportunityId: draft.id, studentId: student.id, note: 'I want to work in a lab.' });
    expect(placement.status).toBe('requested');
    const seenByEmployer = await employerAdmin.getPlacement(placement.id);
    expect(seenByEmployer.studentName).toBe('Ana');
    expect(seenByEmployer.studentEmail ?? null).toBeNull();

    await employerAdmin.acceptPlacement(placement.id);
    const expires = new Date();
    expires.setUTCDate(expires.getUTCDate() + 30);
    await coordinator.approvePlacement(placement.id, { expiresOn: iso(expires) });
    placement = await coordinator.writeAgreement(placement.id, {
      objectives: [{ description: 'Prepare samples safely', skills: ['Lab safety'] }], schedule: [], supervisorName: 'Dr. Ortiz',
      supervisorEmail: 'ortiz@labs.example.test', compensation: '$18.50/hour', credit: '5 elective credits',
    });
    expect(placement.status).toBe('agreementPending');
    expect(placement.agreement?.requiredParties).toContain('guardian');
    await ana.acknowledgeAgreement(placement.id, { party: 'student' });
    await employerAdmin.acknowledgeAgreement(placement.id, { party: 'supervisor' });
    await coordinator.acknowledgeAgreement(placement.id, { party: 'coordinator' });
    const link = await coordinator.createAcknowledgementLink(placement.id, { party: 'guardian' });
    const terms = await anonymous().getLinkedAgreement(link.token);
    expect(terms.studentFirstName).toBe('Ana');
    await anonymous().acknowledgeByLink(link.token, { name: 'Rosa Lopez' });
    expect((await ana.getPlacement(placement.id)).status).toBe('active');

    // Two days ago has passed in every time zone (today in UTC can still be tomorrow in the region's zone).
    const worked = new Date();
    worked.setUTCDate(worked.getUTCDate() - 2);
    const entry = await ana.logHours(placement.id, { date: iso(worked), start: '15:30', minutes: 90, activity: 'Labelled and logged samples' });
    await employerAdmin.decideHours(entry.id, { approve: true });
    const rubric = await employerAdmin.getRubric(region.id);
    await employerAdmin.submitEvaluation(placement.id, { kind: 'final', ratings: rubric.criteria.map((c) => ({ criterionId: c.id, level: 3 })) });
    await ana.submitReflection(placement.id, { text: 'I learned how traceability works.', rating: 5 });
    const done = await coordinator.completePlacement(placement.id, { creditEarned: '5 elective credits' });
    expect(done.status).toBe('completed');

    const outcomes = await coordinator.getOutcomes(school.id, undefined, undefined);
    expect(outcomes).toMatchObject({ students: 1, participants: 1 });
    expect(outcomes.hours.approvedMinutes).toBe(90);
    expect(outcomes.skillGains.averageFinal).toBe(3);
  });
});
