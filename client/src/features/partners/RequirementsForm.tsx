import { useState, type FormEvent } from 'react';
import type { PartnershipRequirements } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';

const sectionLabels: Record<string, string> = {
  hazards: 'Hazards',
  protectiveEquipment: 'Protective equipment',
  supervision: 'Supervision',
  emergency: 'Emergency',
  minors: 'Minors',
};

/** A key for a new checklist item: its section and the next free number ("hazards.custom3"). */
function newKey(section: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const key = `${section}.custom${n}`;
    if (!taken.includes(key)) return key;
  }
}

/**
 * What the region requires of its partners before students go there, and which of it blocks placements: an agreement
 * in force, a reviewed worksite and a cleared supervisor for minors, and which documents; and the worksite safety
 * checklist's items. The agreement template's text is changed through the API.
 */
export function RequirementsForm({ regionId }: { regionId: string }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const current = useResource(`partnership-requirements:${regionId}:${version}`, (a, signal) => a.getPartnershipRequirements(regionId, signal));
  const save = useAction();
  const [draft, setDraft] = useState<PartnershipRequirements>();
  const [saved, setSaved] = useState(false);
  const [section, setSection] = useState('hazards');
  const [newItem, setNewItem] = useState('');
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
        <fieldset className="fieldset">
          <legend>
            Worksite safety checklist (version {rules.checklistVersion}; a change makes a new version)
          </legend>
          <ol>
            {rules.checklist.map((item, index) => (
              <li key={item.key}>
                <label className="visually-hidden" htmlFor={`checklist-${index}`}>
                  Checklist item {index + 1}
                </label>
                <textarea
                  id={`checklist-${index}`}
                  rows={2}
                  maxLength={500}
                  value={item.text}
                  onChange={(e) => setDraft({ ...rules, checklist: rules.checklist.map((c, i) => (i === index ? { ...c, text: e.target.value } : c)) })}
                />{' '}
                <span className="muted">{sectionLabels[item.section] ?? item.section}</span>{' '}
                <button type="button" className="link-button" onClick={() => setDraft({ ...rules, checklist: rules.checklist.filter((_, i) => i !== index) })}>
                  Remove item {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <div className="form__row">
            <label>
              Section{' '}
              <select value={section} onChange={(e) => setSection(e.target.value)}>
                {Object.entries(sectionLabels).map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              New item <input value={newItem} onChange={(e) => setNewItem(e.target.value)} maxLength={500} />
            </label>
            <button
              type="button"
              className="button button--secondary"
              disabled={!newItem.trim()}
              onClick={() => {
                setDraft({ ...rules, checklist: [...rules.checklist, { key: newKey(section, rules.checklist.map((c) => c.key)), section, text: newItem.trim() }] });
                setNewItem('');
              }}
            >
              Add the item
            </button>
          </div>
        </fieldset>
        <p className="muted">
          Agreement template “{rules.agreementTemplate.title}” (version {rules.agreementTemplateVersion}), {rules.agreementTemplate.clauses.length} clauses: changed through the API.
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
