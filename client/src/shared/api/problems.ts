import i18next from 'i18next';
import { ApiException } from '@launchpath/contracts';
import { parseRetryAfter } from './client';

/**
 * The one place that turns whatever a call to the generated client threw into something the UI can show.
 *
 * The generated client throws the parsed body for documented error responses (an RFC 9457 problem-details object,
 * with `errors` on a 400 validation problem) and an ApiException (status + raw text) for everything else;
 * fetch itself throws a TypeError when the server cannot be reached.
 */
export interface UiError {
  /** A sentence for an error banner. */
  message: string;
  /** HTTP status, when a response came back. */
  status?: number;
  /** Validation messages keyed by field path in camelCase ("name", "parentId", "address.postalCode"). */
  fieldErrors: FieldErrors;
  /** The server's trace id, to quote when reporting a problem. */
  traceId?: string;
  /** For a 429: how many seconds to wait before trying again (the Retry-After header), when the server said. */
  retryAfterSeconds?: number;
}

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

interface ProblemLike {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  traceId?: unknown;
  errors?: unknown;
  /** Not part of RFC 9457: added by `authorizingFetch` from a 429's Retry-After header. */
  retryAfter?: unknown;
}

/** The message for a status the server did not explain (errors.status.<code> in the message files). */
const explainedStatuses = new Set([400, 401, 403, 404, 409, 412, 422, 428, 429]);

export function toUiError(error: unknown): UiError {
  if (error instanceof ApiException || (typeof error === 'object' && error !== null && ApiException.isApiException(error))) {
    const exception = error as ApiException;
    const problem = parseProblem(exception.response);
    const retryAfterSeconds = parseRetryAfter(headerValue(exception.headers, 'retry-after'));
    const uiError: UiError = problem
      ? fromProblem(problem, exception.status)
      : { message: describeStatus(exception.status), status: exception.status, fieldErrors: {} };
    return retryAfterSeconds !== undefined && uiError.retryAfterSeconds === undefined ? { ...uiError, retryAfterSeconds } : uiError;
  }
  if (isProblem(error)) {
    return fromProblem(error);
  }
  if (error instanceof TypeError) {
    return { message: i18next.t('errors.unreachable'), fieldErrors: {} };
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { message: i18next.t('errors.cancelled'), fieldErrors: {} };
  }
  if (error instanceof Error && error.message) {
    return { message: error.message, fieldErrors: {} };
  }
  return { message: i18next.t('errors.unknown'), fieldErrors: {} };
}

/** The messages for one field, matching "Name", "name" or "$.name" from the server alike. */
export function fieldErrorsFor(errors: FieldErrors, field: string): readonly string[] {
  return errors[normalizeField(field)] ?? [];
}

/** "Name" → "name", "Address.PostalCode" → "address.postalCode", "$.parentId" → "parentId", "items[0].Name" → "items[0].name". */
export function normalizeField(field: string): string {
  return field
    .replace(/^\$\.?/, '')
    .split('.')
    .map((part) => (part.length === 0 ? part : part[0].toLowerCase() + part.slice(1)))
    .join('.');
}

function fromProblem(problem: ProblemLike, status?: number): UiError {
  const code = typeof problem.status === 'number' ? problem.status : status;
  const fieldErrors = normalizeErrors(problem.errors);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const title = typeof problem.title === 'string' && problem.title.trim() ? problem.title.trim() : undefined;
  const detail = typeof problem.detail === 'string' && problem.detail.trim() ? problem.detail.trim() : undefined;
  let message: string;
  if (hasFieldErrors) {
    message = detail ?? i18next.t('errors.correctFields');
  } else {
    message = detail ?? title ?? describeStatus(code);
  }
  const error: UiError = {
    message,
    status: code,
    fieldErrors,
    traceId: typeof problem.traceId === 'string' ? problem.traceId : undefined,
  };
  const retryAfterSeconds = typeof problem.retryAfter === 'number' && problem.retryAfter >= 0 ? problem.retryAfter : undefined;
  return retryAfterSeconds === undefined ? error : { ...error, retryAfterSeconds };
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function normalizeErrors(errors: unknown): FieldErrors {
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) {
    return {};
  }
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string' && m.length > 0);
    if (messages.length > 0) {
      const field = normalizeField(key);
      result[field] = [...(result[field] ?? []), ...messages];
    }
  }
  return result;
}

function isProblem(value: unknown): value is ProblemLike {
  if (!value || typeof value !== 'object' || value instanceof Error) {
    return false;
  }
  const candidate = value as ProblemLike;
  return typeof candidate.status === 'number' || typeof candidate.title === 'string' || typeof candidate.errors === 'object';
}

function parseProblem(text: string | undefined): ProblemLike | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isProblem(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function describeStatus(status: number | undefined): string {
  if (status === undefined) {
    return i18next.t('errors.unknown');
  }
  if (explainedStatuses.has(status)) {
    return i18next.t(`errors.status.${status}`);
  }
  if (status === 502 || status === 503 || status === 504) {
    return i18next.t('errors.unavailable');
  }
  return status >= 500 ? i18next.t('errors.serverFailed', { status }) : i18next.t('errors.requestFailed', { status });
}
