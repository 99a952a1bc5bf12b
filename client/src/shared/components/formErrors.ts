import { useEffect, type RefObject } from 'react';
import type { FieldErrors, UiError } from '../api/problems';

/** The field errors keyed without `prefix` ("fields.title" → "title"); other keys stay as they are. */
export function withoutPrefix(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([key, messages]) => [key.startsWith(prefix) ? key.slice(prefix.length) : key, messages]));
}

/** "field: message" for every error whose field the form does not show, for the banner. */
export function unshownErrors(errors: FieldErrors, shown: (field: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([field]) => !shown(field))
    .flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
}

/** The banner's error with the errors of fields the form does not show appended to its message. */
export function bannerError(error: UiError, shown: (field: string) => boolean, errors: FieldErrors = error.fieldErrors): UiError {
  const others = unshownErrors(errors, shown);
  return others.length ? { ...error, message: [error.message, ...others].join(' ') } : error;
}

/** After a failed submit, takes keyboard and screen-reader users to the first field to fix, else to the message. */
export function useFocusOnError(formRef: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error || !formRef.current) return;
    const target =
      formRef.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [error, formRef]);
}
