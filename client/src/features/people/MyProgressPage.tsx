import { useTranslation } from 'react-i18next';
import { ContinuumProgress } from '../../shared/continuum/ContinuumProgress';

/** The student's own progress along the work-based learning continuum, with their hours and what comes next. */
export function MyProgressPage({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-header">
        <h1>{t('nav.progress')}</h1>
        <p className="muted">{t('progress.intro')}</p>
      </div>
      <ContinuumProgress studentId={studentId} audience="student" />
    </>
  );
}
