import type { CurrentCaller, MembershipInfo, Role } from '@launchpath/contracts';
import { can } from './access';

// Which parts of the app a caller works in, from /me. Hints for what to show only: the API decides what it allows.

/** A student signed in with their own record. */
export function isStudent(me: CurrentCaller): boolean {
  return Boolean(me.studentId);
}

/** The employers the caller works for (employer admin or supervisor). */
export function employerMemberships(me: CurrentCaller): MembershipInfo[] {
  return unique(me.memberships.filter((m) => m.organizationType === 'employer'));
}

/** The employers whose opportunities the caller writes and whose applicants the caller ranks (employer admins). */
export function employersWritten(me: CurrentCaller): MembershipInfo[] {
  return can(me, 'opportunitiesWrite') ? unique(me.memberships.filter((m) => m.organizationType === 'employer' && m.role === 'employerAdmin')) : [];
}

const roundManagers: ReadonlySet<Role> = new Set<Role>(['convenerAdmin', 'convenerStaff', 'districtAdmin', 'schoolCoordinator']);

/**
 * Where the caller may open match rounds: regions (conveners) and districts (district admins, district-level
 * coordinators) where they curate. A platform administrator picks from all regions instead (see the rounds page).
 */
export function roundOrganizations(me: CurrentCaller): MembershipInfo[] {
  if (!can(me, 'opportunitiesCurate')) return [];
  return unique(me.memberships.filter((m) => roundManagers.has(m.role) && (m.organizationType === 'region' || m.organizationType === 'district')));
}

/** Regions where the caller holds a convener role: such callers pick any district of the region. */
export function convenerRegions(me: CurrentCaller): MembershipInfo[] {
  return unique(me.memberships.filter((m) => m.organizationType === 'region' && (m.role === 'convenerAdmin' || m.role === 'convenerStaff')));
}

/** Districts the caller imports rosters for directly (district admins); conveners pick any district of their region. */
export function rosterDistricts(me: CurrentCaller): MembershipInfo[] {
  return can(me, 'rosterImport') ? unique(me.memberships.filter((m) => m.organizationType === 'district' && m.role === 'districtAdmin')) : [];
}

/** Staff who work with student records and curation (not students, guardians or employers). */
export function isSchoolOrRegionStaff(me: CurrentCaller): boolean {
  return me.isPlatformAdmin || me.memberships.some((m) => m.organizationType !== 'employer' && m.role !== 'student' && m.role !== 'guardian');
}

function unique(memberships: MembershipInfo[]): MembershipInfo[] {
  const seen = new Set<string>();
  return memberships.filter((m) => (seen.has(m.organizationId) ? false : (seen.add(m.organizationId), true)));
}
