import { describe, expect, it } from 'vitest';
import { ApiException } from '@launchpath/contracts';
import { fieldErrorsFor, normalizeField, toUiError } from './problems';

const validationProblem = {
  type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  title: 'One or more validation errors occurred.',
  status: 400,
  instance: '/api/v1/organizations',
  errors: { Name: ["'Name' must not be empty."], parentId: ['A district needs its region as parentId.'], 'Address.PostalCode': ['Too long.'] },
  traceId: '00-abc-01',
};

describe('toUiError', () => {
  it('maps a thrown validation problem to field errors keyed by camelCase field path', () => {
    const error = toUiError(validationProblem);
    expect(error.status).toBe(400);
    expect(error.traceId).toBe('00-abc-01');
    expect(error.message).toBe('Please correct the highlighted fields.');
    expect(error.fieldErrors).toEqual({
      name: ["'Name' must not be empty."],
      parentId: ['A district needs its region as parentId.'],
      'address.postalCode': ['Too long.'],
    });
  });

  it('merges keys that differ only in case and drops empty or non-string messages', () => {
    const error = toUiError({ status: 400, errors: { Name: ['a'], name: ['b', '', 3], other: [] } });
    expect(error.fieldErrors).toEqual({ name: ['a', 'b'] });
  });

  it('uses the detail of a problem without field errors (409 duplicate)', () => {
    const error = toUiError({ title: 'Conflict', status: 409, detail: "Another organization under the same parent already has sourcedId 'r1'." });
    expect(error).toMatchObject({ status: 409, message: "Another organization under the same parent already has sourcedId 'r1'.", fieldErrors: {} });
  });

  it('falls back to the title, then to a message for the status', () => {
    expect(toUiError({ status: 404, title: 'Not Found' }).message).toBe('Not Found');
    expect(toUiError({ status: 412 }).message).toMatch(/changed this record/);
  });

  it('reads a problem from the body of an ApiException (an undocumented status)', () => {
    const body = JSON.stringify({ status: 500, title: 'An unexpected error occurred.', detail: 'Quote the traceId.', traceId: 't-1' });
    const error = toUiError(new ApiException('An unexpected server error occurred.', 500, body, {}, null));
    expect(error).toMatchObject({ status: 500, message: 'Quote the traceId.', traceId: 't-1' });
  });

  it('describes an ApiException whose body is not a problem by its status', () => {
    const error = toUiError(new ApiException('An unexpected server error occurred.', 502, '<html>Bad Gateway</html>', {}, null));
    expect(error).toMatchObject({ status: 502, fieldErrors: {} });
    expect(error.message).toMatch(/not available/);
  });

  it('explains a network failure', () => {
    expect(toUiError(new TypeError('Failed to fetch')).message).toMatch(/Could not reach/);
  });

  it('never throws on odd values', () => {
    expect(toUiError(undefined).message).toBe('Something went wrong.');
    expect(toUiError('boom').message).toBe('Something went wrong.');
    expect(toUiError(new Error('plain')).message).toBe('plain');
  });
});

describe('field names', () => {
  it('normalizes server field names to the JSON property path', () => {
    expect(normalizeField('Name')).toBe('name');
    expect(normalizeField('$.parentId')).toBe('parentId');
    expect(normalizeField('Address.PostalCode')).toBe('address.postalCode');
  });

  it('finds a field’s messages whatever case the caller uses', () => {
    const { fieldErrors } = toUiError(validationProblem);
    expect(fieldErrorsFor(fieldErrors, 'Name')).toEqual(["'Name' must not be empty."]);
    expect(fieldErrorsFor(fieldErrors, 'sourcedId')).toEqual([]);
  });
});
