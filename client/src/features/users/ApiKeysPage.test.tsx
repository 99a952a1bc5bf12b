import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentCaller } from '@launchpath/contracts';
import { fakeApi, member, organization, page } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { apiKey } from '../../test/outcomesFixtures';
import { renderWithApi } from '../../test/render';
import { ApiKeysPage } from './ApiKeysPage';

const district = organization({ type: 'district', name: 'North Unified' });
const districtAdmin: CurrentCaller = member(
  { organizationId: district.id, organizationName: district.name, organizationType: 'district', role: 'districtAdmin' },
  ['organizationsRead', 'usersManage', 'peopleRead', 'rosterImport'],
);
const sync = apiKey({ id: 'key-1', organizationId: district.id, name: 'SIS roster sync' });

describe('API keys', () => {
  it('creates a key with permissions the admin holds, shows the secret once with a copy button, and hides it when done', async () => {
    const created = { info: apiKey({ id: 'key-2', name: 'Convener scripts', prefix: 'lp_zz99', permissions: ['peopleRead'] }), key: 'lp_zz99.secret-value' };
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([district])),
      listApiKeys: () => Promise.resolve([sync]),
      createApiKey: () => Promise.resolve(created),
    });
    const { user } = renderWithApi(<ApiKeysPage me={districtAdmin} />, fake);
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getByRole('rowheader', { name: /SIS roster sync/ }).textContent).toContain('lp_ab12');
    expect(fake.listApiKeys).toHaveBeenCalledWith(district.id, expect.any(AbortSignal));

    const form = screen.getByRole('region', { name: 'Create a key' });
    const group = within(form).getByRole('group', { name: 'What the key may do' });
    expect(within(group).getAllByRole('checkbox').map((c) => c.parentElement?.textContent)).toEqual([
      'Read organizations',
      'Manage users and API keys',
      'Read student records',
      'Import rosters',
    ]);
    await user.type(within(form).getByLabelText(/^Name/), 'Convener scripts');
    await user.click(within(group).getByLabelText('Read student records'));
    await user.click(within(form).getByRole('button', { name: 'Create the key' }));

    const secret = await screen.findByRole('region', { name: 'Copy the key “Convener scripts” now' });
    expect(document.activeElement).toBe(secret);
    expect((within(secret).getByLabelText('The new API key') as HTMLInputElement).value).toBe('lp_zz99.secret-value');
    expect(fake.createApiKey).toHaveBeenCalledWith(district.id, { name: 'Convener scripts', permissions: ['peopleRead'] });
    await user.click(within(secret).getByRole('button', { name: 'Copy' }));
    await within(secret).findByText('Copied to the clipboard.');
    // user-event stands in for the clipboard.
    await expect(navigator.clipboard.readText()).resolves.toBe('lp_zz99.secret-value');
    expect(within(table).getByRole('rowheader', { name: /Convener scripts/ })).toBeTruthy();

    await user.click(within(secret).getByRole('button', { name: 'I have stored the key' }));
    expect(screen.queryByText('lp_zz99.secret-value')).toBeNull();
    expect(screen.queryByDisplayValue('lp_zz99.secret-value')).toBeNull();
  });

  it('checks the form and shows the API’s problems', async () => {
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([district])),
      listApiKeys: () => Promise.resolve([]),
      createApiKey: () => Promise.reject(problemOf(403, 'You cannot give a key permissions you do not hold here: rosterImport.')),
    });
    const { user } = renderWithApi(<ApiKeysPage me={districtAdmin} />, fake);
    await screen.findByText('This organization has no API keys.');
    const form = screen.getByRole('region', { name: 'Create a key' });
    await user.click(within(form).getByRole('button', { name: 'Create the key' }));
    expect(within(form).getByText('Choose at least one permission.')).toBeTruthy();
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Name/));
    expect(fake.createApiKey).not.toHaveBeenCalled();

    await user.type(within(form).getByLabelText(/^Name/), 'Sync');
    await user.click(within(form).getByLabelText('Import rosters'));
    await user.click(within(form).getByRole('button', { name: 'Create the key' }));
    await within(form).findByText('You cannot give a key permissions you do not hold here: rosterImport.');
    expect(screen.queryByRole('region', { name: /^Copy the key/ })).toBeNull();
  });

  it('revokes a key after confirming', async () => {
    let revoked = false;
    const fake = fakeApi({
      listOrganizations: () => Promise.resolve(page([district])),
      listApiKeys: () => Promise.resolve([revoked ? { ...sync, revokedAt: '2026-11-20T10:00:00Z' } : sync]),
      revokeApiKey: () => {
        revoked = true;
        return Promise.resolve();
      },
    });
    const { user } = renderWithApi(<ApiKeysPage me={districtAdmin} />, fake);
    await user.click(await screen.findByRole('button', { name: 'Revoke SIS roster sync' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke this API key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.revokeApiKey).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Revoke SIS roster sync' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke the key' }));
    await screen.findByText('The key “SIS roster sync” is revoked: it stops working on its next request.');
    expect(fake.revokeApiKey).toHaveBeenCalledWith('key-1');
    await waitFor(() => expect(screen.getByText(/^Revoked /)).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Revoke SIS roster sync' })).toBeNull();
  });
});
