import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ApiKeyInfo, CreatedApiKey, CurrentCaller, Permission } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useResource } from '../../shared/api/useResource';
import { CheckboxGroup } from '../../shared/components/CheckboxGroup';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDateTime } from '../../shared/format';
import { organizationsUnder, useAllOrganizations } from '../../shared/organizations/useAllOrganizations';
import { checkNewKey, permissionLabels, permissions as allPermissions } from './admin';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { TableScroll } from '../../shared/components/TableScroll';

/**
 * API keys of an organization, for its administrators (usersManage): the keys (never their secrets), a new key whose
 * secret is shown once, and revoking a key after confirming.
 */
export function ApiKeysPage({ me }: { me: CurrentCaller }) {
  const api = useApi();
  const index = useAllOrganizations();
  const organizations = index.data?.items;
  const choices = useMemo(
    () => organizationsUnder(me.memberships, ['usersManage'], organizations ?? [], ['region', 'district', 'school', 'employer'], me.isPlatformAdmin),
    [me, organizations],
  );
  const [picked, setPicked] = useState<string>();
  const organizationId = picked && choices.some((c) => c.id === picked) ? picked : choices[0]?.id;
  const keys = useResource(organizationId ? `api-keys:${organizationId}` : null, (api, signal) => api.listApiKeys(organizationId!, signal));
  const [created, setCreated] = useState<CreatedApiKey>();
  const [revoking, setRevoking] = useState<ApiKeyInfo>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<UiError>();
  // A key can do no more than its creator can at the organization (the API checks): offer what the caller holds.
  const offered = me.isPlatformAdmin ? allPermissions : allPermissions.filter((p) => me.permissions.includes(p));

  const revoke = async () => {
    if (!revoking) return;
    const key = revoking;
    setRevoking(undefined);
    setFailure(undefined);
    try {
      await api.revokeApiKey(key.id);
      setNotice(`The key “${key.name}” is revoked: it stops working on its next request.`);
      keys.reload();
    } catch (caught) {
      setFailure(toUiError(caught));
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>API keys</h1>
        <p className="muted">
          Keys let an integration — a student information system’s roster sync, a convener’s scripts — call LaunchPath for one organization. A key can
          do no more than you can there.
        </p>
      </div>
      {index.status === 'error' && index.error ? <ErrorBanner error={index.error} onRetry={index.reload} /> : null}
      {index.status === 'loading' && choices.length === 0 ? <Loading>Loading your organizations…</Loading> : null}
      {choices.length > 0 ? (
        <div className="filter filter--page">
          <label htmlFor="api-keys-organization">Organization</label>
          <OrganizationSelect
            id="api-keys-organization"
            choices={choices}
            value={organizationId ?? ''}
            onChange={(id) => {
              setPicked(id);
              setCreated(undefined);
              setNotice(undefined);
            }}
          />
        </div>
      ) : null}
      {created ? <SecretCard created={created} onDone={() => setCreated(undefined)} /> : null}
      <Notice>{notice}</Notice>
      {failure ? <ErrorBanner error={failure} /> : null}
      {organizationId ? (
        <div className="page-grid page-grid--wide-right">
          <section className="card" aria-labelledby="keys-heading">
            <h2 id="keys-heading">Keys</h2>
            {keys.status === 'error' && keys.error ? <ErrorBanner error={keys.error} onRetry={keys.reload} /> : null}
            {keys.status === 'loading' && !keys.data ? <Loading>Loading keys…</Loading> : null}
            {keys.data && keys.data.length === 0 ? <p className="muted">This organization has no API keys.</p> : null}
            {keys.data && keys.data.length > 0 ? (
              <TableScroll>
                <table className="table">
                  <caption className="visually-hidden">API keys</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Permissions</th>
                      <th scope="col">Used</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.data.map((key) => (
                      <tr key={key.id}>
                        <th scope="row">
                          {key.name}
                          <p className="table__sub">
                            Starts with <code>{key.prefix}</code> · created {formatDateTime(key.createdAt)}
                          </p>
                        </th>
                        <td>{key.permissions.map((p) => permissionLabels[p] ?? p).join(', ')}</td>
                        <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                        <td>
                          {key.revokedAt ? (
                            <span className="tag tag--muted">Revoked {formatDateTime(key.revokedAt)}</span>
                          ) : (
                            <>
                              <span className="tag tag--status-published">Active</span>{' '}
                              <button
                                type="button"
                                className="button button--danger-outline button--small"
                                aria-label={`Revoke ${key.name}`}
                                onClick={() => {
                                  setNotice(undefined);
                                  setRevoking(key);
                                }}
                              >
                                Revoke
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
          </section>
          <NewKeyForm
            key={organizationId}
            organizationId={organizationId}
            offered={offered}
            onCreated={(next) => {
              setNotice(undefined);
              setCreated(next);
              keys.set([...(keys.data ?? []), next.info]);
            }}
          />
        </div>
      ) : null}
      <ConfirmDialog open={revoking !== undefined} title="Revoke this API key?" confirmLabel="Revoke the key" onConfirm={revoke} onCancel={() => setRevoking(undefined)}>
        {revoking ? (
          <p>
            The integration using “{revoking.name}” (<code>{revoking.prefix}…</code>) stops working at its next request. This cannot be undone: you would
            create a new key.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

/** The new key's secret, shown this once, with a copy button; focus moves here so screen readers hear it. */
function SecretCard({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  useEffect(() => ref.current?.focus(), [created]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section ref={ref} className="card secret-card" aria-labelledby="secret-heading" tabIndex={-1}>
      <h2 id="secret-heading">Copy the key “{created.info.name}” now</h2>
      <p>
        <strong>This is the only time the key is shown.</strong> Store it in the integration’s secret store; it is sent as the <code>X-Api-Key</code> header.
      </p>
      <div className="secret">
        <label htmlFor="new-api-key" className="visually-hidden">
          The new API key
        </label>
        <input id="new-api-key" readOnly value={created.key} onFocus={(e) => e.target.select()} />
        <button type="button" className="button button--secondary" onClick={copy}>
          Copy
        </button>
      </div>
      <div role="status">
        {copied === 'yes' ? <p className="hint-good">Copied to the clipboard.</p> : null}
        {copied === 'failed' ? <p className="table__note">Could not copy: select the key and copy it yourself.</p> : null}
      </div>
      <button type="button" className="button" onClick={onDone}>
        I have stored the key
      </button>
    </section>
  );
}

interface NewKeyProps {
  organizationId: string;
  offered: readonly Permission[];
  onCreated: (created: CreatedApiKey) => void;
}

function NewKeyForm({ organizationId, offered, onCreated }: NewKeyProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Permission[]>([]);
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkNewKey(name, chosen);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    await run(async () => {
      const created = await api.createApiKey(organizationId, { name: name.trim(), permissions: chosen });
      setName('');
      setChosen([]);
      onCreated(created);
    });
  };

  const permissionErrors = Object.entries(error?.fieldErrors ?? {})
    .filter(([field]) => field === 'permissions' || field.startsWith('permissions['))
    .flatMap(([, messages]) => messages);

  return (
    <section className="card" aria-labelledby="new-key-heading">
      <h2 id="new-key-heading">Create a key</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        {error ? <ErrorBanner error={bannerError(error, (field) => field === 'name' || field === 'permissions' || field.startsWith('permissions['))} /> : null}
        <Field label="Name" errors={error?.fieldErrors.name} required hint="The integration that will use it: “SIS roster sync”.">
          <input value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </Field>
        <CheckboxGroup legend="What the key may do" options={offered} labels={permissionLabels} selected={chosen} onChange={setChosen} errors={permissionErrors} />
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create the key'}
          </button>
        </div>
      </form>
    </section>
  );
}
