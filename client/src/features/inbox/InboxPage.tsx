import type { ActionItem, ActionKind } from '@launchpath/contracts';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';
import { DeliveryForm } from './DeliveryForm';

/** Where each kind of waiting work is done (its words: inbox.actions.<kind> in the message files). */
const actionPages: Record<ActionKind, string> = {
  decideApplicants: '#/applicants',
  approvePlacements: '#/placements',
  writeAgreements: '#/placements',
  followUpAgreements: '#/placements',
  renewApprovals: '#/placements',
  acknowledgeAsSupervisor: '#/placements',
  approveHours: '#/placements',
  acknowledgeAsStudent: '#/placements',
  acknowledgeAsGuardian: '#/placements',
  curateOpportunities: '#/curation',
  writeReflections: '#/placements',
};

/** Where an item leads: the one placement concerned, else the page where that work is done. */
export function actionLink(item: ActionItem): string {
  const page = actionPages[item.kind];
  return item.placementIds.length === 1 && page === '#/placements' ? `#/placements/${item.placementIds[0]}` : page;
}

export function actionLabel(item: ActionItem): string {
  return i18next.t(`inbox.actions.${item.kind}`, { count: item.count });
}

/** The signed-in person's inbox: what waits for them, and the messages LaunchPath sent them (read and unread). */
export function InboxPage({ onRead }: { onRead: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const actions = useResource('my-actions', (a, signal) => a.getMyActions(signal));
  const notifications = useResource('my-notifications', (a, signal) => a.listNotifications(signal));
  const preferences = useResource('my-message-preferences', (a, signal) => a.getMyMessagePreferences(signal));
  const marking = useAction();

  async function mark(id?: string) {
    const done = await marking.run(() => (id ? api.readNotification(id) : api.readAllNotifications()));
    if (done) {
      notifications.reload();
      onRead();
    }
  }

  return (
    <>
      <h1>{t('shell.inbox')}</h1>
      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading">{t('inbox.needsAction')}</h2>
        {actions.error ? <ErrorBanner error={actions.error} onRetry={actions.reload} /> : null}
        {!actions.data && !actions.error ? <Loading>{t('inbox.loadingActions')}</Loading> : null}
        {actions.data && actions.data.length === 0 ? <p className="muted">{t('inbox.nothingWaits')}</p> : null}
        {actions.data && actions.data.length > 0 ? (
          <ul>
            {actions.data.map((item) => (
              <li key={item.kind}>
                <a href={actionLink(item)}>{actionLabel(item)}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="notifications-heading" className="card">
        <h2 id="notifications-heading">{t('inbox.messages')}</h2>
        {notifications.error ? <ErrorBanner error={notifications.error} onRetry={notifications.reload} /> : null}
        {marking.error ? <ErrorBanner error={marking.error} /> : null}
        {!notifications.data && !notifications.error ? <Loading>{t('inbox.loadingMessages')}</Loading> : null}
        {notifications.data ? (
          <>
            <p role="status">
              {notifications.data.unread === 0 ? t('inbox.noUnread') : t('inbox.unread', { count: notifications.data.unread })}
            </p>
            {notifications.data.unread > 0 ? (
              <p>
                <button type="button" className="button button--secondary" disabled={marking.busy} onClick={() => void mark()}>
                  {t('inbox.markAllRead')}
                </button>
              </p>
            ) : null}
            {notifications.data.items.length === 0 ? <p className="muted">{t('inbox.noneYet')}</p> : null}
            <ul className="inbox__list" aria-label={t('inbox.sentToYou')}>
              {notifications.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
                  <p>
                    {n.readAt ? null : <span className="visually-hidden">{t('inbox.unreadPrefix')} </span>}
                    {n.placementId ? <a href={`#/placements/${n.placementId}`}>{n.subject}</a> : <span>{n.subject}</span>}
                  </p>
                  <p className="muted">
                    {formatDateTime(n.createdAt)}
                    {n.readAt ? null : (
                      <>
                        {' · '}
                        <button type="button" className="link-button" aria-label={t('inbox.markReadOne', { subject: n.subject })} disabled={marking.busy} onClick={() => void mark(n.id)}>
                          {t('inbox.markRead')}
                        </button>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="email-choices-heading" className="card">
        <h2 id="email-choices-heading">{t('delivery.title')}</h2>
        {preferences.error ? <ErrorBanner error={preferences.error} onRetry={preferences.reload} /> : null}
        {!preferences.data && !preferences.error ? <Loading>{t('inbox.loadingChoices')}</Loading> : null}
        {preferences.data ? (
          <>
            <p className="muted">{t('inbox.for', { email: preferences.data.email })}</p>
            <DeliveryForm
              delivery={preferences.data.delivery}
              language={preferences.data.language}
              onSave={async (choice) => preferences.set(await api.putMyMessagePreferences(choice))}
            />
          </>
        ) : null}
      </section>
    </>
  );
}
