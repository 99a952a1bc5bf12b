import type { CurrentCaller, MembershipInfo, Organization, OrganizationType } from '@launchpath/contracts';
import { can } from '../../shared/auth/access';
import { organizationTypes } from '../../shared/organizationLabels';

/** Memberships whose role writes organizations there; where they are held decides what they can add. */
const writes = (m: MembershipInfo) => m.permissions.includes('organizationsWrite');

/**
 * The types of organization the caller may add, for the create form: regions only for platform administrators,
 * districts, employers and schools for conveners (in their region), schools for district admins. Employer admins
 * write only their own employer, so they add nothing. A hint only: the API answers 403 to anything else.
 */
export function creatableOrganizationTypes(me: CurrentCaller): OrganizationType[] {
  if (me.isPlatformAdmin) return [...organizationTypes];
  if (!can(me, 'organizationsWrite')) return [];
  const types = new Set<OrganizationType>();
  for (const membership of me.memberships) {
    if (!writes(membership)) continue;
    if (membership.organizationType === 'region') {
      types.add('district');
      types.add('employer');
      types.add('school');
    } else if (membership.organizationType === 'district') {
      types.add('school');
    }
  }
  return organizationTypes.filter((type) => types.has(type));
}

/**
 * Whether the caller may change an organization: the API's organizationsWrite where it is held (a writer's
 * membership at the organization itself or at an ancestor: its parent, or for a school the district's region).
 * `parent` is the organization's parent when it is known. A hint only: the API answers 403 to anything else.
 */
export function canEditOrganization(me: CurrentCaller, organization: Organization, parent?: Organization): boolean {
  if (me.isPlatformAdmin) return true;
  if (!can(me, 'organizationsWrite')) return false;
  const ancestors = [organization.id, organization.parentId, parent?.parentId].filter(Boolean);
  return me.memberships.some((m) => writes(m) && ancestors.includes(m.organizationId));
}
