import type { Permission, Role } from '@launchpath/contracts';
import type { FieldErrors } from '../../shared/api/problems';

// Keyed by the generated union: a new permission in the API fails to compile here until it is described.
export const permissionLabels: Record<Permission, string> = {
  organizationsRead: 'Read organizations',
  organizationsWrite: 'Change organizations',
  usersManage: 'Manage users and API keys',
  peopleRead: 'Read student records',
  peopleWrite: 'Change student records',
  subgroupsRead: 'Read equity subgroups',
  rosterImport: 'Import rosters',
  opportunitiesRead: 'Read opportunities',
  opportunitiesWrite: 'Write opportunities',
  opportunitiesCurate: 'Curate opportunities and run match rounds',
  outcomesRead: 'Read outcomes',
};
export const permissions = Object.keys(permissionLabels) as Permission[];

export interface NewUserDraft {
  displayName: string;
  email: string;
  password: string;
  organizationId: string;
  role: Role | '';
}

/** Problems with a new account before asking the API, keyed like its fields. */
export function checkNewUser(draft: NewUserDraft): FieldErrors {
  const errors: Record<string, string[]> = {};
  if (!draft.displayName.trim()) errors.displayName = ['Enter the person’s name.'];
  if (!draft.email.trim()) errors.email = ['Enter an email address.'];
  else if (!/^[^\s@]+@[^\s@]+$/.test(draft.email.trim())) errors.email = ['Enter an email address like name@example.org.'];
  if (draft.password && draft.password.length < 12) errors.password = ['Use at least 12 characters, or leave it empty for single sign-on.'];
  if (!draft.organizationId) errors.organizationId = ['Choose an organization.'];
  if (!draft.role) errors.role = ['Choose a role.'];
  return errors;
}

/** "SIS roster sync" → problems with a new API key before asking the API. */
export function checkNewKey(name: string, chosen: readonly Permission[]): FieldErrors {
  const errors: Record<string, string[]> = {};
  if (!name.trim()) errors.name = ['Name the key after the integration that will use it.'];
  if (chosen.length === 0) errors.permissions = ['Choose at least one permission.'];
  return errors;
}
