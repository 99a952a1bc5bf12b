import type { CurrentCaller, MembershipInfo } from '@launchpath/contracts';
import { ourOrganizationHref } from './hrefs';
import { OrganizationPage } from './OrganizationPage';

interface Props {
  me: CurrentCaller;
  /** The employers the caller works for (see employerMemberships); the first opens unless `path` names another. */
  employers: readonly MembershipInfo[];
  path: readonly string[];
}

/** Employer staff's own organization profile (`#/our-organization/<id>`), with links to their other employers. */
export function OurOrganizationPage({ me, employers, path }: Props) {
  const id = path[0] ?? employers[0]?.organizationId;
  if (!id) return <h1>Our organization</h1>;
  const others = employers.filter((m) => m.organizationId !== id);
  return (
    <OrganizationPage key={id} organizationId={id} me={me}>
      {others.length > 0 ? (
        <nav aria-label="Your other employers" className="card">
          <p>You also work for:</p>
          <ul>
            {others.map((m) => (
              <li key={m.organizationId}>
                <a href={`${ourOrganizationHref}/${encodeURIComponent(m.organizationId)}`}>{m.organizationName}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </OrganizationPage>
  );
}
