import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FileParameter, RosterImport } from '@launchpath/contracts';
import { fakeApi, member } from '../../test/fakeApi';
import { problemOf, rosterImport } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { RosterImportsPage } from './RosterImportsPage';

const districtAdmin = member(
  { organizationId: 'district-1', organizationName: 'Alder Unified', organizationType: 'district', role: 'districtAdmin' },
  ['organizationsRead', 'peopleRead', 'rosterImport'],
);

/** The district has not connected a SIS. */
const noConnection = () => Promise.reject(problemOf(404, 'A roster connection for this district was not found.'));

function choose(files: string[]) {
  const input = screen.getByLabelText(/^OneRoster files/) as HTMLInputElement;
  fireEvent.change(input, { target: { files: files.map((name) => new File(['a,b\n'], name, { type: 'text/csv' })) } });
}

describe('Roster imports', () => {
  it('uploads the CSV files with the chosen mode, follows the job, and shows what changed', async () => {
    const started = rosterImport({ status: 'queued' });
    const steps: RosterImport[] = [
      { ...started, status: 'running', totalRows: 8, processedRows: 3 },
      {
        ...started,
        status: 'succeeded',
        totalRows: 8,
        processedRows: 8,
        counts: { schoolsCreated: 1, schoolsUpdated: 0, peopleCreated: 3, peopleUpdated: 0, peopleUnchanged: 0, peopleDeactivated: 0, rowsSkipped: 1, guardianLinks: 1, classesWritten: 0, enrollmentsWritten: 0 },
      },
    ];
    let gets = 0;
    let sent: { mode?: string; files?: FileParameter[] } = {};
    const api = fakeApi({
      getRosterConnection: noConnection,
      listRosterImports: () => Promise.resolve([]),
      startRosterImport: (_id, mode, _preview, files) => {
        sent = { mode, files };
        return Promise.resolve(started);
      },
      getRosterImport: () => Promise.resolve(gets++ === 0 ? started : steps[Math.min(gets - 2, 1)]),
    });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await screen.findByText('Alder Unified');

    choose(['orgs.csv', 'users.csv', 'roles.csv']);
    expect(within(screen.getByRole('list', { name: 'Chosen files' })).getAllByRole('listitem')).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText('Mode'), 'delta');
    await user.click(screen.getByRole('button', { name: 'Start import' }));

    await screen.findByText('3 of 8 rows processed', {}, { timeout: 3000 });
    expect(screen.getByRole('progressbar', { name: 'Roster import progress' }).getAttribute('aria-valuenow')).toBe('3');
    await screen.findByText('The roster is imported.', {}, { timeout: 3000 });
    expect(screen.getByText('People created').nextElementSibling?.textContent).toBe('3');
    expect(sent.mode).toBe('delta');
    expect(sent.files?.map((f) => f.fileName)).toEqual(['orgs.csv', 'users.csv', 'roles.csv']);
    expect(api.startRosterImport).toHaveBeenCalledWith('district-1', 'delta', undefined, expect.any(Array));
  });

  it('previews an import, shows what would change, and applies it only when confirmed', async () => {
    const counts = { schoolsCreated: 0, schoolsUpdated: 0, peopleCreated: 0, peopleUpdated: 0, peopleUnchanged: 1, peopleDeactivated: 4, rowsSkipped: 0, guardianLinks: 0, classesWritten: 0, enrollmentsWritten: 0 };
    const held = rosterImport({
      status: 'needsConfirmation',
      mode: 'bulk',
      totalRows: 3,
      processedRows: 3,
      counts,
      notes: ['Nothing was written: this bulk import would deactivate 4 of the district’s 5 active people (80 %, over the 10 % limit).'],
      changes: { created: [], updated: [], deactivated: ['s1', 's2', 'g1', 't1'], skipped: [{ reason: 'student below grade 6', count: 2, sample: ['s9', 's10'] }], activeBefore: 5, deactivatedShare: 0.8 },
    });
    const applied = { ...held, status: 'succeeded' as const, confirmedAt: '2026-11-01T10:05:00Z' };
    let confirmed = false;
    const api = fakeApi({
      getRosterConnection: noConnection,
      listRosterImports: () => Promise.resolve([held]),
      getRosterImport: () => Promise.resolve(confirmed ? applied : held),
      confirmRosterImport: () => {
        confirmed = true;
        return Promise.resolve({ ...held, status: 'queued' as const });
      },
    });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await user.click(await screen.findByRole('button', { name: /^View/ }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Nothing was changed');
    expect(alert.textContent).toContain('would deactivate 4 of the district’s 5 active people');
    expect(screen.getByText('Made inactive').nextElementSibling?.textContent).toBe('s1, s2, g1, t1');
    expect(within(screen.getByRole('table', { name: 'Rows skipped, by reason' })).getByText('student below grade 6')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Apply anyway: make 4 people inactive' }));
    await screen.findByText('The roster is imported.', {}, { timeout: 3000 });
    expect(api.confirmRosterImport).toHaveBeenCalledWith(held.id);
  });

  it('sends preview=true when asked to preview first', async () => {
    const api = fakeApi({
      getRosterConnection: noConnection, listRosterImports: () => Promise.resolve([]), startRosterImport: () => Promise.resolve(rosterImport({ status: 'queued' })) });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await screen.findByText('Alder Unified');
    choose(['manifest.csv', 'users.csv']);
    await user.click(screen.getByRole('checkbox', { name: /Preview first/ }));
    await user.click(screen.getByRole('button', { name: 'Preview import' }));
    expect(api.startRosterImport).toHaveBeenCalledWith('district-1', undefined, true, expect.any(Array));
  });

  it('lets the manifest decide the mode, and refuses files that are not OneRoster files before sending', async () => {
    const api = fakeApi({
      getRosterConnection: noConnection, listRosterImports: () => Promise.resolve([]) });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await screen.findByText('Alder Unified');

    choose(['manifest.csv', 'users.csv']);
    expect(screen.queryByLabelText('Mode')).toBeNull();
    expect(screen.getByText(/manifest.csv decides/)).toBeTruthy();

    choose(['users.csv', 'grades.xlsx']);
    await user.click(screen.getByRole('button', { name: 'Start import' }));
    expect((await screen.findByRole('alert')).textContent).toContain('grades.xlsx');
    expect(api.startRosterImport).not.toHaveBeenCalled();
  });

  it('shows a failed import’s row errors (file, line, field, reason) from the recent list', async () => {
    const failed = rosterImport({
      status: 'failed',
      totalRows: 4,
      errorCount: 2,
      errors: [
        { file: 'users.csv', line: 2, field: 'givenName', reason: 'givenName is required.' },
        { file: 'roles.csv', line: 3, field: null, reason: 'Unknown school.' },
      ],
    });
    const api = fakeApi({
      getRosterConnection: noConnection, listRosterImports: () => Promise.resolve([failed]), getRosterImport: () => Promise.resolve(failed) });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);

    await user.click(await screen.findByRole('button', { name: /^View/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Fix these 2 problems');
    const table = screen.getByRole('table', { name: 'Row problems' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['users.csv2givenNamegivenName is required.', 'roles.csv3—Unknown school.']);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the SIS connection with its last and next pull, and pulls now into a followed import', async () => {
    const started = rosterImport({ status: 'queued', source: 'rest' });
    const api = fakeApi({
      listRosterImports: () => Promise.resolve([]),
      getRosterConnection: () =>
        Promise.resolve({
          districtId: 'district-1',
          baseUrl: 'https://sis.example.test',
          tokenUrl: 'https://sis.example.test/oauth/token',
          clientId: 'launchpath',
          clientSecretSet: true,
          enabled: true,
          pullHourUtc: 10,
          watermark: '2026-11-01T08:00:00.000Z',
          lastPullAt: '2026-11-02T10:00:00Z',
          lastImportId: null,
          nextPullAt: '2026-11-03T10:00:00Z',
          updatedAt: '2026-11-01T00:00:00Z',
        }),
      pullRoster: () => Promise.resolve(started),
      getRosterImport: () => Promise.resolve({ ...started, status: 'succeeded' as const }),
    });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await screen.findByText('https://sis.example.test');
    expect(screen.getByText(/launchpath · secret set/)).toBeTruthy();
    expect(screen.queryByText('s3cret')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Pull now' }));
    expect(api.pullRoster).toHaveBeenCalledWith('district-1', undefined, undefined);
    await screen.findByRole('heading', { name: /^Import of/ });
  });

  it('connects a SIS, sending the secret once', async () => {
    const api = fakeApi({
      listRosterImports: () => Promise.resolve([]),
      getRosterConnection: noConnection,
      saveRosterConnection: (_id, body) =>
        Promise.resolve({
          districtId: 'district-1', baseUrl: body.baseUrl, tokenUrl: body.tokenUrl, clientId: body.clientId, clientSecretSet: true, enabled: true,
          pullHourUtc: 10, watermark: null, lastPullAt: null, lastImportId: null, nextPullAt: '2026-11-03T10:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
        }),
    });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);
    await user.click(await screen.findByRole('button', { name: 'Connect a SIS' }));
    await user.type(screen.getByLabelText(/^Service base URL/), 'https://sis.example.test');
    await user.type(screen.getByLabelText(/^Token URL/), 'https://sis.example.test/oauth/token');
    await user.type(screen.getByLabelText(/^Client id/), 'launchpath');
    await user.type(screen.getByLabelText(/^Client secret/), 'the-secret');
    await user.click(screen.getByRole('button', { name: 'Save the connection' }));
    await screen.findByText('Everything (the next pull is a full one)');
    expect(api.saveRosterConnection).toHaveBeenCalledWith('district-1', expect.objectContaining({ clientSecret: 'the-secret', enabled: true }));
  });
});
