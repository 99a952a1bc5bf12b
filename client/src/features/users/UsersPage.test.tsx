import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CreateUserRequest, CurrentCaller, Organization } from '@launchpath/contracts';
import { fakeApi, member, organization, page, membershipOf } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { userSummary } from '../../test/outcomesFixtures';
import { renderWithApi } from '../../test/render';
import { UsersPage } from './UsersPage';

const district = organization({ type: 'district', name: 'North Unified' });
const alder = organization({ type: 'school', name: 'Alder High', parentId: district.id });
const elsewhere = organization({ type: 'school', name: 'Elsewhere High' });
const organizations: Organization[] = [alder, district, elsewhere];
const districtAdmin: CurrentCaller = member(
  membershipOf({ organizationId: district.id, organizationName: district.name, organizationType: 'district' }, 'districtAdmin'),
  ['organizationsRead', 'usersManage', 'peopleRead'],
);
const jordan = userSummary({ memberships: [membershipOf({ organizationId: alder.id, organizationName: alder.name, organizationType: 'school' }, 'teacher')] });

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function api(overrides: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    listOrganizations: () => Promise.resolve(page(organizations)),
    listUsers: () => Promise.resolve({ items: [jordan], nextCursor: null }),
    ...overrides,
  });
}

describe('Users', () => {
  it('creates an account with a role at an organization the admin manages, offering only the roles held there', async () => {
    const created = userSummary({ id: 'user-2', displayName: 'Sam Ortiz', email: 'sam@alder.test' });
    const fake = api({ createUser: () => Promise.resolve(created) });
    const { user } = renderWithApi(<UsersPage me={districtAdmin} />, fake);
    await screen.findByRole('rowheader', { name: /Jordan Lee/ });

    const form = screen.getByRole('region', { name: 'Add a user' });
    const organizationSelect = within(form).getByLabelText(/^Organization/);
    // Only what the admin manages: their district and its school, not another school.
    await waitFor(() => expect(within(organizationSelect).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose an organization', 'North Unified', 'Alder High']));
    await user.type(within(form).getByLabelText(/^Name/), 'Sam Ortiz');
    await user.type(within(form).getByLabelText(/^Email/), 'sam@alder.test');
    await user.selectOptions(organizationSelect, alder.id);
    expect(within(within(form).getByLabelText(/^Role/)).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a role', 'School coordinator', 'Teacher', 'Counselor']);
    await user.selectOptions(within(form).getByLabelText(/^Role/), 'counselor');
    await user.click(within(form).getByRole('button', { name: 'Create the account' }));

    await screen.findByText('Account created for Sam Ortiz (sam@alder.test).');
    const request = (fake.createUser as unknown as { mock: { calls: [CreateUserRequest][] } }).mock.calls[0][0];
    expect(request).toEqual({ displayName: 'Sam Ortiz', email: 'sam@alder.test', password: null, organizationId: alder.id, role: 'counselor' });
    expect(screen.getByRole('rowheader', { name: /Sam Ortiz/ })).toBeTruthy();
    expect((within(form).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('');
  });

  it('checks the form, then puts the API’s field errors and a duplicate email beside the fields', async () => {
    let calls = 0;
    const fake = api({
      createUser: () =>
        Promise.reject(
          ++calls === 1
            ? problemOf(400, 'Invalid.', { Password: ['The length of \u0027Password\u0027 must be at least 12 characters.'], Other: ['Odd.'] })
            : problemOf(409, 'An account with this email or external subject already exists.'),
        ),
    });
    const { user } = renderWithApi(<UsersPage me={districtAdmin} />, fake);
    const form = screen.getByRole('region', { name: 'Add a user' });
    await user.click(within(form).getByRole('button', { name: 'Create the account' }));
    const name = within(form).getByLabelText(/^Name/);
    expect(describedBy(name)).toContain('Enter the person’s name.');
    expect(document.activeElement).toBe(name);
    expect(fake.createUser).not.toHaveBeenCalled();

    await user.type(name, 'Sam Ortiz');
    await user.type(within(form).getByLabelText(/^Email/), 'sam@alder.test');
    await waitFor(() => expect(within(form).getAllByRole('option', { name: 'Alder High' })).toHaveLength(1));
    await user.selectOptions(within(form).getByLabelText(/^Organization/), alder.id);
    await user.selectOptions(within(form).getByLabelText(/^Role/), 'teacher');
    await user.click(within(form).getByRole('button', { name: 'Create the account' }));
    await waitFor(() => expect(describedBy(within(form).getByLabelText(/^Password/))).toContain('must be at least 12 characters'));
    expect(within(form).getByRole('alert').textContent).toContain('other: Odd.');

    await user.click(within(form).getByRole('button', { name: 'Create the account' }));
    await waitFor(() => expect(describedBy(within(form).getByLabelText(/^Email/))).toContain('already exists'));
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Email/));
  });

  it('gives a user another role, and takes one away after confirming', async () => {
    const withCoordinator = { ...jordan, memberships: [...jordan.memberships, membershipOf({ organizationId: district.id, organizationName: district.name, organizationType: 'district' }, 'schoolCoordinator')] };
    const fake = api({ addMembership: () => Promise.resolve(withCoordinator), removeMembership: () => Promise.resolve() });
    const { user } = renderWithApi(<UsersPage me={districtAdmin} />, fake);
    await user.click(await screen.findByRole('button', { name: 'Give a role to Jordan Lee' }));
    const form = screen.getByRole('form', { name: 'Give a role to Jordan Lee' });
    await waitFor(() => expect(within(form).getAllByRole('option', { name: 'North Unified' })).toHaveLength(1));
    await user.selectOptions(within(form).getByLabelText('Organization'), district.id);
    await user.selectOptions(within(form).getByLabelText('Role'), 'schoolCoordinator');
    await user.click(within(form).getByRole('button', { name: 'Give the role' }));
    await screen.findByText('Jordan Lee is now school coordinator at North Unified.');
    expect(fake.addMembership).toHaveBeenCalledWith(jordan.id, { organizationId: district.id, role: 'schoolCoordinator' });

    await user.click(screen.getByRole('button', { name: 'Remove Teacher, Alder High from Jordan Lee' }));
    const dialog = screen.getByRole('dialog', { name: 'Take this role away?' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.click(within(dialog).getByRole('button', { name: 'Remove the role' }));
    await screen.findByText('Jordan Lee is no longer teacher at Alder High.');
    expect(fake.removeMembership).toHaveBeenCalledWith(jordan.id, alder.id, 'teacher');
    expect(screen.queryByRole('button', { name: 'Remove Teacher, Alder High from Jordan Lee' })).toBeNull();
    expect(screen.getByText('School coordinator, North Unified')).toBeTruthy();
  });

  it('searches by name and organization', async () => {
    const fake = api();
    const { user } = renderWithApi(<UsersPage me={districtAdmin} />, fake);
    await screen.findByRole('rowheader', { name: /Jordan Lee/ });
    const search = screen.getByRole('search', { name: 'Find users' });
    await user.type(within(search).getByLabelText('Name or email'), 'jor');
    await waitFor(() => expect(within(search).getAllByRole('option', { name: 'Alder High' })).toHaveLength(1));
    await user.selectOptions(within(search).getByLabelText('Organization'), alder.id);
    await user.click(within(search).getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(fake.listUsers).toHaveBeenLastCalledWith(alder.id, 'jor', 25, undefined, expect.any(AbortSignal)));
  });
});
