import { useRef, useState, type FormEvent } from 'react';
import type { MatchingSettings, MatchingWeights } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import type { FieldErrors } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice, Warning } from '../../shared/components/Notice';
import '../../shared/admin.css';

type WeightName = keyof MatchingWeights;

/** What each weight rewards, in the order the form shows them. */
export const weightDescriptions: Record<WeightName, [string, string]> = {
  interest: ['Career interest', 'The opportunity is in a career cluster the student is interested in.'],
  pathway: ['Pathway', 'The opportunity is aligned with the student’s pathway or program of study.'],
  sequencing: ['Sequencing', 'The right next step on the continuum: exploration before intensive experiences.'],
  schedule: ['Schedule', 'The schedule fits the student’s availability.'],
  travel: ['Travel', 'The site is within the student’s travel time.'],
  pay: ['Pay', 'The opportunity is paid, for students who prefer paid work.'],
  credit: ['Credit', 'The opportunity offers credit, for students who want it.'],
  seats: ['Seats', 'The opportunity has seats left.'],
};
const weightNames = Object.keys(weightDescriptions) as WeightName[];

export type SettingsDraft = Record<WeightName | 'maxChoices', string>;

export function draftOf(settings: MatchingSettings): SettingsDraft {
  return {
    ...(Object.fromEntries(weightNames.map((name) => [name, String(settings.weights[name])])) as Record<WeightName, string>),
    maxChoices: String(settings.maxChoices),
  };
}

/** The problems of a draft, keyed like the API's fields ("weights.interest", "maxChoices"); none: the request to send. */
export function readSettings(draft: SettingsDraft): { errors: FieldErrors; request?: { weights: MatchingWeights; maxChoices: number } } {
  const errors: Record<string, string[]> = {};
  const weights = {} as MatchingWeights;
  for (const name of weightNames) {
    const value = Number(draft[name]);
    if (draft[name].trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) errors[`weights.${name}`] = ['Enter a number from 0 to 100.'];
    else weights[name] = value;
  }
  const maxChoices = Number(draft.maxChoices);
  if (!Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > 20) errors.maxChoices = ['Enter a whole number from 1 to 20.'];
  return Object.keys(errors).length > 0 ? { errors } : { errors, request: { weights, maxChoices } };
}

type Message = { kind: 'saved' | 'conflict'; text: string } | undefined;

/** The region's matching weights and the number of choices per round, for its curators. */
export function MatchingSettingsEditor({ regionId }: { regionId: string }) {
  const settings = useResource(`matching-settings:${regionId}`, (api, signal) => api.getMatchingSettings(regionId, signal));
  const [message, setMessage] = useState<Message>();
  return (
    <section className="card" aria-labelledby="matching-heading">
      <h2 id="matching-heading">Matching settings</h2>
      <p className="field__hint">
        How much each consideration counts when LaunchPath recommends opportunities and ranks students. A weight of 0 ignores it; the larger a weight
        against the others, the more it counts.
      </p>
      <Warning>{message?.kind === 'conflict' ? message.text : undefined}</Warning>
      <Notice>{message?.kind === 'saved' ? message.text : undefined}</Notice>
      {settings.status === 'error' && settings.error ? <ErrorBanner error={settings.error} onRetry={settings.reload} /> : null}
      {settings.status === 'loading' && !settings.data ? <Loading>Loading the matching settings…</Loading> : null}
      {settings.data ? (
        <SettingsForm
          key={settings.data.version}
          settings={settings.data}
          onSaved={(saved) => {
            settings.set(saved);
            setMessage({ kind: 'saved', text: 'The matching settings are saved. Recommendations and new rounds use them from now on.' });
          }}
          onConflict={(latest) => {
            setMessage({
              kind: 'conflict',
              text: 'Someone else changed these settings after you opened them. The latest values are shown: make your changes again.',
            });
            if (latest) settings.set(latest);
            else settings.reload();
          }}
          onEdit={() => setMessage(undefined)}
        />
      ) : null}
    </section>
  );
}

interface FormProps {
  settings: MatchingSettings;
  onSaved: (settings: MatchingSettings) => void;
  onConflict: (latest?: MatchingSettings) => void;
  onEdit: () => void;
}

const shownFields = (field: string) => field === 'maxChoices' || field === 'weights' || field.startsWith('weights.');

function SettingsForm({ settings, onSaved, onConflict, onEdit }: FormProps) {
  const api = useApi();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(settings));
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const errors = error?.fieldErrors ?? {};
  const change = (name: keyof SettingsDraft, value: string) => {
    onEdit();
    setDraft({ ...draft, [name]: value });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const { errors: problems, request } = readSettings(draft);
    if (!request) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    await run(
      // If-Match carries the version this form opened with: a change made by someone else since is refused (412), not overwritten.
      async () => onSaved(await api.ifMatch(settings.version).updateMatchingSettings(settings.regionId, request)),
      (problem) => {
        if (problem.status !== 409 && problem.status !== 412) return problem;
        onConflict();
        return undefined;
      },
    );
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Matching settings">
      {error ? <ErrorBanner error={bannerError(error, shownFields)} /> : null}
      <fieldset className="form-section">
        <legend>Weights</legend>
        <div className="weights">
          {weightNames.map((name) => (
            <Field key={name} label={weightDescriptions[name][0]} hint={weightDescriptions[name][1]} errors={errors[`weights.${name}`]}>
              <input type="number" inputMode="decimal" min={0} max={100} step="any" value={draft[name]} onChange={(e) => change(name, e.target.value)} />
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>Match rounds</legend>
        <Field label="Choices per student" hint="How many opportunities a student may rank in a new round (1 to 20)." errors={errors.maxChoices}>
          <input type="number" inputMode="numeric" min={1} max={20} step={1} value={draft.maxChoices} onChange={(e) => change('maxChoices', e.target.value)} />
        </Field>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save the matching settings'}
        </button>
      </div>
    </form>
  );
}
