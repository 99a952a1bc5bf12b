import { LaunchPathClient, type ILaunchPathClient } from '@launchpath/contracts';

/** The API as the UI sees it: the generated client's interface, so tests can pass a fake. */
export type Api = ILaunchPathClient;

/** The real client: same origin (the Vite dev server proxies /api to the API; production serves both together). */
export function createApi(): Api {
  return new LaunchPathClient('', { fetch: (url, init) => globalThis.fetch(url, init) });
}
