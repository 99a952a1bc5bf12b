/** The signed-in session kept in sessionStorage: it survives a reload, but not closing the tab. */
export interface StoredSession {
  token: string;
  /** ISO 8601, from the API's AccessToken. */
  expiresAt: string;
}

export const sessionStorageKey = 'launchpath.session';

/** The stored session, or undefined when there is none, it is unreadable or it has expired. */
export function readStoredSession(now = Date.now()): StoredSession | undefined {
  let raw: string | null;
  try {
    raw = globalThis.sessionStorage?.getItem(sessionStorageKey) ?? null;
  } catch {
    return undefined; // storage blocked: the user signs in for this page view only
  }
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== 'string' || !parsed.token || typeof parsed.expiresAt !== 'string') {
      clearStoredSession();
      return undefined;
    }
    const expires = Date.parse(parsed.expiresAt);
    if (!Number.isNaN(expires) && expires <= now) {
      clearStoredSession();
      return undefined;
    }
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    clearStoredSession();
    return undefined;
  }
}

export function storeSession(session: StoredSession): void {
  try {
    globalThis.sessionStorage?.setItem(sessionStorageKey, JSON.stringify(session));
  } catch {
    // Storage full or blocked: the session still works until the page is reloaded.
  }
}

export function clearStoredSession(): void {
  try {
    globalThis.sessionStorage?.removeItem(sessionStorageKey);
  } catch {
    // Nothing to clear.
  }
}
