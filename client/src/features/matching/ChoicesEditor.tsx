import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import type { MatchRound, MatchRoundOpportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { ErrorList } from '../../shared/components/ErrorList';
import { Notice } from '../../shared/components/Notice';
import { RankedList } from '../../shared/components/RankedList';
import { locale } from '../../shared/i18n/i18n';

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
  const { t } = useTranslation();
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
      setNotice(result.opportunityIds.length ? t('student.choices.saved', { count: result.opportunityIds.length }) : t('student.choices.noneNow'));
      onSaved(result.opportunityIds);
    });
  }

  const nameOf = (id: string) => byId.get(id)?.title ?? id;
  const listErrors = error ? fieldErrorsFor(error.fieldErrors, 'opportunityIds') : [];

  return (
    <div className="page-grid page-grid--wide-right">
      <section className="card" aria-labelledby="choices-heading">
        <h2 id="choices-heading">{t('student.choices.title')}</h2>
        <p className="muted">
          {t('student.choices.bestFirst', { count: round.maxChoices })} {editable ? t('student.choices.reorder') : t('student.choices.closed')}
        </p>
        <div ref={errorRef}>{error ? <ErrorBanner error={error.status === 422 ? { ...error, message: t('student.choices.remove422', { message: error.message.replace(/\.+$/, '.') }) } : error} /> : null}</div>
        <ErrorList errors={listErrors} />
        <Notice>{notice}</Notice>
        {choices.length === 0 ? <p className="muted">{t('student.choices.empty')}</p> : null}
        {editable ? (
          <RankedList
            label={t('student.choices.listLabel')}
            items={choices}
            keyOf={(id) => id}
            nameOf={nameOf}
            onChange={change}
            render={(id) => <ChoiceText opportunity={byId.get(id)} />}
            actions={(id) => (
              <button type="button" className="button button--secondary button--small" aria-label={t('student.choices.removeName', { name: nameOf(id) })} onClick={() => change(choices.filter((c) => c !== id))}>
                {t('student.choices.remove')}
              </button>
            )}
          />
        ) : (
          <ol className="ranked" aria-label={t('student.choices.listLabel')}>
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
              {saving ? t('common.saving') : t('student.choices.save')}
            </button>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="round-opportunities-heading">
        <h2 id="round-opportunities-heading">{t('student.choices.inRound')}</h2>
        <p className="muted">
          {unavailable.size > 0
            ? t('student.choices.canChoose', { count: round.opportunities.length - unavailable.size, total: round.opportunities.length })
            : t('student.choices.count', { count: round.opportunities.length })}{' '}
          {full && editable ? t('student.choices.full', { count: round.maxChoices }) : null}
        </p>
        {unavailable.size > 0 ? (
          <label className="check">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            <span>{t('student.choices.showUnavailable', { count: unavailable.size })}</span>
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
                    {o.employerName} · {t('opportunity.seatCount', { count: o.seats })} · {t('student.choices.applicants', { count: o.applicants })}
                  </p>
                  {score !== undefined ? <p className="hint-good">{t('student.choices.recommended', { score: score.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</p> : null}
                  {why ? <p className="hint-bad">{t('student.choices.notForYou', { reason: why })}</p> : null}
                </div>
                {editable && !why ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={chosen ? t('student.choices.chosenName', { name: o.title }) : t('student.choices.addName', { name: o.title })}
                    disabled={chosen || full}
                    onClick={() => change([...choices, o.opportunityId])}
                  >
                    {chosen ? t('student.choices.chosen') : t('student.choices.add')}
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
  const { t } = useTranslation();
  if (!opportunity) return <span className="muted">{t('student.choices.gone')}</span>;
  return (
    <>
      <strong>{opportunity.title}</strong>
      <br />
      <span className="muted">{opportunity.employerName}</span>
    </>
  );
}
