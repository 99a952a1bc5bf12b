import { useId } from 'react';
import { ErrorList } from './ErrorList';

interface Props<T extends string> {
  legend: string;
  options: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  errors?: readonly string[];
  hint?: string;
  /** Lays the checkboxes out in columns. */
  columns?: boolean;
}

/** A fieldset of checkboxes (keeps `options` order), with its hint and errors tied to the group. */
export function CheckboxGroup<T extends string>({ legend, options, labels, selected, onChange, errors = [], hint, columns }: Props<T>) {
  const id = useId();
  const invalid = errors.length > 0;
  const describedBy = [hint ? `${id}-hint` : undefined, invalid ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const toggle = (option: T, checked: boolean) =>
    onChange(options.filter((o) => (o === option ? checked : selected.includes(o))));
  return (
    <fieldset className={invalid ? 'fieldset fieldset--invalid' : 'fieldset'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className={columns ? 'checks checks--columns' : 'checks'}>
        {options.map((option) => (
          <label key={option} className="check">
            <input type="checkbox" checked={selected.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />
            {labels[option]}
          </label>
        ))}
      </div>
      <ErrorList errors={errors} id={`${id}-error`} />
    </fieldset>
  );
}
