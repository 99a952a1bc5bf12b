/** The OneRoster CSV file names (1.1 and 1.2) the SPA sends (case-insensitive), or a single zip; the API itself notes any other file and reads on. */
export const oneRosterFiles = [
  'manifest.csv', 'orgs.csv', 'users.csv', 'roles.csv', 'demographics.csv', 'academicSessions.csv', 'classes.csv', 'courses.csv',
  'enrollments.csv', 'userProfiles.csv', 'resources.csv', 'classResources.csv', 'courseResources.csv',
];

export interface FileCheck {
  /** One zip of the CSV files. */
  isZip: boolean;
  /** Whether manifest.csv is among the files (it then decides bulk or delta). */
  hasManifest: boolean;
  /** Why these files cannot be sent, if they cannot. */
  problem?: string;
}

/** What the chosen files are, and what is wrong with them before uploading (the API checks again). */
export function checkRosterFiles(names: readonly string[]): FileCheck {
  const lower = names.map((n) => n.toLowerCase());
  const isZip = names.length === 1 && lower[0].endsWith('.zip');
  if (names.length === 0) return { isZip: false, hasManifest: false, problem: 'Choose the OneRoster CSV files, or one zip of them.' };
  if (isZip) return { isZip: true, hasManifest: false };
  if (lower.some((n) => n.endsWith('.zip'))) return { isZip: false, hasManifest: false, problem: 'Send one zip on its own, or the CSV files without a zip.' };
  const known = new Set(oneRosterFiles.map((f) => f.toLowerCase()));
  const unknown = names.filter((n) => !known.has(n.toLowerCase()));
  const hasManifest = lower.includes('manifest.csv');
  if (unknown.length > 0) {
    return { isZip: false, hasManifest, problem: `Not OneRoster file names: ${unknown.join(', ')}. Use orgs.csv, users.csv, roles.csv, demographics.csv and manifest.csv.` };
  }
  return { isZip: false, hasManifest };
}

/** Whether an import is still going: poll it until it is not. */
export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}
