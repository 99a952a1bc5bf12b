import { useTranslation } from 'react-i18next';
import type { UiError } from '../api/problems';

/** An error announced to screen readers, with the trace id to quote when reporting it. */
export function ErrorBanner({ error, onRetry }: { error: UiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="banner banner--error" tabIndex={-1}>
      <p>{error.message}</p>
      {error.traceId ? <p className="banner__trace">{t('errors.reference', { traceId: error.traceId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('errors.tryAgain')}
        </button>
      ) : null}
    </div>
  );
}
