import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Organization } from '@launchpath/contracts';
import { fakeApi, member, organization, membershipOf } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { OrganizationPage } from './OrganizationPage';
import { OurOrganizationPage } from './OurOrganizationPage';

const region = organization({ type: 'region', name: 'Bay Valley' });
const harbor = organization({
  type: 'employer',
  name: 'Harbor Health',
  parentId: region.id,
  sourcedId: 'emp-1',
  industry: 'Hospitals',
  careerCluster: 'healthcareHumanServices',
  address: { line1: '12 Harbor Way', city: 'Alder', state: 'CA', postalCode: '94001', country: 'US' },
  version: 3,
});

const employerAdmin = member(membershipOf({ organizationId: harbor.id, organizationName: harbor.name, organizationType: 'employer' }, 'employerAdmin'), [
  'organizationsRead', 'organizationsWrite', 'usersManage', 'opportunitiesRead', 'opportunitiesWrite',
]);
const supervisor = member(membershipOf({ organizationId: harbor.id, organizationName: harbor.name, organizationType: 'employer' }, 'supervisor'), [
  'organizationsRead', 'opportunitiesRead',
]);

/** A fake API that knows the organizations given (404 for any other id). */
function apiWith(organizations: Organization[], overrides: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    getOrganization: (id) => {
      const found = organizations.find((o) => o.id === id);
      return found ? Promise.resolve(found) : Promise.reject(problemOf(404, `Organization ${id} was not found.`));
    },
    ...overrides,
  });
}

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const detail = (term: string) => screen.getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;

afterEach(() => {
  window.location.hash = '';
});

describe('Organization page', () => {
  it('shows an employer’s fields, its region by name, and an Edit button to its admin', async () => {
    renderWithApi(<OrganizationPage organizationId={harbor.id} me={employerAdmin} />, apiWith([harbor, region]));

    await screen.findByRole('heading', { level: 1, name: 'Harbor Health' });
    expect(detail('Type')).toBe('Employer');
    expect(detail('Sourced ID')).toBe('emp-1');
    expect(detail('Identifier')).toBe('—');
    expect(detail('Address')).toBe('12 Harbor Way, Alder, CA 94001');
    expect(detail('Industry')).toBe('Hospitals');
    expect(detail('Career cluster')).toBe('Healthcare & Human Services');
    const parent = await screen.findByRole('link', { name: 'Bay Valley' });
    expect(parent.getAttribute('href')).toBe(`#/organizations/${region.id}`);
    expect(screen.getByRole('button', { name: 'Edit details' })).toBeTruthy();
  });

  it('saves changed fields with the If-Match version it opened and shows what was saved', async () => {
    const saved = { ...harbor, identifier: 'NAICS-622', address: { ...harbor.address!, line1: '14 Harbor Way' }, version: 4 };
    const api = apiWith([harbor, region], { updateOrganization: () => Promise.resolve(saved) });
    const { user } = renderWithApi(<OrganizationPage organizationId={harbor.id} me={employerAdmin} />, api);

    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    const form = screen.getByRole('form', { name: 'Edit details' });
    expect(within(form).getByLabelText(/^Name/)).toHaveProperty('value', 'Harbor Health');
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Name/));
    await user.type(within(form).getByLabelText(/^Identifier/), 'NAICS-622');
    const street = within(form).getByLabelText(/^Street address/);
    await user.clear(street);
    await user.type(street, '14 Harbor Way');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    await screen.findByText('Your changes are saved.');
    expect(api.ifMatch).toHaveBeenCalledWith(3);
    expect(api.updateOrganization).toHaveBeenCalledWith(harbor.id, {
      name: 'Harbor Health',
      sourcedId: 'emp-1',
      identifier: 'NAICS-622',
      address: { line1: '14 Harbor Way', line2: null, city: 'Alder', state: 'CA', postalCode: '94001', country: 'US' },
      industry: 'Hospitals',
      careerCluster: 'healthcareHumanServices',
    });
    expect(screen.queryByRole('form', { name: 'Edit details' })).toBeNull();
    expect(detail('Identifier')).toBe('NAICS-622');
    expect(detail('Address')).toBe('14 Harbor Way, Alder, CA 94001');
  });

  it('on 412 says someone else changed it and reloads the latest version into the form', async () => {
    const theirs = { ...harbor, name: 'Harbor Health Group', version: 4 };
    let current = harbor;
    const api = fakeApi({
      getOrganization: (id) => Promise.resolve(id === harbor.id ? current : region),
      updateOrganization: () => {
        current = theirs;
        return Promise.reject(problemOf(412, 'The organization has changed since you read it.'));
      },
    });
    const { user } = renderWithApi(<OrganizationPage organizationId={harbor.id} me={employerAdmin} />, api);

    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    await user.type(screen.getByLabelText(/^Identifier/), 'X-1');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this organization after you opened it.');
    await screen.findByRole('heading', { level: 1, name: 'Harbor Health Group' });
    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveProperty('value', 'Harbor Health Group'));
    expect(screen.getByLabelText(/^Identifier/)).toHaveProperty('value', '');
    expect(api.getOrganization).toHaveBeenCalledTimes(3); // the organization, its region, the organization again
  });

  it('shows 400 field errors beside their fields, and a 409 duplicate sourcedId on the Sourced ID', async () => {
    const api = apiWith([harbor, region], {
      updateOrganization: () =>
        Promise.reject(problemOf(400, 'One or more validation errors occurred.', { Name: ["'Name' must not be empty."], 'Address.City': ["'City' must not be empty."] })),
    });
    const { user } = renderWithApi(<OrganizationPage organizationId={harbor.id} me={employerAdmin} />, api);

    await user.click(await screen.findByRole('button', { name: 'Edit details' }));
    await user.clear(screen.getByLabelText(/^Name/));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const name = screen.getByLabelText(/^Name/);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(name)).toContain("'Name' must not be empty.");
    expect(describedBy(screen.getByLabelText(/^City/))).toContain("'City' must not be empty.");
    expect(document.activeElement).toBe(name);

    api.updateOrganization.mockImplementation(() => Promise.reject(problemOf(409, "Another organization under the same parent already has sourcedId 'emp-2'.")));
    await user.type(name, 'Harbor Health Co');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const sourcedId = screen.getByLabelText(/^Sourced ID/);
    await waitFor(() => expect(sourcedId.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(sourcedId)).toContain("already has sourcedId 'emp-2'");
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('is read-only for a caller without organizationsWrite there', async () => {
    renderWithApi(<OrganizationPage organizationId={harbor.id} me={supervisor} />, apiWith([harbor, region]));
    await screen.findByRole('heading', { level: 1, name: 'Harbor Health' });
    await screen.findByText('Your role lets you view this organization but not change it.');
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
  });

  it('lets a convener edit a school of their region, known through its district', async () => {
    const district = organization({ type: 'district', name: 'Alder Unified', parentId: region.id });
    const school = organization({ type: 'school', name: 'Alder High', parentId: district.id });
    const convener = member(membershipOf({ organizationId: region.id, organizationName: region.name, organizationType: 'region' }, 'convenerStaff'), [
      'organizationsRead', 'organizationsWrite',
    ]);
    renderWithApi(<OrganizationPage organizationId={school.id} me={convener} />, apiWith([school, district, region]));
    await screen.findByRole('button', { name: 'Edit details' });
    expect(screen.queryByText('Industry', { selector: 'dt' })).toBeNull();
  });

  it('says clearly when the organization is not there or not visible', async () => {
    renderWithApi(<OrganizationPage organizationId="missing" me={employerAdmin} back={{ href: '#/organizations', label: '← Organizations' }} />, apiWith([]));
    await screen.findByRole('heading', { level: 1, name: 'Organization not found' });
    expect(screen.getByRole('alert').textContent).toBe('This organization does not exist, or you do not have access to it.');
    expect(screen.getByRole('link', { name: '← Organizations' })).toBeTruthy();
  });
});

describe('Our organization', () => {
  it('opens the first employer and links to the others', async () => {
    const other = organization({ type: 'employer', name: 'Dockside Labs', parentId: region.id });
    const me = {
      ...employerAdmin,
      memberships: [...employerAdmin.memberships, membershipOf({ organizationId: other.id, organizationName: other.name, organizationType: 'employer' }, 'supervisor')],
    };
    renderWithApi(<OurOrganizationPage me={me} employers={me.memberships} path={[]} />, apiWith([harbor, other, region]));
    await screen.findByRole('heading', { level: 1, name: 'Harbor Health' });
    const others = screen.getByRole('navigation', { name: 'Your other employers' });
    expect(within(others).getByRole('link', { name: 'Dockside Labs' }).getAttribute('href')).toBe(`#/our-organization/${other.id}`);
  });
});
