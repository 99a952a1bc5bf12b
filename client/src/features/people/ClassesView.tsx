import { useState } from 'react';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { gradeLabel, hoursText, plural } from '../../shared/format';
import { stageLabels } from '../../shared/labels';
import { DataTable } from '../../shared/components/DataTable';

export const classesHref = '#/students/classes';

/** Classes from the SIS roster: the ones the caller teaches, or every class of the schools it sees. */
export function ClassList() {
  const [mine, setMine] = useState(true);
  const classes = useResource(`classes:${mine}`, (api, signal) => api.listClasses(undefined, mine, signal));
  return (
    <section className="card" aria-labelledby="classes-heading">
      <div className="card__header">
        <h2 id="classes-heading">{mine ? 'My classes' : 'All classes'}</h2>
        <label className="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only the classes I teach
        </label>
      </div>
      {classes.status === 'error' && classes.error ? <ErrorBanner error={classes.error} onRetry={classes.reload} /> : null}
      {classes.status === 'loading' && !classes.data ? <Loading>Loading classes…</Loading> : null}
      {classes.data && classes.data.length === 0 ? (
        <p className="muted">{mine ? 'The district’s roster lists no class you teach (matched by your email).' : 'No classes in the roster yet.'}</p>
      ) : null}
      {classes.data && classes.data.length > 0 ? (
        <DataTable
          caption="Classes"
          rows={classes.data}
          rowKey={(c) => c.id}
          columns={[
            {
              header: 'Class',
              cell: (c) => (
                <>
                  <a href={`${classesHref}/${c.id}`}>{c.title}</a>
                  {c.active ? null : <span className="tag tag--muted">Ended</span>}
                </>
              ),
            },
            { header: 'Course', cell: (c) => c.courseTitle ?? '—' },
            { header: 'School', cell: (c) => c.schoolName },
            { header: 'Teachers', cell: (c) => c.teachers.join(', ') || '—' },
            { header: 'Students', cell: (c) => c.students.toLocaleString('en-US') },
          ]}
        />
      ) : null}
    </section>
  );
}

/** One class and its students' work-based learning: what the teacher connects the classroom to. */
export function ClassRosterView({ classId }: { classId: string }) {
  const roster = useResource(`class:${classId}`, (api, signal) => api.getClassRoster(classId, signal));
  if (roster.status === 'error' && roster.error) return <ErrorBanner error={roster.error} onRetry={roster.reload} />;
  if (!roster.data) return <Loading>Loading the class…</Loading>;
  const { class: c, students } = roster.data;
  return (
    <section className="card" aria-labelledby="class-heading">
      <p>
        <a href={classesHref}>← Classes</a>
      </p>
      <h2 id="class-heading">{c.title}</h2>
      <p className="muted">
        {[c.courseTitle, c.schoolName, c.teachers.join(', '), plural(students.length, 'student')].filter(Boolean).join(' · ')}
      </p>
      <DataTable
        caption="Students and their work-based learning"
        captionHidden={false}
        rows={students}
        rowKey={(s) => s.studentId}
        columns={[
          { header: 'Student', cell: (s) => <a href={`#/students/${s.studentId}`}>{s.name}</a> },
          { header: 'Grade', cell: (s) => gradeLabel(s.grade) },
          { header: 'Active placements', cell: (s) => s.activePlacements },
          { header: 'Completed', cell: (s) => s.completedPlacements },
          { header: 'Approved hours', cell: (s) => hoursText(s.approvedMinutes) },
          { header: 'Furthest stage', cell: (s) => (s.latestStage ? stageLabels[s.latestStage] : '—') },
        ]}
      />
    </section>
  );
}
