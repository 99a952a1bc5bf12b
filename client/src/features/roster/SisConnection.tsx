import { useState, type FormEvent } from 'react';
import type { RosterConnection, RosterImport } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { fieldErrorsFor } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Loading';
import { formatDateTime } from '../../shared/format';

/**
 * The district SIS's OneRoster REST service: where it is and its client credentials (the secret is write-only), the
 * last and next pull, and a button to pull now. A pull is an import like any other: it shows below once started.
 */
export function SisConnection({ districtId, busy, onStarted }: { districtId: string; busy: boolean; onStarted: (job: RosterImport) => void }) {
  const api = useApi();
  const current = useResource(`roster-connection:${districtId}`, (a, signal) => a.getRosterConnection(districtId, signal));
  const missing = current.status === 'error' && current.error?.status === 404;
  const [editing, setEditing] = useState(false);
  const pull = useAction();

  if (current.status === 'loading' && !current.data) return <Loading>Loading the SIS connection…</Loading>;

  return (
    <section className="card" aria-labelledby="sis-heading">
      <h2 id="sis-heading">SIS connection (OneRoster REST)</h2>
      {current.status === 'error' && !missing && current.error ? <ErrorBanner error={current.error} onRetry={current.reload} /> : null}
      {current.data && !editing ? (
        <>
          <dl className="facts">
            <dt>Service</dt>
            <dd>{current.data.baseUrl}</dd>
            <dt>Client</dt>
            <dd>{current.data.clientId} · secret {current.data.clientSecretSet ? 'set' : 'missing'}</dd>
            <dt>Last pull</dt>
            <dd>{current.data.lastPullAt ? formatDateTime(current.data.lastPullAt) : 'Never'}</dd>
            <dt>Next pull</dt>
            <dd>{current.data.nextPullAt ? formatDateTime(current.data.nextPullAt) : 'Only on demand'}</dd>
            <dt>Changes since</dt>
            <dd>{current.data.watermark ? formatDateTime(current.data.watermark) : 'Everything (the next pull is a full one)'}</dd>
          </dl>
          {pull.error ? <ErrorBanner error={pull.error} /> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={busy || pull.busy}
              onClick={() => pull.run(async () => onStarted(await api.pullRoster(districtId, undefined, undefined)))}
            >
              {pull.busy ? 'Starting…' : 'Pull now'}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || pull.busy}
              onClick={() => pull.run(async () => onStarted(await api.pullRoster(districtId, true, true)))}
            >
              Preview a full pull
            </button>
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Change the connection
            </button>
          </div>
        </>
      ) : missing && !editing ? (
        <>
          <p className="muted">Connect the district’s SIS to pull the roster nightly instead of uploading files.</p>
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Connect a SIS
          </button>
        </>
      ) : (
        <ConnectionForm
          districtId={districtId}
          current={current.data}
          onSaved={(saved) => {
            current.set(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </section>
  );
}

function ConnectionForm({ districtId, current, onSaved, onCancel }: { districtId: string; current?: RosterConnection; onSaved: (c: RosterConnection) => void; onCancel: () => void }) {
  const api = useApi();
  const [baseUrl, setBaseUrl] = useState(current?.baseUrl ?? '');
  const [tokenUrl, setTokenUrl] = useState(current?.tokenUrl ?? '');
  const [clientId, setClientId] = useState(current?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const { busy, error, run } = useAction();
  const errors = (field: string) => (error ? fieldErrorsFor(error.fieldErrors, field) : []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () =>
      onSaved(
        await api.saveRosterConnection(districtId, {
          baseUrl,
          tokenUrl,
          clientId,
          clientSecret: clientSecret === '' ? undefined : clientSecret,
          enabled,
          pullHourUtc: current?.pullHourUtc ?? 10,
        }),
      ),
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="SIS connection">
      {error ? <ErrorBanner error={error} /> : null}
      <Field label="Service base URL" errors={errors('baseUrl')} hint="LaunchPath adds /ims/oneroster/rostering/v1p2/…" required>
        <input name="baseUrl" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
      </Field>
      <Field label="Token URL" errors={errors('tokenUrl')} hint="OAuth 2.0 client credentials" required>
        <input name="tokenUrl" type="url" value={tokenUrl} onChange={(e) => setTokenUrl(e.target.value)} />
      </Field>
      <Field label="Client id" errors={errors('clientId')} required>
        <input name="clientId" value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" />
      </Field>
      <Field label="Client secret" errors={errors('clientSecret')} hint={current?.clientSecretSet ? 'Leave empty to keep the stored secret.' : 'Stored encrypted; never shown again.'}>
        <input name="clientSecret" type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="new-password" />
      </Field>
      <label className="check">
        <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Pull nightly
      </label>
      <div className="form__actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save the connection'}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
