// A one-time message carried across a navigation ("Round opened."), shown by the page navigated to.
import { useEffect, useState } from 'react';

let pending: string | undefined;

export function setFlash(message: string): void {
  pending = message;
}

/** State holding the pending message (read once, on mount; cleared after mount so a later page does not show it). */
export function useFlash(): [string | undefined, (message: string | undefined) => void] {
  const [message, setMessage] = useState<string | undefined>(() => pending);
  useEffect(() => {
    pending = undefined;
  }, []);
  return [message, setMessage];
}
