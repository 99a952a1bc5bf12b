import { useState } from 'react';
import type { Placement, PlacementStatus } from '@launchpath/contracts';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useCursorList } from '../../shared/api/useCursorList';
import { useResource } from '../../shared/api/useResource';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { LoadMore } from '../../shared/components/LoadMore';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDate, hoursText } from '../../shared/format';
import { placementStatusLabels } from './placements';

/** Where each status stands for the person: applied and waiting, going ahead, or over. */
const applications: readonly PlacementStatus[] = ['requested', 'accepted'];
const going: readonly PlacementStatus[] = ['proposed', 'approved', 'agreementPending', 'active'];

/**
 * A student's own applications and placements, or a guardian's children's, as cards: each with where it stands and
 * the next step, the consent a guardian is asked for, hours so far, and Withdraw for what is still open.
 */
export function MyPlacementsPage({ guardian }: { guardian?: boolean }) {
  const { t } = useTranslation();
  const list = useCursorList('my-placements', (api, cursor, signal) => api.listPlacements(undefined, undefined, undefined, 50, cursor, signal));
  const [changed, setChanged] = useState<Record<string, Placement>>({});
  const [notice, setNotice] = useState<string>();
  const onChanged = (p: Placement) => {
    setChanged((c) => ({ ...c, [p.id]: p }));
    setNotice(t('myPlacements.withdrawn'));
  };
  const items = list.items.map((p) => changed[p.id] ?? p);
  const children = [...new Map(items.map((p) => [p.studentId, p.studentName])).entries()];

  return (
    <>
      <div className="page-header">
        <h1>{t(guardian ? 'family.title' : 'myPlacements.title')}</h1>
        <p className="muted">{t(guardian ? 'family.intro' : 'myPlacements.intro')}</p>
      </div>
      {list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      <Notice>{notice}</Notice>
      {list.status === 'loading' ? <Loading>{t('myPlacements.loading')}</Loading> : null}
      {list.status === 'ready' && items.length === 0 ? (
        <p className="card muted">{t(guardian ? 'family.none' : 'myPlacements.none')}</p>
      ) : null}
      {guardian
        ? children.map(([studentId, name]) => (
            <section key={studentId} className="family__child" aria-labelledby={`child-${studentId}`}>
              <h2 id={`child-${studentId}`}>{name}</h2>
              <ChildHours studentId={studentId} />
              <Groups items={items.filter((p) => p.studentId === studentId)} guardian onChanged={onChanged} />
            </section>
          ))
        : <Groups items={items} onChanged={onChanged} />}
      <LoadMore hasMore={list.hasMore} loading={list.status === 'loadingMore'} onLoadMore={list.loadMore} />
    </>
  );
}

function Groups({ items, guardian, onChanged }: { items: Placement[]; guardian?: boolean; onChanged: (p: Placement) => void }) {
  const { t } = useTranslation();
  // Under a guardian's child (h2) the groups are h3; on a student's page, h2.
  const GroupHeading = guardian ? 'h3' : 'h2';
  const groups: [string, Placement[]][] = [
    ['myPlacements.applications', items.filter((p) => applications.includes(p.status))],
    ['myPlacements.going', items.filter((p) => going.includes(p.status))],
    ['myPlacements.earlier', items.filter((p) => !applications.includes(p.status) && !going.includes(p.status))],
  ];
  return (
    <>
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <div key={title}>
            <GroupHeading className="cards__heading">{t(title)}</GroupHeading>
            <ul className="cards" aria-label={t(title)}>
              {list.map((p) => (
                <PlacementCard key={p.id} placement={p} guardian={guardian} onChanged={onChanged} />
              ))}
            </ul>
          </div>
        ))}
    </>
  );
}

function ChildHours({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const hours = useResource(`hours-of:${studentId}`, (api, signal) => api.getStudentHours(studentId, signal));
  if (!hours.data) return null;
  return <p className="muted">{t('family.hours', { hours: hoursText(hours.data.approvedMinutes) })}</p>;
}

function PlacementCard({ placement: p, guardian, onChanged }: { placement: Placement; guardian?: boolean; onChanged: (p: Placement) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const consent = p.acknowledgeAs === 'guardian';
  const CardHeading = guardian ? 'h4' : 'h3';
  const mayWithdraw = !guardian && p.allowedActions.includes('withdraw');

  const withdraw = () => {
    setConfirming(false);
    void action.run(async () => {
      const updated = await api.withdrawPlacement(p.id, { reason: reason.trim() || undefined });
      onChanged(updated);
    });
  };

  return (
    <li className="card">
      <div className="card__header">
        <CardHeading>
          <a href={`#/placements/${p.id}`}>{p.opportunityTitle}</a>
        </CardHeading>
        <span className={`tag tag--placement-${p.status}`}>{placementStatusLabels[p.status]}</span>
      </div>
      <p className="muted">
        {p.employerName}
        {p.expiresOn && applications.includes(p.status) ? ` · ${t('myPlacements.decideBy', { date: formatDate(p.expiresOn) })}` : null}
      </p>
      <p>{t(`${guardian ? 'family' : 'myPlacements'}.next.${p.status}`, { employer: p.employerName, student: p.studentName })}</p>
      {p.decisionReason ? <p className="muted">{t('myPlacements.reason', { reason: p.decisionReason })}</p> : null}
      {consent ? (
        <p className="banner banner--warning">
          <a href={`#/placements/${p.id}`}>{t('family.consent')}</a>
        </p>
      ) : null}
      {action.error ? <ErrorBanner error={action.error} /> : null}
      {mayWithdraw ? (
        <p>
          <button type="button" className="button button--secondary" disabled={action.busy} onClick={() => setConfirming(true)}>
            {t(applications.includes(p.status) ? 'myPlacements.withdrawApplication' : 'myPlacements.withdraw')}
            <span className="visually-hidden"> {p.opportunityTitle}</span>
          </button>
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t('myPlacements.confirmTitle', { title: p.opportunityTitle })}
        confirmLabel={t('myPlacements.withdraw')}
        onConfirm={withdraw}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('myPlacements.confirmBody', { employer: p.employerName })}</p>
        <Field label={t('myPlacements.why')}>
          <textarea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </ConfirmDialog>
    </li>
  );
}
