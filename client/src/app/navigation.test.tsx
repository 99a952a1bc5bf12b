import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentCaller, Permission } from '@launchpath/contracts';
import i18next from 'i18next';
import { App, pagesFor, route } from './App';
import { fakeApi, member, organization, platformAdmin, storeTestSession } from '../test/fakeApi';
import { student } from '../test/fixtures';

const as = (membership: Parameters<typeof member>[0], permissions: Permission[], extra: Partial<CurrentCaller> = {}): CurrentCaller => ({
  ...member(membership, permissions),
  ...extra,
});
const labels = (me: CurrentCaller) => pagesFor(me).map((p) => i18next.t(p.label));

const studentMe = as({ organizationName: 'Alder High', organizationType: 'school', role: 'student' }, ['organizationsRead', 'opportunitiesRead'], { studentId: 'st-1' });
const employerAdmin = as({ organizationName: 'Harbor', organizationType: 'employer', role: 'employerAdmin' }, [
  'organizationsRead', 'organizationsWrite', 'usersManage', 'opportunitiesRead', 'opportunitiesWrite',
]);
const supervisor = as({ organizationName: 'Harbor', organizationType: 'employer', role: 'supervisor' }, ['organizationsRead', 'opportunitiesRead']);
const coordinator = as({ organizationName: 'Alder High', organizationType: 'school', role: 'schoolCoordinator' }, [
  'organizationsRead', 'peopleRead', 'peopleWrite', 'opportunitiesRead', 'opportunitiesCurate', 'outcomesRead',
]);
const districtAdmin = as({ organizationName: 'Alder Unified', organizationType: 'district', role: 'districtAdmin' }, [
  'organizationsRead', 'organizationsWrite', 'usersManage', 'peopleRead', 'peopleWrite', 'subgroupsRead', 'rosterImport', 'opportunitiesRead', 'opportunitiesCurate', 'outcomesRead',
]);

const everything: Permission[] = [
  'organizationsRead', 'organizationsWrite', 'usersManage', 'peopleRead', 'peopleWrite', 'subgroupsRead', 'rosterImport', 'opportunitiesRead', 'opportunitiesWrite', 'opportunitiesCurate', 'outcomesRead',
];
const convenerAdmin = as({ organizationName: 'Bay Valley', organizationType: 'region', role: 'convenerAdmin' }, everything);
const convenerStaff = as({ organizationName: 'Bay Valley', organizationType: 'region', role: 'convenerStaff' }, everything.filter((p) => p !== 'usersManage'));
const analyst = as({ organizationName: 'Bay Valley', organizationType: 'region', role: 'workforceAnalyst' }, ['organizationsRead', 'opportunitiesRead', 'outcomesRead']);

describe('Navigation by role and permission', () => {
  it('gives a student their own pages and no Organizations', () => {
    expect(labels(studentMe)).toEqual(['My profile', 'My progress', 'Recommended for me', 'Search opportunities', 'Match rounds', 'Placements', 'Events']);
  });

  it('gives a signed-in guardian their children’s placements, and no Organizations', () => {
    const guardian = as({ organizationName: 'Alder High', organizationType: 'school', role: 'guardian' }, ['organizationsRead']);
    expect(labels(guardian)).toEqual(['My family']);
  });

  it('gives an employer admin their opportunities, applicants and organization; a supervisor the opportunities and organization', () => {
    expect(labels(employerAdmin)).toEqual(['Our opportunities', 'Applicants', 'Our organization', 'Organizations', 'Placements', 'Events', 'Speaker requests', 'Users', 'API keys', 'Partnership']);
    expect(labels(supervisor)).toEqual(['Our opportunities', 'Our organization', 'Organizations', 'Placements', 'Events', 'Speaker requests']);
  });

  it('gives school coordinators curation, rounds and students; district admins roster imports too', () => {
    expect(labels(coordinator)).toEqual(['Curation', 'Match rounds', 'Students', 'Opportunities', 'Organizations', 'Placements', 'Events', 'Speaker requests', 'Outcomes']);
    expect(labels(districtAdmin)).toEqual(['Curation', 'Match rounds', 'Students', 'Roster imports', 'Opportunities', 'Organizations', 'Placements', 'Events', 'Speaker requests', 'Outcomes', 'Users', 'API keys', 'Partners']);
  });

  it('gives conveners outcomes, administration and the region settings; analysts outcomes only', () => {
    expect(labels(convenerAdmin)).toEqual([
      'Curation', 'Match rounds', 'Students', 'Roster imports', 'Opportunities', 'Organizations', 'Placements', 'Events', 'Speaker requests', 'Outcomes', 'Users', 'API keys', 'Partners', 'Region settings',
    ]);
    expect(labels(convenerStaff)).toContain('Region settings');
    expect(labels(convenerStaff)).not.toContain('Users');
    expect(labels(analyst)).toEqual(['Opportunities', 'Organizations', 'Events', 'Outcomes']);
  });

  it('opens Organizations first for a platform administrator', () => {
    expect(labels(platformAdmin())[0]).toBe('Organizations');
  });

  it('routes a hash with a path to its page, and anything else to the first page', () => {
    const pages = pagesFor(districtAdmin);
    expect(route(pages, '#/rounds/abc-123')).toMatchObject({ page: { href: '#/rounds' }, path: ['abc-123'] });
    expect(route(pages, '#/students/best-fit/o-1/')).toMatchObject({ page: { href: '#/students' }, path: ['best-fit', 'o-1'] });
    expect(route(pages, '#/roster')).toMatchObject({ page: { href: '#/roster' }, path: [] });
    // Not the rounds page: only a whole segment matches.
    expect(route(pages, '#/roundsabc').page?.href).toBe('#/curation');
    expect(route(pages, '#/organizations/o-9')).toMatchObject({ page: { href: '#/organizations' }, path: ['o-9'] });
    expect(route(pagesFor(employerAdmin), '#/our-organization')).toMatchObject({ page: { href: '#/our-organization' }, path: [] });
    // A page the caller may not open falls back to the first.
    expect(route(pagesFor(studentMe), '#/roster').page?.href).toBe('#/profile');
  });
});

describe('Signed in as an employer admin', () => {
  beforeEach(() => storeTestSession());
  afterEach(() => {
    window.location.hash = '';
  });

  it('opens their employer from Our organization', async () => {
    const harbor = organization({ id: employerAdmin.memberships[0].organizationId, type: 'employer', name: 'Harbor' });
    const api = fakeApi({ getMe: () => Promise.resolve(employerAdmin), getOrganization: () => Promise.resolve(harbor) });
    window.location.hash = '#/our-organization';
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1, name: 'Harbor' });
    expect(api.getOrganization).toHaveBeenCalledWith(harbor.id, expect.any(AbortSignal));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Our organization' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'Edit details' })).toBeTruthy();
  });
});

describe('Signed in as a student', () => {
  beforeEach(() => storeTestSession());

  it('opens on My profile, and the nav marks the current page', async () => {
    const record = student({ id: 'st-1' });
    render(<App api={fakeApi({ getMe: () => Promise.resolve({ ...studentMe, displayName: 'Noah Johnson' }), getStudent: () => Promise.resolve(record) })} />);
    await screen.findByRole('heading', { level: 1, name: 'My profile' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My profile' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('My profile · LaunchPath')); // set by an effect after the page renders
    await screen.findByText('Alder High');
  });
});
