import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeViolations, launchChromium, seriousAccessibilityViolations } from './browser';
import { artifactsDir } from './servers';
import { apiPost, apiToken, signInThroughUi } from './session';

const baseUrl = inject('baseUrl');
const apiUrl = inject('apiUrl');
const admin = inject('admin');
const suffix = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const regionName = `E2E Region ${suffix}`;
const districtName = `E2E District ${suffix}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The administrator's token, for setting data up straight through the API. */
let adminToken: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  adminToken = await apiToken(apiUrl, admin.email, admin.password);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The organizations table row whose row header is `name`. */
function row(name: string) {
  return page.getByRole('table', { name: 'Organizations' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

describe('Organizations page against the real API', () => {
  it('signs in through the sign-in page as the bootstrap administrator', async () => {
    await page.goto(baseUrl);
    await signInThroughUi(page, admin.email, admin.password);
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).isVisible()).resolves.toBe(true);
  });

  it('opens on the app shell with an empty list and no serious accessibility problems', async () => {
    // A new page load: the session survives it (sessionStorage).
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await expect(page.getByRole('link', { name: 'LaunchPath' }).isVisible()).resolves.toBe(true);
    await page.getByText('No organizations yet').waitFor();

    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('creates a region through the form and lists it', async () => {
    await page.getByLabel('Name').fill(regionName);
    await page.getByLabel('Sourced ID').fill(`region-${suffix}`);
    await page.getByRole('button', { name: 'Add region' }).click();

    await page.getByRole('status').getByText(`Created region “${regionName}”.`).waitFor();
    await row(regionName).waitFor();
    await expect(row(regionName).getByText('Region', { exact: true }).isVisible()).resolves.toBe(true);
  });

  it('creates a district under that region, chosen in the parent select', async () => {
    await page.getByLabel('Type').selectOption('district');
    const parent = page.getByLabel('Parent region');
    await parent.locator('option', { hasText: regionName }).waitFor({ state: 'attached' });
    await parent.selectOption({ label: regionName });
    await page.getByLabel('Name').fill(districtName);
    await page.getByRole('button', { name: 'Add district' }).click();

    await row(districtName).waitFor();
    // The parent column names the region, which is on the page.
    await expect(row(districtName).getByRole('cell', { name: regionName }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'organizations.png'), fullPage: true });
  });

  it('shows the server’s validation errors beside the fields', async () => {
    await page.getByLabel('Type').selectOption('school');
    await page.getByRole('button', { name: 'Add school' }).click();

    const name = page.getByLabel('Name');
    await page.locator('input[name="name"][aria-invalid="true"]').waitFor();
    const nameDescription = await name.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(nameDescription.length).toBeGreaterThan(0);
    await expect(page.locator('select[name="parentId"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('alert').isVisible()).resolves.toBe(true);

    await page.screenshot({ path: join(artifactsDir, 'organizations-validation.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('explains a duplicate sourced id (409) and keeps the form filled in', async () => {
    await page.getByLabel('Type').selectOption('region');
    await page.getByLabel('Name').fill(`${regionName} again`);
    await page.getByLabel('Sourced ID').fill(`region-${suffix}`);
    await page.getByRole('button', { name: 'Add region' }).click();

    await page.getByRole('alert').getByText(`region-${suffix}`).waitFor();
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe(`${regionName} again`);
    await page.getByLabel('Name').fill('');
    await page.getByLabel('Sourced ID').fill('');
  });

  it('pages through more organizations than fit on one page with "Load more"', async () => {
    // 26 more regions, made straight through the API: with the one above that is 27, one page of 25 and a second of 2.
    for (let i = 0; i < 26; i++) {
      await apiPost(apiUrl, adminToken, '/api/v1/organizations', { type: 'region', name: `Paging ${suffix} ${String(i).padStart(2, '0')}` });
    }
    await page.reload();
    await page.getByLabel('Show').selectOption('region');
    const rows = page.getByRole('table', { name: 'Organizations' }).locator('tbody tr');
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    await expect(rows.count()).resolves.toBe(25);

    await page.getByRole('button', { name: 'Load more' }).click();
    await row(`Paging ${suffix} 25`).waitFor();
    await expect(rows.count()).resolves.toBe(27);
    await expect(page.getByRole('button', { name: /Load more|Loading/ }).count()).resolves.toBe(0);
  });

  it('still lists what was created after a reload, and filters by type', async () => {
    await page.reload();
    await row(regionName).waitFor();
    await row(districtName).waitFor();

    await page.getByLabel('Show').selectOption('district');
    await row(districtName).waitFor();
    await row(regionName).waitFor({ state: 'detached' });

    await page.getByLabel('Show').selectOption('');
    await row(regionName).waitFor();
    await page.screenshot({ path: join(artifactsDir, 'organizations-paged.png'), fullPage: true });
  });

  it('shows a teacher, who may read but not write organizations, the list without the create form', async () => {
    // Set up through the API as the administrator: a region, a district, a school, and a teacher at the school.
    const region = await apiPost<{ id: string }>(apiUrl, adminToken, '/api/v1/organizations', { type: 'region', name: `Teacher Region ${suffix}` });
    const district = await apiPost<{ id: string }>(apiUrl, adminToken, '/api/v1/organizations', {
      type: 'district',
      name: `Teacher District ${suffix}`,
      parentId: region.id,
    });
    const schoolName = `Teacher School ${suffix}`;
    const school = await apiPost<{ id: string }>(apiUrl, adminToken, '/api/v1/organizations', { type: 'school', name: schoolName, parentId: district.id });
    const teacher = { email: `teacher-${suffix}@e2e.test`, password: `teacher-pw-${suffix}`, displayName: `Terry Teacher ${suffix}` };
    await apiPost(apiUrl, adminToken, '/api/v1/users', {
      email: teacher.email,
      displayName: teacher.displayName,
      password: teacher.password,
      organizationId: school.id,
      role: 'teacher',
    });

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await signInThroughUi(page, teacher.email, teacher.password);

    const header = page.getByRole('banner');
    await header.getByText(teacher.displayName).waitFor();
    await header.getByText(`Teacher, ${schoolName}`).waitFor();
    // A teacher opens on Students (their daily work); Organizations is in the navigation.
    await page.getByRole('heading', { level: 1, name: 'Students' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    // The teacher sees their school (with the district and region above it), not the administrator's other regions.
    await row(schoolName).waitFor();
    await expect(row(regionName).count()).resolves.toBe(0);
    await page.getByText('Your role lets you view these organizations but not add new ones.').waitFor();
    await expect(page.getByRole('form', { name: 'Add an organization' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^Add / }).count()).resolves.toBe(0);

    await page.screenshot({ path: join(artifactsDir, 'organizations-teacher.png'), fullPage: true });
    const violations = await seriousAccessibilityViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
