import { useRef, useState, type FormEvent } from 'react';
import type { OrganizationType } from '@launchpath/contracts';
import type { FieldErrors, UiError } from '../../shared/api/problems';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { organizationTypeLabels } from '../../shared/organizationLabels';
import { type OrganizationChoice } from '../../shared/organizations/useAllOrganizations';
import {
  checkPeriod,
  type Period,
  type SchoolYear,
} from './outcomes';

export interface Filters {
  organizationId?: string;
  period: Period;
}

export const periodFields = new Set(['from', 'to', 'organizationId']);

export interface FiltersFormProps {
  scopes: readonly OrganizationChoice[];
  years: readonly SchoolYear[];
  applied: Filters;
  /** A validation problem from the API for the filters applied. */
  serverError?: UiError;
  onApply: (filters: Filters) => void;
}

export function FiltersForm({ scopes, years, applied, serverError, onApply }: FiltersFormProps) {
  const [organizationId, setOrganizationId] = useState(applied.organizationId ?? scopes[0]?.id ?? '');
  const [kind, setKind] = useState<Period['kind']>(applied.period.kind);
  const [year, setYear] = useState(applied.period.kind === 'year' ? applied.period.year : years[0].id);
  const [from, setFrom] = useState(applied.period.kind === 'custom' ? applied.period.from : '');
  const [to, setTo] = useState(applied.period.kind === 'custom' ? applied.period.to : '');
  const [local, setLocal] = useState<UiError>();
  const formRef = useRef<HTMLFormElement>(null);
  const error = local ?? serverError;
  useFocusOnError(formRef, error);
  const errors: FieldErrors = error?.fieldErrors ?? {};

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const period: Period = kind === 'all' ? { kind: 'all' } : kind === 'custom' ? { kind: 'custom', from, to } : { kind: 'year', year };
    const problems = checkPeriod(period);
    if (Object.keys(problems).length > 0) {
      setLocal({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    setLocal(undefined);
    onApply({ organizationId, period });
  };

  const groups = (['region', 'district', 'school'] as OrganizationType[])
    .map((type) => ({ type, items: scopes.filter((s) => s.type === type) }))
    .filter((g) => g.items.length > 0);

  return (
    <section className="card" aria-labelledby="outcomes-filters-heading">
      <h2 id="outcomes-filters-heading" className="visually-hidden">
        Filters
      </h2>
      <form ref={formRef} className="form form--inline" onSubmit={submit} noValidate aria-label="Outcomes filters">
        {error ? <ErrorBanner error={bannerError(error, (field) => periodFields.has(field))} /> : null}
        <Field label="Organization" errors={errors.organizationId}>
          <select value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            {groups.map((g) => (
              <optgroup key={g.type} label={`${organizationTypeLabels[g.type]}s`}>
                {g.items.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="Period" hint="School years run July 1 to June 30.">
          <select
            value={kind === 'year' ? `year:${year}` : kind}
            onChange={(e) => {
              const value = e.target.value;
              if (value.startsWith('year:')) {
                setKind('year');
                setYear(value.slice(5));
              } else setKind(value === 'custom' ? 'custom' : 'all');
            }}
          >
            {years.map((y) => (
              <option key={y.id} value={`year:${y.id}`}>
                School year {y.label}
              </option>
            ))}
            <option value="all">All time</option>
            <option value="custom">Dates I choose…</option>
          </select>
        </Field>
        {kind === 'custom' ? (
          <>
            <Field label="From" errors={errors.from}>
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </Field>
            <Field label="To" errors={errors.to}>
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </Field>
          </>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button">
            Show outcomes
          </button>
        </div>
      </form>
    </section>
  );
}
