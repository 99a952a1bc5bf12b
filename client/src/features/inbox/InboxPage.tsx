import type { ActionItem, ActionKind } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';
import { DeliveryForm } from './DeliveryForm';

/** What each kind of waiting work is called, and where it is done. */
const actionTexts: Record<ActionKind, { one: string; many: (n: number) => string; page: string }> = {
  decideApplicants: { one: 'An application to accept or decline', many: (n) => `${n} applications to accept or decline`, page: '#/applicants' },
  approvePlacements: { one: 'A placement to approve', many: (n) => `${n} placements to approve`, page: '#/placements' },
  writeAgreements: { one: 'A training agreement to write', many: (n) => `${n} training agreements to write`, page: '#/placements' },
  followUpAgreements: { one: 'An agreement waiting for acknowledgements', many: (n) => `${n} agreements waiting for acknowledgements`, page: '#/placements' },
  renewApprovals: { one: 'An approval that lapses within a week', many: (n) => `${n} approvals that lapse within a week`, page: '#/placements' },
  acknowledgeAsSupervisor: { one: 'An agreement to acknowledge as the supervisor', many: (n) => `${n} agreements to acknowledge as the supervisor`, page: '#/placements' },
  approveHours: { one: 'Hours to approve', many: (n) => `${n} hours entries to approve`, page: '#/placements' },
  acknowledgeAsStudent: { one: 'Your training agreement to acknowledge', many: (n) => `${n} training agreements to acknowledge`, page: '#/placements' },
  acknowledgeAsGuardian: { one: 'Your child’s training agreement to acknowledge', many: (n) => `${n} training agreements to acknowledge`, page: '#/placements' },
  curateOpportunities: { one: 'An opportunity to review', many: (n) => `${n} opportunities to review`, page: '#/curation' },
  writeReflections: { one: 'A placement to reflect on', many: (n) => `${n} placements to reflect on`, page: '#/placements' },
};

/** Where an item leads: the one placement concerned, else the page where that work is done. */
export function actionLink(item: ActionItem): string {
  const text = actionTexts[item.kind];
  return item.placementIds.length === 1 && text.page === '#/placements' ? `#/placements/${item.placementIds[0]}` : text.page;
}

export function actionLabel(item: ActionItem): string {
  const text = actionTexts[item.kind];
  return item.count === 1 ? text.one : text.many(item.count);
}

/** The signed-in person's inbox: what waits for them, and the messages LaunchPath sent them (read and unread). */
export function InboxPage({ onRead }: { onRead: () => void }) {
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
      <h1>Inbox</h1>
      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading">Needs your action</h2>
        {actions.error ? <ErrorBanner error={actions.error} onRetry={actions.reload} /> : null}
        {!actions.data && !actions.error ? <Loading>Loading what waits for you…</Loading> : null}
        {actions.data && actions.data.length === 0 ? <p className="muted">Nothing waits for you now.</p> : null}
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
        <h2 id="notifications-heading">Messages</h2>
        {notifications.error ? <ErrorBanner error={notifications.error} onRetry={notifications.reload} /> : null}
        {marking.error ? <ErrorBanner error={marking.error} /> : null}
        {!notifications.data && !notifications.error ? <Loading>Loading your messages…</Loading> : null}
        {notifications.data ? (
          <>
            <p role="status">
              {notifications.data.unread === 0 ? 'No unread messages.' : `${notifications.data.unread} unread ${notifications.data.unread === 1 ? 'message' : 'messages'}.`}
            </p>
            {notifications.data.unread > 0 ? (
              <p>
                <button type="button" className="button button--secondary" disabled={marking.busy} onClick={() => void mark()}>
                  Mark all read
                </button>
              </p>
            ) : null}
            {notifications.data.items.length === 0 ? <p className="muted">LaunchPath has not emailed you anything yet.</p> : null}
            <ul className="inbox__list" aria-label="Messages sent to you">
              {notifications.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
                  <p>
                    {n.readAt ? null : <span className="visually-hidden">Unread: </span>}
                    {n.placementId ? <a href={`#/placements/${n.placementId}`}>{n.subject}</a> : <span>{n.subject}</span>}
                  </p>
                  <p className="muted">
                    {formatDateTime(n.createdAt)}
                    {n.readAt ? null : (
                      <>
                        {' · '}
                        <button type="button" className="link-button" aria-label={`Mark read: ${n.subject}`} disabled={marking.busy} onClick={() => void mark(n.id)}>
                          Mark read
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
        <h2 id="email-choices-heading">Email choices</h2>
        {preferences.error ? <ErrorBanner error={preferences.error} onRetry={preferences.reload} /> : null}
        {!preferences.data && !preferences.error ? <Loading>Loading your choices…</Loading> : null}
        {preferences.data ? (
          <>
            <p className="muted">For {preferences.data.email}.</p>
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
