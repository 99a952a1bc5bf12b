import { describe, expect, it } from 'vitest';
import type { MembershipInfo, Organization } from '@launchpath/contracts';
import { organizationsUnder } from '../../shared/organizations/useAllOrganizations';
import { membershipOf, organization } from '../../test/fakeApi';
import { outcomesReport } from '../../test/outcomesFixtures';
import {
  calpadsPermissions,
  checkPeriod,
  csvCell,
  describeGap,
  describeRange,
  groupCategory,
  groupLabel,
  isUnderServed,
  outcomesCsv,
  outcomesFileName,
  outcomesPermissions,
  periodRange,
  recentSchoolYears,
  schoolYearOf,
  stageRows,
} from './outcomes';

describe('School years and periods', () => {
  it('starts a school year on July 1', () => {
    expect(schoolYearOf(new Date('2026-11-23T12:00:00Z')).id).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-06-30T12:00:00Z')).id).toBe('2026-2027');
    expect(schoolYearOf(new Date('2027-07-01T00:00:00Z')).id).toBe('2027-2028');
    expect(recentSchoolYears(new Date('2026-11-23T00:00:00Z'), 3).map((y) => y.label)).toEqual(['2026–2027', '2025–2026', '2024–2025']);
  });

  it('turns a period into the API’s from and to', () => {
    expect(periodRange({ kind: 'all' })).toEqual({});
    expect(periodRange({ kind: 'year', year: '2025-2026' })).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(periodRange({ kind: 'custom', from: '2026-09-01', to: '' })).toEqual({ from: '2026-09-01', to: undefined });
  });

  it('checks chosen dates before asking the API', () => {
    expect(checkPeriod({ kind: 'custom', from: '2026-09-02', to: '2026-09-01' })).toEqual({ to: ['The end date must be on or after the start date.'] });
    expect(checkPeriod({ kind: 'custom', from: '', to: '' }).from).toHaveLength(1);
    expect(checkPeriod({ kind: 'custom', from: '2026-09-01', to: '2026-09-01' })).toEqual({});
    expect(checkPeriod({ kind: 'all' })).toEqual({});
  });

  it('describes a range in words', () => {
    expect(describeRange('2026-07-01', '2027-06-30')).toBe('School year 2026–2027');
    expect(describeRange(null, null)).toBe('All time');
    expect(describeRange('2026-09-01', '2026-12-31')).toBe('2026-09-01 to 2026-12-31');
    expect(describeRange(undefined, '2026-12-31')).toBe('Until 2026-12-31');
  });
});

describe('Groups and gaps', () => {
  it('names the report’s groups and files them by chart', () => {
    expect(groupLabel('race:blackOrAfricanAmerican')).toBe('Black or African American');
    expect(groupLabel('gender:nonBinary')).toBe('Non-binary');
    expect(groupLabel('grade:11')).toBe('Grade 11');
    expect(groupLabel('studentWithDisability')).toBe('Students with disabilities (IEP)');
    expect(groupLabel('somethingNew')).toBe('somethingNew');
    expect(['englishLearner', 'race:asian', 'gender:male', 'grade:9'].map(groupCategory)).toEqual(['program', 'race', 'gender', 'grade']);
  });

  it('highlights a group 5 or more points below everyone, never a withheld one', () => {
    expect(isUnderServed({ group: 'a', students: 20, suppressed: false, rate: 0.35, gapToAll: -0.05 })).toBe(true);
    expect(isUnderServed({ group: 'a', students: 20, suppressed: false, rate: 0.36, gapToAll: -0.04 })).toBe(false);
    expect(isUnderServed({ group: 'a', students: 4, suppressed: true, gapToAll: -0.3 })).toBe(false);
    expect(describeGap(-0.081)).toBe('8 points below');
    expect(describeGap(0.01)).toBe('1 point above');
    expect(describeGap(0.002)).toBe('Same as all students');
    expect(describeGap(null)).toBe('—');
  });

  it('lists the stages in continuum order, with a zero row for a stage nobody reached', () => {
    expect(stageRows(outcomesReport().byStage).map((r) => [r.key, r.students])).toEqual([
      ['awareness', 28],
      ['exploration', 45],
      ['preparation', 0],
      ['training', 5],
    ]);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and keeps spreadsheets from running formulas', () => {
    expect(csvCell('Alder, North')).toBe('"Alder, North"');
    expect(csvCell('Say "hi"')).toBe('"Say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-8.5)).toBe('-8.5');
    expect(csvCell(null)).toBe('');
  });

  it('writes every figure and group, withholding small groups', () => {
    const lines = outcomesCsv(outcomesReport(), 'Bay Valley, North').split('\r\n');
    expect(lines[0]).toBe('Section,Item,Students,Participants,Participation rate (%),Gap to all students (points),Placements,Value');
    expect(lines).toContain('Filters,Organization,,,,,,"Bay Valley, North"');
    expect(lines).toContain('Filters,Period,,,,,,School year 2026–2027');
    expect(lines).toContain('Summary,All students,200,80,40,,,');
    expect(lines).toContain('Summary,Approved hours,,,,,,150.5');
    expect(lines).toContain('By stage,Career preparation,,0,,,0,');
    expect(lines).toContain('By school,Birch High,80,20,25,-15,,');
    expect(lines).toContain('By student groups,English learners,40,12,30,-10,,');
    expect(lines).toContain('By student groups,Foster youth,4,,,,,Withheld: fewer than 10 students');
    expect(lines).toContain('By race and ethnicity,Hispanic or Latino,90,35,38.9,-1.1,,');
    expect(lines.at(-1)).toBe('');
  });

  it('names the file after the organization and period', () => {
    expect(outcomesFileName('Bay Valley Career Pathways (demo region)', '2026-07-01', '2027-06-30')).toBe(
      'outcomes-bay-valley-career-pathways-demo-region-2026-07-01-to-2027-06-30.csv',
    );
    expect(outcomesFileName('Écoles', null, null)).toBe('outcomes-ecoles-all-time.csv');
  });
});

describe('Organizations a caller reads outcomes or exports CALPADS for', () => {
  const region = organization({ type: 'region', name: 'Bay Valley' });
  const north = organization({ type: 'district', name: 'North Unified', parentId: region.id });
  const alder = organization({ type: 'school', name: 'Alder High', parentId: north.id });
  const harbor = organization({ type: 'employer', name: 'Harbor Health', parentId: region.id });
  const other = organization({ type: 'district', name: 'Elsewhere Unified' });
  const index: Organization[] = [alder, harbor, north, other, region];
  const at = (o: Organization, role: MembershipInfo['role']): MembershipInfo => membershipOf({ organizationId: o.id, organizationName: o.name, organizationType: o.type }, role);

  it('offers a convener their region and everything under it but employers', () => {
    const choices = organizationsUnder([at(region, 'convenerStaff')], outcomesPermissions, index, ['region', 'district', 'school']);
    expect(choices.map((c) => c.name)).toEqual(['Bay Valley', 'North Unified', 'Alder High']);
  });

  it('gives an analyst outcomes but no CALPADS districts; a district admin their district', () => {
    expect(organizationsUnder([at(region, 'workforceAnalyst')], calpadsPermissions, index, ['district'])).toEqual([]);
    expect(organizationsUnder([at(north, 'districtAdmin')], calpadsPermissions, index, ['district']).map((c) => c.name)).toEqual(['North Unified']);
  });

  it('offers nothing for roles without outcomes, and everything to a platform administrator', () => {
    expect(organizationsUnder([at(alder, 'teacher')], outcomesPermissions, index, ['region', 'district', 'school'])).toEqual([]);
    expect(organizationsUnder([], outcomesPermissions, index, ['district'], true).map((c) => c.name)).toEqual(['Elsewhere Unified', 'North Unified']);
  });
});
