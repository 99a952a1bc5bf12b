import { describe, expect, it } from 'vitest';
import { criterionId, readRubric, rubricDraft } from './rubricDraft';
import { draftOf, readSettings } from './MatchingSettingsEditor';
import { matchingSettings, rubric } from '../../test/outcomesFixtures';

describe('Matching settings drafts', () => {
  it('reads weights from 0 to 100 and 1 to 20 choices, keyed like the API', () => {
    const draft = draftOf(matchingSettings());
    expect(readSettings(draft).request).toEqual({ weights: matchingSettings().weights, maxChoices: 5 });
    const { errors, request } = readSettings({ ...draft, interest: '101', pay: '', maxChoices: '2.5' });
    expect(request).toBeUndefined();
    expect(Object.keys(errors)).toEqual(['weights.interest', 'weights.pay', 'maxChoices']);
  });
});

describe('Rubric drafts', () => {
  it('keeps stored criterion ids and makes unique ones for new criteria', () => {
    expect(criterionId('Applied Workplace Skills', 'Uses tools safely!', new Set())).toBe('applied-workplace-skills-uses-tools-safely');
    expect(criterionId('A', 'B', new Set(['a-b', 'a-b-2']))).toBe('a-b-3');
    const draft = rubricDraft(rubric());
    draft.criteria.push({ key: 'k', id: '', category: 'Applied Workplace Skills', description: 'Works well with others' });
    const { rubric: body } = readRubric(draft);
    expect(body?.criteria.map((c) => c.id)).toEqual(['foundational-communication', 'applied-teamwork', 'applied-workplace-skills-works-well-with-others']);
    expect(body?.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('names every empty field', () => {
    const { errors } = readRubric({ name: '', levels: ['Low', ' '], criteria: [{ key: 'k', id: '', category: '', description: 'x' }] });
    expect(Object.keys(errors)).toEqual(['name', 'levels[1].label', 'criteria[0].category']);
    expect(readRubric({ name: 'R', levels: ['a', 'b'], criteria: [] }).errors).toEqual({ criteria: ['Add at least one criterion.'] });
  });
});
