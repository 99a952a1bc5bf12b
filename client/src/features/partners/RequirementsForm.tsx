import { useState, type FormEvent } from 'react';
import type { PartnershipRequirements } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';

/**
 * What the region requires of its partners before students go there, and which of it blocks placements: an agreement
 * in force, a reviewed worksite and a cleared supervisor for minors, and which documents. The checklist and the
 * agreement template keep their text (changed through the API); this form turns the rules on and off.
 */
export function RequirementsForm({ regionId }: { regionId: string }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const current = useResource(`partnership-requirements:${regionId}:${version}`, (a, signal) => a.getPartnershipRequirements(regionId, signal));
  const save = useAction();
  const [draft, setDraft] = useState<PartnershipRequirements>();
  const [saved, setSaved] = useState(false);
  if (current.error) return <ErrorBanner error={current.error} onRetry={current.reload} />;
  if (!current.data) return <Loading>Loading the region's requirements…</Loading>;
  const rules = draft ?? current.data;
  const toggle = (key: 'agreementRequired' | 'worksiteChecklistForMinors' | 'supervisorClearanceForMinors') => setDraft({ ...rules, [key]: !rules[key] });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void save.run(async () => {
      await api.ifMatch(current.data!.version).updatePartnershipRequirements(regionId, {
        agreementRequired: rules.agreementRequired,
        worksiteChecklistForMinors: rules.worksiteChecklistForMinors,
        supervisorClearanceForMinors: rules.supervisorClearanceForMinors,
        documents: rules.documents,
        checklist: rules.checklist,
        agreementTemplate: rules.agreementTemplate,
      });
      setDraft(undefined);
      setSaved(true);
      setVersion((v) => v + 1);
    });
  };
  return (
    <details className="card">
      <summary>What the region requires of partners</summary>
      <form className="form" onSubmit={submit}>
        {save.error ? <ErrorBanner error={save.error} /> : null}
        <label className="check">
          <input type="checkbox" checked={rules.agreementRequired} onChange={() => toggle('agreementRequired')} /> A placement needs an employer–school agreement in force
        </label>
        <label className="check">
          <input type="checkbox" checked={rules.worksiteChecklistForMinors} onChange={() => toggle('worksiteChecklistForMinors')} /> A minor's in-person placement needs a worksite
          with an approved safety checklist
        </label>
        <label className="check">
          <input type="checkbox" checked={rules.supervisorClearanceForMinors} onChange={() => toggle('supervisorClearanceForMinors')} /> A minor's placement starts only with a
          cleared supervisor
        </label>
        <fieldset className="fieldset">
          <legend>Documents required (no new placement without one in force)</legend>
          {rules.documents.map((kind, index) => (
            <label key={kind.key} className="check">
              <input
                type="checkbox"
                checked={kind.required}
                onChange={() => setDraft({ ...rules, documents: rules.documents.map((k, i) => (i === index ? { ...k, required: !k.required } : k)) })}
              />{' '}
              {kind.name}
            </label>
          ))}
        </fieldset>
        <p className="muted">
          Safety checklist: {rules.checklist.length} items (version {rules.checklistVersion}); agreement template “{rules.agreementTemplate.title}” (version{' '}
          {rules.agreementTemplateVersion}).
        </p>
        <div role="status" className="form__status">
          {saved ? <p className="banner banner--success">Saved.</p> : null}
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={save.busy || !draft}>
            Save the requirements
          </button>
        </div>
      </form>
    </details>
  );
}
