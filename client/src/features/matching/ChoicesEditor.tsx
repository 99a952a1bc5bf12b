import { useEffect, useRef, useState } from 'react';
import type { MatchRound, MatchRoundOpportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { Notice } from '../../shared/components/Notice';
import { RankedList } from '../../shared/components/RankedList';
import { plural } from '../../shared/format';

interface Props {
  round: MatchRound;
  studentId: string;
  /** The choices saved so far, best first. */
  saved: readonly string[];
  /** Recommendation scores of the round's opportunities, for the "Recommended for you" hint. */
  scores?: ReadonlyMap<string, number>;
  /** The round's opportunities this student cannot rank, with why (from the API: the rule saving enforces). */
  unavailable?: ReadonlyMap<string, string>;
  onSaved: (opportunityIds: string[]) => void;
}

/** Whether the API takes this student's choices for the round now (open, or matched and not yet published). */
export function takesChoices(round: Pick<MatchRound, 'allowedActions'>): boolean {
  return round.allowedActions.includes('submitChoices');
}

/** The student ranks up to maxChoices of the round's opportunities, best first, and saves the whole list. */
export function ChoicesEditor({ round, studentId, saved, scores, unavailable = new Map(), onSaved }: Props) {
  const api = useApi();
  const [showAll, setShowAll] = useState(false);
  const listed = showAll ? round.opportunities : round.opportunities.filter((o) => !unavailable.has(o.opportunityId));
  const byId = new Map(round.opportunities.map((o) => [o.opportunityId, o]));
  const [choices, setChoices] = useState<string[]>(() => saved.filter((id) => byId.has(id)));
  const { busy: saving, error, run } = useAction();
  const [notice, setNotice] = useState<string>();
  const errorRef = useRef<HTMLDivElement>(null);
  const full = choices.length >= round.maxChoices;
  const editable = takesChoices(round);
  const changed = choices.join() !== saved.join();

  // A refused save: take keyboard and screen-reader users to the message.
  useEffect(() => {
    if (error) errorRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [error]);

  const change = (next: string[]) => {
    setChoices(next);
    setNotice(undefined);
  };

  async function save() {
    await run(async () => {
      setNotice(undefined);
      const result = await api.submitChoices(round.id, studentId, { opportunityIds: choices });
      setNotice(result.opportunityIds.length ? `Your ${plural(result.opportunityIds.length, 'choice')} ${result.opportunityIds.length === 1 ? 'is' : 'are'} saved.` : 'You have no choices in this round now.');
      onSaved(result.opportunityIds);
    });
  }

  const nameOf = (id: string) => byId.get(id)?.title ?? id;
  const listErrors = error ? fieldErrorsFor(error.fieldErrors, 'opportunityIds') : [];

  return (
    <div className="page-grid page-grid--wide-right">
      <section className="card" aria-labelledby="choices-heading">
        <h2 id="choices-heading">My choices</h2>
        <p className="muted">
          Best first, up to {round.maxChoices}. {editable ? 'Use the Up and Down buttons to change the order.' : 'This round no longer takes changes.'}
        </p>
        <div ref={errorRef}>{error ? <ErrorBanner error={error.status === 422 ? { ...error, message: explain422(error.message) } : error} /> : null}</div>
        <ErrorList errors={listErrors} />
        <Notice>{notice}</Notice>
        {choices.length === 0 ? <p className="muted">No choices yet. Add opportunities from the list.</p> : null}
        {editable ? (
          <RankedList
            label="My choices, best first"
            items={choices}
            keyOf={(id) => id}
            nameOf={nameOf}
            onChange={change}
            render={(id) => <ChoiceText opportunity={byId.get(id)} />}
            actions={(id) => (
              <button type="button" className="button button--secondary button--small" aria-label={`Remove ${nameOf(id)}`} onClick={() => change(choices.filter((c) => c !== id))}>
                Remove
              </button>
            )}
          />
        ) : (
          <ol className="ranked" aria-label="My choices, best first">
            {choices.map((id, index) => (
              <li key={id} className="ranked__item">
                <span className="ranked__rank" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="ranked__body">
                  <ChoiceText opportunity={byId.get(id)} />
                </div>
              </li>
            ))}
          </ol>
        )}
        {editable ? (
          <div className="form__actions">
            <button type="button" className="button" onClick={save} disabled={saving || !changed}>
              {saving ? 'Saving…' : 'Save my choices'}
            </button>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="round-opportunities-heading">
        <h2 id="round-opportunities-heading">Opportunities in this round</h2>
        <p className="muted">
          {unavailable.size > 0
            ? `${plural(round.opportunities.length - unavailable.size, 'opportunity', 'opportunities')} you can choose, of ${round.opportunities.length}.`
            : `${plural(round.opportunities.length, 'opportunity', 'opportunities')}.`}{' '}
          {full && editable ? `You have ${round.maxChoices} choices, the most this round allows: remove one to add another.` : null}
        </p>
        {unavailable.size > 0 ? (
          <label className="check">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            <span>Also show {unavailable.size === 1 ? 'the one' : `the ${unavailable.size}`} you cannot choose, and why</span>
          </label>
        ) : null}
        <ul className="result-list">
          {listed.map((o) => {
            const chosen = choices.includes(o.opportunityId);
            const score = scores?.get(o.opportunityId);
            const why = unavailable.get(o.opportunityId);
            return (
              <li key={o.opportunityId} className="result result--row">
                <div>
                  <h3>{o.title}</h3>
                  <p className="muted">
                    {o.employerName} · {plural(o.seats, 'seat')} · {plural(o.applicants, 'applicant')}
                  </p>
                  {score !== undefined ? <p className="hint-good">Recommended for you (score {score.toFixed(1)})</p> : null}
                  {why ? <p className="hint-bad">Not for you: {why}</p> : null}
                </div>
                {editable && !why ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={chosen ? `Chosen: ${o.title}` : `Add ${o.title} to my choices`}
                    disabled={chosen || full}
                    onClick={() => change([...choices, o.opportunityId])}
                  >
                    {chosen ? 'Chosen' : 'Add'}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

function ChoiceText({ opportunity }: { opportunity: MatchRoundOpportunity | undefined }) {
  if (!opportunity) return <span className="muted">An opportunity no longer in this round</span>;
  return (
    <>
      <strong>{opportunity.title}</strong>
      <br />
      <span className="muted">{opportunity.employerName}</span>
    </>
  );
}

/** A 422 names the choices the student cannot take (grade, age, schedule…); say what to do about it. */
function explain422(message: string): string {
  return `${message.replace(/\.+$/, '.')} Remove those choices and save again.`;
}
