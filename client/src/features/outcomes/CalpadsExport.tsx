import { useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Notice } from '../../shared/components/Notice';
import { type OrganizationChoice } from '../../shared/organizations/useAllOrganizations';
import { saveFile } from '../../shared/download';
import {
  type SchoolYear,
} from './outcomes';

export interface CalpadsProps {
  districts: readonly OrganizationChoice[];
  years: readonly SchoolYear[];
  preferredDistrictId?: string;
}

/** The CALPADS Work-Based Learning Record file for a district and school year, saved under the API's file name. */
export function CalpadsExport({ districts, years, preferredDistrictId }: CalpadsProps) {
  const api = useApi();
  const [districtId, setDistrictId] = useState(preferredDistrictId ?? districts[0].id);
  const [academicYear, setAcademicYear] = useState(years[0].id);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const chosen = districts.some((d) => d.id === districtId) ? districtId : districts[0].id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      setDone(undefined);
      const file = await api.exportCalpadsWblr(chosen, academicYear);
      const fileName = file.fileName || `wblr-${academicYear}.csv`;
      saveFile(file.data, fileName);
      setDone(`Downloaded ${fileName}.`);
    });
  };

  return (
    <section className="card" aria-labelledby="calpads-heading">
      <h2 id="calpads-heading">CALPADS WBLR export</h2>
      <p className="field__hint">
        Completed internships, student-led enterprises, simulated work-based learning and pre-apprenticeships of students in grades 9–12, in the
        CALPADS Work-Based Learning Record layout for End-of-Year 1 reporting. The file holds student records: keep it safe.
      </p>
      <Notice>{done}</Notice>
      <form ref={formRef} className="form form--inline" onSubmit={submit} noValidate aria-label="CALPADS WBLR export">
        {error ? <ErrorBanner error={bannerError(error, (field) => field === 'districtId' || field === 'academicYear')} /> : null}
        <Field label="District" errors={error?.fieldErrors.districtId}>
          <select value={chosen} onChange={(e) => setDistrictId(e.target.value)}>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Academic year" errors={error?.fieldErrors.academicYear}>
          <select value={academicYear} onChange={(e) => setAcademicYear(e.target.value)}>
            {years.map((y) => (
              <option key={y.id} value={y.id}>
                {y.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Preparing the file…' : 'Download CALPADS file'}
          </button>
        </div>
      </form>
    </section>
  );
}
