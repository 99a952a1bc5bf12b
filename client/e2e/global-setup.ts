import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { artifactsDir, startApi, startVite, type AdminAccount } from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Vite dev server, which proxies /api and /health to the API. */
    baseUrl: string;
    /** The API itself. */
    apiUrl: string;
    /** The bootstrap platform administrator of that API. */
    admin: AdminAccount;
  }
}

/** Starts the API (real, on a fresh SQLite file) and the Vite dev server; the returned function stops both. */
export default async function setup(project: TestProject) {
  mkdirSync(artifactsDir, { recursive: true });
  const admin: AdminAccount = { email: 'admin@e2e.test', password: `e2e-${randomBytes(12).toString('hex')}` };
  const api = await startApi(join(artifactsDir, 'api.log'), admin);
  let vite: Awaited<ReturnType<typeof startVite>>;
  try {
    vite = await startVite(api.url);
  } catch (error) {
    await api.stop();
    throw error;
  }
  project.provide('apiUrl', api.url);
  project.provide('baseUrl', vite.url);
  project.provide('admin', admin);

  return async () => {
    await vite.server.close();
    await api.stop();
  };
}
