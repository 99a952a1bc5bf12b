import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { toUiError, type UiError } from './problems';

export interface Action {
  /** True while a call of `run` is under way. */
  busy: boolean;
  /** Why the last call failed, or what the form set itself (a client-side validation problem). */
  error: UiError | undefined;
  setError: Dispatch<SetStateAction<UiError | undefined>>;
  /**
   * Runs `fn` unless a call is already under way: clears the error, awaits `fn`, and on failure stores what it threw
   * as a UiError. `onError` may rewrite that error, or handle it and return undefined to show none. Resolves to
   * whether `fn` succeeded (false too for an ignored call), so a form can clear itself.
   */
  run: (fn: () => Promise<unknown>, onError?: (error: UiError) => UiError | undefined) => Promise<boolean>;
}

/** The busy flag and error of a form's submit or a button's action, the same for every write to the API. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>();
  // A ref, not the state: a second click in the same render must see the first.
  const running = useRef(false);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback<Action['run']>(async (fn, onError) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      return true;
    } catch (caught) {
      const problem = toUiError(caught);
      const shown = onError ? onError(problem) : problem;
      if (mounted.current) setError(shown);
      return false;
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { busy, error, setError, run };
}
