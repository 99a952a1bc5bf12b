import { vi } from 'vitest';
import type { Organization, OrganizationPage } from '@launchpath/contracts';
import type { Api } from '../api/client';

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

/** An Api whose every method is a vi.fn; unstubbed calls fail loudly. */
export function fakeApi(overrides: Partial<{ [K in keyof Api]: Api[K] }> = {}) {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    listOrganizations: vi.fn<Api['listOrganizations']>(overrides.listOrganizations ?? (() => Promise.resolve(page([])))),
    createOrganization: vi.fn<Api['createOrganization']>(overrides.createOrganization ?? unexpected('createOrganization')),
    getOrganization: vi.fn<Api['getOrganization']>(overrides.getOrganization ?? unexpected('getOrganization')),
    updateOrganization: vi.fn<Api['updateOrganization']>(overrides.updateOrganization ?? unexpected('updateOrganization')),
  } satisfies Api;
}
