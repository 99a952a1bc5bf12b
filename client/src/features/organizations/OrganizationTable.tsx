import type { Organization } from '@launchpath/contracts';
import { organizationHref } from './hrefs';
import { careerClusterLabels, organizationTypeLabels } from '../../shared/organizationLabels';
import { DataTable } from '../../shared/components/DataTable';

/** Organizations as a table; parents are named when they are among the rows shown. */
export function OrganizationTable({ items }: { items: readonly Organization[] }) {
  const names = new Map(items.map((o) => [o.id, o.name]));
  return (
    <DataTable
      caption="Organizations"
      rows={items}
      rowKey={(o) => o.id}
      columns={[
        { header: 'Name', rowHeader: true, cell: (o) => <a href={organizationHref(o.id)}>{o.name}</a> },
        { header: 'Type', cell: (o) => <span className={`tag tag--${o.type}`}>{organizationTypeLabels[o.type]}</span> },
        { header: 'Parent', cell: (o) => (o.parentId ? (names.get(o.parentId) ?? <code title={o.parentId}>{o.parentId.slice(0, 8)}…</code>) : '—') },
        { header: 'Sourced ID', cell: (o) => o.sourcedId ?? '—' },
        { header: 'Industry / cluster', cell: (o) => [o.industry, o.careerCluster ? careerClusterLabels[o.careerCluster] : undefined].filter(Boolean).join(' · ') || '—' },
      ]}
    />
  );
}
