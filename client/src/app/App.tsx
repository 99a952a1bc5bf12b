import { useEffect, useState, type ReactNode } from 'react';
import type { CurrentCaller } from '@launchpath/contracts';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { isLanguage, showLanguage, type Language } from '../shared/i18n/i18n';
import { ApiKeysPage } from '../features/users/ApiKeysPage';
import { RegionSettingsPage } from '../features/settings/RegionSettingsPage';
import { UsersPage } from '../features/users/UsersPage';
import type { Api, FetchLike } from '../shared/api/client';
import { can, describeCaller, displayNameOf } from '../shared/auth/access';
import { employerMemberships, employersWritten, isGuardian, isSchoolOrRegionStaff, isStudent, membershipsWith } from '../shared/auth/roles';
import { SessionProvider, useSession } from '../shared/auth/SessionContext';
import { SignInPage } from './SignInPage';
import { ErrorBanner } from '../shared/components/ErrorBanner';
import { CurationPage } from '../features/opportunities/CurationPage';
import { ApplicantsPage } from '../features/matching/ApplicantsPage';
import { OurOpportunitiesPage } from '../features/opportunities/OurOpportunitiesPage';
import { AcknowledgeLinkPage } from '../features/placements/AcknowledgeLinkPage';
import { HoursLinkPage } from '../features/placements/HoursLinkPage';
import { linkRoute, type LinkRoute } from '../features/placements/linkRoute';
import { SetPasswordPage } from './SetPasswordPage';
import { useApi } from '../shared/api/ApiContext';
import { InboxPage } from '../features/inbox/InboxPage';
import { UnsubscribePage } from '../features/inbox/UnsubscribePage';
import { SearchPage } from '../features/opportunities/SearchPage';
import { ApplyPage } from '../features/opportunities/ApplyPage';
import { OrganizationsPage } from '../features/organizations/OrganizationsPage';
import { OurOrganizationPage } from '../features/organizations/OurOrganizationPage';
import { OutcomesPage } from '../features/outcomes/OutcomesPage';
import { StudentsPage } from '../features/people/StudentsPage';
import { PlacementsPage } from '../features/placements/PlacementsPage';
import { RosterImportsPage } from '../features/roster/RosterImportsPage';
import { RoundsPage } from '../features/matching/RoundsPage';
import { AppShell, type NavItem } from './AppShell';
import { MyProgressPage } from '../features/people/MyProgressPage';
import { ProfilePage } from '../features/people/ProfilePage';
import { RecommendationsPage } from '../features/matching/RecommendationsPage';
import { StudentRoundsPage } from '../features/matching/StudentRoundsPage';
import { EventsPage } from '../features/events/EventsPage';
import { RequestsPage } from '../features/events/RequestsPage';
import { PermissionLinkPage } from '../features/events/PermissionLinkPage';
import { BecomePartnerPage, isBecomePartnerRoute } from '../features/partners/BecomePartnerPage';
import { PartnersPage } from '../features/partners/PartnersPage';
import { PartnershipPage } from '../features/partners/PartnershipPage';

export interface Page extends NavItem {
  /** Shown in the navigation, and reachable, only for callers this is true of (permissions and role). */
  visible: (me: CurrentCaller) => boolean;
  /** `path`: the rest of the hash after the page's own ("#/rounds/123" → ["123"]). */
  render: (me: CurrentCaller, path: readonly string[]) => ReactNode;
}

const employerStaff = (me: CurrentCaller) => employerMemberships(me).length > 0;
const curatesARegion = (me: CurrentCaller) => me.isPlatformAdmin || membershipsWith(me, ['opportunitiesCurate'], ['region']).length > 0;

/** The app's pages in navigation order; a new page adds an entry here. */
const pages: readonly Page[] = [
  { href: '#/profile', label: 'nav.profile', visible: isStudent, render: (me) => <ProfilePage studentId={me.studentId!} /> },
  { href: '#/progress', label: 'nav.progress', visible: isStudent, render: (me) => <MyProgressPage studentId={me.studentId!} /> },
  {
    href: '#/recommended',
    label: 'nav.recommended',
    visible: isStudent,
    render: (me, path) =>
      path[0] ? (
        <ApplyPage studentId={me.studentId!} opportunityId={path[0]} back={{ href: '#/recommended', label: `← ${i18next.t('nav.recommended')}` }} />
      ) : (
        <RecommendationsPage studentId={me.studentId!} />
      ),
  },
  {
    href: '#/search',
    label: 'nav.search',
    visible: (me) => isStudent(me) && can(me, 'opportunitiesRead'),
    render: (me, path) =>
      path[0] ? (
        <ApplyPage studentId={me.studentId!} opportunityId={path[0]} back={{ href: '#/search', label: `← ${i18next.t('nav.search')}` }} />
      ) : (
        <SearchPage detailHref={(id) => `#/search/${id}`} studentId={me.studentId!} />
      ),
  },
  {
    href: '#/my-rounds',
    label: 'nav.myRounds',
    visible: isStudent,
    render: (me, path) => <StudentRoundsPage studentId={me.studentId!} roundId={path[0]} />,
  },
  {
    href: '#/our-opportunities',
    label: 'nav.ourOpportunities',
    visible: (me) => employerStaff(me) && can(me, 'opportunitiesRead'),
    render: (me, path) => <OurOpportunitiesPage employers={employerMemberships(me)} writable={employersWritten(me)} path={path} />,
  },
  {
    href: '#/applicants',
    label: 'nav.applicants',
    visible: (me) => employersWritten(me).length > 0,
    render: (me, path) => <ApplicantsPage employers={employersWritten(me)} path={path} />,
  },
  {
    href: '#/our-organization',
    label: 'nav.ourOrganization',
    visible: (me) => employerStaff(me) && can(me, 'organizationsRead'),
    render: (me, path) => <OurOrganizationPage me={me} employers={employerMemberships(me)} path={path} />,
  },
  { href: '#/curation', label: 'nav.curation', visible: (me) => can(me, 'opportunitiesCurate'), render: () => <CurationPage /> },
  { href: '#/rounds', label: 'nav.rounds', visible: (me) => can(me, 'opportunitiesCurate'), render: (me, path) => <RoundsPage me={me} path={path} /> },
  { href: '#/students', label: 'nav.students', visible: (me) => can(me, 'peopleRead'), render: (me, path) => <StudentsPage path={path} mayWrite={can(me, 'peopleWrite')} /> },
  { href: '#/roster', label: 'nav.roster', visible: (me) => can(me, 'rosterImport'), render: (me) => <RosterImportsPage me={me} /> },
  {
    href: '#/opportunities',
    label: 'nav.opportunities',
    visible: (me) => !isStudent(me) && !employerStaff(me) && isSchoolOrRegionStaff(me) && can(me, 'opportunitiesRead'),
    render: (me) => <SearchPage title="Opportunities" showStatus educator={me.memberships.some((m) => m.organizationType === 'school' && ['teacher', 'counselor', 'schoolCoordinator'].includes(m.role))} />,
  },
  {
    href: '#/organizations',
    label: 'nav.organizations',
    visible: (me) => can(me, 'organizationsRead') && !isStudent(me) && (isSchoolOrRegionStaff(me) || employerStaff(me)),
    render: (_me, path) => <OrganizationsPage path={path} />,
  },
  {
    href: '#/placements',
    label: 'nav.placements',
    visible: (me) => isStudent(me) || isGuardian(me) || employerStaff(me) || can(me, 'peopleRead'),
    render: (me, path) => <PlacementsPage path={path} mine={isStudent(me) ? 'student' : isGuardian(me) ? 'guardian' : undefined} />,
  },
  {
    href: '#/events',
    label: 'nav.events',
    visible: (me) => can(me, 'opportunitiesRead'),
    render: (me, path) => <EventsPage me={me} path={path} />,
  },
  {
    href: '#/requests',
    label: 'nav.requests',
    visible: (me) => !isStudent(me) && (employerStaff(me) || me.memberships.some((m) => m.organizationType !== 'employer' && m.permissions.includes('peopleRead'))),
    render: (me) => <RequestsPage me={me} />,
  },
  { href: '#/outcomes', label: 'nav.outcomes', visible: (me) => can(me, 'outcomesRead') && !isStudent(me), render: (me) => <OutcomesPage me={me} /> },
  { href: '#/users', label: 'nav.users', visible: (me) => can(me, 'usersManage') && !isStudent(me), render: (me) => <UsersPage me={me} /> },
  { href: '#/api-keys', label: 'nav.apiKeys', visible: (me) => can(me, 'usersManage') && !isStudent(me), render: (me) => <ApiKeysPage me={me} /> },
  {
    href: '#/partners',
    label: 'nav.partners',
    visible: (me) => me.isPlatformAdmin || membershipsWith(me, ['opportunitiesCurate'], ['region', 'district']).length > 0,
    render: (me, path) => <PartnersPage me={me} path={path} />,
  },
  {
    href: '#/partnership',
    label: 'nav.partnership',
    visible: (me) => !me.isPlatformAdmin && employerMemberships(me).some((m) => m.role === 'employerAdmin'),
    render: (me) => <PartnershipPage me={me} />,
  },
  { href: '#/region-settings', label: 'nav.regionSettings', visible: curatesARegion, render: (me, path) => <RegionSettingsPage me={me} path={path} /> },
];

/**
 * The pages a caller may open, in navigation order. A platform administrator's work is organizations, so that page
 * comes first (and opens first) for them.
 */
export function pagesFor(me: CurrentCaller): readonly Page[] {
  // A guardian's placements are their family's: their home, named so.
  const family = isGuardian(me) && !isStudent(me);
  const visible = pages.filter((page) => page.visible(me)).map((page) => (family && page.href === '#/placements' ? { ...page, label: 'nav.family' } : page));
  if (!me.isPlatformAdmin) return visible;
  return [...visible.filter((p) => p.href === '#/organizations'), ...visible.filter((p) => p.href !== '#/organizations')];
}

/** The page a hash opens ("#/rounds/123" → the rounds page with path ["123"]); the first page when none matches. */
export function route(visible: readonly Page[], hash: string): { page: Page | undefined; path: string[] } {
  const clean = hash.split('?')[0].replace(/\/+$/, '');
  for (const page of visible) {
    if (clean === page.href) return { page, path: [] };
    if (clean.startsWith(`${page.href}/`)) {
      return { page, path: clean.slice(page.href.length + 1).split('/').filter(Boolean).map(decodeURIComponent) };
    }
  }
  return { page: visible[0], path: [] };
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
  // Every screen follows the language: a change re-renders the app from here.
  const { t } = useTranslation();
  const { state, retry, signOut } = useSession();
  const hash = useLocationHash();
  // A one-time link opens its page whether or not anyone is signed in: it is for people without an account.
  const link = linkRoute(window.location.pathname, hash);
  if (link) return <LinkScreen link={link} />;
  // The public "Become a partner" form, for employers who have no account yet.
  if (isBecomePartnerRoute(window.location.pathname, hash)) {
    return (
      <AppShell home="/">
        <BecomePartnerPage />
      </AppShell>
    );
  }
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
            {t('shell.loadingAccount')}
          </p>
        </AppShell>
      );
    case 'unavailable':
      return (
        <AppShell>
          <h1>{t('shell.unavailable')}</h1>
          <ErrorBanner error={state.error} onRetry={retry} />
          <p>
            <button type="button" className="button button--secondary" onClick={signOut}>
              {t('shell.signOut')}
            </button>
          </p>
        </AppShell>
      );
    case 'signedIn':
      return <SignedIn me={state.me} onSignOut={signOut} />;
  }
}

const linkTitles: Record<LinkRoute['kind'], string> = {
  acknowledge: 'links.titles.acknowledge',
  hours: 'links.titles.hours',
  'set-password': 'links.titles.setPassword',
  unsubscribe: 'links.titles.unsubscribe',
  permission: 'permissionLink.pageTitle',
};

function LinkScreen({ link }: { link: LinkRoute }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t(linkTitles[link.kind])} · LaunchPath`;
  }, [link.kind, t]);
  return (
    <AppShell home="/">
      {link.kind === 'acknowledge' ? (
        <AcknowledgeLinkPage key={link.token} token={link.token} />
      ) : link.kind === 'hours' ? (
        <HoursLinkPage key={link.token} token={link.token} />
      ) : link.kind === 'permission' ? (
        <PermissionLinkPage key={link.token} token={link.token} />
      ) : link.kind === 'set-password' ? (
        <SetPasswordPage key={link.token} token={link.token} />
      ) : (
        <UnsubscribePage key={link.token} token={link.token} />
      )}
    </AppShell>
  );
}

/** The inbox, reached from the header rather than the navigation (everyone signed in has one). */
const inboxPage: Page = { href: '#/inbox', label: 'shell.inbox', visible: () => true, render: () => null };

/** The number of unread messages, read again when the page changes; unknown (no badge) when it cannot be read. */
function useUnread(hash: string): { count?: number; refresh: () => void } {
  const api = useApi();
  const [count, setCount] = useState<number>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api.listNotifications(controller.signal).then(
      (list) => {
        if (!controller.signal.aborted) setCount(list.unread);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [api, hash, version]);
  return { count, refresh: () => setVersion((v) => v + 1) };
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
  const { t } = useTranslation();
  const api = useApi();
  const hash = useLocationHash();
  const visible = pagesFor(me);

  // The person's language, as they chose it (or as their record says), once signed in.
  useEffect(() => {
    if (isLanguage(me.language)) showLanguage(me.language);
  }, [me.language]);
  const saveLanguage = (language: Language) => {
    // Kept as their preference, with how their emails come; the switch already shows it.
    void api.getMyMessagePreferences().then((current) => api.putMyMessagePreferences({ delivery: current.delivery, language }), () => undefined);
  };
  const inInbox = hash.replace(/\/+$/, '') === '#/inbox';
  const { page, path } = inInbox ? { page: inboxPage, path: [] } : route(visible, hash);
  const unread = useUnread(hash);

  // Coming from the sign-in form, or moving to another page, focus would otherwise be left behind: start at the top of
  // the new content (the main region is focusable and announced by its heading).
  useEffect(() => {
    document.getElementById('main')?.focus();
    window.scrollTo?.(0, 0);
  }, [page?.href, path.join('/')]);

  // The title says where the user is, for screen-reader users and browser history.
  useEffect(() => {
    document.title = page ? `${t(page.label)} · LaunchPath` : 'LaunchPath';
  }, [page, t]);

  return (
    <AppShell
      nav={visible}
      current={page?.href}
      onLanguage={saveLanguage}
      user={{ name: displayNameOf(me), detail: describeCaller(me), onSignOut, inbox: { unread: unread.count, current: inInbox } }}
    >
      {inInbox ? (
        <InboxPage onRead={unread.refresh} />
      ) : page ? (
        // Keyed by page, so one page's state never leaks into another's.
        <div key={page.href}>{page.render(me, path)}</div>
      ) : (
        <>
          <h1>{t('shell.welcome', { name: displayNameOf(me) })}</h1>
          <p>{t('shell.nothingYet')}</p>
        </>
      )}
    </AppShell>
  );
}
