import type { OpportunityFields, PostalAddress, WeeklySlot } from '@launchpath/contracts';
import { compensationLabels, dayLabels, modalityLabels } from './labels';

/** A share from 0 to 1 as a whole percentage: 0.4567 → "46%". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** "2027-06-13" → "Jun 13, 2027" (a calendar date: no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
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
  return Number.isNaN(parsed.getTime()) ? instant : dateTimeFormat.format(parsed);
}

/** "Jun 3, 2027", "Jun 3 – Aug 1, 2027"-style ranges, or "Dates to be set". */
export function formatDateRange(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return 'Dates to be set';
  if (start && (!end || end === start)) return formatDate(start);
  if (!start) return `Until ${formatDate(end)}`;
  return `${formatDate(start)} – ${formatDate(end)}`;
}

export function formatMoney(amount: number): string {
  return money.format(amount);
}

/** "Paid, $18.50/hour", "Stipend of $500.00", "Unpaid". */
export function describePay(fields: Pick<OpportunityFields, 'compensation' | 'hourlyWage' | 'stipendAmount'>): string {
  if (fields.compensation === 'paid' && fields.hourlyWage) return `Paid, ${formatMoney(fields.hourlyWage)}/hour`;
  if (fields.compensation === 'stipend' && fields.stipendAmount) return `Stipend of ${formatMoney(fields.stipendAmount)}`;
  return compensationLabels[fields.compensation];
}

/** "Virtual", "In person, Alder", "Hybrid, Alder". */
export function describePlace(fields: Pick<OpportunityFields, 'modality' | 'address' | 'siteName'>): string {
  const where = fields.address?.city ?? fields.siteName;
  return fields.modality === 'virtual' || !where ? modalityLabels[fields.modality] : `${modalityLabels[fields.modality]}, ${where}`;
}

/** "Wednesday 15:00–18:30; Thursday 15:00–17:30". */
export function describeSlots(slots: readonly WeeklySlot[]): string {
  return slots.length === 0 ? 'No weekly schedule' : slots.map((s) => `${dayLabels[s.day]} ${s.start}–${s.end}`).join('; ');
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
  if (grade === null || grade === undefined) return 'Grade unknown';
  return grade === 13 ? 'Postsecondary' : `Grade ${grade}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
