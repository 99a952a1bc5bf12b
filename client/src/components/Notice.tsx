import type { ReactNode } from 'react';

/** A polite status region that shows a success message when there is one (the region itself always exists). */
export function Notice({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className="form__status">
      {children ? <p className="banner banner--success">{children}</p> : null}
    </div>
  );
}
