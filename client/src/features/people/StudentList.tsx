import { useState, type FormEvent } from 'react';
import type { Student } from '@launchpath/contracts';
import { useCursorList } from '../../shared/api/useCursorList';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { useParentOptions } from '../../shared/organizations/useParentOptions';
import { DataTable } from '../../shared/components/DataTable';

const grades = [6, 7, 8, 9, 10, 11, 12, 13];

interface Filters {
  q: string;
  schoolId: string;
  grade: string;
}

export function studentName(s: Pick<Student, 'givenName' | 'familyName' | 'preferredName'>): string {
  return `${s.preferredName || s.givenName} ${s.familyName}`;
}

/** Students the caller may see, searched by name, school and grade, paged with "Load more". */
export function StudentList() {
  const schools = useParentOptions('school', 0);
  const [draft, setDraft] = useState<Filters>({ q: '', schoolId: '', grade: '' });
  const [applied, setApplied] = useState<Filters>(draft);
  const list = useCursorList<Student>(JSON.stringify(applied), (api, cursor, signal) =>
    api.listStudents(applied.schoolId || undefined, applied.grade ? Number(applied.grade) : undefined, undefined, applied.q.trim() || undefined, 25, cursor, signal),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  return (
    <>
      <div className="page-header">
        <h1>Students</h1>
        <p className="muted">Find a student to see their record, preferences and guardians.</p>
      </div>
      <form className="card form form--inline" role="search" aria-label="Find students" onSubmit={submit}>
        <Field label="Name or id">
          <input name="q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </Field>
        <Field label="School">
          <select name="schoolId" value={draft.schoolId} onChange={(e) => setDraft({ ...draft, schoolId: e.target.value })}>
            <option value="">All schools</option>
            {schools.options.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Grade">
          <select name="grade" value={draft.grade} onChange={(e) => setDraft({ ...draft, grade: e.target.value })}>
            <option value="">Any grade</option>
            {grades.map((g) => (
              <option key={g} value={g}>
                {g === 13 ? 'Postsecondary' : `Grade ${g}`}
              </option>
            ))}
          </select>
        </Field>
        <div className="form__actions">
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="students-heading" aria-busy={list.status === 'loading'}>
        <h2 id="students-heading">Results</h2>
        {list.status === 'error' && list.error ? <ErrorBanner error={list.error} onRetry={list.items.length ? list.loadMore : list.reload} /> : null}
        {list.status === 'loading' ? <Loading>Loading students…</Loading> : null}
        {list.status === 'ready' && list.items.length === 0 ? <p className="muted">No students match.</p> : null}
        {list.items.length > 0 ? (
          <DataTable
            caption="Students"
            rows={list.items}
            rowKey={(s) => s.id}
            columns={[
              { header: 'Name', rowHeader: true, cell: (s) => <a href={`#/students/${s.id}`}>{studentName(s)}</a> },
              { header: 'School', cell: (s) => s.schoolName },
              { header: 'Grade', cell: (s) => (s.grade === null || s.grade === undefined ? 'Unknown' : s.grade === 13 ? 'Postsecondary' : s.grade) },
              { header: 'Pathway', cell: (s) => s.pathway || '—' },
              { header: 'Status', cell: (s) => (s.status === 'active' ? 'Active' : 'Inactive') },
            ]}
          />
        ) : null}
        <LoadMore hasMore={list.hasMore && list.status !== 'loading'} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
      </section>
    </>
  );
}
