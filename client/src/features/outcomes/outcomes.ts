import type { Breakdown, CareerCluster, ContinuumStage, Gender, GroupParticipation, OpportunityType, OutcomesReport, Permission, RaceEthnicity } from '@launchpath/contracts';
import type { FieldErrors } from '../../shared/api/problems';
import { genderLabels, opportunityTypeLabels, raceEthnicityLabels, stageLabels, stages } from '../../shared/labels';
import { careerClusterLabels } from '../../shared/organizationLabels';

export { hoursText } from '../../shared/format';

/** What reading an organization's outcomes report needs there. */
export const outcomesPermissions: readonly Permission[] = ['outcomesRead'];

/** What the CALPADS export needs at the district (or its region): outcomes and the student records behind them. */
export const calpadsPermissions: readonly Permission[] = ['outcomesRead', 'peopleRead'];

/** A group is highlighted when its participation rate is this far (a share: 5 percentage points) or more below everyone's. */
export const gapThreshold = 0.05;

// ---- School years and periods ----

export interface SchoolYear {
  /** "2026-2027": what the CALPADS export takes. */
  id: string;
  /** "2026–2027", for people. */
  label: string;
  from: string;
  to: string;
}

/** The school year (July 1 to June 30) that `date` falls in. */
export function schoolYearOf(date: Date): SchoolYear {
  const start = date.getUTCMonth() >= 6 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return schoolYear(start);
}

export function schoolYear(start: number): SchoolYear {
  return { id: `${start}-${start + 1}`, label: `${start}–${start + 1}`, from: `${start}-07-01`, to: `${start + 1}-06-30` };
}

/** The current school year and the `count - 1` before it, newest first. */
export function recentSchoolYears(today: Date, count = 4): SchoolYear[] {
  const current = Number(schoolYearOf(today).id.slice(0, 4));
  return Array.from({ length: count }, (_, i) => schoolYear(current - i));
}

/** The dashboard's period: all time, a school year ("2026-2027"), or dates of the user's choosing. */
export type Period = { kind: 'all' } | { kind: 'year'; year: string } | { kind: 'custom'; from: string; to: string };

/** The from/to dates the API takes for a period (undefined: open-ended). */
export function periodRange(period: Period): { from?: string; to?: string } {
  switch (period.kind) {
    case 'all':
      return {};
    case 'year': {
      const year = schoolYear(Number(period.year.slice(0, 4)));
      return { from: year.from, to: year.to };
    }
    case 'custom':
      return { from: period.from || undefined, to: period.to || undefined };
  }
}

/** Problems with a period before asking the API, keyed like the API's fields ("from", "to"). */
export function checkPeriod(period: Period): FieldErrors {
  if (period.kind !== 'custom') return {};
  if (!period.from && !period.to) return { from: ['Enter a start date, an end date, or both.'] };
  if (period.from && period.to && period.to < period.from) return { to: ['The end date must be on or after the start date.'] };
  return {};
}

/** "School year 2026–2027", "All time", "From Sep 1, 2026 to …" style words for a range, for captions and the CSV. */
export function describeRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return 'All time';
  for (const year of [from, to]) {
    if (!year) continue;
    const start = Number(year.slice(0, 4)) - (year.slice(5) === '06-30' ? 1 : 0);
    const candidate = schoolYear(start);
    if (candidate.from === from && candidate.to === to) return `School year ${candidate.label}`;
  }
  if (from && to) return `${from} to ${to}`;
  return from ? `From ${from}` : `Until ${to}`;
}

// ---- Groups ----

export type GroupCategory = 'program' | 'race' | 'gender' | 'grade';

export const groupCategoryTitles: Record<GroupCategory, string> = {
  program: 'Student groups',
  race: 'Race and ethnicity',
  gender: 'Gender',
  grade: 'Grade',
};
export const groupCategories = Object.keys(groupCategoryTitles) as GroupCategory[];

const programGroupLabels: Record<string, string> = {
  englishLearner: 'English learners',
  studentWithDisability: 'Students with disabilities (IEP)',
  socioeconomicallyDisadvantaged: 'Socioeconomically disadvantaged',
  fosterYouth: 'Foster youth',
};

/** Which chart a subgroup of the report belongs in: "race:asian" → race, "englishLearner" → program. */
export function groupCategory(group: string): GroupCategory {
  if (group.startsWith('race:')) return 'race';
  if (group.startsWith('gender:')) return 'gender';
  if (group.startsWith('grade:')) return 'grade';
  return 'program';
}

/** The report's subgroup names ("race:hispanicOrLatino", "grade:11", "fosterYouth") in words. */
export function groupLabel(group: string): string {
  const [prefix, value] = group.includes(':') ? [group.slice(0, group.indexOf(':')), group.slice(group.indexOf(':') + 1)] : ['', group];
  if (prefix === 'race') return raceEthnicityLabels[value as RaceEthnicity] ?? value;
  if (prefix === 'gender') return genderLabels[value as Gender] ?? value;
  if (prefix === 'grade') return value === '13' ? 'Postsecondary' : `Grade ${value}`;
  return programGroupLabels[group] ?? group;
}

/** Whether a group's rate is at least gapThreshold below everyone's (never for withheld groups). */
export function isUnderServed(group: GroupParticipation): boolean {
  return !group.suppressed && typeof group.gapToAll === 'number' && group.gapToAll <= -gapThreshold + 1e-9;
}

/** A gap as percentage points in words: "8 points below", "3 points above", "Same as all students". */
export function describeGap(gap: number | null | undefined): string {
  if (gap === null || gap === undefined) return '—';
  const points = Math.round(Math.abs(gap) * 100);
  if (points === 0) return 'Same as all students';
  return `${points} ${points === 1 ? 'point' : 'points'} ${gap < 0 ? 'below' : 'above'}`;
}

// ---- Breakdowns ----

export function stageLabel(key: string): string {
  return stageLabels[key as ContinuumStage] ?? key;
}

export function typeLabel(key: string): string {
  return opportunityTypeLabels[key as OpportunityType] ?? key;
}

export function clusterLabel(key: string): string {
  return careerClusterLabels[key as CareerCluster] ?? key;
}

/** The stage breakdown in continuum order (awareness → training), with a zero row for a stage nobody reached. */
export function stageRows(byStage: readonly Breakdown[]): Breakdown[] {
  const known = stages.map((stage) => byStage.find((b) => b.key === stage) ?? { key: stage, placements: 0, students: 0 });
  return [...known, ...byStage.filter((b) => !(stages as readonly string[]).includes(b.key))];
}

// ---- CSV ----

/** One CSV cell: numbers as they are; text quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const percentOf = (share: number | null | undefined) => (share === null || share === undefined ? null : Math.round(share * 1000) / 10);

/**
 * The dashboard's data as one CSV (RFC 4180, CRLF): a row per figure and per group, with the organization and period
 * first. Rates and gaps are percentages; withheld groups show only their size.
 */
export function outcomesCsv(report: OutcomesReport, organizationName: string): string {
  const header = ['Section', 'Item', 'Students', 'Participants', 'Participation rate (%)', 'Gap to all students (points)', 'Placements', 'Value'];
  const rows: (string | number | null | undefined)[][] = [];
  const value = (section: string, item: string, v: string | number | null | undefined) => rows.push([section, item, null, null, null, null, null, v]);
  const group = (section: string, g: GroupParticipation, label: string) =>
    rows.push(
      g.suppressed
        ? [section, label, g.students, null, null, null, null, 'Withheld: fewer than 10 students']
        : [section, label, g.students, g.participants, percentOf(g.rate), g.gapToAll === null || g.gapToAll === undefined ? null : percentOf(g.gapToAll), null, null],
    );
  const breakdown = (section: string, items: readonly Breakdown[], label: (key: string) => string) =>
    items.forEach((b) => rows.push([section, label(b.key), null, b.students, null, null, b.placements, null]));

  value('Filters', 'Organization', organizationName);
  value('Filters', 'Period', describeRange(report.from, report.to));
  rows.push(['Summary', 'All students', report.students, report.participants, percentOf(report.participationRate), null, null, null]);
  value('Summary', 'Approved hours', Math.round((report.hours.approvedMinutes / 60) * 10) / 10);
  value('Summary', 'Students with approved hours', report.hours.studentsWithHours);
  value('Summary', 'Employers with placements', report.employers.employersWithPlacements);
  value('Summary', 'Opportunities published', report.employers.opportunitiesPublished);
  value('Summary', 'Evaluated placements', report.skillGains.evaluatedPlacements);
  value('Summary', 'Average midpoint evaluation level', report.skillGains.averageMidpoint);
  value('Summary', 'Average final evaluation level', report.skillGains.averageFinal);
  value('Summary', 'Average skill gain (levels)', report.skillGains.averageGain);
  const perkins = report.perkins5S3;
  rows.push([
    'Perkins V 5S3',
    'Grade 12 CTE concentrators with work-based learning',
    perkins.concentrators,
    perkins.suppressed ? null : perkins.withWorkBasedLearning,
    perkins.suppressed ? null : percentOf(perkins.rate),
    null,
    null,
    perkins.suppressed ? 'Withheld: fewer than 10 students' : null,
  ]);
  breakdown('By stage', stageRows(report.byStage), stageLabel);
  breakdown('By type', report.byType, typeLabel);
  breakdown('By career cluster', report.byCluster, clusterLabel);
  report.bySchool.forEach((g) => group('By school', g, g.name ?? g.group));
  report.bySubgroup.forEach((g) => group(`By ${groupCategoryTitles[groupCategory(g.group)].toLowerCase()}`, g, groupLabel(g.group)));

  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** "outcomes-bay-valley-2026-07-01-to-2027-06-30.csv". */
export function outcomesFileName(organizationName: string, from?: string | null, to?: string | null): string {
  const slug = organizationName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'organization';
  const range = from || to ? `-${from ?? 'start'}-to-${to ?? 'today'}` : '-all-time';
  return `outcomes-${slug}${range}.csv`;
}
