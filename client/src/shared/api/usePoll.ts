import { useEffect, useRef } from 'react';

/**
 * While `active`, calls `tick` every `intervalMs` (after the previous call has settled, so slow answers never pile up).
 * Stops when `active` turns false or the component unmounts; the signal then aborts the call in flight.
 */
export function usePoll(active: boolean, intervalMs: number, tick: (signal: AbortSignal) => Promise<unknown>): void {
  const latest = useRef(tick);
  latest.current = tick;

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(() => {
        latest.current(controller.signal).then(
          () => !controller.signal.aborted && schedule(),
          () => !controller.signal.aborted && schedule(),
        );
      }, intervalMs);
    };
    schedule();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
