// The rubric editor's draft: levels and criteria as typed, checked and turned into the wire Rubric.
import type { Rubric } from '@launchpath/contracts';
import type { FieldErrors } from '../../shared/api/problems';

export const minLevels = 2;
export const maxLevels = 6;
export const maxCriteria = 50;

export interface CriterionDraft {
  /** Local key for React. */
  key: string;
  /** The stored id; empty for a criterion added here (one is made from its text when saving). */
  id: string;
  category: string;
  description: string;
}

export interface RubricDraft {
  name: string;
  levels: string[];
  criteria: CriterionDraft[];
}

let keys = 0;

export const nextKey = () => `criterion-${++keys}`;

export function rubricDraft(rubric: Rubric): RubricDraft {
  return {
    name: rubric.name,
    levels: [...rubric.levels].sort((a, b) => a.level - b.level).map((l) => l.label),
    criteria: rubric.criteria.map((c) => ({ key: nextKey(), id: c.id, category: c.category, description: c.description })),
  };
}

/** "Applied Workplace Skills", "Uses tools safely" → "applied-workplace-skills-uses-tools-safely" (64 characters at most), unique among `taken`. */
export function criterionId(category: string, description: string, taken: ReadonlySet<string>): string {
  const base =
    `${category} ${description}`
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/g, '') || 'criterion';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The problems of a draft, keyed like the API's fields ("levels[1].label", "criteria[0].description"); none: the rubric to send. */
export function readRubric(draft: RubricDraft): { errors: FieldErrors; rubric?: Rubric } {
  const errors: Record<string, string[]> = {};
  if (!draft.name.trim()) errors.name = ['Name the rubric.'];
  draft.levels.forEach((label, i) => {
    if (!label.trim()) errors[`levels[${i}].label`] = ['Describe this level.'];
  });
  if (draft.criteria.length === 0) errors.criteria = ['Add at least one criterion.'];
  draft.criteria.forEach((c, i) => {
    if (!c.category.trim()) errors[`criteria[${i}].category`] = ['Enter the category.'];
    if (!c.description.trim()) errors[`criteria[${i}].description`] = ['Describe what is evaluated.'];
  });
  if (Object.keys(errors).length > 0) return { errors };
  const taken = new Set(draft.criteria.map((c) => c.id).filter(Boolean));
  const criteria = draft.criteria.map((c) => {
    const id = c.id || criterionId(c.category, c.description, taken);
    taken.add(id);
    return { id, category: c.category.trim(), description: c.description.trim() };
  });
  const levels = draft.levels.map((label, i) => ({ level: i + 1, label: label.trim() }));
  // The API ignores the body's version: the version the form opened with travels in If-Match.
  return { errors, rubric: { name: draft.name.trim(), levels, criteria, version: 0 } };
}

export const shownFields = (field: string) => field === 'name' || /^(levels|criteria)(\[\d+\](\.(label|id|category|description))?)?$/.test(field);
