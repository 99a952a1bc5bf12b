export interface LinkRoute {
  kind: 'acknowledge' | 'hours' | 'set-password' | 'unsubscribe' | 'permission';
  token: string;
}

const pattern = /^\/(acknowledge|hours|set-password|unsubscribe|permission)\/([A-Za-z0-9_-]+)\/?$/;

/**
 * The one-time link a location opens, if any. The API issues links as `<origin>/acknowledge/<token>`,
 * `<origin>/hours/<token>` and `<origin>/set-password/<token>` (a path, which the server answers with the app);
 * `#/acknowledge/<token>` and the others open the same pages.
 */
export function linkRoute(pathname: string, hash: string): LinkRoute | undefined {
  for (const candidate of [pathname, hash.replace(/^#/, '').split('?')[0]]) {
    const match = pattern.exec(candidate);
    if (match) return { kind: match[1] as LinkRoute['kind'], token: match[2] };
  }
  return undefined;
}
