import type { UiError } from '../../shared/api/problems';
import { ErrorBanner } from '../../shared/components/ErrorBanner';

/**
 * Why a one-time link does not open: not a link the API issued (404), already used or expired (410), or another
 * failure (with a retry). `from` says who to ask for a new link.
 */
export function LinkProblem({ error, from, onRetry }: { error: UiError; from: string; onRetry: () => void }) {
  if (error.status === 404) {
    return (
      <>
        <h1>This link does not work</h1>
        <p>Check that you opened the whole link from your message; part of it may be missing.</p>
        <p>If it still does not work, ask {from} for a new link.</p>
      </>
    );
  }
  if (error.status === 410) {
    return (
      <>
        <h1>This link has been used or has expired</h1>
        <p>{error.message}</p>
        <p>Each link works once, for 14 days. Ask {from} for a new link if something is still to do.</p>
      </>
    );
  }
  return (
    <>
      <h1>The link could not be opened</h1>
      <ErrorBanner error={error} onRetry={onRetry} />
    </>
  );
}
