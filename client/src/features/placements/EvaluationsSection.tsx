import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import type { Evaluation, Placement, Rubric } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDate } from '../../shared/format';
import { EvaluationForm } from './EvaluationForm';
import { describeAverage, describeCriterion, describeLevel, evaluationKindLabels, remainingKinds } from './evaluations';
import { DataTable } from '../../shared/components/DataTable';

/**
 * The employer's evaluations of the student against the region's rubric (skills validated at work), for everyone who
 * sees the placement; the employer's staff submit the midpoint and the final one.
 */
export function EvaluationsSection({ placement }: { placement: Placement }) {
  const { t } = useTranslation();
  const api = useApi();
  const evaluations = useResource(`evaluations:${placement.id}`, (a, signal) => a.listEvaluations(placement.id, signal));
  // The rubric is the region's; a placement names its opportunity, whose region it is.
  const rubric = useResource(`rubric:${placement.opportunityId}`, async (a, signal) => {
    const opportunity = await a.getOpportunity(placement.opportunityId, signal);
    return a.getRubric(opportunity.regionId, signal);
  });
  const [notice, setNotice] = useState<string>();
  const list = evaluations.data;
  const kinds = list ? remainingKinds(list) : [];
  const canEvaluate = placement.allowedActions.includes('evaluate') && kinds.length > 0;

  return (
    <section aria-labelledby="evaluations-heading">
      <h2 id="evaluations-heading">{t('evaluations.title')}</h2>
      <p className="muted">{t('evaluations.intro')}</p>
      {evaluations.error ? <ErrorBanner error={evaluations.error} onRetry={evaluations.reload} /> : null}
      {!list && !evaluations.error ? <Loading>{t('evaluations.loading')}</Loading> : null}
      <Notice>{notice}</Notice>
      {list && list.length === 0 ? <p>{t('evaluations.none')}</p> : null}
      {list?.map((e) => <EvaluationCard key={e.id} evaluation={e} rubric={rubric.data} />)}
      {canEvaluate ? (
        rubric.data ? (
          <EvaluationForm
            key={kinds.join()}
            rubric={rubric.data}
            kinds={kinds}
            onSubmit={async (body) => {
              const submitted = await api.submitEvaluation(placement.id, body);
              evaluations.set([...(evaluations.data ?? []), submitted]);
              setNotice(`${evaluationKindLabels[submitted.kind]} submitted.`);
            }}
          />
        ) : rubric.error ? (
          <ErrorBanner error={{ ...rubric.error, message: `The rubric could not be loaded: ${rubric.error.message}` }} onRetry={rubric.reload} />
        ) : (
          <Loading>Loading the rubric…</Loading>
        )
      ) : null}
    </section>
  );
}

function EvaluationCard({ evaluation, rubric }: { evaluation: Evaluation; rubric: Rubric | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();
  const category = (id: string) => rubric?.criteria.find((c) => c.id === id)?.category ?? '';
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{evaluationKindLabels[evaluation.kind]}</h3>
      <dl className="facts">
        <div>
          <dt>{t('evaluations.by')}</dt>
          <dd>{evaluation.evaluatorName}</dd>
        </div>
        <div>
          <dt>{t('evaluations.on')}</dt>
          <dd>{formatDate(evaluation.submittedAt)}</dd>
        </div>
        <div>
          <dt>{t('evaluations.average')}</dt>
          <dd>{describeAverage(evaluation.averageLevel, rubric)}</dd>
        </div>
      </dl>
      <DataTable
        caption={<>{t('evaluations.caption', { kind: evaluationKindLabels[evaluation.kind].toLowerCase(), rubric: evaluation.rubricName })}</>}
        columns={[
          { header: t('evaluations.skill'), rowHeader: true, cell: (r) => describeCriterion(rubric, r.criterionId) },
          { header: t('evaluations.category'), cell: (r) => category(r.criterionId) },
          { header: t('evaluations.rating'), cell: (r) => describeLevel(rubric, r.level) },
        ]}
        rows={evaluation.ratings}
        rowKey={(r) => r.criterionId}
      />
      {evaluation.comments ? (
        <p className="reflection__text">
          <strong>{t('evaluations.comments')}</strong> {evaluation.comments}
        </p>
      ) : null}
    </article>
  );
}
