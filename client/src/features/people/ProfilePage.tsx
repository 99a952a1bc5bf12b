import { useState } from 'react';
import type { Student } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice, Warning } from '../../shared/components/Notice';
import { PreferencesForm } from './PreferencesForm';

type Message = 'saved' | 'conflict' | undefined;

/** The student's own record and the preferences they edit. */
export function ProfilePage({ studentId }: { studentId: string }) {
  const record = useResource(`student:${studentId}`, (api, signal) => api.getStudent(studentId, signal));
  const [message, setMessage] = useState<Message>();
  const student = record.data;

  return (
    <>
      <div className="page-header">
        <h1>My profile</h1>
        <p className="muted">Your school record, and what you tell LaunchPath about your interests and time.</p>
      </div>
      <Warning>
        {message === 'conflict' ? (
          <>
            <strong>Your profile was changed somewhere else</strong> (in another tab, or by school staff) after you opened it. The latest version
            is shown below: check it and make your changes again.
          </>
        ) : undefined}
      </Warning>
      <Notice>{message === 'saved' ? 'Your preferences are saved.' : undefined}</Notice>
      {record.status === 'error' && record.error ? <ErrorBanner error={record.error} onRetry={record.reload} /> : null}
      {!student && record.status === 'loading' ? <Loading>Loading your profile…</Loading> : null}
      {student ? (
        <div className="page-grid">
          <StudentRecordCard student={student} />
          <PreferencesForm
            // A new version (saved, or reloaded after a conflict) starts the form again from the record.
            key={`${student.id}:${student.version}`}
            student={student}
            onSaved={(saved) => {
              record.set(saved);
              setMessage('saved');
            }}
            onConflict={() => {
              setMessage('conflict');
              record.reload();
            }}
          />
        </div>
      ) : null}
    </>
  );
}

function StudentRecordCard({ student }: { student: Student }) {
  const name = student.preferredName ? `${student.preferredName} ${student.familyName}` : `${student.givenName} ${student.familyName}`;
  return (
    <section className="card" aria-labelledby="record-heading">
      <h2 id="record-heading">School record</h2>
      <dl className="facts facts--stacked">
        <div>
          <dt>Name</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>School</dt>
          <dd>{student.schoolName}</dd>
        </div>
        <div>
          <dt>Grade</dt>
          <dd>{student.grade === null || student.grade === undefined ? 'Unknown' : student.grade === 13 ? 'Postsecondary' : student.grade}</dd>
        </div>
        <div>
          <dt>Pathway</dt>
          <dd>{student.pathway || 'Not set'}</dd>
        </div>
        {student.email ? (
          <div>
            <dt>Email</dt>
            <dd>{student.email}</dd>
          </div>
        ) : null}
      </dl>
      <p className="field__hint">Your school keeps this record. Ask your coordinator if something is wrong.</p>
    </section>
  );
}
