import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'contracts',
    root: import.meta.dirname,
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The drift test starts the .NET NSwag tool once; allow for a cold start.
    testTimeout: 120_000,
  },
});
