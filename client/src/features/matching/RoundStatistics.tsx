import type { MatchStatistics, SubgroupStatistics } from '@launchpath/contracts';
import { percent } from '../../shared/format';
import { subgroupLabel } from '../../shared/labels';
import { DataTable } from '../../shared/components/DataTable';

/** The round's results in figures, and by equity subgroup with small groups withheld. */
export function RoundStatistics({ statistics }: { statistics: MatchStatistics }) {
  const figures: [string, string][] = [
    ['Students with choices', statistics.students.toLocaleString('en-US')],
    ['Matched', statistics.matched.toLocaleString('en-US')],
    ['Unmatched', statistics.unmatched.toLocaleString('en-US')],
    ['Got their first choice', percent(statistics.firstChoiceShare)],
    ['Got one of their top 3', percent(statistics.topThreeShare)],
    ['Seats', statistics.seats.toLocaleString('en-US')],
    ['Unfilled seats', statistics.unfilledSeats.toLocaleString('en-US')],
  ];
  return (
    <section className="card" aria-labelledby="statistics-heading">
      <h2 id="statistics-heading">Results</h2>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {statistics.bySubgroup && statistics.bySubgroup.length > 0 ? <SubgroupTable rows={statistics.bySubgroup} /> : null}
    </section>
  );
}

/** A withheld cell: groups under 10 students are not shown, so no student can be singled out. */
export function subgroupCells(row: SubgroupStatistics): { students: string; matched: string; first: string; topThree: string } {
  if (row.suppressed) return { students: 'Fewer than 10', matched: 'Withheld', first: 'Withheld', topThree: 'Withheld' };
  return {
    students: row.students.toLocaleString('en-US'),
    matched: row.matched === null || row.matched === undefined ? '—' : row.matched.toLocaleString('en-US'),
    first: percent(row.firstChoiceShare),
    topThree: percent(row.topThreeShare),
  };
}

function SubgroupTable({ rows }: { rows: readonly SubgroupStatistics[] }) {
  return (
    <>
      <h3>By student group</h3>
      <DataTable
        caption="Results by student group"
        columns={[
          { header: 'Group', rowHeader: true, cell: (row) => subgroupLabel(row.group) },
          { header: 'Students', cell: (row) => subgroupCells(row).students },
          { header: 'Matched', cell: (row) => subgroupCells(row).matched },
          { header: 'First choice', cell: (row) => subgroupCells(row).first },
          { header: 'Top 3', cell: (row) => subgroupCells(row).topThree },
        ]}
        rows={rows}
        rowKey={(row) => row.group}
        rowProps={(row) => ({ className: row.suppressed ? 'row--suppressed' : undefined })}
      />
      <p className="field__hint">Groups with fewer than 10 students are withheld to protect student privacy.</p>
    </>
  );
}
