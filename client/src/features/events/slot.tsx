import type { FieldErrors } from '../../shared/api/problems';
import { Field } from '../../shared/components/Field';

/** A day and a time span, as a form holds them ("2027-03-09", "10:00", "11:00"), in the reader's time zone. */
export interface Slot {
  date: string;
  start: string;
  end: string;
}

/** The slot's start and end as the API takes them (instants). */
export function instants(slot: Slot): { startsAt: string; endsAt: string } {
  return { startsAt: new Date(`${slot.date}T${slot.start}`).toISOString(), endsAt: new Date(`${slot.date}T${slot.end}`).toISOString() };
}

/** Day, from and to: the fields of a session's or an offer's time, with the API's errors beside them. */
export function SlotFields({ slot, onChange, errors }: { slot: Slot; onChange: (slot: Slot) => void; errors: FieldErrors }) {
  const set = (key: keyof Slot) => (event: { target: { value: string } }) => onChange({ ...slot, [key]: event.target.value });
  return (
    <>
      <Field label="Day" required errors={errors.startsAt}>
        <input type="date" value={slot.date} onChange={set('date')} required />
      </Field>
      <Field label="From" required>
        <input type="time" value={slot.start} onChange={set('start')} required />
      </Field>
      <Field label="To" required errors={errors.endsAt}>
        <input type="time" value={slot.end} onChange={set('end')} required />
      </Field>
    </>
  );
}
