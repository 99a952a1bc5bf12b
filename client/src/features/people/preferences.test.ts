import { describe, expect, it } from 'vitest';
import { student } from '../../test/fixtures';
import { checkPreferences, fromPreferences, parseList, toPreferences } from './preferences';

describe('preferences form mapping', () => {
  it('parses a typed list: commas and new lines, trimmed, without blanks or repeats in any case', () => {
    expect(parseList(' Python, web design\nCAD,, python ,\n ')).toEqual(['Python', 'web design', 'CAD']);
    expect(parseList('')).toEqual([]);
  });

  it('round-trips the API preferences through the form unchanged', () => {
    const p = student().preferences;
    expect(toPreferences(fromPreferences(p))).toEqual(p);
  });

  it('sends an empty travel limit and transport as null, and numbers as numbers', () => {
    const draft = { ...fromPreferences(student().preferences), maxTravelMinutes: ' ', transportation: '' as const };
    expect(toPreferences(draft)).toMatchObject({ maxTravelMinutes: null, transportation: null });
    expect(toPreferences({ ...draft, maxTravelMinutes: '30' }).maxTravelMinutes).toBe(30);
  });

  it('flags travel minutes out of range and slots that end before they start, keyed like the API', () => {
    const draft = fromPreferences(student().preferences);
    const errors = checkPreferences({
      ...draft,
      maxTravelMinutes: '300',
      availability: [
        { day: 'monday', start: '15:00', end: '16:00' },
        { day: 'tuesday', start: '17:00', end: '16:30' },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual(['availability[1]', 'maxTravelMinutes']);
    expect(checkPreferences(draft)).toEqual({});
    expect(checkPreferences({ ...draft, maxTravelMinutes: '12.5' }).maxTravelMinutes).toBeDefined();
  });
});
