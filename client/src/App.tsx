import { ApiProvider } from './api/ApiContext';
import type { Api } from './api/client';
import { OrganizationsPage } from './organizations/OrganizationsPage';
import { AppShell, type NavItem } from './shell/AppShell';

const nav: NavItem[] = [{ href: '#/organizations', label: 'Organizations' }];

/** The app: one page for now, so no router yet; new pages add a nav item and a route. */
export function App({ api }: { api?: Api }) {
  return (
    <ApiProvider api={api}>
      <AppShell nav={nav} current="#/organizations">
        <OrganizationsPage />
      </AppShell>
    </ApiProvider>
  );
}
