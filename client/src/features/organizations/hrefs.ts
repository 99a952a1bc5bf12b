// Where the organization pages live in the hash routes (App.tsx's pages table).

export const organizationsHref = '#/organizations';

/** The page of one organization: `#/organizations/<id>`. */
export const organizationHref = (id: string) => `${organizationsHref}/${encodeURIComponent(id)}`;

/** Employer staff's own organization; `#/our-organization/<id>` for another of their employers. */
export const ourOrganizationHref = '#/our-organization';
