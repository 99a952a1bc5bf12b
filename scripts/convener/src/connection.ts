// A LaunchPath client authenticated with an organization's API key (X-Api-Key), for convener scripts and integrations.
import { LaunchPathClient } from '@launchpath/contracts';

export interface Connection {
  client: LaunchPathClient;
  baseUrl: string;
}

export function connect(baseUrl = process.env.LAUNCHPATH_URL, apiKey = process.env.LAUNCHPATH_API_KEY): Connection {
  if (!baseUrl) throw new Error('Set LAUNCHPATH_URL (e.g. http://127.0.0.1:5080).');
  if (!apiKey) throw new Error('Set LAUNCHPATH_API_KEY to an API key created by an admin of your organization.');
  const http = {
    fetch: (url: RequestInfo, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('X-Api-Key', apiKey);
      return fetch(url, { ...init, headers });
    },
  };
  return { client: new LaunchPathClient(baseUrl.replace(/\/$/, ''), http), baseUrl };
}

/** The message of a thrown ProblemDetails (or anything else), for printing. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const problem = error as { title?: string; detail?: string; status?: number; errors?: Record<string, string[]>; message?: string };
    if (problem.status || problem.title) {
      const fields = problem.errors ? Object.entries(problem.errors).map(([field, messages]) => `  ${field}: ${messages.join(' ')}`).join('\n') : '';
      return `${problem.status ?? ''} ${problem.title ?? ''}${problem.detail ? ` — ${problem.detail}` : ''}${fields ? `\n${fields}` : ''}`.trim();
    }
    if (problem.message) return problem.message;
  }
  return String(error);
}
