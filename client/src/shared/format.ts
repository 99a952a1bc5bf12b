import type { OpportunityFields, PostalAddress, WeeklySlot } from '@launchpath/contracts';
import i18next from 'i18next';
import { compensationLabels, dayLabels, modalityLabels } from './labels';
import { locale } from './i18n/i18n';

/** A share from 0 to 1 as a whole percentage: 0.4567 → "46%". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${Math.round(share * 100).toLocaleString(locale())}%`;
}

/** Formats made once per locale (dates and numbers follow the reader's language). */
const formats = new Map<string, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; money: Intl.NumberFormat }>();
function formatsFor(tag = locale()) {
  let made = formats.get(tag);
  if (!made) {
    made = {
      date: new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
      dateTime: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' }),
      money: new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD' }),
    };
    formats.set(tag, made);
  }
  return made;
}

/** "2027-06-13" → "Jun 13, 2027" (a calendar date: no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : formatsFor().date.format(parsed);
}

/** "12 Harbor Way, Suite 2, Alder, CA 94001"; null without an address. */
export function formatAddress(address: PostalAddress | null | undefined): string | null {
  if (!address) return null;
  return [address.line1, address.line2, `${address.city}, ${address.state} ${address.postalCode}`].filter(Boolean).join(', ');
}

/** An instant in the reader's time zone: "Nov 23, 2026, 8:24 AM". */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '—';
  const parsed = new Date(instant);
  return Number.isNaN(parsed.getTime()) ? instant : formatsFor().dateTime.format(parsed);
}

/** "Jun 3, 2027", "Jun 3 – Aug 1, 2027"-style ranges, or "Dates to be set". */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return i18next.t('format.datesToBeSet');
  if (start && (!end || end === start)) return formatDate(start);
  if (!start) return i18next.t('format.until', { date: formatDate(end) });
  return `${formatDate(start)} – ${formatDate(end)}`;
}

export function formatMoney(amount: number): string {
  return formatsFor().money.format(amount);
}

/** "Paid, $18.50/hour", "Stipend of $500.00", "Unpaid". */
export function describePay(fields: Pick<OpportunityFields, 'compensation' | 'hourlyWage' | 'stipendAmount'>): string {
  if (fields.compensation === 'paid' && fields.hourlyWage) return i18next.t('format.paidHourly', { amount: formatMoney(fields.hourlyWage) });
  if (fields.compensation === 'stipend' && fields.stipendAmount) return i18next.t('format.stipendOf', { amount: formatMoney(fields.stipendAmount) });
  return compensationLabels[fields.compensation];
}

/** "Virtual", "In person, Alder", "Hybrid, Alder". */
export function describePlace(fields: Pick<OpportunityFields, 'modality' | 'address' | 'siteName'>): string {
  const where = fields.address?.city ?? fields.siteName;
  return fields.modality === 'virtual' || !where ? modalityLabels[fields.modality] : `${modalityLabels[fields.modality]}, ${where}`;
}

/** "Wednesday 15:00–18:30; Thursday 15:00–17:30". */
export function describeSlots(slots: readonly WeeklySlot[]): string {
  return slots.length === 0 ? i18next.t('format.noSchedule') : slots.map((s) => `${dayLabels[s.day]} ${s.start}–${s.end}`).join('; ');
}

/** A weight with its sign: "+3", "−1.5" (a real minus sign, read as "minus"). */
export function signed(weight: number): string {
  const abs = Math.abs(weight);
  const text = Number.isInteger(abs) ? String(abs) : abs.toFixed(abs * 10 === Math.round(abs * 10) ? 1 : 2);
  return weight < 0 ? `−${text}` : `+${text}`;
}

/** "1 student", "3 students". */
/** A student's grade as people say it: "Grade 10", "Postsecondary", or "Grade unknown" when the SIS gave none. */
export function gradeLabel(grade: number | null | undefined): string {
  if (grade === null || grade === undefined) return i18next.t('format.gradeUnknown');
  return grade === 13 ? i18next.t('format.postsecondary') : i18next.t('format.grade', { grade });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString(locale())} ${count === 1 ? one : many}`;
}

// ---- hours ----

/** 90 → "1 h 30 min", 120 → "2 h", 45 → "45 min", 0 → "0 h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return `${h} h`;
  return h === 0 ? `${m} min` : `${h} h ${m} min`;
}

const clock = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "15:30" → 930; undefined when not a 24-hour HH:mm time. */
export function minutesOfDay(time: string): number | undefined {
  const match = clock.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The end of an entry: "15:30" and 90 minutes → "17:00" (past midnight wraps around). */
export function endOf(start: string, minutes: number): string {
  const from = minutesOfDay(start) ?? 0;
  const end = (from + minutes) % (24 * 60);
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/** Minutes as hours for people: 90 → "1.5", 61234 → "1,020.6". */
export function hoursText(minutes: number): string {
  return (minutes / 60).toLocaleString(locale(), { maximumFractionDigits: 1 });
}

// ---- lists ----

/** "Python, web design\nCAD" → ["Python", "web design", "CAD"]: trimmed, blanks and repeats (any case) dropped. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(/[,\n]/)) {
    const item = part.trim();
    if (!item || seen.has(item.toLowerCase())) continue;
    seen.add(item.toLowerCase());
    items.push(item);
  }
  return items;
}
