import { defineConfig } from 'vitest/config';

/** Unit tests: components and hooks in a simulated DOM, the API faked. */
export default defineConfig({
  test: {
    name: 'client',
    root: import.meta.dirname,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
