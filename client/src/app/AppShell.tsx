import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shared/i18n/LanguageSwitch';
import type { Language } from '../shared/i18n/i18n';

export interface NavItem {
  href: string;
  /** The message key of its name (nav.…). */
  label: string;
}

export interface ShellUser {
  name: string;
  /** The second line: the roles held ("Teacher, Alder High School"), or the email when they say nothing more. */
  detail?: string;
  onSignOut: () => void;
  /** The inbox link, with the number of unread messages when known. */
  inbox?: { unread?: number; current: boolean };
}

interface Props {
  nav?: readonly NavItem[];
  current?: string;
  /** The signed-in user, shown with a "Sign out" button; absent on the sign-in page. */
  user?: ShellUser;
  /** Where the product name leads: the app's start ("#/"), or the site's root from a page outside the app's routes. */
  home?: string;
  /** Saves a signed-in person's choice of language (the switch at the foot of the page remembers it in the browser). */
  onLanguage?: (language: Language) => void;
  children: ReactNode;
}

/** Header with the product name, main navigation and the signed-in user; a skip link jumps straight to the content. */
export function AppShell({ nav = [], current, user, home = '#/', onLanguage, children }: Props) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="shell__header">
        <a className="shell__brand" href={home}>
          LaunchPath
        </a>
        {nav.length > 0 ? (
          <nav aria-label={t('shell.mainNav')}>
            <ul className="shell__nav">
              {nav.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {user ? (
          <div className="shell__user">
            <p className="shell__user-text">
              <span className="visually-hidden">{t('shell.signedInAs')} </span>
              <span className="shell__user-name">{user.name}</span>
              {user.detail ? (
                <>
                  <span className="visually-hidden">, </span>
                  <span className="shell__user-roles">{user.detail}</span>
                </>
              ) : null}
            </p>
            {user.inbox ? (
              <a className="button button--on-brand" href="#/inbox" aria-current={user.inbox.current ? 'page' : undefined}>
                {t('shell.inbox')}
                {user.inbox.unread ? (
                  <span className="shell__badge">
                    {' '}
                    {user.inbox.unread}
                    <span className="visually-hidden"> {t('shell.unread')}</span>
                  </span>
                ) : null}
              </a>
            ) : null}
            <button type="button" className="button button--on-brand" onClick={user.onSignOut}>
              {t('shell.signOut')}
            </button>
          </div>
        ) : null}
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
      <footer className="shell__footer">
        <LanguageSwitch onChange={onLanguage} />
      </footer>
    </div>
  );
}
