import { LaunchPathClient, type ILaunchPathClient } from '@launchpath/contracts';

/**
 * The API as the UI sees it: the generated client's interface (so tests can pass a fake), plus `ifMatch` for the
 * optimistic updates, whose If-Match header the generated methods take no parameter for.
 */
export interface Api extends ILaunchPathClient {
  /** The same client, sending `If-Match: "<version>"` with every request: use it for one PUT of a versioned record. */
  ifMatch(version: number): ILaunchPathClient;
}

/** The entity tag of a record version, as the API sends it in ETag and expects it in If-Match: `"3"`. */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/** What the generated client needs from fetch. */
export type FetchLike = (url: RequestInfo, init?: RequestInit) => Promise<Response>;

export interface AuthHooks {
  /** The bearer token to send, read at the time of each request; undefined when signed out. */
  token: () => string | undefined;
  /** Called when the API answered 401 to a request that carried `token`: the token expired or was revoked. */
  onUnauthorized: (token: string) => void;
}

/**
 * The one wrapper around fetch that every API call goes through:
 * - sends `Authorization: Bearer <token>` while signed in;
 * - reports a 401 to a request that carried a token (not the sign-in call, whose 401 means a wrong password);
 * - copies a 429's Retry-After header into its problem body as `retryAfter` (seconds), because the generated client
 *   throws only the parsed body.
 */
export function authorizingFetch(fetch: FetchLike, auth: AuthHooks): FetchLike {
  return async (url, init = {}) => {
    const token = auth.token();
    const headers = new Headers(init.headers);
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    const response = await fetch(url, { ...init, headers });
    if (response.status === 401 && token) {
      auth.onUnauthorized(token);
    }
    if (response.status === 429) {
      return withRetryAfterInBody(response);
    }
    return response;
  };
}

/** Seconds to wait from a Retry-After header: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function withRetryAfterInBody(response: Response): Promise<Response> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (retryAfter === undefined) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  // A body that is not a JSON object stays as it was; the client then throws an ApiException that keeps the headers.
  const rewritten = body && typeof body === 'object' && !Array.isArray(body) ? JSON.stringify({ ...body, retryAfter }) : text;
  return new Response(rewritten, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The generated client over a fetch, with `ifMatch` returning a client whose requests carry the header. */
class AppClient extends LaunchPathClient implements Api {
  readonly #fetch: FetchLike;

  constructor(fetch: FetchLike) {
    super('', { fetch });
    this.#fetch = fetch;
  }

  ifMatch(version: number): ILaunchPathClient {
    const fetch = this.#fetch;
    return new LaunchPathClient('', {
      fetch: (url, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('If-Match', entityTag(version));
        return fetch(url, { ...init, headers });
      },
    });
  }
}

/** The real client: same origin (the Vite dev server proxies /api to the API; production serves both together). */
export function createApi(auth: AuthHooks, fetch: FetchLike = (url, init) => globalThis.fetch(url, init)): Api {
  return new AppClient(authorizingFetch(fetch, auth));
}
