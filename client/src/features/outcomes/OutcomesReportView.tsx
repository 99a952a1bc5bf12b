import type { Breakdown, GroupParticipation, OutcomesReport } from '@launchpath/contracts';
import { percent, plural } from '../../shared/format';
import { BarsSvg, ChartFigure, RatesLegend, RatesSvg, type RateRow } from './charts';
import { TableScroll } from '../../shared/components/TableScroll';
import {
  clusterLabel,
  describeGap,
  gapThreshold,
  groupCategories,
  groupCategory,
  groupCategoryTitles,
  groupLabel,
  hoursText,
  isUnderServed,
  stageLabel,
  stageRows,
  typeLabel,
} from './outcomes';

/** The report: headline figures, the continuum, equity by student group and by school, and the breakdowns. */
export function OutcomesReportView({ report }: { report: OutcomesReport }) {
  return (
    <>
      <Headline report={report} />
      <section className="card" aria-labelledby="continuum-heading">
        <h2 id="continuum-heading">Along the continuum</h2>
        <StageChart byStage={report.byStage} />
      </section>
      <section className="card" aria-labelledby="equity-heading">
        <h2 id="equity-heading">Equity: participation by student group</h2>
        <p className="field__hint">
          Each group’s share of students with an approved, active or completed placement, against everyone’s ({percent(report.participationRate)}).
          Groups {Math.round(gapThreshold * 100)} or more percentage points below are highlighted.
        </p>
        <div>
          {groupCategories.map((category) => {
            const groups = report.bySubgroup.filter((g) => groupCategory(g.group) === category);
            return groups.length > 0 ? (
              <RateChart
                key={category}
                title={`Participation rate by ${groupCategoryTitles[category].toLowerCase()}`}
                groups={groups}
                labelOf={(g) => groupLabel(g.group)}
                overall={report.participationRate}
              />
            ) : null;
          })}
          {report.bySchool.length > 0 ? (
            <RateChart title="Participation rate by school" groups={report.bySchool} labelOf={(g) => g.name ?? g.group} overall={report.participationRate} />
          ) : null}
          {report.byCourse.length > 0 ? (
            <RateChart title="Participation rate by course" groups={report.byCourse} labelOf={(g) => g.name ?? g.group} overall={report.participationRate} />
          ) : null}
        </div>
      </section>
      <section className="card" aria-labelledby="breakdowns-heading">
        <h2 id="breakdowns-heading">Experiences by type and career cluster</h2>
        <div className="page-grid page-grid--halves">
          <BreakdownTable caption="Placements by type of experience" heading="Type" rows={report.byType} labelOf={typeLabel} />
          <BreakdownTable caption="Placements by career cluster" heading="Career cluster" rows={report.byCluster} labelOf={clusterLabel} />
        </div>
      </section>
    </>
  );
}

function Headline({ report }: { report: OutcomesReport }) {
  const { hours, skillGains, employers, perkins5S3: perkins } = report;
  const gain = skillGains.averageGain;
  const figures: [string, string, string?][] = [
    ['Students', report.students.toLocaleString('en-US')],
    ['Took part', report.participants.toLocaleString('en-US'), 'with an approved, active or completed placement'],
    ['Participation rate', percent(report.participationRate)],
    ['Approved hours', hoursText(hours.approvedMinutes), plural(hours.studentsWithHours, 'student')],
    ['Employers with placements', employers.employersWithPlacements.toLocaleString('en-US')],
    ['Opportunities published', employers.opportunitiesPublished.toLocaleString('en-US')],
    [
      'Average skill gain',
      gain === null || gain === undefined ? '—' : `${gain >= 0 ? '+' : '−'}${Math.abs(gain).toFixed(2)}`,
      `levels, midpoint to final, ${plural(skillGains.evaluatedPlacements, 'evaluated placement')}`,
    ],
    [
      'Perkins V 5S3',
      perkins.suppressed ? 'Withheld' : percent(perkins.rate),
      perkins.suppressed
        ? 'fewer than 10 grade 12 CTE concentrators'
        : `${(perkins.withWorkBasedLearning ?? 0).toLocaleString('en-US')} of ${plural(perkins.concentrators, 'grade 12 CTE concentrator')} with WBL`,
    ],
  ];
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="visually-hidden">
        Headline figures
      </h2>
      <dl className="figures">
        {figures.map(([label, value, note]) => (
          <div key={label} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
            {note ? <dd className="figure__note">{note}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}

function StageChart({ byStage }: { byStage: readonly Breakdown[] }) {
  const rows = stageRows(byStage);
  const title = 'Participation by stage of the continuum';
  return (
    <ChartFigure
      title={title}
      description="Students with a placement at each stage, from learning about work (awareness, exploration) to learning through and for work (preparation, training)."
      table={
        <TableScroll>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Students</th>
                <th scope="col">Placements</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{stageLabel(row.key)}</th>
                  <td>{row.students.toLocaleString('en-US')}</td>
                  <td>{row.placements.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      }
    >
      <BarsSvg
        label={title}
        bars={rows.map((row) => ({
          key: row.key,
          label: stageLabel(row.key),
          value: row.students,
          valueText: `${plural(row.students, 'student')}, ${plural(row.placements, 'placement')}`,
        }))}
      />
    </ChartFigure>
  );
}

/** The words at a group's bar: "32%, 8 points below" (or why it is withheld). */
export function rateText(group: GroupParticipation): string {
  if (group.suppressed) return 'Withheld (fewer than 10)';
  const gap = group.gapToAll;
  const words = gap === null || gap === undefined || Math.round(Math.abs(gap) * 100) === 0 ? '' : `, ${describeGap(gap)}`;
  return `${percent(group.rate)}${words}`;
}

interface RateChartProps {
  title: string;
  groups: readonly GroupParticipation[];
  labelOf: (group: GroupParticipation) => string;
  overall: number;
}

function RateChart({ title, groups, labelOf, overall }: RateChartProps) {
  const rows: RateRow[] = groups.map((g) => ({
    key: g.group,
    label: labelOf(g),
    rate: g.suppressed ? null : (g.rate ?? 0),
    valueText: rateText(g),
    highlight: isUnderServed(g),
  }));
  return (
    <ChartFigure
      title={title}
      legend={<RatesLegend overall={overall} threshold={gapThreshold} />}
      table={
        <TableScroll>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Students</th>
                <th scope="col">Took part</th>
                <th scope="col">Rate</th>
                <th scope="col">Against all students</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.group} className={g.suppressed ? 'row--suppressed' : undefined}>
                  <th scope="row">{labelOf(g)}</th>
                  <td>{g.suppressed ? 'Fewer than 10' : g.students.toLocaleString('en-US')}</td>
                  <td>{g.suppressed ? 'Withheld' : (g.participants ?? 0).toLocaleString('en-US')}</td>
                  <td>{g.suppressed ? 'Withheld' : percent(g.rate)}</td>
                  <td className={isUnderServed(g) ? 'gap--under' : undefined}>{g.suppressed ? 'Withheld' : describeGap(g.gapToAll)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      }
    >
      <RatesSvg label={title} rows={rows} overall={overall} />
    </ChartFigure>
  );
}

function BreakdownTable({ caption, heading, rows, labelOf }: { caption: string; heading: string; rows: readonly Breakdown[]; labelOf: (key: string) => string }) {
  return (
    <TableScroll>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Students</th>
            <th scope="col">Placements</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                None in this period.
              </td>
            </tr>
          ) : (
            [...rows]
              .sort((a, b) => b.placements - a.placements || labelOf(a.key).localeCompare(labelOf(b.key)))
              .map((row) => (
                <tr key={row.key}>
                  <th scope="row">{labelOf(row.key)}</th>
                  <td>{row.students.toLocaleString('en-US')}</td>
                  <td>{row.placements.toLocaleString('en-US')}</td>
                </tr>
              ))
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
