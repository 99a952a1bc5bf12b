import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TripPermissionView } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { sessionWhen } from './SessionPage';

/**
 * The page a guardian's permission link opens, without signing in: the trip their child is registered for, and their
 * answer — permission given or refused — signed with their name. They may change it until the trip starts.
 */
export function PermissionLinkPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const linked = useResource(`permission-link:${token}`, (a, signal) => a.getTripPermissionLink(token, signal));
  const answer = useAction();
  const [name, setName] = useState('');
  const [answered, setAnswered] = useState<TripPermissionView>();

  if (linked.error && !answered) {
    return linked.error.status === 404 ? (
      <div className="public-page">
        <h1>{t('permissionLink.notFoundTitle')}</h1>
        <p>{t('permissionLink.notFound')}</p>
      </div>
    ) : (
      <ErrorBanner error={linked.error} onRetry={linked.reload} />
    );
  }

  if (!linked.data) return <Loading>{t('permissionLink.loading')}</Loading>;
  const trip = answered ?? linked.data;
  const send = (granted: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    void answer.run(async () => setAnswered(await api.answerTripPermissionLink(token, { granted, guardianName: name.trim() })));
  };

  return (
    <div className="public-page">
      <h1>{t('permissionLink.title', { student: trip.studentFirstName })}</h1>
      <p>{t('permissionLink.intro', { student: trip.studentFirstName, opportunity: trip.opportunityTitle, employer: trip.employerName })}</p>
      <dl className="details card">
        <div>
          <dt>{t('events.when')}</dt>
          <dd>{sessionWhen(trip)}</dd>
        </div>
        <div>
          <dt>{t('events.where')}</dt>
          <dd>{trip.location ?? t('events.online')}</dd>
        </div>
        <div>
          <dt>{t('permissionLink.decision')}</dt>
          <dd data-testid="permission-decision">{t(`permissionLink.state.${trip.decision ?? 'pending'}`)}</dd>
        </div>
      </dl>
      <div role="status" className="form__status">
        {answered ? <p className="banner banner--success">{t(answered.decision === 'granted' ? 'permissionLink.thanksGranted' : 'permissionLink.thanksRefused')}</p> : null}
      </div>
      {answer.error ? <ErrorBanner error={answer.error} /> : null}
      <form className="form card" onSubmit={send(true)}>
        <label htmlFor="guardian-name">{t('permissionLink.name')}</label>
        <input id="guardian-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={200} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={answer.busy || !name.trim()}>
            {t('permissionLink.grant')}
          </button>
          <button type="button" className="button button--secondary" disabled={answer.busy || !name.trim()} onClick={() => send(false)()}>
            {t('permissionLink.refuse')}
          </button>
        </div>
      </form>
    </div>
  );
}
