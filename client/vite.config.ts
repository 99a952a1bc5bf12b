import { defineConfig } from 'vite';

/** Where the dev server forwards /api and /health; the e2e setup sets this to the API it started. */
export function apiTarget(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAUNCHPATH_API_URL || 'http://127.0.0.1:5080';
}

export default defineConfig(() => {
  const target = apiTarget();
  const proxy = {
    '/api': { target, changeOrigin: false },
    '/health': { target, changeOrigin: false },
  };
  return {
    root: import.meta.dirname,
    // No React plugin: Vite's built-in transform compiles TSX with the automatic JSX runtime (see tsconfig "jsx").
    server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
    build: { outDir: 'dist', sourcemap: true },
  };
});
