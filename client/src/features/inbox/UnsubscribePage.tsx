import { useState } from 'react';
import type { UnsubscribeStatus } from '@launchpath/contracts';
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
  const api = useApi();
  const status = useResource(`unsubscribe:${token}`, (a, signal) => a.getUnsubscribe(token, signal));
  const [done, setDone] = useState<UnsubscribeStatus>();
  const action = useAction();

  if (status.error) {
    return (
      <div className="public-page">
        <h1>{status.error.status === 404 ? 'This link does not work' : 'The link could not be opened'}</h1>
        {status.error.status === 404 ? <p>Check that you opened the whole link from your email; part of it may be missing.</p> : <ErrorBanner error={status.error} onRetry={status.reload} />}
      </div>
    );
  }
  if (!status.data) return <Loading>Opening your link…</Loading>;
  const current = done ?? status.data;
  return (
    <div className="public-page">
      <h1>Emails from LaunchPath</h1>
      <p>
        For <strong>{current.email}</strong>.
      </p>
      <div role="status" className="form__status">
        {current.stopped ? (
          <p className="banner banner--success">
            Optional emails to this address are stopped: a placement’s news, hours decisions and match results. You will still get what a placement requires,
            such as consent, agreement and approval links.
          </p>
        ) : current.delivery === 'daily' ? (
          <p className="banner banner--success">This address gets one email a day with the optional news, at 4 pm.</p>
        ) : null}
      </div>
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {current.stopped ? null : (
        <>
          <p>You can stop the optional emails: a placement’s news, hours decisions and match results. What a placement requires, such as consent, agreement and approval links, still comes.</p>
          <p>
            <button type="button" className="button" disabled={action.busy} onClick={() => void action.run(async () => setDone(await api.unsubscribe(token)))}>
              Stop optional emails
            </button>
          </p>
        </>
      )}
      <details className="public-page__more">
        <summary>Other choices: one email a day, language</summary>
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
