// Production mode: one API process serves the whole product from its own origin — the built SPA (client/dist), the
// client's deep links and the one-time link pages — with the right cache headers; no Vite, no reverse proxy.
import type { HoursLog, PlacementPage, ActionLink } from '@launchpath/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, clientDir, startApi, type RunningApi } from './servers';
import { apiCall } from './session';
import { capture, demoToken, openStory, phone, signInAs, type Story } from './story';

let api: RunningApi;
let spaDir: string;
let story: Story;

beforeAll(async () => {
  spaDir = mkdtempSync(join(tmpdir(), 'launchpath-spa-'));
  const { build } = await import('vite');
  await build({ configFile: join(clientDir, 'vite.config.ts'), root: clientDir, logLevel: 'warn', build: { outDir: spaDir, emptyOutDir: true } });
  api = await startApi(join(artifactsDir, 'api-production.log'), { email: 'admin@production.test', password: 'production-e2e-password' }, {
    demo: true,
    productionSpa: spaDir,
  });
  story = await openStory(phone);
}, 120_000);

afterAll(async () => {
  await story?.close();
  await api?.stop();
  rmSync(spaDir, { recursive: true, force: true });
});

describe('one origin in production', () => {
  it('serves the app, its deep links and its assets with the right cache headers, and the API beside them', async () => {
    const index = await fetch(`${api.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${api.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    for (const route of ['/acknowledge/some-token', '/hours/some-token', '/placements/anything']) {
      const page = await fetch(`${api.url}${route}`);
      expect(page.status, route).toBe(200);
      expect(page.headers.get('referrer-policy'), route).toBe('no-referrer');
    }

    const missingAsset = await fetch(`${api.url}/assets/gone-1234.js`);
    expect(missingAsset.status).toBe(404);
    const missingApi = await fetch(`${api.url}/api/v1/no-such-thing`);
    expect(missingApi.status).toBe(404);
    expect(missingApi.headers.get('content-type')).toContain('application/problem+json');
  });

  it('opens a one-time hours link from the API’s own origin on a phone, signed out, and approves the hours', async () => {
    const employer = await demoToken(api.url, 'employer');
    const placements = await apiCall<PlacementPage>(api.url, employer, 'GET', '/api/v1/placements?status=active&limit=50');
    let link: ActionLink | undefined;
    let activity = '';
    for (const placement of placements.items) {
      const log = await apiCall<HoursLog>(api.url, employer, 'GET', `/api/v1/placements/${placement.id}/hours`);
      const entry = log.entries.find((e) => e.status === 'submitted' && e.allowedActions.includes('createLink'));
      if (entry) {
        link = await apiCall<ActionLink>(api.url, employer, 'POST', `/api/v1/hours/${entry.id}/link`, undefined, 201);
        activity = entry.activity;
        break;
      }
    }
    expect(link, 'the demo data has submitted hours on an active placement').toBeDefined();
    expect(link!.url.startsWith(`${api.url}/hours/`)).toBe(true);

    const { page } = story;
    await page.goto(link!.url);
    await page.getByRole('heading', { level: 1, name: /^Hours to approve for / }).waitFor();
    await page.getByText(activity).first().waitFor();
    await capture(page, 'production-link-hours');
    await page.getByLabel('Your name').fill('Sam Supervisor');
    await page.getByRole('button', { name: 'Approve hours' }).click();
    await page.getByRole('status').getByText(/The hours are approved; this link is now used up\./).waitFor();
  });

  it('signs a coordinator in through the app served by the API', async () => {
    const { page } = story;
    await signInAs(page, api.url, 'coordinator');
    await capture(page, 'production-signed-in');
    expect(story.pageErrors).toEqual([]);
  });
});
