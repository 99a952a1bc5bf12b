import { useState } from 'react';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import '../../shared/admin.css';
import { RubricForm } from './RubricForm';

/** The region's evaluation rubric (criteria by category, and the rating scale), for its curators. */
export function RubricEditor({ regionId }: { regionId: string }) {
  const rubric = useResource(`rubric:${regionId}`, (api, signal) => api.getRubric(regionId, signal));
  const [saved, setSaved] = useState(0);
  const [notice, setNotice] = useState<string>();
  return (
    <section className="card" aria-labelledby="rubric-heading">
      <h2 id="rubric-heading">Evaluation rubric</h2>
      <p className="field__hint">
        What employers rate at the midpoint and the end of a placement, and the scale they rate on. Evaluations already made keep the rubric they were
        made with.
      </p>
      <Notice>{notice}</Notice>
      {rubric.status === 'error' && rubric.error ? <ErrorBanner error={rubric.error} onRetry={rubric.reload} /> : null}
      {rubric.status === 'loading' && !rubric.data ? <Loading>Loading the rubric…</Loading> : null}
      {rubric.data ? (
        <RubricForm
          key={`${saved}:${rubric.data.version}`}
          regionId={regionId}
          rubric={rubric.data}
          onEdit={() => setNotice(undefined)}
          onConflict={() => {
            setNotice('Someone else changed the rubric after you opened it. The latest rubric is shown: make your changes again.');
            rubric.reload();
          }}
          onSaved={(next) => {
            rubric.set(next);
            setSaved((n) => n + 1);
            setNotice('The rubric is saved. New evaluations use it.');
          }}
        />
      ) : null}
    </section>
  );
}
