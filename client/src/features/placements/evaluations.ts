import type { CriterionRating, Evaluation, EvaluationKind, Rubric, RubricCriterion } from '@launchpath/contracts';
import { translatedLabels } from '../../shared/i18n/i18n';

export const evaluationKindLabels = translatedLabels<EvaluationKind>('evaluationKind', {
  midpoint: 'Midpoint evaluation',
  final: 'Final evaluation',
});
export const evaluationKinds = Object.keys(evaluationKindLabels) as EvaluationKind[];

/** The kinds not yet submitted: each is submitted once. */
export function remainingKinds(evaluations: readonly Evaluation[]): EvaluationKind[] {
  return evaluationKinds.filter((kind) => !evaluations.some((e) => e.kind === kind));
}

/** The rubric's criteria under their categories, in the rubric's order. */
export function byCategory(criteria: readonly RubricCriterion[]): [string, RubricCriterion[]][] {
  const groups = new Map<string, RubricCriterion[]>();
  for (const criterion of criteria) groups.set(criterion.category, [...(groups.get(criterion.category) ?? []), criterion]);
  return [...groups];
}

/** "3 – Meets expectations", "Not applicable"; the bare number when the rubric does not name the level. */
export function describeLevel(rubric: Rubric | undefined, level: number | null | undefined): string {
  if (level === null || level === undefined) return 'Not applicable';
  const label = rubric?.levels.find((l) => l.level === level)?.label;
  return label ? `${level} – ${label}` : String(level);
}

/** A criterion's description, or its id when the rubric is not at hand (or no longer has it). */
export function describeCriterion(rubric: Rubric | undefined, id: string): string {
  return rubric?.criteria.find((c) => c.id === id)?.description ?? id;
}

/** A choice in the form: a level as text ("3"), "na" for not applicable, "" not chosen yet. */
export type RatingChoice = string;

/** The criteria not rated yet (every criterion needs a level or "not applicable"). */
export function unrated(rubric: Rubric, choices: Readonly<Record<string, RatingChoice>>): string[] {
  return rubric.criteria.filter((c) => !choices[c.id]).map((c) => c.id);
}

export function toRatings(rubric: Rubric, choices: Readonly<Record<string, RatingChoice>>): CriterionRating[] {
  return rubric.criteria.map((c) => ({ criterionId: c.id, level: choices[c.id] === 'na' ? null : Number(choices[c.id]) }));
}

/** "3.5 of 4" (the mean of the rated criteria), or "—" when every criterion was not applicable. */
export function describeAverage(average: number | null | undefined, rubric: Rubric | undefined): string {
  if (average === null || average === undefined) return '—';
  const max = rubric ? Math.max(...rubric.levels.map((l) => l.level)) : undefined;
  const value = Number.isInteger(average) ? String(average) : average.toFixed(2).replace(/0$/, '');
  return max ? `${value} of ${max}` : value;
}
