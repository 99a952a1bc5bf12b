import { useId, useState } from 'react';
import { ErrorList } from '../../shared/components/ErrorList';
import { useParentOptions } from '../../shared/organizations/useParentOptions';

interface Props {
  type: 'district' | 'school';
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  errors?: readonly string[];
}

/** Checkboxes for the districts or schools of an audience (all the caller can see), with a filter box for long lists. */
export function AudiencePicker({ type, selected, onChange, errors = [] }: Props) {
  const id = useId();
  const options = useParentOptions(type, 0);
  const districts = useParentOptions(type === 'school' ? 'district' : undefined, 0);
  const districtNames = new Map(districts.options.map((d) => [d.id, d.name]));
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = options.options.filter((o) => !needle || o.name.toLowerCase().includes(needle) || selected.includes(o.id));
  const plural = type === 'district' ? 'districts' : 'schools';
  const invalid = errors.length > 0;

  return (
    <fieldset className={invalid ? 'fieldset fieldset--invalid' : 'fieldset'} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend>Which {plural}</legend>
      {options.options.length > 8 ? (
        <div className="field">
          <label htmlFor={`${id}-filter`}>Filter {plural}</label>
          <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      ) : null}
      {options.loading ? <p className="muted" role="status">Loading {plural}…</p> : null}
      {options.error ? <p className="field__errors">Could not load the {plural}: {options.error.message}</p> : null}
      {!options.loading && !options.error && options.options.length === 0 ? <p className="muted">No {plural} to choose from.</p> : null}
      <div className="checks checks--scroll">
        {shown.map((org) => (
          <label key={org.id} className="check">
            <input
              type="checkbox"
              checked={selected.includes(org.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, org.id] : selected.filter((s) => s !== org.id))}
            />
            {org.name}
            {org.parentId && districtNames.get(org.parentId) ? <span className="muted"> — {districtNames.get(org.parentId)}</span> : null}
          </label>
        ))}
      </div>
      <ErrorList errors={errors} id={`${id}-error`} />
    </fieldset>
  );
}
