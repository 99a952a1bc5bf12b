import type { MatchStatistics, SubgroupStatistics } from '@launchpath/contracts';
import { percent } from '../../shared/format';
import { subgroupLabel } from '../../shared/labels';
import { TableScroll } from '../../shared/components/TableScroll';

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
      <TableScroll>
        <table className="table">
          <caption className="visually-hidden">Results by student group</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Students</th>
              <th scope="col">Matched</th>
              <th scope="col">First choice</th>
              <th scope="col">Top 3</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const cells = subgroupCells(row);
              return (
                <tr key={row.group} className={row.suppressed ? 'row--suppressed' : undefined}>
                  <th scope="row">{subgroupLabel(row.group)}</th>
                  <td>{cells.students}</td>
                  <td>{cells.matched}</td>
                  <td>{cells.first}</td>
                  <td>{cells.topThree}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="field__hint">Groups with fewer than 10 students are withheld to protect student privacy.</p>
    </>
  );
}
