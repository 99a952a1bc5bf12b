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
          <a href="#/placements">All placements</a>
        </p>
        <h1>Placement not found</h1>
        <p>No placement you may see has this address. It may have been mistyped, or belong to a school or employer you do not work with.</p>
      </>
    ) : (
      <ErrorBanner error={placement.error} onRetry={placement.reload} />
    );
  }
  if (!p) {
    return <p className="muted" role="status">Loading the placement…</p>;
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
        <a href="#/placements">All placements</a>
      </p>
      <h1>{p.opportunityTitle}</h1>
      <dl className="card">
        <dt>Status</dt>
        <dd data-testid="placement-status">{placementStatusLabels[p.status]}{p.expired ? ' (approval expired)' : ''}</dd>
        <dt>Student</dt>
        <dd>
          {p.studentName}, {gradeLabel(p.studentGrade).toLowerCase()}, {p.schoolName}
          {p.classTitle ? ` · connected to ${p.classTitle}${p.courseTitle ? ` (${p.courseTitle})` : ''}` : ''}
          {p.studentEmail ? ` (${p.studentEmail})` : ''}
        </dd>
        <dt>Opportunity</dt>
        <dd>{p.opportunityTitle}</dd>
        <dt>Employer</dt>
        <dd>{p.employerName}</dd>
        <dt>Expires</dt>
        <dd>{p.expiresOn ? formatDate(p.expiresOn) : '—'}</dd>
        {p.decisionReason ? (
          <>
            <dt>Reason</dt>
            <dd>{p.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {error ? <ErrorBanner error={error} /> : null}
      <Notice>{notice}</Notice>

      <section aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">Training agreement</h2>
        {agreement ? (
          <div className="card">
            <h3>Learning objectives</h3>
            <ul>
              {agreement.terms.objectives.map((o, i) => (
                <li key={i}>{o.description}</li>
              ))}
            </ul>
            <dl>
              <dt>Supervisor</dt>
              <dd>
                {agreement.terms.supervisorName} ({agreement.terms.supervisorEmail})
              </dd>
              <dt>Compensation</dt>
              <dd>{agreement.terms.compensation}</dd>
              <dt>Credit</dt>
              <dd>{agreement.terms.credit}</dd>
            </dl>
            <h3>Acknowledgements</h3>
            <ul aria-label="Acknowledgements">
              {agreement.requiredParties.map((required) => {
                const done = agreement.acknowledgements.find((a) => a.party === required);
                return (
                  <li key={required}>
                    {partyLabels[required]}: {done ? `acknowledged by ${done.name} on ${formatDateTime(done.at)}` : 'not yet acknowledged'}
                  </li>
                );
              })}
            </ul>
          </div>
        ) : (
          <p>No agreement has been written yet.</p>
        )}
      </section>

      {actions.length > 0 ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">Actions</h2>
          {actions.includes('accept') ? (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => run('Accepted.', (a) => a.acceptPlacement(p.id))}>
                Accept placement
              </button>
            </p>
          ) : null}
          {actions.includes('decline') ? (
            <ReasonForm label="Reason for declining" button="Decline placement" busy={busy} onSubmit={(reason) => run('Declined.', (a) => a.declinePlacement(p.id, { reason }))} />
          ) : null}
          {actions.includes('approve') ? <ApproveForm busy={busy} onSubmit={(expiresOn) => run('Approved.', (a) => a.approvePlacement(p.id, { expiresOn }))} /> : null}
          {actions.includes('writeAgreement') ? (
            <AgreementForm
              initial={draftFrom(agreement?.terms)}
              busy={busy}
              errors={error?.fieldErrors ?? {}}
              onSubmit={(draft) => run('Agreement saved.', (a) => a.writeAgreement(p.id, toAgreementRequest(draft, agreement?.terms.schedule)))}
            />
          ) : null}
          {actions.includes('createLink') ? <LinkForm placementId={p.id} parties={linkParties(agreement)} onError={setError} /> : null}
          {actions.includes('acknowledge') && party ? (
            <p>
              <button type="button" className="button" disabled={busy} onClick={() => run('Acknowledged.', (a) => a.acknowledgeAgreement(p.id, { party }))}>
                Acknowledge as {partyLabels[party].toLowerCase()}
              </button>
            </p>
          ) : null}
          {actions.includes('complete') ? (
            <CompleteButton gaps={p.completionGaps ?? []} busy={busy} onComplete={(reason) => run('Completed.', (a) => a.completePlacement(p.id, { reason }))} />
          ) : null}
          {actions.includes('withdraw') ? (
            <ReasonForm label="Reason for withdrawing" button="Withdraw placement" busy={busy} onSubmit={(reason) => run('Withdrawn.', (a) => a.withdrawPlacement(p.id, { reason }))} />
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
