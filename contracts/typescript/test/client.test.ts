// Behaviour of the generated client that the web client relies on: same-origin URLs, query encoding,
// JSON bodies, and how errors are thrown (parsed problem details vs ApiException).
import { describe, expect, it } from 'vitest';
import { ApiException, LaunchPathClient, type Organization } from '../src/index';

interface Call {
  url: string;
  init?: RequestInit;
}

function fakeFetch(status: number, body: unknown, contentType = 'application/json') {
  const calls: Call[] = [];
  const http = {
    fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
      calls.push({ url: String(url), init });
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return Promise.resolve(new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } }));
    },
  };
  return { http, calls };
}

const organization: Organization = {
  id: '01a20743-d1ac-756b-869d-fc554a1eb50b',
  type: 'region',
  name: 'North Valley',
  parentId: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00+00:00',
  updatedAt: '2026-01-01T00:00:00+00:00',
};

describe('LaunchPathClient', () => {
  it('lists organizations on the same origin with only the given query parameters, encoded', async () => {
    const { http, calls } = fakeFetch(200, { items: [organization], nextCursor: 'abc' });
    const page = await new LaunchPathClient('', http).listOrganizations('school', undefined, 'a&b c', 25, undefined);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/v1/organizations?type=school&q=a%26b%20c&limit=25');
    expect(calls[0].init?.method).toBe('GET');
    expect(page.items[0].name).toBe('North Valley');
    expect(page.nextCursor).toBe('abc');
  });

  it('posts a create request as JSON', async () => {
    const { http, calls } = fakeFetch(201, organization);
    const created = await new LaunchPathClient('', http).createOrganization({ type: 'region', name: 'North Valley' });
    expect(calls[0].url).toBe('/api/v1/organizations');
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ type: 'region', name: 'North Valley' });
    expect(created.id).toBe(organization.id);
  });

  it('throws the parsed problem details for a documented error response', async () => {
    const problem = { status: 400, title: 'One or more validation errors occurred.', errors: { name: ["'Name' must not be empty."] } };
    const { http } = fakeFetch(400, problem, 'application/problem+json');
    await expect(new LaunchPathClient('', http).createOrganization({ type: 'region', name: '' })).rejects.toEqual(problem);
  });

  it('returns a file export as bytes with the name from Content-Disposition, not as parsed JSON', async () => {
    const csv = 'RecordTypeCode,SSID\nWBLR,123\n';
    const http = {
      fetch: () =>
        Promise.resolve(
          new Response(csv, {
            status: 200,
            headers: { 'Content-Type': 'text/csv', 'Content-Disposition': "attachment; filename=wblr-2026-2027.csv; filename*=UTF-8''wblr-2026-2027.csv" },
          }),
        ),
    };
    const file = await new LaunchPathClient('', http).exportCalpadsWblr('d1', '2026-2027');
    expect(file.fileName).toBe('wblr-2026-2027.csv');
    expect(await file.data.text()).toBe(csv);
  });

  it('throws an ApiException with the status for an undocumented error response', async () => {
    const { http } = fakeFetch(502, 'Bad Gateway', 'text/plain');
    const error: unknown = await new LaunchPathClient('', http).getOrganization('x').catch((e: unknown) => e);
    expect(ApiException.isApiException(error)).toBe(true);
    expect((error as ApiException).status).toBe(502);
    expect((error as ApiException).response).toBe('Bad Gateway');
  });
});
