import type { UiError } from '../../shared/api/problems';

/** Where a 409 or 422 from the user endpoints belongs: the email (a duplicate account) or the role (not held there). */
export function placed(error: UiError, conflictField: string): UiError {
  if (error.status === 409) return { ...error, fieldErrors: { ...error.fieldErrors, [conflictField]: [error.message] } };
  if (error.status === 422) return { ...error, fieldErrors: { ...error.fieldErrors, role: [error.message] } };
  return error;
}
