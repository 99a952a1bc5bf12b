import { useTranslation } from 'react-i18next';
import type { UiError } from '../../shared/api/problems';
import { ErrorBanner } from '../../shared/components/ErrorBanner';

/**
 * Why a one-time link does not open: not a link the API issued (404), already used or expired (410), or another
 * failure (with a retry). `from` says who to ask for a new link.
 */
export function LinkProblem({ error, from, onRetry }: { error: UiError; from: string; onRetry: () => void }) {
  const { t } = useTranslation();
  if (error.status === 404) {
    return (
      <>
        <h1>{t('links.problem.notFoundTitle')}</h1>
        <p>{t('links.problem.notFoundCheck')}</p>
        <p>{t('links.problem.askNew', { from })}</p>
      </>
    );
  }
  if (error.status === 410) {
    return (
      <>
        <h1>{t('links.problem.goneTitle')}</h1>
        <p>{error.message}</p>
        <p>{t('links.problem.goneAsk', { from })}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('links.problem.failedTitle')}</h1>
      <ErrorBanner error={error} onRetry={onRetry} />
    </>
  );
}
