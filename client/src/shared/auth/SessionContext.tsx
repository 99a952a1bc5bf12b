import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AccessToken, CurrentCaller } from '@launchpath/contracts';
import { ApiProvider } from '../api/ApiContext';
import { createApi, type Api, type FetchLike } from '../api/client';
import { toUiError, type UiError } from '../api/problems';
import { clearStoredSession, readStoredSession, storeSession } from './storedSession';

/** Why the sign-in page is showing: the user signed out, or the API stopped accepting the token. */
export type SignedOutReason = 'signedOut' | 'expired';

export type SessionState =
  | { status: 'signedOut'; reason?: SignedOutReason }
  /** A token was stored: loading /me with it. */
  | { status: 'restoring' }
  /** A token was stored but /me failed for a reason other than 401 (the server is down, say). */
  | { status: 'unavailable'; error: UiError }
  | { status: 'signedIn'; me: CurrentCaller };

export interface Session {
  state: SessionState;
  /** Exchanges email and password for a token, then loads /me. Rejects with what the API threw (see toUiError). */
  signIn: (email: string, password: string) => Promise<void>;
  /** Starts a session with a token the API issued another way (a password set through an emailed link), then loads /me. */
  adopt: (access: AccessToken) => Promise<void>;
  signOut: () => void;
  /** After 'unavailable': tries /me again. */
  retry: () => void;
}

const SessionContext = createContext<Session | null>(null);

interface Props {
  /** A ready-made Api (a fake in tests): used as is, so it gets no Authorization header or 401 handling. */
  api?: Api;
  /** The fetch under the real client (tests pass a fake to exercise the Authorization header and 401 handling). */
  fetch?: FetchLike;
  children: ReactNode;
}

/**
 * Owns the session: the bearer token (kept in sessionStorage), the caller from /me, and the API client whose every
 * request carries the token. A 401 to any request made with the current token ends the session.
 */
export function SessionProvider({ api: injected, fetch, children }: Props) {
  const [stored] = useState(readStoredSession);
  const token = useRef<string | undefined>(stored?.token);
  const [state, setState] = useState<SessionState>(stored ? { status: 'restoring' } : { status: 'signedOut' });

  const endSession = useCallback((reason: SignedOutReason) => {
    token.current = undefined;
    clearStoredSession();
    setState({ status: 'signedOut', reason });
  }, []);

  const api = useMemo(
    () =>
      injected ??
      createApi(
        {
          token: () => token.current,
          // Only the current token: a late 401 for a token already replaced must not end the new session.
          onUnauthorized: (rejected) => {
            if (rejected === token.current) endSession('expired');
          },
        },
        fetch,
      ),
    [injected, fetch, endSession],
  );

  useEffect(() => {
    if (state.status !== 'restoring') return;
    const controller = new AbortController();
    api.getMe(controller.signal).then(
      (me) => {
        if (!controller.signal.aborted) setState({ status: 'signedIn', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = toUiError(error);
        if (problem.status === 401) endSession('expired');
        else setState({ status: 'unavailable', error: problem });
      },
    );
    return () => controller.abort();
  }, [api, state.status, endSession]);

  const adopt = useCallback(
    async (access: AccessToken) => {
      token.current = access.token;
      try {
        const me = await api.getMe();
        storeSession({ token: access.token, expiresAt: access.expiresAt });
        setState({ status: 'signedIn', me });
      } catch (error) {
        if (token.current === access.token) token.current = undefined;
        throw error;
      }
    },
    [api],
  );

  const signIn = useCallback(async (email: string, password: string) => adopt(await api.signIn({ email, password })), [api, adopt]);

  const signOut = useCallback(() => endSession('signedOut'), [endSession]);
  const retry = useCallback(() => setState({ status: 'restoring' }), []);
  const session = useMemo<Session>(() => ({ state, signIn, adopt, signOut, retry }), [state, signIn, adopt, signOut, retry]);

  return (
    <ApiProvider api={api}>
      <SessionContext value={session}>{children}</SessionContext>
    </ApiProvider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession must be used inside <SessionProvider>.');
  }
  return session;
}

/** The signed-in caller; only for components rendered while signed in. */
export function useCurrentUser(): CurrentCaller {
  const { state } = useSession();
  if (state.status !== 'signedIn') {
    throw new Error('useCurrentUser must be used while signed in.');
  }
  return state.me;
}
