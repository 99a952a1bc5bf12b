import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { ErrorList } from './ErrorList';

interface FieldProps {
  label: string;
  /** The single form control (input, select, textarea); it gets id, aria-invalid and aria-describedby. */
  children: ReactElement<ControlProps>;
  /** Messages from the server for this field. */
  errors?: readonly string[];
  hint?: ReactNode;
  required?: boolean;
}

interface ControlProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}

/** A labelled form control with its hint and its field errors, wired for screen readers. */
export function Field({ label, children, errors = [], hint, required }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint ? hintId : undefined, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true" className="field__required"> *</span> : null}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': invalid || undefined,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList errors={errors} id={errorId} />
    </div>
  );
}
