import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FileParameter, RosterImport } from '@launchpath/contracts';
import { fakeApi, member } from '../test/fakeApi';
import { rosterImport } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { RosterImportsPage } from './RosterImportsPage';

const districtAdmin = member(
  { organizationId: 'district-1', organizationName: 'Alder Unified', organizationType: 'district', role: 'districtAdmin' },
  ['organizationsRead', 'peopleRead', 'rosterImport'],
);

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
        counts: { schoolsCreated: 1, schoolsUpdated: 0, peopleCreated: 3, peopleUpdated: 0, peopleUnchanged: 0, peopleDeactivated: 0, rowsSkipped: 1, guardianLinks: 1 },
      },
    ];
    let gets = 0;
    let sent: { mode?: string; files?: FileParameter[] } = {};
    const api = fakeApi({
      listRosterImports: () => Promise.resolve([]),
      startRosterImport: (_id, mode, files) => {
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
    expect(screen.getByText(/Skipped rows are outside LaunchPath/)).toBeTruthy();
    expect(sent.mode).toBe('delta');
    expect(sent.files?.map((f) => f.fileName)).toEqual(['orgs.csv', 'users.csv', 'roles.csv']);
    expect(api.startRosterImport).toHaveBeenCalledWith('district-1', 'delta', expect.any(Array));
  });

  it('lets the manifest decide the mode, and refuses files that are not OneRoster files before sending', async () => {
    const api = fakeApi({ listRosterImports: () => Promise.resolve([]) });
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
    const api = fakeApi({ listRosterImports: () => Promise.resolve([failed]), getRosterImport: () => Promise.resolve(failed) });
    const { user } = renderWithApi(<RosterImportsPage me={districtAdmin} />, api);

    await user.click(await screen.findByRole('button', { name: /^View/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Fix these 2 problems');
    const table = screen.getByRole('table', { name: 'Row problems' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['users.csv2givenNamegivenName is required.', 'roles.csv3—Unknown school.']);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
