import { useMemo, useState } from 'react';
import type { CurrentCaller, MembershipInfo, UserSummary } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { useCursorList } from '../../shared/api/useCursorList';
import { useResource } from '../../shared/api/useResource';
import { roleLabels } from '../../shared/auth/access';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Loading';
import { LoadMore } from '../../shared/components/LoadMore';
import { Notice } from '../../shared/components/Notice';
import { organizationsUnder, useAllOrganizations } from '../../shared/organizations/useAllOrganizations';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { DataTable } from '../../shared/components/DataTable';
import { NewUserForm } from './NewUserForm';
import { AddRoleForm } from './AddRoleForm';
import { rolesHeldOn, type RoleChoice } from './roleChoices';


/** Accounts for administrators (usersManage): find people, create accounts with a role, give and take away roles. */
export function UsersPage({ me }: { me: CurrentCaller }) {
  const index = useAllOrganizations();
  const organizations = index.data?.items;
  const roleTable = useResource('roles', (a, signal) => a.listRoles(signal));
  const choices = useMemo(
    () =>
      organizationsUnder(me.memberships, ['usersManage'], organizations ?? [], ['region', 'district', 'school', 'employer'], me.isPlatformAdmin).map(
        (choice): RoleChoice => ({ ...choice, roles: rolesHeldOn(roleTable.data ?? [], choice.type) }),
      ),
    [me, organizations, roleTable.data],
  );
  const [query, setQuery] = useState({ q: '', organizationId: '' });
  const [draftQuery, setDraftQuery] = useState(query);
  const users = useCursorList(`users:${query.organizationId}:${query.q}`, (api, cursor, signal) =>
    api.listUsers(query.organizationId || undefined, query.q.trim() || undefined, 25, cursor, signal),
  );
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<UiError>();
  const [removing, setRemoving] = useState<{ user: UserSummary; membership: MembershipInfo }>();
  const [addingTo, setAddingTo] = useState<string>();
  const api = useApi();

  const replace = (user: UserSummary) => users.update((items) => items.map((u) => (u.id === user.id ? user : u)));

  const remove = async () => {
    if (!removing) return;
    const { user, membership } = removing;
    setRemoving(undefined);
    setFailure(undefined);
    try {
      await api.removeMembership(user.id, membership.organizationId, membership.role);
      replace({ ...user, memberships: user.memberships.filter((m) => m !== membership) });
      setNotice(`${user.displayName} is no longer ${roleLabels[membership.role].toLowerCase()} at ${membership.organizationName}.`);
    } catch (caught) {
      setFailure(toUiError(caught));
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <p className="muted">Accounts with a role in the organizations you manage. A role takes effect at the person’s next request.</p>
      </div>
      <Notice>{notice}</Notice>
      {failure ? <ErrorBanner error={failure} /> : null}
      {index.status === 'error' && index.error ? <ErrorBanner error={index.error} onRetry={index.reload} /> : null}
      <div className="page-grid page-grid--wide-right">
        <section className="card" aria-labelledby="users-heading">
          <h2 id="users-heading">People</h2>
          <form
            className="form form--inline"
            role="search"
            aria-label="Find users"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery(draftQuery);
            }}
          >
            <Field label="Name or email">
              <input type="search" value={draftQuery.q} onChange={(e) => setDraftQuery({ ...draftQuery, q: e.target.value })} />
            </Field>
            <Field label="Organization">
              <OrganizationSelect
                choices={choices}
                value={draftQuery.organizationId}
                placeholder="All you manage"
                onChange={(organizationId) => setDraftQuery({ ...draftQuery, organizationId })}
              />
            </Field>
            <div className="form__actions">
              <button type="submit" className="button button--secondary">
                Search
              </button>
            </div>
          </form>
          {users.status === 'error' && users.error ? <ErrorBanner error={users.error} onRetry={users.reload} /> : null}
          {users.status === 'loading' ? <Loading>Loading users…</Loading> : null}
          {users.status === 'ready' && users.items.length === 0 ? <p className="muted">Nobody matches.</p> : null}
          {users.items.length > 0 ? (
            <DataTable
              caption="Users"
              columns={[
                { header: 'Name', rowHeader: true, cell: (user) => (
                  <>
                    {user.displayName}
                    <p className="table__sub">{user.email}</p>
                    {user.disabled ? <p className="table__note">Disabled</p> : null}
                  </>
                ) },
                { header: 'Roles', cell: (user) => (
                  <>
                    <ul className="memberships">
                      {user.memberships.map((m) => (
                        <li key={`${m.organizationId}:${m.role}`}>
                          <span>
                            {roleLabels[m.role]}, {m.organizationName}
                          </span>
                          {choices.some((c) => c.id === m.organizationId) ? (
                            <button
                              type="button"
                              className="button button--danger-outline button--small"
                              aria-label={`Remove ${roleLabels[m.role]}, ${m.organizationName} from ${user.displayName}`}
                              onClick={() => setRemoving({ user, membership: m })}
                            >
                              Remove
                            </button>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                    {addingTo === user.id ? (
                      <AddRoleForm
                        user={user}
                        choices={choices}
                        onAdded={(updated, text) => {
                          replace(updated);
                          setAddingTo(undefined);
                          setNotice(text);
                        }}
                        onCancel={() => setAddingTo(undefined)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Give a role to ${user.displayName}`}
                        onClick={() => {
                          setNotice(undefined);
                          setAddingTo(user.id);
                        }}
                      >
                        Give a role
                      </button>
                    )}
                  </>
                ) },
              ]}
              rows={users.items}
              rowKey={(user) => user.id}
            />
          ) : null}
          <LoadMore hasMore={users.hasMore} loading={users.status === 'loadingMore'} onLoadMore={users.loadMore} />
        </section>
        <NewUserForm
          choices={choices}
          onCreated={(user) => {
            users.update((items) => [user, ...items.filter((u) => u.id !== user.id)]);
            setNotice(`Account created for ${user.displayName} (${user.email}).`);
          }}
        />
      </div>
      <ConfirmDialog
        open={removing !== undefined}
        title="Take this role away?"
        confirmLabel="Remove the role"
        onConfirm={remove}
        onCancel={() => setRemoving(undefined)}
      >
        {removing ? (
          <p>
            {removing.user.displayName} will no longer be {roleLabels[removing.membership.role].toLowerCase()} at {removing.membership.organizationName}. Their
            other roles stay.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

