import { describe, expect, it } from 'vitest';
import { checkRosterFiles, isActive } from './rosterFiles';

describe('roster files', () => {
  it('accepts the OneRoster CSV names in any case, and notes a manifest', () => {
    expect(checkRosterFiles(['orgs.csv', 'Users.csv', 'roles.csv'])).toEqual({ isZip: false, hasManifest: false });
    expect(checkRosterFiles(['manifest.csv', 'users.csv']).hasManifest).toBe(true);
  });

  it('accepts one zip on its own, not mixed with CSV files', () => {
    expect(checkRosterFiles(['roster.ZIP'])).toEqual({ isZip: true, hasManifest: false });
    expect(checkRosterFiles(['roster.zip', 'users.csv']).problem).toMatch(/one zip on its own/);
  });

  it('names files that are not OneRoster files, and asks for files when there are none', () => {
    expect(checkRosterFiles(['users.csv', 'students.xlsx']).problem).toMatch(/students\.xlsx/);
    expect(checkRosterFiles([]).problem).toMatch(/Choose/);
  });

  it('polls queued and running imports only', () => {
    expect(['queued', 'running', 'succeeded', 'failed'].map(isActive)).toEqual([true, true, false, false]);
  });
});
