import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { artifactsDir, clientDir, startApi, startVite, type AdminAccount, type RunningApi } from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Vite dev server, which proxies /api and /health to the API. */
    baseUrl: string;
    /** The API itself: a fresh database with no data but the bootstrap administrator. */
    apiUrl: string;
    /** The bootstrap platform administrator of that API. */
    admin: AdminAccount;
    /** A second Vite dev server, in front of the demo API. */
    demoBaseUrl: string;
    /** A second API, with the demo data (README.md's demo accounts, password "launchpath-demo"). */
    demoApiUrl: string;
  }
}

/**
 * Starts two APIs (real, each on a fresh SQLite file) — one empty but for the bootstrap administrator, one with the demo
 * data for the role stories — and a Vite dev server in front of each; the returned function stops all four.
 */
export default async function setup(project: TestProject) {
  mkdirSync(artifactsDir, { recursive: true });
  const admin: AdminAccount = { email: 'admin@e2e.test', password: `e2e-${randomBytes(12).toString('hex')}` };
  const started: RunningApi[] = [];
  const servers: { close: () => Promise<void> }[] = [];
  const stopAll = async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
    await Promise.allSettled(started.map((api) => api.stop()));
  };

  try {
    // Both at once: the demo API spends a few seconds seeding its data.
    const results = await Promise.allSettled([
      startApi(join(artifactsDir, 'api.log'), admin),
      startApi(join(artifactsDir, 'api-demo.log'), admin, { demo: true }),
    ]);
    for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const [api, demoApi] = started;
    const vite = await startVite(api.url);
    servers.push(vite.server);
    const demoVite = await startVite(demoApi.url, join(clientDir, 'node_modules', '.vite-e2e-demo'));
    servers.push(demoVite.server);

    project.provide('apiUrl', api.url);
    project.provide('baseUrl', vite.url);
    project.provide('admin', admin);
    project.provide('demoApiUrl', demoApi.url);
    project.provide('demoBaseUrl', demoVite.url);
  } catch (error) {
    await stopAll();
    throw error;
  }

  return stopAll;
}
