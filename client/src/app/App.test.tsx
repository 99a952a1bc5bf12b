import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentCaller } from '@launchpath/contracts';
import { App } from './App';
import { fakeApi, member, platformAdmin, storeTestSession, membershipOf } from '../test/fakeApi';

function renderAs(me: CurrentCaller) {
  render(<App api={fakeApi({ getMe: () => Promise.resolve(me) })} />);
}

async function typeOptions(): Promise<string[]> {
  const form = await screen.findByRole('form', { name: 'Add an organization' });
  return within(within(form).getByLabelText(/^Type/))
    .getAllByRole('option')
    .map((o) => o.textContent ?? '');
}

const read = ['organizationsRead', 'opportunitiesRead'] as const;
const write = ['organizationsRead', 'organizationsWrite', 'usersManage'] as const;

describe('Navigation and actions by permission', () => {
  beforeEach(() => storeTestSession());

  it('gives a platform administrator every organization type, regions first', async () => {
    renderAs(platformAdmin({ displayName: 'Pat Admin' }));
    expect(await typeOptions()).toEqual(['Region', 'District', 'School', 'Employer']);
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Pat Admin')).toBeTruthy();
    expect(within(banner).getByText('Platform administrator')).toBeTruthy();
  });

  it('shows the email instead of a role that only repeats the name', async () => {
    renderAs(platformAdmin({ displayName: 'Platform administrator', email: 'root@example.test' }));
    await screen.findByText('root@example.test');
    expect(within(screen.getByRole('banner')).getAllByText('Platform administrator')).toHaveLength(1);
  });

  it('gives a convener districts, schools and employers but not regions', async () => {
    renderAs(member({ organizationName: 'Bay Valley', organizationType: 'region', role: 'convenerAdmin' }, [...write]));
    expect(await typeOptions()).toEqual(['District', 'School', 'Employer']);
  });

  it('gives a district admin schools only', async () => {
    renderAs(member({ organizationName: 'Alder Unified', organizationType: 'district', role: 'districtAdmin' }, [...write]));
    expect(await typeOptions()).toEqual(['School']);
    expect(screen.getByRole('button', { name: 'Add school' })).toBeTruthy();
  });

  it('shows a reader the list and the Organizations nav item but no create form', async () => {
    window.location.hash = '#/organizations';
    renderAs({ ...member({ organizationName: 'Alder High', organizationType: 'school', role: 'teacher' }, [...read]), displayName: 'Taylor Teacher' });
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Organizations' })).toBeTruthy();
    await screen.findByText(/No organizations yet/);
    expect(screen.queryByRole('form', { name: 'Add an organization' })).toBeNull();
    expect(screen.getByText(/view these organizations but not add/)).toBeTruthy();
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Taylor Teacher')).toBeTruthy();
    expect(within(banner).getByText('Teacher, Alder High')).toBeTruthy();
  });

  it('shows no create form to an employer admin, whose write permission covers only their own employer', async () => {
    window.location.hash = '#/organizations'; // Our organization comes first for employer staff
    renderAs(member({ organizationName: 'Acme', organizationType: 'employer', role: 'employerAdmin' }, [...write]));
    await screen.findByText(/No organizations yet/);
    expect(screen.queryByRole('form', { name: 'Add an organization' })).toBeNull();
  });

  it('shows no Organizations item, and a welcome instead, to a caller without organizationsRead', async () => {
    const api = fakeApi({ getMe: () => Promise.resolve({ ...member({ organizationName: 'X', organizationType: 'school', role: 'teacher' }, []), displayName: 'Gale' }) });
    render(<App api={api} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Gale' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Organizations' })).toBeNull();
    expect(api.listOrganizations).not.toHaveBeenCalled();
  });

  it('lists every role the caller holds', async () => {
    const me = member({ organizationName: 'Alder High', organizationType: 'school', role: 'teacher' }, [...read]);
    me.memberships.push(membershipOf({ organizationId: 'o2', organizationName: 'Birch High', organizationType: 'school' }, 'counselor'));
    renderAs(me);
    await screen.findByText('Teacher, Alder High; Counselor, Birch High');
    expect(within(screen.getByRole('banner')).getByText('Teacher, Alder High; Counselor, Birch High')).toBeTruthy();
  });
});

describe('One-time link pages', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  const linkedHours = {
    studentFirstName: 'Ana',
    opportunityTitle: 'Lab intern',
    entry: { id: 'h1', placementId: 'p1', date: '2027-02-10', start: '15:30', minutes: 60, activity: 'Filing', status: 'submitted' as const, locked: false, allowedActions: [], version: 1 },
    expiresAt: '2027-02-24T00:00:00Z',
  };

  it('opens the link the API issues (a path) without signing in', async () => {
    window.history.replaceState(null, '', '/hours/tok-123');
    const api = fakeApi({ getLinkedHours: () => Promise.resolve(linkedHours) });
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1, name: 'Hours to approve for Ana' });
    expect(api.getLinkedHours).toHaveBeenCalledWith('tok-123', expect.anything());
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
    expect(within(screen.getByRole('banner')).getByRole('link', { name: 'LaunchPath' }).getAttribute('href')).toBe('/');
    await waitFor(() => expect(document.title).toBe('Approve hours · LaunchPath')); // set by an effect after the page renders
  });

  it('opens the hash form too, even for a signed-in user, and the app again after it', async () => {
    storeTestSession();
    window.location.hash = '#/acknowledge/tok-456';
    const api = fakeApi({ getLinkedAgreement: () => Promise.reject({ title: 'Link no longer valid', status: 410, detail: 'This link was already used or has expired.' }) });
    render(<App api={api} />);
    await screen.findByRole('heading', { level: 1, name: 'This link has been used or has expired' });
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();

    window.location.hash = '#/organizations';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('navigation', { name: 'Main' });
  });
});
