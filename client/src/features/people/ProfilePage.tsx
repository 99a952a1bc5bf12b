import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const record = useResource(`student:${studentId}`, (api, signal) => api.getStudent(studentId, signal));
  const [message, setMessage] = useState<Message>();
  const student = record.data;

  return (
    <>
      <div className="page-header">
        <h1>{t('nav.profile')}</h1>
        <p className="muted">{t('profile.intro')}</p>
      </div>
      <Warning>
        {message === 'conflict' ? (
          <>
            <Trans i18nKey="profile.conflict" components={{ strong: <strong /> }} />
          </>
        ) : undefined}
      </Warning>
      <Notice>{message === 'saved' ? t('profile.saved') : undefined}</Notice>
      {record.status === 'error' && record.error ? <ErrorBanner error={record.error} onRetry={record.reload} /> : null}
      {!student && record.status === 'loading' ? <Loading>{t('profile.loading')}</Loading> : null}
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
  const { t } = useTranslation();
  const name = student.preferredName ? `${student.preferredName} ${student.familyName}` : `${student.givenName} ${student.familyName}`;
  return (
    <section className="card" aria-labelledby="record-heading">
      <h2 id="record-heading">{t('profile.record')}</h2>
      <dl className="facts facts--stacked">
        <div>
          <dt>{t('profile.name')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('profile.school')}</dt>
          <dd>{student.schoolName}</dd>
        </div>
        <div>
          <dt>{t('profile.grade')}</dt>
          <dd>{student.grade === null || student.grade === undefined ? t('profile.unknown') : student.grade === 13 ? t('format.postsecondary') : student.grade}</dd>
        </div>
        <div>
          <dt>{t('opportunity.pathway')}</dt>
          <dd>{student.pathway || t('profile.notSet')}</dd>
        </div>
        {student.email ? (
          <div>
            <dt>{t('signIn.email')}</dt>
            <dd>{student.email}</dd>
          </div>
        ) : null}
      </dl>
      <p className="field__hint">{t('profile.keeps')}</p>
    </section>
  );
}
