import type { CurrentCaller, MembershipInfo, Permission } from '@launchpath/contracts';

// Which parts of the app a caller works in, from /me: each membership carries what its role allows there, so the app
// keeps no copy of the server's role table. Hints for what to show only: the API decides what it allows.

/** A student signed in with their own record. */
export function isStudent(me: CurrentCaller): boolean {
  return Boolean(me.studentId);
}

/** A parent or guardian signed in: they follow their children's placements (the API shows them only their own children's). */
export function isGuardian(me: CurrentCaller): boolean {
  return me.memberships.some((m) => m.role === 'guardian');
}

/** The employers the caller works for (employer admin or supervisor). */
export function employerMemberships(me: CurrentCaller): MembershipInfo[] {
  return unique(me.memberships.filter((m) => m.organizationType === 'employer'));
}

/** The caller's memberships whose role allows every one of `permissions` there, optionally on some kinds of organization only. */
export function membershipsWith(me: CurrentCaller, permissions: readonly Permission[], types?: readonly string[]): MembershipInfo[] {
  return unique(me.memberships.filter((m) => permissions.every((p) => m.permissions.includes(p)) && (!types || types.includes(m.organizationType))));
}

/** The employers whose opportunities the caller writes and whose applicants the caller ranks (employer admins). */
export function employersWritten(me: CurrentCaller): MembershipInfo[] {
  return membershipsWith(me, ['opportunitiesWrite'], ['employer']);
}

/**
 * Where the caller may open match rounds: regions and districts where they curate. A platform administrator picks
 * from all regions instead (see the rounds page).
 */
export function roundOrganizations(me: CurrentCaller): MembershipInfo[] {
  return membershipsWith(me, ['opportunitiesCurate'], ['region', 'district']);
}

/** Districts the caller imports rosters for directly (district admins); region staff pick any district of their region. */
export function rosterDistricts(me: CurrentCaller): MembershipInfo[] {
  return membershipsWith(me, ['rosterImport'], ['district']);
}

/** Staff who work with student records and curation (not students, guardians or employers). */
export function isSchoolOrRegionStaff(me: CurrentCaller): boolean {
  return me.isPlatformAdmin || me.memberships.some((m) => m.organizationType !== 'employer' && m.role !== 'student' && m.role !== 'guardian');
}

function unique(memberships: MembershipInfo[]): MembershipInfo[] {
  const seen = new Set<string>();
  return memberships.filter((m) => (seen.has(m.organizationId) ? false : (seen.add(m.organizationId), true)));
}
