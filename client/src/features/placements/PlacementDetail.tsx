import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { Placement } from '@launchpath/contracts';
import type { Api } from '../../shared/api/client';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Notice } from '../../shared/components/Notice';
import { formatDate, formatDateTime, gradeLabel } from '../../shared/format';
import { EvaluationsSection } from './EvaluationsSection';
import { HoursSection } from './HoursSection';
import { ReflectionsSection } from './ReflectionsSection';
import { draftFrom, linkParties, partyLabels, placementStatusLabels, toAgreementRequest } from './placements';
import { ReasonForm, ApproveForm, AgreementForm, LinkForm, CompleteButton } from './PlacementForms';

/** One placement: what it is, its agreement and acknowledgements, and the actions the caller's role allows. */
export function PlacementDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const placement = useResource(`placement:${id}`, (api, signal) => api.getPlacement(id, signal));
  const api = useApi();
  const { busy, error, setError, run: runAction } = useAction();
  const [notice, setNotice] = useState<string>();

  // The placement shown is the one asked for: while another loads, or when it cannot be shown, the last one is not.
  const p = placement.data?.id === id ? placement.data : undefined;
  if (placement.status === 'error' && placement.error) {
    return placement.error.status === 404 ? (
      <>
        <p>
          <a href="#/placements">{t('placement.all')}</a>
        </p>
        <h1>{t('placement.notFound')}</h1>
        <p>{t('placement.notFoundWhy')}</p>
      </>
    ) : (
      <ErrorBanner error={placement.error} onRetry={placement.reload} />
    );
  }
  if (!p) {
    return <p className="muted" role="status">{t('placement.loading')}</p>;
  }

  /** Runs one action; the placement it returns replaces the one shown. */
  const run = (done: string, call: (api: Api) => Promise<Placement>) =>
    runAction(async () => {
      setNotice(undefined);
      placement.set(await call(api));
      setNotice(done);
    });

  // What the API says this caller may do now; nothing else is offered.
  const actions = p.allowedActions;
  const party = p.acknowledgeAs ?? undefined;
  const agreement = p.agreement;
  return (
    <>
      <p>
        <a href="#/placements">{t('placement.all')}</a>
      </p>
      <h1>{p.opportunityTitle}</h1>
      <dl className="card">
        <dt>{t('placement.status')}</dt>
        <dd data-testid="placement-status">{placementStatusLabels[p.status]}{p.expired ? ` ${t('placement.expired')}` : ''}</dd>
        <dt>{t('placement.student')}</dt>
        <dd>
          {p.studentName}, {gradeLabel(p.studentGrade).toLowerCase()}, {p.schoolName}
          {p.classTitle ? ` · ${t('placement.connectedTo', { title: `${p.classTitle}${p.courseTitle ? ` (${p.courseTitle})` : ''}` })}` : ''}
          {p.studentEmail ? ` (${p.studentEmail})` : ''}
        </dd>
        <dt>{t('placement.opportunity')}</dt>
        <dd>{p.opportunityTitle}</dd>
        <dt>{t('opportunity.employer')}</dt>
        <dd>{p.employerName}</dd>
        <dt>{t('placement.expires')}</dt>
        <dd>{p.expiresOn ? formatDate(p.expiresOn) : '—'}</dd>
        {p.decisionReason ? (
          <>
            <dt>{t('hours.reason')}</dt>
            <dd>{p.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {error ? <ErrorBanner error={error} /> : null}
      <Notice>{notice}</Notice>

      <section aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">{t('placement.agreement')}</h2>
        {agreement ? (
          <div className="card">
            <h3>{t('agreement.objectives')}</h3>
            <ul>
              {agreement.terms.objectives.map((o, i) => (
                <li key={i}>{o.description}</li>
              ))}
            </ul>
            <dl>
              <dt>{t('agreement.supervisor')}</dt>
              <dd>
                {agreement.terms.supervisorName} ({agreement.terms.supervisorEmail})
              </dd>
              <dt>{t('agreement.compensation')}</dt>
              <dd>{agreement.terms.compensation}</dd>
              <dt>{t('agreement.credit')}</dt>
              <dd>{agreement.terms.credit}</dd>
            </dl>
            <h3>{t('placement.acknowledgements')}</h3>
            <ul aria-label={t('placement.acknowledgements')}>
              {agreement.requiredParties.map((required) => {
                const done = agreement.acknowledgements.find((a) => a.party === required);
                return (
                  <li key={required}>
                    {partyLabels[required]}: {done ? t('placement.acknowledgedBy', { name: done.name, date: formatDateTime(done.at) }) : t('placement.notYetAcknowledged')}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : (
          <p>{t('placement.noAgreement')}</p>
        )}
      </section>

      {actions.length > 0 ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('placement.actions')}</h2>
          {actions.includes('accept') ? (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => run(t('placement.done.accepted'), (a) => a.acceptPlacement(p.id))}>
                {t('placement.accept')}
              </button>
            </p>
          ) : null}
          {actions.includes('decline') ? (
            <ReasonForm label={t('placement.declineReason')} button={t('placement.decline')} busy={busy} onSubmit={(reason) => run(t('placement.done.declined'), (a) => a.declinePlacement(p.id, { reason }))} />
          ) : null}
          {actions.includes('approve') ? <ApproveForm busy={busy} onSubmit={(expiresOn) => run(t('placement.done.approved'), (a) => a.approvePlacement(p.id, { expiresOn }))} /> : null}
          {actions.includes('writeAgreement') ? (
            <AgreementForm
              initial={draftFrom(agreement?.terms)}
              busy={busy}
              errors={error?.fieldErrors ?? {}}
              onSubmit={(draft) => run(t('placement.done.agreementSaved'), (a) => a.writeAgreement(p.id, toAgreementRequest(draft, agreement?.terms.schedule)))}
            />
          ) : null}
          {actions.includes('createLink') ? <LinkForm placementId={p.id} parties={linkParties(agreement)} onError={setError} /> : null}
          {actions.includes('acknowledge') && party ? (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => run(t('placement.done.acknowledged'), (a) => a.acknowledgeAgreement(p.id, { party }))}>
                {t('placement.acknowledgeAs', { party: partyLabels[party].toLowerCase() })}
              </button>
            </p>
          ) : null}
          {actions.includes('activate') ? (
            <div data-testid="activation">
              {(p.activationGaps ?? []).length > 0 ? (
                <div className="banner banner--warning">
                  <p>{t('placement.activationGaps')}</p>
                  <ul>
                    {(p.activationGaps ?? []).map((gap) => (
                      <li key={gap}>{gap}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <p>
                <button type="button" className="button" disabled={busy} onClick={() => run(t('placement.done.activated'), (a) => a.activatePlacement(p.id))}>
                  {t('placement.activate')}
                </button>
              </p>
            </div>
          ) : null}
          {actions.includes('complete') ? (
            <CompleteButton gaps={p.completionGaps ?? []} busy={busy} onComplete={(reason) => run(t('placement.done.completed'), (a) => a.completePlacement(p.id, { reason }))} />
          ) : null}
          {actions.includes('withdraw') ? (
            <ReasonForm label={t('placement.withdrawReason')} button={t('placement.withdraw')} busy={busy} onSubmit={(reason) => run(t('placement.done.withdrawn'), (a) => a.withdrawPlacement(p.id, { reason }))} />
          ) : null}
        </section>
      ) : null}

      {p.status === 'active' || p.status === 'completed' ? <FollowThrough key={p.id} placement={p} /> : null}
    </>
  );
}

/** What happens once a placement is under way: hours, the employer's evaluations, the student's reflections. */
function FollowThrough({ placement }: { placement: Placement }) {
  return (
    <div className="follow-through">
      <HoursSection placement={placement} />
      <EvaluationsSection placement={placement} />
      <ReflectionsSection placement={placement} />
    </div>
  );
}
