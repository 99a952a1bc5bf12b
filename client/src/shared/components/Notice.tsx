import type { ReactNode } from 'react';

/** A polite status region that shows a success message when there is one (the region itself always exists). */
export function Notice({ children }: { children?: ReactNode }) {
  return (
    <div role="status" className="form__status">
      {children ? <p className="banner banner--success">{children}</p> : null}
    </div>
  );
}

/** A warning announced at once (a save stopped by someone else's change); nothing when there is none. */
export function Warning({ children }: { children?: ReactNode }) {
  if (!children) return null;
  return (
    <div role="alert" className="banner banner--warning">
      <p>{children}</p>
    </div>
  );
}
