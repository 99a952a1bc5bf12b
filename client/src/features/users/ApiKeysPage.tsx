import { useMemo, useState } from 'react';
import type { ApiKeyInfo, CreatedApiKey, CurrentCaller } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { useResource } from '../../shared/api/useResource';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Loading } from '../../shared/components/Loading';
import { Notice } from '../../shared/components/Notice';
import { formatDateTime } from '../../shared/format';
import { organizationsUnder, useAllOrganizations } from '../../shared/organizations/useAllOrganizations';
import { permissionLabels, permissions as allPermissions } from './admin';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { DataTable } from '../../shared/components/DataTable';
import { NewKeyForm } from './NewKeyForm';
import { SecretCard } from './SecretCard';

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
              <DataTable
                caption="API keys"
                columns={[
                  { header: 'Name', rowHeader: true, cell: (key) => (
                    <>
                      {key.name}
                      <p className="table__sub">
                        Starts with <code>{key.prefix}</code> · created {formatDateTime(key.createdAt)}
                      </p>
                    </>
                  ) },
                  { header: 'Permissions', cell: (key) => key.permissions.map((p) => permissionLabels[p] ?? p).join(', ') },
                  { header: 'Used', cell: (key) => key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never' },
                  { header: 'Status', cell: (key) => (
                    <>
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
                    </>
                  ) },
                ]}
                rows={keys.data}
                rowKey={(key) => key.id}
              />
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
