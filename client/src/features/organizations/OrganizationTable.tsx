import type { Organization } from '@launchpath/contracts';
import { organizationHref } from './hrefs';
import { careerClusterLabels, organizationTypeLabels } from '../../shared/organizationLabels';
import { TableScroll } from '../../shared/components/TableScroll';

/** Organizations as a table; parents are named when they are among the rows shown. */
export function OrganizationTable({ items }: { items: readonly Organization[] }) {
  const names = new Map(items.map((o) => [o.id, o.name]));
  return (
    <TableScroll>
      <table className="table">
        <caption className="visually-hidden">Organizations</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Parent</th>
            <th scope="col">Sourced ID</th>
            <th scope="col">Industry / cluster</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <a href={organizationHref(o.id)}>{o.name}</a>
              </th>
              <td>
                <span className={`tag tag--${o.type}`}>{organizationTypeLabels[o.type]}</span>
              </td>
              <td>{o.parentId ? (names.get(o.parentId) ?? <code title={o.parentId}>{o.parentId.slice(0, 8)}…</code>) : '—'}</td>
              <td>{o.sourcedId ?? '—'}</td>
              <td>{[o.industry, o.careerCluster ? careerClusterLabels[o.careerCluster] : undefined].filter(Boolean).join(' · ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
