import { useState } from 'react';
import type { OpportunityTemplate } from '@launchpath/contracts';
import { useResource } from '../../shared/api/useResource';
import type { OpportunityDraft } from './opportunityForm';

/**
 * "Start from a template": the region's job description templates (tasks, skills to be gained, supervision, pay or
 * credit) fill the form, so the quality criteria are met by construction; the employer then makes it its own.
 */
export function TemplatePicker({ draft, onUse }: { draft: OpportunityDraft; onUse: (draft: OpportunityDraft) => void }) {
  const templates = useResource('opportunity-templates', (a, signal) => a.listOpportunityTemplates(undefined, undefined, signal));
  const [key, setKey] = useState('');
  if (!templates.data || templates.data.length === 0) return null;
  const chosen = templates.data.find((t) => t.key === key);
  return (
    <fieldset className="form-section">
      <legend>Start from a template</legend>
      <div className="form__row">
        <label>
          Template{' '}
          <select value={key} onChange={(e) => setKey(e.target.value)}>
            <option value="">Choose a template…</option>
            {templates.data.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--secondary" disabled={!chosen} onClick={() => chosen && onUse(fromTemplate(draft, chosen))}>
          Use this template
        </button>
      </div>
      {chosen ? (
        <p className="field__hint">
          Supervision: {chosen.supervision} Schedule: {chosen.schedule}. Learning objectives for the training agreement: {chosen.learningObjectives.join('; ')}.
        </p>
      ) : null}
    </fieldset>
  );
}

export function fromTemplate(draft: OpportunityDraft, t: OpportunityTemplate): OpportunityDraft {
  return {
    ...draft,
    title: t.title,
    description: t.description,
    duties: t.duties,
    type: t.type,
    stage: t.stage,
    careerCluster: t.careerCluster ?? draft.careerCluster,
    skills: t.skills.join(', '),
    compensation: t.compensation,
    creditOffered: t.creditOffered,
    creditDescription: t.creditDescription ?? '',
    expectedHours: t.expectedHours ? String(t.expectedHours) : draft.expectedHours,
  };
}
