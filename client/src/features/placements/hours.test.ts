import { describe, expect, it } from 'vitest';
import { hoursEntry } from '../../test/placementFixtures';
import { checkHoursDraft, draftOf, endOf, formatMinutes, localToday, toLogHoursRequest, withEntry, withoutEntry } from './hours';

describe('formatMinutes and endOf', () => {
  it('says durations in hours and minutes', () => {
    expect([formatMinutes(90), formatMinutes(120), formatMinutes(45), formatMinutes(0)]).toEqual(['1 h 30 min', '2 h', '45 min', '0 h']);
  });

  it('adds minutes to a start time', () => {
    expect([endOf('15:30', 90), endOf('09:05', 10), endOf('23:30', 60)]).toEqual(['17:00', '09:15', '00:30']);
  });
});

describe('the hours form', () => {
  it('starts blank on today, or from the entry being corrected', () => {
    expect(draftOf(undefined, '2027-02-10')).toEqual({ date: '2027-02-10', start: '', end: '', activity: '' });
    expect(draftOf(hoursEntry({ date: '2027-02-09', start: '15:30', minutes: 150, activity: 'Filing' }), 'x')).toEqual({
      date: '2027-02-09',
      start: '15:30',
      end: '18:00',
      activity: 'Filing',
    });
    expect(localToday(new Date(2027, 1, 3, 23, 59))).toBe('2027-02-03');
  });

  it('needs every field, and an end after the start', () => {
    expect(checkHoursDraft({ date: '', start: '', end: '', activity: ' ' })).toEqual({
      date: ['Enter the date you worked.'],
      start: ['Enter the time you started, like 15:30.'],
      minutes: ['Enter the time you finished, like 17:00.'],
      activity: ['Describe what you did.'],
    });
    expect(checkHoursDraft({ date: '2027-02-10', start: '17:00', end: '16:00', activity: 'x' })).toEqual({
      minutes: ['The end time must be after the start time (on the same day).'],
    });
    expect(checkHoursDraft({ date: '2027-02-10', start: '15:30', end: '17:00', activity: 'x' })).toEqual({});
  });

  it('sends the minutes between start and end, and the activity trimmed', () => {
    expect(toLogHoursRequest({ date: '2027-02-10', start: '15:30', end: '17:15', activity: ' Sorted samples ' })).toEqual({
      date: '2027-02-10',
      start: '15:30',
      minutes: 105,
      activity: 'Sorted samples',
    });
  });
});

describe('withEntry and withoutEntry', () => {
  it('keep the entries in date order and recount the totals', () => {
    const approved = hoursEntry({ id: 'a', date: '2027-02-08', minutes: 60, status: 'approved', locked: true });
    const pending = hoursEntry({ id: 'b', date: '2027-02-09', minutes: 30 });
    const log = { placementId: 'p1', entries: [approved, pending], approvedMinutes: 60, submittedMinutes: 30 };

    const added = withEntry(log, hoursEntry({ id: 'c', date: '2027-02-01', minutes: 90 }));
    expect(added.entries.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect([added.approvedMinutes, added.submittedMinutes]).toEqual([60, 120]);

    const rejected = withEntry(added, { ...pending, status: 'rejected', reason: 'No' });
    expect([rejected.approvedMinutes, rejected.submittedMinutes]).toEqual([60, 90]);
    expect(rejected.entries).toHaveLength(3);

    const removed = withoutEntry(rejected, 'c');
    expect([removed.approvedMinutes, removed.submittedMinutes]).toEqual([60, 0]);
  });
});
