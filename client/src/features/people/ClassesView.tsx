import { useState } from 'react';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { gradeLabel, plural } from '../../shared/format';
import { stageLabels } from '../../shared/labels';
import { TableScroll } from '../../shared/components/TableScroll';

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
        <TableScroll>
        <table className="table">
          <caption className="visually-hidden">Classes</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Course</th>
              <th scope="col">School</th>
              <th scope="col">Teachers</th>
              <th scope="col">Students</th>
            </tr>
          </thead>
          <tbody>
            {classes.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`${classesHref}/${c.id}`}>{c.title}</a>
                  {c.active ? null : <span className="tag tag--muted">Ended</span>}
                </td>
                <td>{c.courseTitle ?? '—'}</td>
                <td>{c.schoolName}</td>
                <td>{c.teachers.join(', ') || '—'}</td>
                <td>{c.students.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
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
      <TableScroll>
      <table className="table">
        <caption>Students and their work-based learning</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Grade</th>
            <th scope="col">Active placements</th>
            <th scope="col">Completed</th>
            <th scope="col">Approved hours</th>
            <th scope="col">Furthest stage</th>
          </tr>
        </thead>
        <tbody>
          {students.map((s) => (
            <tr key={s.studentId}>
              <td>
                <a href={`#/students/${s.studentId}`}>{s.name}</a>
              </td>
              <td>{gradeLabel(s.grade)}</td>
              <td>{s.activePlacements}</td>
              <td>{s.completedPlacements}</td>
              <td>{(s.approvedMinutes / 60).toLocaleString('en-US', { maximumFractionDigits: 1 })}</td>
              <td>{s.latestStage ? stageLabels[s.latestStage] : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </section>
  );
}
