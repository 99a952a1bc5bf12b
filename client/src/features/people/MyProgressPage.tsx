import { ContinuumProgress } from '../../shared/continuum/ContinuumProgress';

/** The student's own progress along the work-based learning continuum, with their hours and what comes next. */
export function MyProgressPage({ studentId }: { studentId: string }) {
  return (
    <>
      <div className="page-header">
        <h1>My progress</h1>
        <p className="muted">
          Work-based learning builds up step by step: learning about careers first, then learning through work and for work. Here is where you are.
        </p>
      </div>
      <ContinuumProgress studentId={studentId} audience="student" />
    </>
  );
}
