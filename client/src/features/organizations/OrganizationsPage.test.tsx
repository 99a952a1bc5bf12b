import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrganizationPage } from '@launchpath/contracts';
import { App } from '../../app/App';
import { fakeApi, organization, page, storeTestSession } from '../../test/fakeApi';

function rowNames(): string[] {
  const table = screen.getByRole('table', { name: 'Organizations' });
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Organizations page', () => {
  // Signed in as the platform administrator (fakeApi's default GET /me).
  beforeEach(() => storeTestSession());

  it('renders the app shell with the main navigation', async () => {
    render(<App api={fakeApi()} />);
    expect(screen.getByRole('link', { name: 'LaunchPath' })).toBeTruthy();
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Organizations' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText(/No organizations yet/)).toBeTruthy();
  });

  it('shows loading, then the first page, then appends the next page with the cursor', async () => {
    const first = deferred<OrganizationPage>();
    const a = organization({ name: 'Alpha' });
    const b = organization({ name: 'Beta', type: 'district', parentId: a.id });
    const c = organization({ name: 'Gamma' });
    const api = fakeApi({
      listOrganizations: (_type, _parent, _q, _limit, cursor) => (cursor === 'next-1' ? Promise.resolve(page([c])) : first.promise),
    });
    const user = userEvent.setup();
    render(<App api={api} />);

    expect(await screen.findByText('Loading organizations…')).toBeTruthy();
    first.resolve(page([a, b], 'next-1'));
    await waitFor(() => expect(rowNames()).toEqual(['Alpha', 'Beta']));
    // The parent is named when it is on the page.
    expect(within(screen.getByRole('row', { name: /Beta/ })).getByText('Alpha')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rowNames()).toEqual(['Alpha', 'Beta', 'Gamma']));
    expect(api.listOrganizations).toHaveBeenLastCalledWith(undefined, undefined, undefined, 25, 'next-1', expect.any(AbortSignal));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('filters by type', async () => {
    const region = organization({ name: 'Region A' });
    const employer = organization({ name: 'Acme', type: 'employer', parentId: region.id });
    const api = fakeApi({ listOrganizations: (type) => Promise.resolve(page(type === 'employer' ? [employer] : [region, employer])) });
    const user = userEvent.setup();
    render(<App api={api} />);
    await waitFor(() => expect(rowNames()).toEqual(['Region A', 'Acme']));

    await user.selectOptions(screen.getByLabelText('Show'), 'employer');
    await waitFor(() => expect(rowNames()).toEqual(['Acme']));
    expect(api.listOrganizations).toHaveBeenLastCalledWith('employer', undefined, undefined, 25, undefined, expect.any(AbortSignal));
  });

  it('shows an error with a retry when the list cannot be loaded', async () => {
    let fail = true;
    const api = fakeApi({
      listOrganizations: () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(page([organization({ name: 'Back' })]))),
    });
    const user = userEvent.setup();
    render(<App api={api} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Could not reach the LaunchPath server/);
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rowNames()).toEqual(['Back']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lists a created organization at the top', async () => {
    const existing = organization({ name: 'Existing' });
    const created = organization({ name: 'Fresh Region' });
    const api = fakeApi({
      listOrganizations: () => Promise.resolve(page([existing])),
      createOrganization: () => Promise.resolve(created),
    });
    const user = userEvent.setup();
    render(<App api={api} />);
    await waitFor(() => expect(rowNames()).toEqual(['Existing']));

    await user.type(screen.getByLabelText(/^Name/), 'Fresh Region');
    await user.click(screen.getByRole('button', { name: 'Add region' }));
    await waitFor(() => expect(rowNames()).toEqual(['Fresh Region', 'Existing']));
  });

  it('links each row to the organization’s page, which opens under Organizations with a way back', async () => {
    const region = organization({ name: 'Bay Valley' });
    const api = fakeApi({ listOrganizations: () => Promise.resolve(page([region])), getOrganization: () => Promise.resolve(region) });
    const user = userEvent.setup();
    render(<App api={api} />);

    await user.click(await screen.findByRole('link', { name: 'Bay Valley' }));
    expect(window.location.hash).toBe(`#/organizations/${region.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Bay Valley' });
    expect(api.getOrganization).toHaveBeenCalledWith(region.id, expect.any(AbortSignal));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Organizations' }).getAttribute('aria-current')).toBe('page');
    await user.click(screen.getByRole('link', { name: '← Organizations' }));
    await screen.findByRole('table', { name: 'Organizations' });
    window.location.hash = '';
  });
});
