import { useState, type FormEvent } from 'react';
import type { CareerCluster, ClassroomOffer, ClassroomRequest, CurrentCaller, RequestModality } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { can } from '../../shared/auth/access';
import { employerMemberships } from '../../shared/auth/roles';
import { CheckboxGroup } from '../../shared/components/CheckboxGroup';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { instants, SlotFields } from './slot';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { careerClusterLabels, careerClusters } from '../../shared/organizationLabels';
import { sessionWhen } from './SessionPage';

const modalityLabels: Record<RequestModality, string> = { inPerson: 'In person', virtual: 'Online', either: 'Either' };

/**
 * Speaker requests (the Pathful Connect model): a teacher asks for an industry professional for their class; employer
 * volunteers who speak on that career cluster see it on their board and offer a slot; the teacher accepts one and it
 * becomes an event session with the class registered; the convener sees what nobody has answered.
 */
export function RequestsPage({ me }: { me: CurrentCaller }) {
  const schools = me.memberships.filter((m) => m.organizationType === 'school' && m.permissions.includes('peopleRead'));
  const employers = employerMemberships(me);
  const convener = me.memberships.some((m) => m.organizationType === 'region' && m.permissions.includes('opportunitiesCurate'));
  const [version, setVersion] = useState(0);
  return (
    <>
      <div className="page-header">
        <h1>Speaker requests</h1>
        <p className="muted">
          {employers.length > 0
            ? 'Teachers in the region ask for professionals to visit their classes. Offer a time for the ones you can take; those in your career clusters are marked.'
            : 'Ask for an industry professional to visit your class; employers’ volunteers offer times, and the one you accept becomes an event with your class registered.'}
        </p>
      </div>
      {schools.length > 0 ? <AskForm schools={schools} onAsked={() => setVersion((v) => v + 1)} /> : null}
      {employers.length > 0 ? <VolunteerForm employers={employers} /> : null}
      <RequestList key={version} convener={convener} employer={employers.length > 0} schoolSide={can(me, 'peopleRead')} />
    </>
  );
}

function AskForm({ schools, onAsked }: { schools: CurrentCaller['memberships']; onAsked: () => void }) {
  const api = useApi();
  const classes = useResource('classes:mine', (a, signal) => a.listClasses(undefined, true, signal));
  const action = useAction();
  const [done, setDone] = useState<string>();
  const [form, setForm] = useState({ schoolId: schools[0]?.organizationId ?? '', classId: '', topic: '', careerCluster: '' as CareerCluster | '', grade: '', students: '',
    preferredTimes: '', modality: 'either' as RequestModality, unitConnection: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const errors = action.error?.fieldErrors ?? {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.createClassroomRequest({
        schoolId: form.schoolId,
        classId: form.classId || undefined,
        topic: form.topic,
        careerCluster: form.careerCluster as CareerCluster,
        grade: form.grade ? Number(form.grade) : undefined,
        students: form.students ? Number(form.students) : undefined,
        preferredTimes: form.preferredTimes,
        modality: form.modality,
        unitConnection: form.unitConnection,
      });
      setDone('Your request is on the employers’ board.');
      setForm((f) => ({ ...f, topic: '', preferredTimes: '', unitConnection: '' }));
      onAsked();
    });
  };

  return (
    <section className="card" aria-labelledby="ask-heading">
      <h2 id="ask-heading">Ask for a speaker</h2>
      {action.error && Object.keys(errors).length === 0 ? <ErrorBanner error={action.error} /> : null}
      <Notice>{done}</Notice>
      <form className="form" onSubmit={submit}>
        {schools.length > 1 ? (
          <Field label="School" required>
            <select value={form.schoolId} onChange={set('schoolId')} required>
              {schools.map((s) => (
                <option key={s.organizationId} value={s.organizationId}>
                  {s.organizationName}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label="Class" hint="Its students are registered when a visit is scheduled." errors={errors.classId}>
          <select value={form.classId} onChange={set('classId')}>
            <option value="">No rostered class</option>
            {(classes.data ?? []).filter((c) => c.active).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Topic" required errors={errors.topic}>
          <input value={form.topic} onChange={set('topic')} required maxLength={200} />
        </Field>
        <Field label="Career cluster" required errors={errors.careerCluster}>
          <select value={form.careerCluster} onChange={set('careerCluster')} required>
            <option value="">Choose a cluster</option>
            {careerClusters.map((c) => (
              <option key={c} value={c}>
                {careerClusterLabels[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Grade" errors={errors.grade}>
          <input type="number" min={6} max={14} value={form.grade} onChange={set('grade')} inputMode="numeric" />
        </Field>
        <Field label="About how many students" hint="Left empty: the class's size." errors={errors.students}>
          <input type="number" min={1} max={500} value={form.students} onChange={set('students')} inputMode="numeric" />
        </Field>
        <Field label="When would suit" required hint="For example: any Tuesday in March, 10–11 am." errors={errors.preferredTimes}>
          <input value={form.preferredTimes} onChange={set('preferredTimes')} required maxLength={1000} />
        </Field>
        <Field label="In person or online" required>
          <select value={form.modality} onChange={set('modality')}>
            {(Object.keys(modalityLabels) as RequestModality[]).map((m) => (
              <option key={m} value={m}>
                {modalityLabels[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="How it connects to what the class is learning" required errors={errors.unitConnection}>
          <textarea value={form.unitConnection} onChange={set('unitConnection')} required maxLength={2000} rows={3} />
        </Field>
        <button type="submit" className="button" disabled={action.busy}>
          Send the request
        </button>
      </form>
    </section>
  );
}

function VolunteerForm({ employers }: { employers: CurrentCaller['memberships'] }) {
  const api = useApi();
  const profile = useResource('volunteer:me', (a, signal) => a.getVolunteerProfile(signal).catch(() => null));
  const action = useAction();
  const [done, setDone] = useState<string>();
  const [edits, setEdits] = useState<{ clusters?: CareerCluster[]; topics?: string; availability?: string; inPerson?: boolean; virtual?: boolean }>({});
  if (profile.status === 'loading') return <Loading>Loading your volunteer profile…</Loading>;
  const current = profile.data ?? undefined;
  const clusters = edits.clusters ?? current?.careerClusters ?? [];
  const topics = edits.topics ?? current?.topics ?? '';
  const availability = edits.availability ?? current?.availability ?? '';
  const inPerson = edits.inPerson ?? current?.inPerson ?? true;
  const online = edits.virtual ?? current?.virtual ?? true;
  const errors = action.error?.fieldErrors ?? {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      profile.set(
        await api.saveVolunteerProfile({
          employerId: current?.employerId ?? employers[0].organizationId,
          careerClusters: clusters,
          topics,
          availability: availability || undefined,
          inPerson,
          virtual: online,
          active: true,
        }),
      );
      setEdits({});
      setDone('You are on the list of volunteers.');
    });
  };

  return (
    <section className="card" aria-labelledby="volunteer-heading">
      <h2 id="volunteer-heading">{current ? 'Your volunteer profile' : 'Volunteer to speak to classes'}</h2>
      {action.error && Object.keys(errors).length === 0 ? <ErrorBanner error={action.error} /> : null}
      <Notice>{done}</Notice>
      <form className="form" onSubmit={submit}>
        <CheckboxGroup
          legend="Career clusters you can speak on"
          options={careerClusters}
          labels={careerClusterLabels}
          selected={clusters}
          onChange={(next) => setEdits((e) => ({ ...e, clusters: next }))}
          errors={errors.careerClusters}
          columns
        />
        <Field label="Topics" required errors={errors.topics}>
          <input value={topics} onChange={(e) => setEdits((x) => ({ ...x, topics: e.target.value }))} required maxLength={1000} />
        </Field>
        <Field label="When you are usually free" errors={errors.availability}>
          <input value={availability} onChange={(e) => setEdits((x) => ({ ...x, availability: e.target.value }))} maxLength={1000} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={inPerson} onChange={(e) => setEdits((x) => ({ ...x, inPerson: e.target.checked }))} />
          <span>I can visit in person</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={online} onChange={(e) => setEdits((x) => ({ ...x, virtual: e.target.checked }))} />
          <span>I can join online</span>
        </label>
        <button type="submit" className="button" disabled={action.busy}>
          Save
        </button>
      </form>
    </section>
  );
}

function RequestList({ convener, employer, schoolSide }: { convener: boolean; employer: boolean; schoolSide: boolean }) {
  const [unanswered, setUnanswered] = useState(false);
  const requests = useResource(`classroom-requests:${unanswered}`, (api, signal) => api.listClassroomRequests(undefined, unanswered || undefined, signal));
  const items = requests.data ?? [];
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{employer && !schoolSide ? 'Request board' : 'Requests'}</h2>
      {convener ? (
        <label className="check">
          <input type="checkbox" checked={unanswered} onChange={(e) => setUnanswered(e.target.checked)} />
          <span>Only those nobody has answered (oldest first)</span>
        </label>
      ) : null}
      {requests.status === 'error' && requests.error ? <ErrorBanner error={requests.error} onRetry={requests.reload} /> : null}
      {requests.status === 'loading' && !requests.data ? <Loading>Loading requests…</Loading> : null}
      {requests.status === 'ready' && items.length === 0 ? <p className="card muted">No requests.</p> : null}
      <ol className="cards" aria-label="Speaker requests">
        {items.map((request) => (
          <RequestCard key={request.id} request={request} employer={employer} reload={requests.reload} />
        ))}
      </ol>
    </section>
  );
}

function RequestCard({ request, employer, reload }: { request: ClassroomRequest; employer: boolean; reload: () => void }) {
  const api = useApi();
  const accept = useAction();
  return (
    <li className="card">
      <div className="card__header">
        <h3>{request.topic}</h3>
        {request.matchesMe ? <span className="tag tag--school">Your cluster</span> : null}
        {request.status !== 'open' ? <span className="tag tag--muted">{request.status === 'scheduled' ? 'Scheduled' : 'Cancelled'}</span> : null}
      </div>
      <p>
        {request.schoolName}
        {request.classTitle ? ` · ${request.classTitle}` : ''}
        {request.grade ? ` · grade ${request.grade}` : ''} · {request.students} students · {careerClusterLabels[request.careerCluster]} · {modalityLabels[request.modality]}
      </p>
      <p className="muted">
        When: {request.preferredTimes} · asked by {request.requestedBy}
      </p>
      <p>{request.unitConnection}</p>
      {request.sessionId ? (
        <p>
          <a href={`#/events/${request.sessionId}`}>Open the scheduled session</a>
        </p>
      ) : null}
      {accept.error ? <ErrorBanner error={accept.error} /> : null}
      {request.offers.length > 0 ? (
        <ul aria-label={`Offers for ${request.topic}`}>
          {request.offers.map((offer) => (
            <OfferItem
              key={offer.id}
              offer={offer}
              canAccept={request.canAccept && offer.status === 'offered'}
              busy={accept.busy}
              onAccept={() => accept.run(async () => {
                await api.acceptClassroomOffer(request.id, offer.id);
                reload();
              })}
            />
          ))}
        </ul>
      ) : null}
      {employer && request.status === 'open' ? <OfferForm request={request} onOffered={reload} /> : null}
    </li>
  );
}

function OfferItem({ offer, canAccept, busy, onAccept }: { offer: ClassroomOffer; canAccept: boolean; busy: boolean; onAccept: () => void }) {
  return (
    <li>
      {offer.volunteerName} ({offer.employerName}) · {sessionWhen(offer)} · {offer.location ?? 'Online'}
      {offer.note ? ` · “${offer.note}”` : ''} <span className="muted">· {offer.status}</span>{' '}
      {canAccept ? (
        <button type="button" className="button button--small" disabled={busy} onClick={onAccept}>
          Accept this offer
        </button>
      ) : null}
    </li>
  );
}

function OfferForm({ request, onOffered }: { request: ClassroomRequest; onOffered: () => void }) {
  const api = useApi();
  const action = useAction();
  const [form, setForm] = useState({ date: '', start: '10:00', end: '11:00', location: '', virtualUrl: '', note: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const errors = action.error?.fieldErrors ?? {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.offerForClassroomRequest(request.id, {
        ...instants(form),
        location: form.location || undefined,
        virtualUrl: form.virtualUrl || undefined,
        note: form.note || undefined,
      });
      onOffered();
    });
  };
  return (
    <details>
      <summary>Offer a time</summary>
      {action.error && Object.keys(errors).length === 0 ? <ErrorBanner error={action.error} /> : null}
      <form className="form" onSubmit={submit} aria-label={`Offer a time for ${request.topic}`}>
        <SlotFields slot={form} onChange={(slot) => setForm((f) => ({ ...f, ...slot }))} errors={errors} />
        {request.modality !== 'virtual' ? (
          <Field label="Where" errors={errors.location}>
            <input value={form.location} onChange={set('location')} maxLength={300} />
          </Field>
        ) : null}
        {request.modality !== 'inPerson' ? (
          <Field label="Link to join online" errors={errors.virtualUrl}>
            <input type="url" value={form.virtualUrl} onChange={set('virtualUrl')} maxLength={1000} placeholder="https://" />
          </Field>
        ) : null}
        <Field label="Note to the teacher" errors={errors.note}>
          <input value={form.note} onChange={set('note')} maxLength={1000} />
        </Field>
        <button type="submit" className="button" disabled={action.busy}>
          Offer this time
        </button>
      </form>
    </details>
  );
}
