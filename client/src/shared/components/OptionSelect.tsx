import type { SelectHTMLAttributes } from 'react';
import { oneOf } from '../labels';

interface OptionSelectProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  /** The values to offer, in order. */
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  value: T | '';
  /** The chosen value; undefined for the blank option (or anything not among the options). */
  onChange: (value: T | undefined) => void;
  /** A first option with an empty value ("Any stage"), when there is one. */
  blank?: string;
}

/** A select over a fixed set of values with their labels; the other props (name, id, aria-*) go to the select. */
export function OptionSelect<T extends string>({ options, labels, value, onChange, blank, ...select }: OptionSelectProps<T>) {
  return (
    <select {...select} value={value} onChange={(e) => onChange(oneOf(options, e.target.value))}>
      {blank !== undefined ? <option value="">{blank}</option> : null}
      {options.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}
