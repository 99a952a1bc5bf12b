import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentCaller, MembershipInfo, Organization } from '@launchpath/contracts';
import { fakeApi, member, organization, page, membershipOf } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { outcomesReport } from '../../test/outcomesFixtures';
import { renderWithApi } from '../../test/render';
import { schoolYearOf } from './outcomes';
import { OutcomesPage } from './OutcomesPage';

const region = organization({ type: 'region', name: 'Bay Valley' });
const north = organization({ type: 'district', name: 'North Unified', parentId: region.id });
const alder = organization({ type: 'school', name: 'Alder High', parentId: north.id });
const organizations: Organization[] = [region, north, alder];
const year = schoolYearOf(new Date());

const at = (o: Organization, role: MembershipInfo['role']): CurrentCaller => ({
  ...member(membershipOf({ organizationId: o.id, organizationName: o.name, organizationType: o.type }, role), ['organizationsRead', 'outcomesRead']),
});

interface Saved {
  fileName: string;
  blob: Blob;
}

let saved: Saved[];

beforeEach(() => {
  saved = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${blobs.size + 1}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ fileName: this.download, blob: blobs.get(this.getAttribute('href') ?? '')! });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

const blobText = (blob: Blob) => new Response(blob).text();

describe('Outcomes dashboard', () => {
  it('shows a convener’s region for this school year: figures, the continuum chart and the equity charts with gaps', async () => {
    const api = fakeApi({ listOrganizations: () => Promise.resolve(page(organizations)), getOutcomes: () => Promise.resolve(outcomesReport()) });
    renderWithApi(<OutcomesPage me={at(region, 'convenerStaff')} />, api);

    expect(screen.getByText('Loading outcomes…').getAttribute('role')).toBe('status');
    await screen.findByRole('img', { name: /^Participation by stage of the continuum: Career awareness, 28 students, 30 placements; Career exploration, 45 students/ });
    expect(api.getOutcomes).toHaveBeenCalledWith(region.id, year.from, year.to, expect.any(AbortSignal));

    const figure = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(figure('Participation rate')).toBe('40%');
    expect(figure('Approved hours')).toBe('150.5');
    expect(figure('Perkins V 5S3')).toBe('40%');

    const groups = screen.getByRole('img', { name: /^Participation rate by student groups, against 40% for all students:/ });
    expect(groups.getAttribute('aria-label')).toContain('English learners, 30%, 10 points below');
    expect(groups.getAttribute('aria-label')).toContain('Foster youth, Withheld (fewer than 10)');
    // The under-served group is drawn in the gap colour, and its table row says so in words.
    expect(groups.querySelectorAll('.chart__bar--gap')).toHaveLength(1);
    const table = screen.getByRole('table', { name: 'Participation rate by student groups' });
    const english = within(table).getByRole('row', { name: /English learners/ });
    expect(within(english).getByText('10 points below').className).toBe('gap--under');
    expect(within(table).getByRole('row', { name: /Foster youth Fewer than 10 Withheld/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Participation rate by school,.*Birch High, 25%, 15 points below/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Participation rate by course,.*Biology, 50%/ })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Placements by type of experience' }).textContent).toContain('Job shadow');
    // Events, counted by attendance, with the same equity view.
    const events = screen.getByRole('region', { name: /^Events: career awareness and exploration/ });
    expect(within(events).getByText('Event participation rate').nextElementSibling?.textContent).toBe('60%');
    expect(within(events).getByText('Hours of career exposure').nextElementSibling?.textContent).toBe('300');
    expect(within(events).getByRole('img', { name: /^Event attendance by school,.*Birch High, 38%, 23 points below/ })).toBeTruthy();
  });

  it('downloads the dashboard as CSV and the CALPADS file under the API’s name', async () => {
    const csv = 'RecordTypeCode,SSID\r\n';
    const api = fakeApi({
      listOrganizations: () => Promise.resolve(page(organizations)),
      getOutcomes: () => Promise.resolve(outcomesReport()),
      exportCalpadsWblr: () => Promise.resolve({ data: new Blob([csv], { type: 'text/csv' }), fileName: `wblr-${year.id}.csv`, status: 200 }),
    });
    const { user } = renderWithApi(<OutcomesPage me={at(region, 'convenerAdmin')} />, api);

    await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(saved[0].fileName).toBe(`outcomes-bay-valley-${year.from}-to-${year.to}.csv`);
    const text = await blobText(saved[0].blob);
    expect(text).toContain('Summary,All students,200,80,40,,,');
    expect(screen.getByText(`Downloaded ${saved[0].fileName}.`)).toBeTruthy();

    const calpads = screen.getByRole('form', { name: 'CALPADS WBLR export' });
    await waitFor(() => expect(within(calpads).getByLabelText('District')).toHaveProperty('value', north.id));
    await user.click(within(calpads).getByRole('button', { name: 'Download CALPADS file' }));
    await screen.findByText(`Downloaded wblr-${year.id}.csv.`);
    expect(api.exportCalpadsWblr).toHaveBeenCalledWith(north.id, year.id);
    expect(saved[1].fileName).toBe(`wblr-${year.id}.csv`);
    expect(await blobText(saved[1].blob)).toBe(csv);
  });

  it('shows the CALPADS export’s problems: the year beside its field, a refusal in a banner', async () => {
    let calls = 0;
    const api = fakeApi({
      listOrganizations: () => Promise.resolve(page(organizations)),
      getOutcomes: () => Promise.resolve(outcomesReport()),
      exportCalpadsWblr: () =>
        Promise.reject(++calls === 1 ? problemOf(400, 'Invalid.', { academicYear: ['Use the form 2026-2027.'] }) : problemOf(403, 'The CALPADS export is for district staff.')),
    });
    const { user } = renderWithApi(<OutcomesPage me={at(north, 'districtAdmin')} />, api);
    const calpads = await screen.findByRole('form', { name: 'CALPADS WBLR export' });
    await user.click(within(calpads).getByRole('button', { name: 'Download CALPADS file' }));
    const yearField = within(calpads).getByLabelText('Academic year');
    await waitFor(() => expect(describedBy(yearField)).toContain('Use the form 2026-2027.'));
    expect(document.activeElement).toBe(yearField);
    await user.click(within(calpads).getByRole('button', { name: 'Download CALPADS file' }));
    await within(calpads).findByText('The CALPADS export is for district staff.');
    expect(saved).toEqual([]);
  });

  it('offers an analyst the dashboard but not the CALPADS export', async () => {
    const api = fakeApi({ listOrganizations: () => Promise.resolve(page(organizations)), getOutcomes: () => Promise.resolve(outcomesReport()) });
    renderWithApi(<OutcomesPage me={at(region, 'workforceAnalyst')} />, api);
    await screen.findByRole('img', { name: /^Participation by stage/ });
    expect(screen.queryByRole('form', { name: 'CALPADS WBLR export' })).toBeNull();
  });

  it('checks chosen dates, then shows the API’s field errors beside them and loads another organization', async () => {
    const api = fakeApi({
      listOrganizations: () => Promise.resolve(page(organizations)),
      getOutcomes: (organizationId: string, from?: string) =>
        from === '2026-09-01' ? Promise.reject(problemOf(400, 'Invalid.', { to: ['to must be on or after from.'] })) : Promise.resolve(outcomesReport({ organizationId })),
    });
    const { user } = renderWithApi(<OutcomesPage me={at(region, 'convenerStaff')} />, api);
    await screen.findByRole('img', { name: /^Participation by stage/ });

    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    await user.type(screen.getByLabelText('From'), '2026-10-01');
    await user.type(screen.getByLabelText('To'), '2026-09-01');
    await user.click(screen.getByRole('button', { name: 'Show outcomes' }));
    const to = screen.getByLabelText('To');
    expect(describedBy(to)).toContain('The end date must be on or after the start date.');
    expect(document.activeElement).toBe(to);
    expect(api.getOutcomes).toHaveBeenCalledTimes(1);

    await user.clear(screen.getByLabelText('From'));
    await user.type(screen.getByLabelText('From'), '2026-09-01');
    await user.clear(to);
    await user.type(to, '2026-12-31');
    await user.click(screen.getByRole('button', { name: 'Show outcomes' }));
    await waitFor(() => expect(describedBy(screen.getByLabelText('To'))).toContain('to must be on or after from.'));

    await user.selectOptions(screen.getByLabelText('Organization'), alder.id);
    await user.selectOptions(screen.getByLabelText('Period'), 'all');
    await user.click(screen.getByRole('button', { name: 'Show outcomes' }));
    await screen.findByRole('img', { name: /^Participation by stage/ });
    expect(api.getOutcomes).toHaveBeenLastCalledWith(alder.id, undefined, undefined, expect.any(AbortSignal));
    expect(screen.getByText('Alder High', { selector: 'strong' })).toBeTruthy();
  });

  it('shows a refusal from the API with a retry', async () => {
    let calls = 0;
    const api = fakeApi({
      listOrganizations: () => Promise.resolve(page(organizations)),
      getOutcomes: () => (++calls === 1 ? Promise.reject(problemOf(403, 'Your role does not allow reading outcomes here.')) : Promise.resolve(outcomesReport())),
    });
    const { user } = renderWithApi(<OutcomesPage me={at(region, 'convenerStaff')} />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your role does not allow reading outcomes here.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('img', { name: /^Participation by stage/ });
  });
});
