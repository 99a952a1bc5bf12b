import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { deferred } from '../../test/fixtures';
import { useAction } from './useAction';

// React drops a state update on an unmounted component without a word, so the test watches the setters themselves.
const setters = vi.hoisted(() => ({ watching: false, late: [] as unknown[] }));
vi.mock('react', async (importOriginal) => {
  const react = await importOriginal<typeof import('react')>();
  return {
    ...react,
    useState: (initial?: unknown) => {
      const [value, set] = react.useState(initial);
      return [
        value,
        (next: unknown) => {
          if (setters.watching) setters.late.push(next);
          set(next);
        },
      ];
    },
  };
});

describe('useAction', () => {
  it('is busy while the call runs, clears the last error and resolves true on success', async () => {
    const { result } = renderHook(() => useAction());
    act(() => result.current.setError({ message: 'Enter a name.', fieldErrors: { name: ['Enter a name.'] } }));
    expect(result.current.error?.message).toBe('Enter a name.');

    const call = deferred<void>();
    let outcome: Promise<boolean> | undefined;
    act(() => {
      outcome = result.current.run(() => call.promise);
    });
    expect(result.current.busy).toBe(true);
    expect(result.current.error).toBeUndefined();

    await act(async () => call.resolve());
    await expect(outcome).resolves.toBe(true);
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('stores a rejection as a UiError and resolves false', async () => {
    const { result } = renderHook(() => useAction());
    const problem = { title: 'One or more validation errors occurred.', status: 400, errors: { Name: ['Too long.'] }, traceId: '00-abc-01' };
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.run(() => Promise.reject(problem));
    });
    expect(ok).toBe(false);
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toEqual({
      message: 'Please correct the highlighted fields.',
      status: 400,
      fieldErrors: { name: ['Too long.'] },
      traceId: '00-abc-01',
    });
  });

  it('lets onError rewrite the error, or handle it and show none', async () => {
    const { result } = renderHook(() => useAction());
    await act(async () => {
      await result.current.run(
        () => Promise.reject({ status: 409, detail: 'Taken.' }),
        (e) => ({ ...e, fieldErrors: { email: [e.message] } }),
      );
    });
    expect(result.current.error?.fieldErrors).toEqual({ email: ['Taken.'] });

    const handled = vi.fn(() => undefined);
    await act(async () => {
      await result.current.run(() => Promise.reject({ status: 412 }), handled);
    });
    expect(handled).toHaveBeenCalledWith(expect.objectContaining({ status: 412 }));
    expect(result.current.error).toBeUndefined();
  });

  it('ignores a call made while another is under way', async () => {
    const { result } = renderHook(() => useAction());
    const first = deferred<void>();
    const second = vi.fn(() => Promise.resolve());
    let firstOutcome: Promise<boolean> | undefined;
    let secondOutcome: Promise<boolean> | undefined;
    act(() => {
      // Both in the same render, as from a double click: the second must see the first.
      firstOutcome = result.current.run(() => first.promise);
      secondOutcome = result.current.run(second);
    });
    await expect(secondOutcome).resolves.toBe(false);
    expect(second).not.toHaveBeenCalled();
    expect(result.current.busy).toBe(true);

    await act(async () => first.resolve());
    await expect(firstOutcome).resolves.toBe(true);
    expect(result.current.busy).toBe(false);

    // Once the first is done, the next call runs.
    await act(async () => {
      await result.current.run(second);
    });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sets no state once unmounted', async () => {
    const { result, unmount } = renderHook(() => useAction());
    const failing = deferred<void>();
    let failed: Promise<boolean> | undefined;
    act(() => {
      failed = result.current.run(() => failing.promise);
    });
    expect(result.current.busy).toBe(true);
    unmount();
    setters.watching = true;
    setters.late = [];
    try {
      await act(async () => failing.reject(new TypeError('Failed to fetch')));
      await expect(failed).resolves.toBe(false);
      expect(setters.late).toEqual([]);
    } finally {
      setters.watching = false;
    }
  });
});
