import { BestFitStudents } from './BestFitStudents';
import { ClassList, ClassRosterView, classesHref } from './ClassesView';
import { StudentDetail } from './StudentDetail';
import { StudentList } from './StudentList';

export const studentsHref = '#/students';

/**
 * Students for school and district staff: the searchable list, one student, best-fit students for an opportunity, and
 * the classes of the SIS roster (a teacher's own first) with their students' work-based learning.
 */
/** `mayWrite`: the caller changes student records somewhere (PeopleWrite); the API still decides per student. */
export function StudentsPage({ path, mayWrite = false }: { path: readonly string[]; mayWrite?: boolean }) {
  const view = path[0] === 'best-fit' ? 'best-fit' : path[0] === 'classes' ? (path[1] ? 'class' : 'classes') : path[0] ? 'detail' : 'list';
  return (
    <>
      {view !== 'detail' ? (
        <nav aria-label="Students views" className="subnav">
          <a href={studentsHref} aria-current={view === 'list' ? 'page' : undefined}>
            All students
          </a>
          <a href={`${studentsHref}/best-fit`} aria-current={view === 'best-fit' ? 'page' : undefined}>
            Best fit for an opportunity
          </a>
          <a href={classesHref} aria-current={view === 'classes' || view === 'class' ? 'page' : undefined}>
            Classes
          </a>
        </nav>
      ) : null}
      {view === 'list' ? <StudentList /> : null}
      {view === 'best-fit' ? <BestFitStudents opportunityId={path[1]} /> : null}
      {view === 'detail' ? <StudentDetail studentId={path[0]} mayWrite={mayWrite} /> : null}
      {view === 'classes' ? <ClassList /> : null}
      {view === 'class' ? <ClassRosterView classId={path[1]} /> : null}
    </>
  );
}
