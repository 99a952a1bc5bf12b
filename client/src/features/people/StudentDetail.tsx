import type { Student, SubgroupFlags } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import { DescriptionList } from '../../shared/components/DescriptionList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { describeSlots, formatDate, gradeLabel } from '../../shared/format';
import { genderLabels, raceEthnicityLabels, transportationLabels } from '../../shared/labels';
import { careerClusterLabels } from '../../shared/organizationLabels';
import { ContinuumProgress } from '../../shared/continuum/ContinuumProgress';
import { studentName } from './StudentList';
import { GuardiansCard } from './GuardiansCard';

/** One student: the school record, their preferences, guardians, and equity subgroups when the caller may see them. */
export function StudentDetail({ studentId, mayWrite = false }: { studentId: string; mayWrite?: boolean }) {
  const student = useResource(`student:${studentId}`, (api, signal) => api.getStudent(studentId, signal));
  const s = student.data;
  return (
    <>
      <p>
        <a href="#/students">← All students</a>
      </p>
      <div className="page-header">
        <h1>{s ? studentName(s) : 'Student'}</h1>
        {s ? (
          <p className="muted">
            {s.schoolName} · {gradeLabel(s.grade)} · {s.status === 'active' ? 'Active' : 'Inactive'}
          </p>
        ) : null}
      </div>
      {student.status === 'error' && student.error ? <ErrorBanner error={student.error} onRetry={student.reload} /> : null}
      {student.status === 'loading' ? <Loading>Loading the student…</Loading> : null}
      {s ? (
        <div className="page-grid page-grid--halves">
          <RecordCard student={s} />
          <PreferencesCard student={s} />
          <GuardiansCard studentId={s.id} mayInvite={mayWrite} />
          {s.subgroups ? <SubgroupsCard subgroups={s.subgroups} /> : null}
        </div>
      ) : null}
      {s ? <ContinuumProgress studentId={s.id} audience="staff" /> : null}
    </>
  );
}

function Facts({ rows }: { rows: [string, string][] }) {
  return <DescriptionList rows={rows} className="facts facts--stacked" />;
}

function RecordCard({ student: s }: { student: Student }) {
  return (
    <section className="card" aria-labelledby="record-heading">
      <h2 id="record-heading">School record</h2>
      <Facts
        rows={[
          ['Legal name', `${s.givenName} ${s.familyName}`],
          ['Email', s.email || '—'],
          ['Student id', s.identifier || '—'],
          ['SIS id (sourcedId)', s.sourcedId || '—'],
          ['Birth date', formatDate(s.birthDate)],
          ['Pathway', s.pathway || '—'],
          ['CTE concentrator', s.cteConcentrator ? 'Yes' : 'No'],
        ]}
      />
    </section>
  );
}

function PreferencesCard({ student: s }: { student: Student }) {
  const p = s.preferences;
  return (
    <section className="card" aria-labelledby="student-preferences-heading">
      <h2 id="student-preferences-heading">What the student told us</h2>
      <Facts
        rows={[
          ['Career interests', p.careerInterests.map((c) => careerClusterLabels[c]).join(', ') || 'None yet'],
          ['Skills', p.skills.join(', ') || 'None yet'],
          ['Available', describeSlots(p.availability)],
          ['Transportation', p.transportation ? transportationLabels[p.transportation] : 'Not set'],
          ['Longest trip', p.maxTravelMinutes === null || p.maxTravelMinutes === undefined ? 'No limit' : `${p.maxTravelMinutes} minutes`],
          ['Prefers paid', p.prefersPaid ? 'Yes' : 'No'],
          ['Wants credit', p.wantsCredit ? 'Yes' : 'No'],
          ['Shares profile with employers', p.shareProfileWithEmployers ? 'Yes' : 'No'],
        ]}
      />
    </section>
  );
}

function SubgroupsCard({ subgroups: g }: { subgroups: SubgroupFlags }) {
  return (
    <section className="card" aria-labelledby="subgroups-heading">
      <h2 id="subgroups-heading">Equity subgroups</h2>
      <p className="field__hint">Confidential: for equity reporting and reserved seats only.</p>
      <Facts
        rows={[
          ['English learner', g.englishLearner ? 'Yes' : 'No'],
          ['Student with a disability', g.studentWithDisability ? 'Yes' : 'No'],
          ['Socioeconomically disadvantaged', g.socioeconomicallyDisadvantaged ? 'Yes' : 'No'],
          ['Foster youth', g.fosterYouth ? 'Yes' : 'No'],
          ['Race and ethnicity', g.raceEthnicity.map((r) => raceEthnicityLabels[r]).join(', ') || 'Not reported'],
          ['Gender', g.gender ? genderLabels[g.gender] : 'Not reported'],
        ]}
      />
    </section>
  );
}
