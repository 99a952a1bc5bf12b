import type { ReactNode } from 'react';

export interface NavItem {
  href: string;
  label: string;
}

/** Header with the product name and main navigation; a skip link jumps straight to the page content. */
export function AppShell({ nav, current, children }: { nav: readonly NavItem[]; current: string; children: ReactNode }) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <a className="shell__brand" href="#/">
          LaunchPath
        </a>
        <nav aria-label="Main">
          <ul className="shell__nav">
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.href === current ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
