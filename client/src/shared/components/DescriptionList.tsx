import type { ReactNode } from 'react';

/** Terms and their values as a description list; `className` picks the layout ("details", "facts"). */
export function DescriptionList({ rows, className }: { rows: readonly (readonly [string, ReactNode])[]; className: string }) {
  return (
    <dl className={className}>
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
