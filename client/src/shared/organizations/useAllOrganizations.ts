import type { MembershipInfo, Organization, OrganizationType, Permission } from '@launchpath/contracts';
import type { Api } from '../api/client';
import { useResource, type Resource } from '../api/useResource';
import { isOrganizationType } from '../organizationLabels';

/** Most organizations the pickers load; beyond this they say the list is cut short. */
export const maxOrganizations = 2000;

export interface OrganizationIndex {
  items: Organization[];
  /** True when there were more than maxOrganizations. */
  truncated: boolean;
}

/** Every organization the caller may see (all pages of GET /organizations, up to maxOrganizations), sorted by name. */
export async function loadAllOrganizations(api: Api, signal: AbortSignal): Promise<OrganizationIndex> {
  const items: Organization[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listOrganizations(undefined, undefined, undefined, 200, cursor, signal);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < maxOrganizations);
  items.sort((a, b) => a.name.localeCompare(b.name));
  return { items, truncated: cursor !== undefined };
}

/** The organization index for pickers (loaded once per page). */
export function useAllOrganizations(): Resource<OrganizationIndex> {
  return useResource('organizations:all', loadAllOrganizations);
}

/** An organization a picker offers: id, name and type. */
export interface OrganizationChoice {
  id: string;
  name: string;
  type: OrganizationType;
}

const typeOrder: Record<OrganizationType, number> = { region: 0, district: 1, school: 2, employer: 3 };

/**
 * The organizations at or under the caller's memberships whose role allows all of `permissions` there (all of them for a
 * platform administrator), of the
 * given types, in type then name order. Descendants come from `index` by parentId; the membership's own organization
 * is offered even when the index does not list it.
 */
export function organizationsUnder(
  memberships: readonly MembershipInfo[],
  permissions: readonly Permission[],
  index: readonly Organization[],
  types: readonly OrganizationType[],
  isPlatformAdmin = false,
): OrganizationChoice[] {
  const byId = new Map<string, OrganizationChoice>();
  const add = (o: OrganizationChoice) => {
    if (types.includes(o.type) && !byId.has(o.id)) byId.set(o.id, o);
  };
  if (isPlatformAdmin) {
    index.forEach((o) => add({ id: o.id, name: o.name, type: o.type }));
  } else {
    const roots = new Set(memberships.filter((m) => permissions.every((p) => m.permissions.includes(p))).map((m) => m.organizationId));
    for (const m of memberships) {
      if (roots.has(m.organizationId) && isOrganizationType(m.organizationType)) add({ id: m.organizationId, name: m.organizationName, type: m.organizationType });
    }
    const parentOf = new Map(index.map((o) => [o.id, o.parentId ?? undefined]));
    const under = (id: string): boolean => {
      const seen = new Set<string>();
      for (let parent = parentOf.get(id); parent && !seen.has(parent); parent = parentOf.get(parent)) {
        if (roots.has(parent)) return true;
        seen.add(parent);
      }
      return false;
    };
    index.filter((o) => under(o.id)).forEach((o) => add({ id: o.id, name: o.name, type: o.type }));
  }
  return [...byId.values()].sort((a, b) => typeOrder[a.type] - typeOrder[b.type] || a.name.localeCompare(b.name));
}
