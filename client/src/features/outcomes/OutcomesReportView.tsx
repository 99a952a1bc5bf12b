import type { Breakdown, GroupParticipation, OutcomesReport } from '@launchpath/contracts';
import { percent, plural } from '../../shared/format';
import { BarsSvg, ChartFigure, RatesLegend, RatesSvg, type RateRow } from './charts';
import { DataTable } from '../../shared/components/DataTable';
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
          <GroupCharts title="Participation rate" bySubgroup={report.bySubgroup} bySchool={report.bySchool} overall={report.participationRate} />
          {report.byCourse.length > 0 ? (
            <RateChart title="Participation rate by course" groups={report.byCourse} labelOf={(g) => g.name ?? g.group} overall={report.participationRate} />
          ) : null}
        </div>
      </section>
      <EventsSection report={report} />
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

/** Events (guest speakers, tours, career fairs): who attended, by school and student group, and the hours of exposure. */
function EventsSection({ report }: { report: OutcomesReport }) {
  const events = report.events;
  const figures: [string, string, string?][] = [
    ['Attended an event', events.studentsAttended.toLocaleString('en-US'), `of ${plural(report.students, 'student')}`],
    ['Event participation rate', percent(events.participationRate)],
    ['Hours of career exposure', hoursText(events.exposureMinutes), plural(events.attendances, 'attendance')],
    ['Employers hosting', events.employersHosting.toLocaleString('en-US'), plural(events.sessions, 'session')],
    ['Students’ rating', events.averageRating == null ? '—' : `${events.averageRating.toFixed(1)} of 5`, plural(events.ratings, 'rating')],
  ];
  return (
    <section className="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Events: career awareness and exploration for all students</h2>
      <p className="field__hint">
        Guest speakers, worksite tours, career fairs and informational interviews, counted by attendance (a student registered but absent is not counted).
      </p>
      <Figures figures={figures} />
      {events.attendances > 0 ? (
        <div>
          <GroupCharts title="Event attendance" bySubgroup={events.bySubgroup} bySchool={events.bySchool} overall={events.participationRate} />
        </div>
      ) : null}
    </section>
  );
}

/** Headline figures: label, value and an optional note under it. */
function Figures({ figures }: { figures: readonly (readonly [string, string, string?])[] }) {
  return (
    <dl className="figures">
      {figures.map(([label, value, note]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
          {note ? <dd className="figure__note">{note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** One rate chart per kind of student group, then one by school: "<title> by English learners…", "<title> by school". */
function GroupCharts({ title, bySubgroup, bySchool, overall }: { title: string; bySubgroup: readonly GroupParticipation[]; bySchool: readonly GroupParticipation[]; overall: number }) {
  return (
    <>
      {groupCategories.map((category) => {
        const groups = bySubgroup.filter((g) => groupCategory(g.group) === category);
        return groups.length > 0 ? (
          <RateChart key={category} title={`${title} by ${groupCategoryTitles[category].toLowerCase()}`} groups={groups} labelOf={(g) => groupLabel(g.group)} overall={overall} />
        ) : null;
      })}
      {bySchool.length > 0 ? <RateChart title={`${title} by school`} groups={bySchool} labelOf={(g) => g.name ?? g.group} overall={overall} /> : null}
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
    ['Educators in externships', report.educators.educators.toLocaleString('en-US'), `${report.educators.completed.toLocaleString('en-US')} completed; counted apart from students`],
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
      <Figures figures={figures} />
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
        <DataTable
          caption={title}
          columns={[
            { header: 'Stage', rowHeader: true, cell: (row) => stageLabel(row.key) },
            { header: 'Students', cell: (row) => row.students.toLocaleString('en-US') },
            { header: 'Placements', cell: (row) => row.placements.toLocaleString('en-US') },
          ]}
          rows={rows}
          rowKey={(row) => row.key}
        />
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
        <DataTable
          caption={title}
          columns={[
            { header: 'Group', rowHeader: true, cell: (g) => labelOf(g) },
            { header: 'Students', cell: (g) => (g.suppressed ? 'Fewer than 10' : g.students.toLocaleString('en-US')) },
            { header: 'Took part', cell: (g) => (g.suppressed ? 'Withheld' : (g.participants ?? 0).toLocaleString('en-US')) },
            { header: 'Rate', cell: (g) => (g.suppressed ? 'Withheld' : percent(g.rate)) },
            {
              header: 'Against all students',
              cell: (g) => (g.suppressed ? 'Withheld' : describeGap(g.gapToAll)),
              className: (g) => (isUnderServed(g) ? 'gap--under' : undefined),
            },
          ]}
          rows={groups}
          rowKey={(g) => g.group}
          rowProps={(g) => ({ className: g.suppressed ? 'row--suppressed' : undefined })}
        />
      }
    >
      <RatesSvg label={title} rows={rows} overall={overall} />
    </ChartFigure>
  );
}

function BreakdownTable({ caption, heading, rows, labelOf }: { caption: string; heading: string; rows: readonly Breakdown[]; labelOf: (key: string) => string }) {
  return (
    <DataTable
      caption={caption}
      captionHidden={false}
      columns={[
        { header: heading, rowHeader: true, cell: (row) => labelOf(row.key) },
        { header: 'Students', cell: (row) => row.students.toLocaleString('en-US') },
        { header: 'Placements', cell: (row) => row.placements.toLocaleString('en-US') },
      ]}
      rows={[...rows].sort((a, b) => b.placements - a.placements || labelOf(a.key).localeCompare(labelOf(b.key)))}
      rowKey={(row) => row.key}
      empty="None in this period."
    />
  );
}
