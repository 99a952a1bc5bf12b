import { describe, expect, it } from 'vitest';
import { describePay, formatDate, formatDateRange, percent, signed } from './format';
import { move, ordinal } from './components/ranking';
import { splitReasons } from './opportunities/reasons';

describe('formatting', () => {
  it('shows shares as whole percentages', () => {
    expect(percent(0.625)).toBe('63%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });

  it('signs weights with a real minus sign', () => {
    expect(signed(3)).toBe('+3');
    expect(signed(1.5)).toBe('+1.5');
    expect(signed(-0.44)).toBe('−0.44');
  });

  it('formats calendar dates without a time-zone shift, and ranges', () => {
    expect(formatDate('2027-06-03')).toBe('Jun 3, 2027');
    expect(formatDateRange('2027-06-03', '2027-06-03')).toBe('Jun 3, 2027');
    expect(formatDateRange('2027-06-03', '2027-08-01')).toBe('Jun 3, 2027 – Aug 1, 2027');
    expect(formatDateRange(null, null)).toBe('Dates to be set');
  });

  it('describes pay', () => {
    expect(describePay({ compensation: 'paid', hourlyWage: 18.5, stipendAmount: null })).toBe('Paid, $18.50/hour');
    expect(describePay({ compensation: 'stipend', hourlyWage: null, stipendAmount: 500 })).toBe('Stipend of $500.00');
    expect(describePay({ compensation: 'unpaid', hourlyWage: null, stipendAmount: null })).toBe('Unpaid');
  });
});

describe('ranking helpers', () => {
  it('moves an item within a list, clamped to its ends', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 103].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd']);
  });
});

describe('recommendation reasons', () => {
  it('splits reasons for and against, strongest first, leaving out zero weights', () => {
    const split = splitReasons([
      { code: 'seatsAvailable', weight: 0.5, detail: 'Seats left.' },
      { code: 'interestMatch', weight: 3, detail: 'Matches an interest.' },
      { code: 'travelLong', weight: -0.4, detail: 'Far.' },
      { code: 'scheduleConflicts', weight: -1.5, detail: 'Clashes.' },
      { code: 'neutral', weight: 0, detail: 'Nothing.' },
    ]);
    expect(split.positive.map((r) => r.code)).toEqual(['interestMatch', 'seatsAvailable']);
    expect(split.negative.map((r) => r.code)).toEqual(['scheduleConflicts', 'travelLong']);
  });
});
