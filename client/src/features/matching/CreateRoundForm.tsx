import { useRef, useState, type FormEvent } from 'react';
import type { CurrentCaller, Opportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor, toUiError, type UiError } from '../../shared/api/problems';
import { useResource } from '../../shared/api/useResource';
import { roundOrganizations } from '../../shared/auth/roles';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { OptionSelect } from '../../shared/components/OptionSelect';
import { setFlash } from '../../shared/components/flash';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { reserveGroupLabels, reserveGroups } from '../../shared/labels';
import { useParentOptions } from '../../shared/organizations/useParentOptions';
import { OpportunityPicker } from './OpportunityPicker';
import { roundsHref } from './RoundDetail';
import { busyOpportunities, checkRoundDraft, toCreateRoundRequest, type RoundDraft } from './roundForm';

const shown = ['organizationId', 'name', 'opportunityIds', 'maxChoices', 'seed', 'reserveGroup', 'reservePercent'];

/** Opens a match round over published opportunities of a region (conveners) or district (district curators). */
export function CreateRoundForm({ me }: { me: CurrentCaller }) {
  const api = useApi();
  const memberships = roundOrganizations(me);
  // A platform administrator holds no membership: any region will do.
  const regions = useParentOptions(me.isPlatformAdmin && memberships.length === 0 ? 'region' : undefined, 0);
  const places = memberships.length > 0 ? memberships.map((m) => ({ id: m.organizationId, name: m.organizationName })) : regions.options;
  const rounds = useResource('rounds', (a, signal) => a.listMatchRounds(signal));
  const busy = busyOpportunities(rounds.data ?? []);
  const [draft, setDraft] = useState<RoundDraft>({
    organizationId: memberships[0]?.organizationId ?? '',
    name: '',
    opportunityIds: [],
    maxChoices: '',
    seed: '',
    reserveGroup: '',
    reservePercent: '10',
  });
  const [chosen, setChosen] = useState<Map<string, Opportunity>>(new Map());
  // Not useAction: `saving` stays set after success, while the page moves to the new round.
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError>();
  const formRef = useRef<HTMLFormElement>(null);
  // Counted, not the error itself: clearing one field's message must not move focus.
  const [failures, setFailures] = useState(0);
  useFocusOnError(formRef, failures || undefined);
  const organizationId = draft.organizationId || places[0]?.id || '';
  /** A field changed: its message from the last attempt no longer applies. */
  const clearError = (field: string) =>
    setError((e) => (e && e.fieldErrors[field] ? { ...e, fieldErrors: Object.fromEntries(Object.entries(e.fieldErrors).filter(([f]) => f !== field)) } : e));
  const set = <K extends keyof RoundDraft>(key: K, value: RoundDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearError(key);
  };
  const errorsFor = (field: string) => (error ? fieldErrorsFor(error.fieldErrors, field) : []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const full = { ...draft, organizationId, opportunityIds: [...chosen.keys()] };
    const problems = checkRoundDraft(full);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      setFailures((n) => n + 1);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const round = await api.createMatchRound(toCreateRoundRequest(full));
      setFlash(`Round “${round.name}” is open: students can rank its opportunities now.`);
      window.location.hash = `${roundsHref}/${round.id}`;
    } catch (caught) {
      setError(toUiError(caught));
      setFailures((n) => n + 1);
      setSaving(false);
    }
  }

  return (
    <>
      <p>
        <a href={roundsHref}>← All match rounds</a>
      </p>
      <div className="page-header">
        <h1>Open a match round</h1>
        <p className="muted">Students rank the round’s opportunities; then you run the match, check the results and publish them.</p>
      </div>
      <form ref={formRef} className="card form" onSubmit={submit} noValidate aria-label="Open a match round">
        {error ? <ErrorBanner error={bannerError(error, (f) => shown.some((s) => f === s || f.startsWith(`${s}[`)))} /> : null}
        <div className="form__row">
          <Field label="Name" errors={errorsFor('name')} required>
            <input name="name" type="text" value={draft.name} onChange={(e) => set('name', e.target.value)} />
          </Field>
          <Field label="For" errors={errorsFor('organizationId')} required hint="A region’s round is open to all its students; a district’s to its own.">
            <select name="organizationId" value={organizationId} onChange={(e) => set('organizationId', e.target.value)}>
              {places.length === 0 ? <option value="">No region or district to choose</option> : null}
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form__row">
          <Field label="Choices per student" errors={errorsFor('maxChoices')} hint="1 to 20. Empty: the region’s default.">
            <input name="maxChoices" type="number" min={1} max={20} value={draft.maxChoices} onChange={(e) => set('maxChoices', e.target.value)} />
          </Field>
          <Field label="Lottery seed" errors={errorsFor('seed')} hint="The same seed gives the same result. Empty: random.">
            <input name="seed" type="number" value={draft.seed} onChange={(e) => set('seed', e.target.value)} />
          </Field>
        </div>
        <div className="form__row">
          <Field label="Reserve seats for" errors={errorsFor('reserveGroup')} hint="Optional: hold a share of each opportunity’s seats for an equity group.">
            <OptionSelect name="reserveGroup" options={reserveGroups} labels={reserveGroupLabels} value={draft.reserveGroup} blank="No reserve" onChange={(value) => set('reserveGroup', value ?? '')} />
          </Field>
          {draft.reserveGroup ? (
            <Field label="Share of seats reserved (%)" errors={errorsFor('reservePercent')} required hint="0 to 50.">
              <input name="reservePercent" type="number" min={0} max={50} value={draft.reservePercent} onChange={(e) => set('reservePercent', e.target.value)} />
            </Field>
          ) : null}
        </div>
        <OpportunityPicker
          selected={chosen}
          onChange={(next) => {
            setChosen(next);
            clearError('opportunityIds');
          }}
          busy={busy}
          errors={errorsFor('opportunityIds')}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={saving}>
            {saving ? 'Opening…' : 'Open the round'}
          </button>
        </div>
      </form>
    </>
  );
}
