import { useState, type FormEvent } from 'react';
import type { MembershipInfo, Opportunity } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { instants, SlotFields } from './slot';

const eventTypes = new Set<Opportunity['fields']['type']>(['guestSpeaker', 'careerFair', 'worksiteTour', 'informationalInterview']);

/** The employer's events (guest speakers, tours, fairs, interviews) not closed or rejected, across its memberships. */
async function loadEvents(api: ReturnType<typeof useApi>, employers: readonly MembershipInfo[], signal: AbortSignal): Promise<Opportunity[]> {
  const found: Opportunity[] = [];
  for (const employer of employers) {
    let cursor: string | undefined;
    do {
      const page = await api.searchOpportunities(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, employer.organizationId, undefined, 100, cursor,
        undefined, signal);
      found.push(...page.items.filter((o) => eventTypes.has(o.fields.type) && o.status !== 'closed' && o.status !== 'rejected'));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && found.length < 500);
  }
  return found;
}

/** A host schedules a session of one of its events: when, where or the link, how many it seats. */
export function ScheduleSession({ employers }: { employers: readonly MembershipInfo[] }) {
  const api = useApi();
  const events = useResource(`host-events:${employers.map((e) => e.organizationId).join(',')}`, (a, signal) => loadEvents(a, employers, signal));
  const action = useAction();
  const [form, setForm] = useState({ opportunityId: '', date: '', start: '10:00', end: '12:00', location: '', virtualUrl: '', capacity: '30' });
  const [offCampus, setOffCampus] = useState(true);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const errors = action.error?.fieldErrors ?? {};
  const list = events.data ?? [];
  if (events.status === 'ready' && list.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const session = await api.createEventSession(form.opportunityId, {
        ...instants(form),
        location: form.location || undefined,
        virtualUrl: form.virtualUrl || undefined,
        capacity: Number(form.capacity),
        offCampus: Boolean(form.location) && offCampus,
      });
      window.location.hash = `#/events/${session.id}`;
    });
  };

  return (
    <details className="card">
      <summary>Schedule a session of one of your events</summary>
      {events.status === 'error' && events.error ? <ErrorBanner error={events.error} onRetry={events.reload} /> : null}
      {action.error && Object.keys(errors).length === 0 ? <ErrorBanner error={action.error} /> : null}
      <form className="form" onSubmit={submit} aria-label="Schedule a session">
        <Field label="Event" required>
          <select value={form.opportunityId} onChange={set('opportunityId')} required>
            <option value="">Choose one of your events</option>
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.fields.title}
              </option>
            ))}
          </select>
        </Field>
        <SlotFields slot={form} onChange={(slot) => setForm((f) => ({ ...f, ...slot }))} errors={errors} />
        <Field label="Where" hint="The room or site; or give a link below for an online session." errors={errors.location}>
          <input value={form.location} onChange={set('location')} maxLength={300} />
        </Field>
        <Field label="Link to join online" errors={errors.virtualUrl}>
          <input type="url" value={form.virtualUrl} onChange={set('virtualUrl')} maxLength={1000} placeholder="https://" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={offCampus} onChange={(e) => setOffCampus(e.target.checked)} disabled={!form.location} />
          <span>Students leave campus for it (those under 18 need a guardian&apos;s permission, asked by email)</span>
        </label>
        <Field label="Seats" required errors={errors.capacity}>
          <input type="number" min={1} max={5000} value={form.capacity} onChange={set('capacity')} required inputMode="numeric" />
        </Field>
        <button type="submit" className="button" disabled={action.busy || !form.opportunityId}>
          Schedule the session
        </button>
      </form>
    </details>
  );
}
