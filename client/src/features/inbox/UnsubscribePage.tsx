import { useState } from 'react';
import type { UnsubscribeStatus } from '@launchpath/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { DeliveryForm } from './DeliveryForm';

/**
 * The page an email's unsubscribe link opens, signed out: which address it is for, a button that stops the optional
 * messages (opening the page changes nothing, so a link scanner stops nothing), and the other choices — one email a
 * day instead, and the language. What a placement requires still goes.
 */
export function UnsubscribePage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const status = useResource(`unsubscribe:${token}`, (a, signal) => a.getUnsubscribe(token, signal));
  const [done, setDone] = useState<UnsubscribeStatus>();
  const action = useAction();

  if (status.error) {
    return (
      <div className="public-page">
        <h1>{t(status.error.status === 404 ? 'links.problem.notFoundTitle' : 'links.problem.failedTitle')}</h1>
        {status.error.status === 404 ? <p>{t('links.problem.notFoundCheck')}</p> : <ErrorBanner error={status.error} onRetry={status.reload} />}
      </div>
    );
  }
  if (!status.data) return <Loading>{t('links.opening')}</Loading>;
  const current = done ?? status.data;
  return (
    <div className="public-page">
      <h1>{t('links.titles.unsubscribe')}</h1>
      <p>
        <Trans i18nKey="links.unsubscribe.for" values={{ email: current.email }} components={{ strong: <strong /> }} />
      </p>
      <div role="status" className="form__status">
        {current.stopped ? (
          <p className="banner banner--success">{t('links.unsubscribe.stopped')}</p>
        ) : current.delivery === 'daily' ? (
          <p className="banner banner--success">{t('links.unsubscribe.daily')}</p>
        ) : null}
      </div>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {current.stopped ? null : (
        <>
          <p>{t('links.unsubscribe.canStop')}</p>
          <p>
            <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(async () => setDone(await api.unsubscribe(token)))}>
              {t('links.unsubscribe.stop')}
            </button>
          </p>
        </>
      )}
      <details className="public-page__more">
        <summary>{t('links.unsubscribe.otherChoices')}</summary>
        <DeliveryForm
          key={`${current.delivery}:${current.language ?? ''}`}
          delivery={current.delivery}
          language={current.language}
          onSave={async (choice) => setDone(await api.chooseMessageDelivery(token, choice))}
        />
      </details>
    </div>
  );
}
