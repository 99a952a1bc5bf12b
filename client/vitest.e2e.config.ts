import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: the global setup starts the real API (built beforehand with `dotnet build -c Release`)
 * on a fresh SQLite database and the Vite dev server in front of it; the tests drive Debian's chromium.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    // No `root`: it stays the working directory, so --outputFile paths are relative to where npm runs.
    dir: resolve(import.meta.dirname, '..'),
    environment: 'node',
    // The browser stories, and the convener scripts run against the same real API.
    include: ['client/e2e/**/*.e2e.test.ts', 'scripts/convener/test/**/*.e2e.test.ts'],
    globalSetup: [resolve(import.meta.dirname, 'e2e/global-setup.ts')],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
