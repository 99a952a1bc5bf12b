import { useState, type FormEvent } from 'react';
import type { MinorHoursRule } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice, Warning } from '../../shared/components/Notice';

const rules: { value: MinorHoursRule; label: string; hint: string }[] = [
  {
    value: 'federal',
    label: 'Federal (29 CFR 570.35)',
    hint: '14- and 15-year-olds: 3 hours on a school day, 18 in a school week, 7 a.m.–7 p.m. (9 p.m. in summer). No limit set for 16 and 17.',
  },
  {
    value: 'california',
    label: 'California (Labor Code 1391)',
    hint: 'The federal rule, and for 16- and 17-year-olds: 4 hours on a school day (8 in school-approved work experience), 8 on other days, 48 a week, 5 a.m.–10 p.m. (12:30 a.m. before a non-school day).',
  },
];

/** The region's rule for the hours minors may work: checked whenever hours are logged or corrected. */
export function WorkRulesEditor({ regionId }: { regionId: string }) {
  const api = useApi();
  const current = useResource(`work-rules:${regionId}`, (a, signal) => a.getWorkRules(regionId, signal));
  const [chosen, setChosen] = useState<MinorHoursRule>();
  const [saved, setSaved] = useState<string>();
  const [conflict, setConflict] = useState<string>();
  const { busy, error, run } = useAction();
  const value = chosen ?? current.data?.minorHoursRule ?? 'federal';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!current.data) return;
    setSaved(undefined);
    setConflict(undefined);
    void run(
      async () => {
        current.set(await api.ifMatch(current.data!.version).updateWorkRules(regionId, { minorHoursRule: value }));
        setChosen(undefined);
        setSaved('Saved. Hours logged from now on are checked against this rule.');
      },
      (problem) => {
        if (problem.status !== 412) return problem;
        setConflict('Someone else changed this rule after you opened it. The latest is shown: choose again.');
        setChosen(undefined);
        current.reload();
        return undefined;
      },
    );
  };

  return (
    <section className="card" aria-labelledby="work-rules-heading">
      <h2 id="work-rules-heading">Hours minors may work</h2>
      <p className="field__hint">Checked whenever a student logs or corrects hours, beside the training agreement’s dates and schedule.</p>
      <Warning>{conflict}</Warning>
      {current.status === 'error' && current.error ? <ErrorBanner error={current.error} onRetry={current.reload} /> : null}
      {current.status === 'loading' && !current.data ? <Loading>Loading the rule…</Loading> : null}
      {current.data ? (
        <form className="form" onSubmit={submit} aria-label="Hours minors may work">
          <fieldset className="fieldset">
            <legend>Rule</legend>
            {rules.map((r) => (
              <label key={r.value} className="check">
                <input type="radio" name="minor-hours-rule" value={r.value} checked={value === r.value} onChange={() => setChosen(r.value)} />
                <span>
                  {r.label}
                  <span className="field__hint"> — {r.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {error ? <ErrorBanner error={error} /> : null}
          <p>
            <button type="submit" className="button" disabled={busy}>
              Save the rule
            </button>
          </p>
          <Notice>{saved}</Notice>
        </form>
      ) : null}
    </section>
  );
}
