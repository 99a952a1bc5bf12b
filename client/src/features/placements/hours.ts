import i18next from 'i18next';
import type { HoursEntry, HoursLog, HoursStatus, LogHoursRequest } from '@launchpath/contracts';
import type { FieldErrors } from '../../shared/api/problems';
import { endOf, formatMinutes, minutesOfDay } from '../../shared/format';

export { hoursStatusLabels } from '../../shared/labels';
export { endOf, formatMinutes, minutesOfDay };

/** The form's fields: a date, a start and an end time, and what was done. */
export interface HoursDraft {
  date: string;
  start: string;
  end: string;
  activity: string;
}

/** Today as a calendar date in the user's own time zone: "2027-02-10". */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function draftOf(entry: HoursEntry | undefined, today: string): HoursDraft {
  return entry
    ? { date: entry.date, start: entry.start, end: endOf(entry.start, entry.minutes), activity: entry.activity }
    : { date: today, start: '', end: '', activity: '' };
}

/** What the browser can tell before asking the API, keyed like the API's errors ("minutes" is the end time's). */
export function checkHoursDraft(draft: HoursDraft): FieldErrors {
  const errors: Record<string, string[]> = {};
  if (!draft.date) errors.date = [i18next.t('hours.check.date')];
  const start = minutesOfDay(draft.start);
  const end = minutesOfDay(draft.end);
  if (start === undefined) errors.start = [i18next.t('hours.check.start')];
  if (end === undefined) errors.minutes = [i18next.t('hours.check.end')];
  else if (start !== undefined && end <= start) errors.minutes = [i18next.t('hours.check.order')];
  if (!draft.activity.trim()) errors.activity = [i18next.t('hours.check.activity')];
  return errors;
}

/** The request for a checked draft: the minutes between start and end. */
export function toLogHoursRequest(draft: HoursDraft): LogHoursRequest {
  const start = minutesOfDay(draft.start) ?? 0;
  const end = minutesOfDay(draft.end) ?? start;
  return { date: draft.date, start: draft.start, minutes: end - start, activity: draft.activity.trim() };
}

/** The log with `entry` added or replaced, and its totals recounted (as the API counts them). */
export function withEntry(log: HoursLog, entry: HoursEntry): HoursLog {
  const known = log.entries.some((e) => e.id === entry.id);
  const entries = known ? log.entries.map((e) => (e.id === entry.id ? entry : e)) : [...log.entries, entry];
  return recount({ ...log, entries: entries.sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start)) });
}

export function withoutEntry(log: HoursLog, id: string): HoursLog {
  return recount({ ...log, entries: log.entries.filter((e) => e.id !== id) });
}

function recount(log: HoursLog): HoursLog {
  const sum = (status: HoursStatus) => log.entries.filter((e) => e.status === status).reduce((total, e) => total + e.minutes, 0);
  return { ...log, approvedMinutes: sum('approved'), submittedMinutes: sum('submitted') };
}
