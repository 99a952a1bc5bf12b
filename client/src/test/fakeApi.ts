import { vi } from 'vitest';
import type { CurrentCaller, MembershipInfo, Organization, OrganizationPage, Permission, Role, RoleInfo } from '@launchpath/contracts';
import type { Api } from '../shared/api/client';
import { storeSession } from '../shared/auth/storedSession';

let counter = 0;

/** An organization with unique id and sensible defaults. */
export function organization(overrides: Partial<Organization> = {}): Organization {
  counter += 1;
  return {
    id: `00000000-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    type: 'region',
    name: `Organization ${counter}`,
    parentId: null,
    sourcedId: null,
    identifier: null,
    industry: null,
    version: 1,
    createdAt: '2026-01-01T00:00:00+00:00',
    updatedAt: '2026-01-01T00:00:00+00:00',
    ...overrides,
  };
}

export function page(items: Organization[], nextCursor: string | null = null): OrganizationPage {
  return { items, nextCursor };
}

const allPermissions: Permission[] = [
  'organizationsRead',
  'organizationsWrite',
  'usersManage',
  'peopleRead',
  'peopleWrite',
  'subgroupsRead',
  'rosterImport',
  'opportunitiesRead',
  'opportunitiesWrite',
  'opportunitiesCurate',
  'outcomesRead',
];

/** GET /roles as the API answers it (fixture data; the server's table is tested in the API suite). */
export const roleTable: RoleInfo[] = [
  { role: 'convenerAdmin', heldOn: ['region'], permissions: allPermissions },
  { role: 'convenerStaff', heldOn: ['region'], permissions: allPermissions.filter((p) => p !== 'usersManage') },
  { role: 'workforceAnalyst', heldOn: ['region'], permissions: ['organizationsRead', 'opportunitiesRead', 'outcomesRead'] },
  { role: 'districtAdmin', heldOn: ['district'], permissions: ['organizationsRead', 'organizationsWrite', 'usersManage', 'peopleRead', 'peopleWrite', 'subgroupsRead', 'rosterImport', 'opportunitiesRead', 'opportunitiesCurate', 'outcomesRead'] },
  { role: 'schoolCoordinator', heldOn: ['district', 'school'], permissions: ['organizationsRead', 'peopleRead', 'peopleWrite', 'opportunitiesRead', 'opportunitiesCurate', 'outcomesRead'] },
  { role: 'teacher', heldOn: ['school'], permissions: ['organizationsRead', 'peopleRead', 'opportunitiesRead'] },
  { role: 'counselor', heldOn: ['school'], permissions: ['organizationsRead', 'peopleRead', 'opportunitiesRead'] },
  { role: 'employerAdmin', heldOn: ['employer'], permissions: ['organizationsRead', 'organizationsWrite', 'usersManage', 'opportunitiesRead', 'opportunitiesWrite'] },
  { role: 'supervisor', heldOn: ['employer'], permissions: ['organizationsRead', 'opportunitiesRead'] },
  { role: 'student', heldOn: ['school'], permissions: ['organizationsRead', 'opportunitiesRead'] },
  { role: 'guardian', heldOn: ['school'], permissions: ['organizationsRead'] },
];

/** A membership of `role` at an organization, carrying the role's permissions as GET /me does. */
export function membershipOf(organization: Pick<MembershipInfo, 'organizationId' | 'organizationName' | 'organizationType'>, role: Role): MembershipInfo {
  return { ...organization, role, permissions: roleTable.find((r) => r.role === role)!.permissions };
}

/** The platform administrator, as GET /me describes one. */
export function platformAdmin(overrides: Partial<CurrentCaller> = {}): CurrentCaller {
  return {
    userId: '00000000-0000-7000-8000-aaaaaaaaaaaa',
    email: 'admin@example.test',
    displayName: 'Platform administrator',
    isPlatformAdmin: true,
    memberships: [],
    permissions: allPermissions,
    ...overrides,
  };
}

/** A user holding one role at one organization, with the permissions given. */
export function member(
  membership: Omit<MembershipInfo, 'organizationId' | 'permissions'> & { organizationId?: string; permissions?: Permission[] },
  permissions: Permission[],
): CurrentCaller {
  return {
    userId: '00000000-0000-7000-8000-bbbbbbbbbbbb',
    email: 'someone@example.test',
    displayName: 'Someone Member',
    isPlatformAdmin: false,
    // As GET /me describes it: the membership carries what its role allows there.
    memberships: [{ organizationId: '00000000-0000-7000-8000-cccccccccccc', permissions, ...membership }],
    permissions,
  };
}

/** As if a previous page view had signed in: a token in sessionStorage that the app picks up on start. */
export function storeTestSession(token = 'stored-token'): void {
  storeSession({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
}

type Overrides = Partial<{ [K in keyof Api]: Api[K] }>;

/**
 * An Api whose methods are vi.fn: the organizations methods, signIn and getMe (by default a platform administrator)
 * are properties to assert on; any other method rejects ("unexpected call to …") unless overridden. `ifMatch(version)`
 * records the version and returns the fake itself, so `api.ifMatch(3).updateX(…)` lands on `api.updateX`.
 */
export function fakeApi(overrides: Overrides = {}) {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected call to ${name}`));
  const known = {
    listOrganizations: vi.fn<Api['listOrganizations']>(overrides.listOrganizations ?? (() => Promise.resolve(page([])))),
    createOrganization: vi.fn<Api['createOrganization']>(overrides.createOrganization ?? unexpected('createOrganization')),
    getOrganization: vi.fn<Api['getOrganization']>(overrides.getOrganization ?? unexpected('getOrganization')),
    updateOrganization: vi.fn<Api['updateOrganization']>(overrides.updateOrganization ?? unexpected('updateOrganization')),
    signIn: vi.fn<Api['signIn']>(overrides.signIn ?? unexpected('signIn')),
    getMe: vi.fn<Api['getMe']>(overrides.getMe ?? (() => Promise.resolve(platformAdmin()))),
    listRoles: vi.fn<Api['listRoles']>(overrides.listRoles ?? (() => Promise.resolve(roleTable))),
  };
  const others = new Map<string, unknown>();
  const rest = new Proxy({} as Api, {
    get(_target, property) {
      // Not a thenable, and nothing for symbols (inspection by test tooling).
      if (typeof property !== 'string' || property === 'then') return undefined;
      if (!others.has(property)) {
        const override = (overrides as Record<string, unknown>)[property];
        others.set(property, vi.fn(typeof override === 'function' ? (override as () => unknown) : unexpected(property)));
      }
      return others.get(property);
    },
  });
  const api = Object.assign(Object.create(rest) as Api, known);
  const ifMatch = vi.fn<Api['ifMatch']>(() => api);
  return Object.assign(api, { ifMatch });
}
