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
      <h2 id="evaluations-heading">Evaluations</h2>
      <p className="muted">The employer rates the student’s skills against the region’s rubric at the midpoint and at the end of the placement.</p>
      {evaluations.error ? <ErrorBanner error={evaluations.error} onRetry={evaluations.reload} /> : null}
      {!list && !evaluations.error ? <Loading>Loading the evaluations…</Loading> : null}
      <Notice>{notice}</Notice>
      {list && list.length === 0 ? <p>No evaluations yet.</p> : null}
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
  const headingId = useId();
  const category = (id: string) => rubric?.criteria.find((c) => c.id === id)?.category ?? '';
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{evaluationKindLabels[evaluation.kind]}</h3>
      <dl className="facts">
        <div>
          <dt>By</dt>
          <dd>{evaluation.evaluatorName}</dd>
        </div>
        <div>
          <dt>On</dt>
          <dd>{formatDate(evaluation.submittedAt)}</dd>
        </div>
        <div>
          <dt>Average</dt>
          <dd>{describeAverage(evaluation.averageLevel, rubric)}</dd>
        </div>
      </dl>
      <DataTable
        caption={<>Ratings, {evaluationKindLabels[evaluation.kind].toLowerCase()} ({evaluation.rubricName})</>}
        columns={[
          { header: 'Skill', rowHeader: true, cell: (r) => describeCriterion(rubric, r.criterionId) },
          { header: 'Category', cell: (r) => category(r.criterionId) },
          { header: 'Rating', cell: (r) => describeLevel(rubric, r.level) },
        ]}
        rows={evaluation.ratings}
        rowKey={(r) => r.criterionId}
      />
      {evaluation.comments ? (
        <p className="reflection__text">
          <strong>Comments:</strong> {evaluation.comments}
        </p>
      ) : null}
    </article>
  );
}
