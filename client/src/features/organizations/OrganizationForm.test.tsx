import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../shared/api/ApiContext';
import { fakeApi, organization, page } from '../../test/fakeApi';
import type { OrganizationType } from '@launchpath/contracts';
import { organizationTypes } from '../../shared/organizationLabels';
import { emptyFieldsDraft } from './OrganizationFields';
import { OrganizationForm, toCreateRequest } from './OrganizationForm';

function renderForm(api: ReturnType<typeof fakeApi>, onCreated = vi.fn(), types: readonly OrganizationType[] = organizationTypes) {
  render(
    <ApiProvider api={api}>
      <OrganizationForm types={types} onCreated={onCreated} />
    </ApiProvider>,
  );
  return { onCreated, user: userEvent.setup() };
}

/** The messages announced for a control: the elements its aria-describedby points at. */
function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

describe('OrganizationForm', () => {
  it('creates a region and reports it', async () => {
    const created = organization({ name: 'North Valley', sourcedId: 'nv-1' });
    const api = fakeApi({ createOrganization: () => Promise.resolve(created) });
    const { user, onCreated } = renderForm(api);

    await user.type(screen.getByLabelText(/^Name/), '  North Valley ');
    await user.type(screen.getByLabelText(/^Sourced ID/), 'nv-1');
    await user.click(screen.getByRole('button', { name: 'Add region' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.createOrganization).toHaveBeenCalledWith({ type: 'region', name: 'North Valley', sourcedId: 'nv-1' });
    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Created region “North Valley”.');
    expect(screen.getByLabelText(/^Name/)).toHaveProperty('value', '');
  });

  it('shows validation errors from a 400 problem beside their fields and points the fields at them', async () => {
    const api = fakeApi({
      createOrganization: () =>
        Promise.reject({
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { Name: ["'Name' must not be empty."], parentId: ['A district needs its region as parentId.'], 'address.country': ["'Country' must be a two-letter ISO 3166-1 code."] },
        }),
    });
    const { user } = renderForm(api);

    await user.selectOptions(screen.getByLabelText(/^Type/), 'district');
    await user.click(screen.getByRole('button', { name: 'Add district' }));

    const name = await screen.findByLabelText(/^Name/);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(name)).toContain("'Name' must not be empty.");
    const parent = screen.getByLabelText(/^Parent region/);
    expect(parent.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(parent)).toContain('A district needs its region as parentId.');
    expect(screen.getByLabelText(/^Sourced ID/).getAttribute('aria-invalid')).toBeNull();
    // An error for a field the form does not show still reaches the user.
    expect(screen.getByRole('alert').textContent).toContain("address.country: 'Country' must be a two-letter ISO 3166-1 code.");
    // Keyboard users land on the first field to fix.
    expect(document.activeElement).toBe(name);
  });

  it('shows a conflict as a message and keeps what was typed', async () => {
    const api = fakeApi({
      createOrganization: () => Promise.reject({ title: 'Conflict', status: 409, detail: "Another organization already has sourcedId 'r1'." }),
    });
    const { user } = renderForm(api);
    await user.type(screen.getByLabelText(/^Name/), 'Dup');
    await user.click(screen.getByRole('button', { name: 'Add region' }));

    expect((await screen.findByRole('alert')).textContent).toContain("Another organization already has sourcedId 'r1'.");
    expect(screen.getByLabelText(/^Name/)).toHaveProperty('value', 'Dup');
  });

  it('offers the organizations of the parent type for a school, and sends the chosen parent', async () => {
    const district = organization({ type: 'district', name: 'Unified' });
    const created = organization({ type: 'school', name: 'High', parentId: district.id });
    const api = fakeApi({
      listOrganizations: (type) => Promise.resolve(page(type === 'district' ? [district] : [])),
      createOrganization: () => Promise.resolve(created),
    });
    const { user } = renderForm(api);

    expect(screen.queryByLabelText(/^Parent/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/^Type/), 'school');
    const parent = screen.getByLabelText(/^Parent district/);
    await within(parent).findByRole('option', { name: 'Unified' });
    expect(api.listOrganizations).toHaveBeenCalledWith('district', undefined, undefined, 200, undefined, expect.any(AbortSignal));

    await user.selectOptions(parent, district.id);
    await user.type(screen.getByLabelText(/^Name/), 'High');
    await user.click(screen.getByRole('button', { name: 'Add school' }));
    await waitFor(() => expect(api.createOrganization).toHaveBeenCalledWith({ type: 'school', name: 'High', parentId: district.id }));
  });

  it('offers only the types it is given, starting with the first', async () => {
    const api = fakeApi({ listOrganizations: (type) => Promise.resolve(page(type === 'district' ? [organization({ type: 'district', name: 'Mine' })] : [])) });
    renderForm(api, vi.fn(), ['school']);
    const type = screen.getByLabelText(/^Type/);
    expect(within(type).getAllByRole('option').map((o) => o.textContent)).toEqual(['School']);
    expect(type).toHaveProperty('value', 'school');
    await within(screen.getByLabelText(/^Parent district/)).findByRole('option', { name: 'Mine' });
    expect(screen.getByRole('button', { name: 'Add school' })).toBeTruthy();
  });

  it('shows the server’s 403 message when it refuses', async () => {
    const api = fakeApi({
      createOrganization: () => Promise.reject({ title: 'Forbidden', status: 403, detail: 'Only a platform administrator can create a region.' }),
    });
    const { user } = renderForm(api);
    await user.type(screen.getByLabelText(/^Name/), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Add region' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Only a platform administrator can create a region.');
  });

  it('asks for industry and career cluster only for employers', async () => {
    const api = fakeApi();
    const { user } = renderForm(api);
    expect(screen.queryByLabelText(/^Career cluster/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/^Type/), 'employer');
    expect(screen.getByLabelText(/^Industry/)).toBeTruthy();
    const cluster = screen.getByLabelText(/^Career cluster/);
    expect(within(cluster).getAllByRole('option')).toHaveLength(15);
  });
});

describe('toCreateRequest', () => {
  const blank = { ...emptyFieldsDraft, name: 'X', parentId: 'p', sourcedId: ' ', industry: 'Software', careerCluster: 'digitalTechnology' as const };

  it('drops blanks, the parent of a region and employer fields of non-employers', () => {
    expect(toCreateRequest({ ...blank, type: 'region' })).toEqual({ type: 'region', name: 'X' });
    expect(toCreateRequest({ ...blank, type: 'school' })).toEqual({ type: 'school', name: 'X', parentId: 'p' });
  });

  it('keeps employer fields for employers', () => {
    expect(toCreateRequest({ ...blank, type: 'employer' })).toEqual({
      type: 'employer',
      name: 'X',
      parentId: 'p',
      industry: 'Software',
      careerCluster: 'digitalTechnology',
    });
  });

  it('sends an address only when a part of it is typed, trimmed, and leaves the country to the API', () => {
    const address = { line1: ' 1 Main St ', line2: '', city: 'Alder', state: 'CA', postalCode: '94001' };
    expect(toCreateRequest({ ...blank, type: 'region', address })).toEqual({
      type: 'region',
      name: 'X',
      address: { line1: '1 Main St', line2: null, city: 'Alder', state: 'CA', postalCode: '94001', country: null },
    });
  });
});
