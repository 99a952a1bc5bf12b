import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Every unit-test project of the npm workspaces, run together by `npm run test:unit` at the repository root. */
export default defineConfig({
  test: {
    projects: [resolve(import.meta.dirname, 'vitest.config.ts'), resolve(import.meta.dirname, '../contracts/typescript/vitest.config.ts')],
  },
});
