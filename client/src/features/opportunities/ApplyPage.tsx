import { Trans, useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import type { Placement } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { OpportunityDetails } from '../../shared/opportunities/OpportunityDetails';
import { ReasonList } from '../../shared/opportunities/ReasonList';
import { reasonText } from '../../shared/opportunities/reasons';

/**
 * One opportunity as a student weighs it: everything about it, whether they may have it (by the API's own rule:
 * `GET …/fit`) and why not, the reasons it fits or not, the seats left — and Apply, with a note to the employer, or a
 * link to the application they already made.
 */
export function ApplyPage({ studentId, opportunityId, back }: { studentId: string; opportunityId: string; back: { href: string; label: string } }) {
  const { t } = useTranslation();
  const api = useApi();
  const opportunity = useResource(`opportunity:${opportunityId}`, (a, signal) => a.getOpportunity(opportunityId, signal));
  const fit = useResource(`fit:${studentId}:${opportunityId}`, (a, signal) => a.getOpportunityFit(studentId, opportunityId, signal));
  const [note, setNote] = useState('');
  const [applied, setApplied] = useState<Placement>();
  const { busy, error, run } = useAction();

  const o = opportunity.data?.id === opportunityId ? opportunity.data : undefined;
  const f = fit.data?.opportunityId === opportunityId ? fit.data : undefined;
  if (opportunity.status === 'error' && opportunity.error) {
    return (
      <>
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
        {opportunity.error.status === 404 ? (
          <>
            <h1>{t('student.apply.notFound')}</h1>
            <p>{t('student.apply.notFoundWhy')}</p>
          </>
        ) : (
          <ErrorBanner error={opportunity.error} onRetry={opportunity.reload} />
        )}
      </>
    );
  }
  if (!o) return <Loading>{t('student.apply.loading')}</Loading>;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const placement = await api.createPlacement({ opportunityId, studentId, note: note.trim() || undefined });
      setApplied(placement);
      fit.reload();
    });
  };
  const placementId = applied?.id ?? f?.placementId;

  return (
    <>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <div className="page-header">
        <h1>{o.fields.title}</h1>
        <p className="muted">{o.employerName}</p>
      </div>
      <section className="card" aria-labelledby="fit-heading">
        <h2 id="fit-heading">{t('student.apply.forYou')}</h2>
        {fit.status === 'error' && fit.error ? <ErrorBanner error={fit.error} onRetry={fit.reload} /> : null}
        {!f && fit.status !== 'error' ? <Loading>{t('student.apply.checking')}</Loading> : null}
        {f ? (
          <>
            <p data-testid="seats-left">{f.seatsLeft > 0 ? t('student.apply.seatsLeft', { count: f.seatsLeft }) : t('student.apply.noSeats')}</p>
            {f.eligible ? <ReasonList reasons={f.reasons} /> : <p className="banner banner--warning">{t('student.apply.cannot', { reason: f.ineligible ? reasonText(f.ineligible) : f.ineligibleReason })}</p>}
            {placementId ? (
              <p>
                <Trans i18nKey="student.apply.applied" components={{ follow: <a href={`#/placements/${placementId}`} /> }} />
              </p>
            ) : f.round && f.eligible ? (
              <p className="banner banner--info">
                {f.round.takesChoices ? (
                  <Trans i18nKey="student.apply.inRound" values={{ round: f.round.name }} components={{ rank: <a href={`#/my-rounds/${f.round.roundId}`} /> }} />
                ) : (
                  t('student.apply.roundMatching', { round: f.round.name })
                )}
              </p>
            ) : f.eligible ? (
              <form onSubmit={apply} aria-label={t('student.apply.apply')} className="form">
                <Field label={t('student.apply.note')} hint={t('student.apply.noteHint')}>
                  <textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
                </Field>
                {error ? <ErrorBanner error={error} /> : null}
                <p>
                  <button type="submit" className="button" disabled={busy}>
                    {t('student.apply.apply')}
                  </button>
                </p>
              </form>
            ) : null}
            <Notice>{applied ? t('student.apply.done') : undefined}</Notice>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="about-heading">
        <h2 id="about-heading">{t('student.apply.about')}</h2>
        <OpportunityDetails opportunity={o} />
      </section>
    </>
  );
}
