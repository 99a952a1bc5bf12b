import { useTranslation } from 'react-i18next';
import { useId } from 'react';
import type { DayOfWeek, WeeklySlot } from '@launchpath/contracts';
import type { FieldErrors } from '../api/problems';
import { dayLabels, days, oneOf } from '../labels';
import { ErrorList } from './ErrorList';

interface Props {
  legend: string;
  slots: readonly WeeklySlot[];
  onChange: (slots: WeeklySlot[]) => void;
  /** The server's field errors and the path of this list in them ("availability", "schedule"). */
  fieldErrors?: FieldErrors;
  path: string;
  hint?: string;
  max?: number;
}

/** The messages for slot `index`: "availability[0].start", "availability[0]" and the like. */
export function slotErrors(fieldErrors: FieldErrors, path: string, index: number): string[] {
  const prefix = `${path}[${index}]`;
  return Object.entries(fieldErrors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`))
    .flatMap(([, messages]) => messages);
}

/** Weekly time slots: a day and a start and end time each, added and removed with buttons. */
export function SlotsEditor({ legend, slots, onChange, fieldErrors = {}, path, hint, max = 21 }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const listErrors = fieldErrors[path] ?? [];
  const change = (index: number, patch: Partial<WeeklySlot>) => onChange(slots.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const add = () => {
    const last = slots[slots.length - 1];
    const next = last ? days[(days.indexOf(last.day) + 1) % days.length] : 'monday';
    onChange([...slots, { day: next, start: last?.start ?? '15:00', end: last?.end ?? '17:00' }]);
  };
  return (
    <fieldset className={listErrors.length ? 'fieldset fieldset--invalid' : 'fieldset'} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {slots.length === 0 ? <p className="muted">{t('slots.none')}</p> : null}
      <ul className="slots">
        {slots.map((slot, index) => {
          const errors = slotErrors(fieldErrors, path, index);
          const rowId = `${id}-${index}`;
          return (
            <li key={index} className="slots__row">
              <div className="slots__controls">
                <label className="slots__field">
                  <span>{t('slots.day')}</span>
                  <select
                    value={slot.day}
                    aria-describedby={errors.length ? `${rowId}-error` : undefined}
                    aria-invalid={errors.length > 0 || undefined}
                    onChange={(e) => change(index, { day: oneOf<DayOfWeek>(days, e.target.value) ?? slot.day })}
                  >
                    {days.map((day) => (
                      <option key={day} value={day}>
                        {dayLabels[day]}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="slots__field">
                  <span>{t('slots.from')}</span>
                  <input type="time" value={slot.start} required onChange={(e) => change(index, { start: e.target.value })} />
                </label>
                <label className="slots__field">
                  <span>{t('slots.to')}</span>
                  <input type="time" value={slot.end} required onChange={(e) => change(index, { end: e.target.value })} />
                </label>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={t('slots.remove', { slot: `${dayLabels[slot.day]} ${slot.start}–${slot.end}` })}
                  onClick={() => onChange(slots.filter((_, i) => i !== index))}
                >
                  {t('student.choices.remove')}
                </button>
              </div>
              <ErrorList errors={errors} id={`${rowId}-error`} />
            </li>
          );
        })}
      </ul>
      <ErrorList errors={listErrors} />
      {slots.length < max ? (
        <button type="button" className="button button--secondary button--small" onClick={add}>
          {t('slots.add')}
        </button>
      ) : null}
    </fieldset>
  );
}
