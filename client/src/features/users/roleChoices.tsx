import type { Role, RoleInfo } from '@launchpath/contracts';
import { roleLabels } from '../../shared/auth/access';
import { type OrganizationChoice } from '../../shared/organizations/useAllOrganizations';

/** An organization the caller manages users at, with the roles it can give. */
export interface RoleChoice extends OrganizationChoice {
  roles: Role[];
}

/**
 * The roles an organization of this type can give, from the API's role table. Student and guardian accounts are not
 * made here: they come from the student record and the roster.
 */
export function rolesHeldOn(table: readonly RoleInfo[], type: string): Role[] {
  return table.filter((r) => r.heldOn.includes(type) && r.role !== 'student' && r.role !== 'guardian').map((r) => r.role);
}

/** The roles an organization can give. */
export function rolesFor(choices: readonly RoleChoice[], organizationId: string): Role[] {
  return choices.find((c) => c.id === organizationId)?.roles ?? [];
}

export function RoleSelect({ roles, value, onChange, ...aria }: { roles: Role[]; value: string; onChange: (role: Role | '') => void; id?: string }) {
  return (
    <select {...aria} value={value} onChange={(e) => onChange(roles.find((r) => r === e.target.value) ?? '')}>
      <option value="">{roles.length ? 'Choose a role' : 'Choose an organization first'}</option>
      {roles.map((role) => (
        <option key={role} value={role}>
          {roleLabels[role]}
        </option>
      ))}
    </select>
  );
}
