import type { QualityCriterion } from '@launchpath/contracts';

/** Which of the field's quality criteria the opportunity meets, with what would meet the others. */
export function QualityList({ criteria }: { criteria: readonly QualityCriterion[] | null | undefined }) {
  if (!criteria || criteria.length === 0) return null;
  const met = criteria.filter((c) => c.met).length;
  return (
    <div className="quality" data-testid="quality">
      <p>
        <strong>
          Quality criteria: {met} of {criteria.length} met
        </strong>
      </p>
      <ul className="list">
        {criteria.map((c) => (
          <li key={c.key}>
            {c.met ? '✓' : '✗'} {c.name}
            {c.hint ? <span className="muted"> — {c.hint}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
