import { useEffect, useState, type ReactNode } from 'react';
import type { CurrentCaller, Permission } from '@launchpath/contracts';
import type { Api, FetchLike } from './api/client';
import { can, describeCaller, displayNameOf } from './auth/access';
import { SessionProvider, useSession } from './auth/SessionContext';
import { SignInPage } from './auth/SignInPage';
import { ErrorBanner } from './components/ErrorBanner';
import { OrganizationsPage } from './organizations/OrganizationsPage';
import { AppShell, type NavItem } from './shell/AppShell';

interface Page extends NavItem {
  /** Shown in the navigation, and reachable, only for callers holding this permission. */
  permission: Permission;
  render: () => ReactNode;
}

/** The app's pages; a new page adds an entry here. */
const pages: readonly Page[] = [{ href: '#/organizations', label: 'Organizations', permission: 'organizationsRead', render: () => <OrganizationsPage /> }];

/** The pages a caller may open, in navigation order. */
export function pagesFor(me: CurrentCaller): readonly Page[] {
  return pages.filter((page) => can(me, page.permission));
}

/**
 * The app: the sign-in page until there is a session, then the shell with the pages the caller's permissions allow.
 * Tests pass `api` (a fake) or `fetch` (under the real client); the app itself passes neither.
 */
export function App({ api, fetch }: { api?: Api; fetch?: FetchLike }) {
  return (
    <SessionProvider api={api} fetch={fetch}>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const { state, retry, signOut } = useSession();
  switch (state.status) {
    case 'signedOut':
      return (
        <AppShell>
          <SignInPage reason={state.reason} />
        </AppShell>
      );
    case 'restoring':
      return (
        <AppShell>
          <p className="muted" role="status">
            Loading your account…
          </p>
        </AppShell>
      );
    case 'unavailable':
      return (
        <AppShell>
          <h1>LaunchPath is not available</h1>
          <ErrorBanner error={state.error} onRetry={retry} />
          <p>
            <button type="button" className="button button--secondary" onClick={signOut}>
              Sign out
            </button>
          </p>
        </AppShell>
      );
    case 'signedIn':
      return <SignedIn me={state.me} onSignOut={signOut} />;
  }
}

function useLocationHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

function SignedIn({ me, onSignOut }: { me: CurrentCaller; onSignOut: () => void }) {
  const hash = useLocationHash();
  const visible = pagesFor(me);
  const page = visible.find((p) => p.href === hash) ?? visible[0];

  // Coming from the sign-in form, focus would otherwise be left on nothing.
  useEffect(() => {
    document.getElementById('main')?.focus();
  }, []);

  return (
    <AppShell nav={visible} current={page?.href} user={{ name: displayNameOf(me), detail: describeCaller(me), onSignOut }}>
      {page ? (
        page.render()
      ) : (
        <>
          <h1>Welcome, {displayNameOf(me)}</h1>
          <p>There is nothing in LaunchPath for your role yet.</p>
        </>
      )}
    </AppShell>
  );
}
