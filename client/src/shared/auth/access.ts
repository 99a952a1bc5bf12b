import type { CurrentCaller, Permission, Role } from '@launchpath/contracts';
import { translatedLabels } from '../i18n/i18n';

// Keyed by the generated union: a new role in the API fails to compile here until it is labelled.
export const roleLabels = translatedLabels<Role>('role', {
  convenerAdmin: 'Convener admin',
  convenerStaff: 'Convener staff',
  workforceAnalyst: 'Workforce analyst',
  districtAdmin: 'District admin',
  schoolCoordinator: 'School coordinator',
  teacher: 'Teacher',
  counselor: 'Counselor',
  employerAdmin: 'Employer admin',
  supervisor: 'Supervisor',
  student: 'Student',
  guardian: 'Guardian',
});

/** Whether the caller holds a permission somewhere. Only a hint for what to show: the API decides what it allows. */
export function can(me: CurrentCaller, permission: Permission): boolean {
  return me.isPlatformAdmin || me.permissions.includes(permission);
}

/** The name to greet the caller by. */
export function displayNameOf(me: CurrentCaller): string {
  return me.displayName?.trim() || me.email?.trim() || 'Signed-in user';
}

/** "Platform administrator", "Teacher, Alder High School": one entry per role held, for the header. */
export function rolesOf(me: CurrentCaller): string[] {
  const roles = me.isPlatformAdmin ? ['Platform administrator'] : [];
  for (const membership of me.memberships) {
    const label = `${roleLabels[membership.role] ?? membership.role}, ${membership.organizationName}`;
    if (!roles.includes(label)) roles.push(label);
  }
  return roles;
}

/** The header's second line: the roles, unless they only repeat the name ("Platform administrator"); then the email. */
export function describeCaller(me: CurrentCaller): string | undefined {
  const name = displayNameOf(me);
  const roles = rolesOf(me).filter((role) => role !== name);
  return roles.length > 0 ? roles.join('; ') : me.email?.trim() || undefined;
}
