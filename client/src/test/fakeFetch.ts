import { vi } from 'vitest';
import type { FetchLike } from '../shared/api/client';

export interface FakeRequest {
  method: string;
  /** Path without the query string: "/api/v1/me". */
  path: string;
  query: URLSearchParams;
  /** The Authorization header as sent, or null. */
  authorization: string | null;
  /** The If-Match header as sent, or null. */
  ifMatch: string | null;
  body: unknown;
}

export type Route = (request: FakeRequest) => Response | Promise<Response>;

/** A JSON response (an empty body when `body` is undefined). */
export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(status: number, title: string, detail?: string, headers: Record<string, string> = {}): Response {
  return json(status, { type: 'about:blank', title, status, ...(detail ? { detail } : {}), traceId: '00-test-01' }, headers);
}

/**
 * A fetch for the real generated client: routes keyed "METHOD /path" answer; anything else is a 404 problem.
 * `requests` records every call, to assert on headers.
 */
export function fakeFetch(routes: Record<string, Route>) {
  const requests: FakeRequest[] = [];
  const fetch = vi.fn<FetchLike>(async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url, 'http://localhost');
    const headers = new Headers(init.headers);
    const request: FakeRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      authorization: headers.get('Authorization'),
      ifMatch: headers.get('If-Match'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    return route ? route(request) : problem(404, 'Not Found', `No fake route for ${request.method} ${request.path}.`);
  });
  return { fetch, requests };
}
