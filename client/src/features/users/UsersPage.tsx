import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { CurrentCaller, MembershipInfo, Role, RoleInfo, UserSummary } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { toUiError, type UiError } from '../../shared/api/problems';
import { useAction } from '../../shared/api/useAction';
import { useCursorList } from '../../shared/api/useCursorList';
import { useResource } from '../../shared/api/useResource';
import { roleLabels } from '../../shared/auth/access';
import { ConfirmDialog } from '../../shared/components/ConfirmDialog';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { Loading } from '../../shared/components/Loading';
import { LoadMore } from '../../shared/components/LoadMore';
import { Notice } from '../../shared/components/Notice';
import { organizationsUnder, useAllOrganizations, type OrganizationChoice } from '../../shared/organizations/useAllOrganizations';
import { checkNewUser, type NewUserDraft } from './admin';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { TableScroll } from '../../shared/components/TableScroll';

/** Where a 409 or 422 from the user endpoints belongs: the email (a duplicate account) or the role (not held there). */
function placed(error: UiError, conflictField: string): UiError {
  if (error.status === 409) return { ...error, fieldErrors: { ...error.fieldErrors, [conflictField]: [error.message] } };
  if (error.status === 422) return { ...error, fieldErrors: { ...error.fieldErrors, role: [error.message] } };
  return error;
}

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
            <TableScroll>
              <table className="table">
                <caption className="visually-hidden">Users</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Roles</th>
                  </tr>
                </thead>
                <tbody>
                  {users.items.map((user) => (
                    <tr key={user.id}>
                      <th scope="row">
                        {user.displayName}
                        <p className="table__sub">{user.email}</p>
                        {user.disabled ? <p className="table__note">Disabled</p> : null}
                      </th>
                      <td>
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
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
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

/** An organization the caller manages users at, with the roles it can give. */
interface RoleChoice extends OrganizationChoice {
  roles: Role[];
}

/**
 * The roles an organization of this type can give, from the API's role table. Student and guardian accounts are not
 * made here: they come from the student record and the roster.
 */
function rolesHeldOn(table: readonly RoleInfo[], type: string): Role[] {
  return table.filter((r) => r.heldOn.includes(type) && r.role !== 'student' && r.role !== 'guardian').map((r) => r.role);
}

/** The roles an organization can give. */
function rolesFor(choices: readonly RoleChoice[], organizationId: string): Role[] {
  return choices.find((c) => c.id === organizationId)?.roles ?? [];
}

function RoleSelect({ roles, value, onChange, ...aria }: { roles: Role[]; value: string; onChange: (role: Role | '') => void; id?: string }) {
  return (
    <select {...aria} value={value} onChange={(e) => onChange(roles.find((r) => r === e.target.value) ?? '')}>
      <option value="">{roles.length ? 'Choose a role' : 'Choose an organization first'}</option>
      {roles.map((role) => (
        <option key={role} value={role}>
          {roleLabels[role]}
        </option>
      ))}
    </select>
  );
}

const emptyUser: NewUserDraft = { displayName: '', email: '', password: '', organizationId: '', role: '' };
const userFields = new Set(['displayName', 'email', 'password', 'organizationId', 'role']);

function NewUserForm({ choices, onCreated }: { choices: readonly RoleChoice[]; onCreated: (user: UserSummary) => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<NewUserDraft>(emptyUser);
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const errors = error?.fieldErrors ?? {};
  const roles = rolesFor(choices, draft.organizationId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkNewUser(draft);
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    await run(
      async () => {
        const created = await api.createUser({
          displayName: draft.displayName.trim(),
          email: draft.email.trim(),
          password: draft.password || null,
          organizationId: draft.organizationId,
          role: draft.role as Role,
        });
        setDraft(emptyUser);
        onCreated(created);
      },
      (problem) => placed(problem, 'email'),
    );
  };

  return (
    <section className="card" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a user</h2>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        {error ? <ErrorBanner error={bannerError(error, (field) => userFields.has(field))} /> : null}
        <Field label="Name" errors={errors.displayName} required>
          <input value={draft.displayName} autoComplete="off" onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        </Field>
        <Field label="Email" errors={errors.email} required>
          <input type="email" value={draft.email} autoComplete="off" onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
        </Field>
        <Field label="Organization" errors={errors.organizationId} required>
          <OrganizationSelect
            choices={choices}
            value={draft.organizationId}
            placeholder="Choose an organization"
            onChange={(organizationId) => {
              const allowed = rolesFor(choices, organizationId);
              setDraft({ ...draft, organizationId, role: draft.role && allowed.includes(draft.role) ? draft.role : '' });
            }}
          />
        </Field>
        <Field label="Role" errors={errors.role} required hint="What the role may do depends on where it is held.">
          <RoleSelect roles={roles} value={draft.role} onChange={(role) => setDraft({ ...draft, role })} />
        </Field>
        <Field label="Password" errors={errors.password} hint="At least 12 characters. Leave it empty for people who sign in through their district’s single sign-on.">
          <input type="password" value={draft.password} autoComplete="new-password" onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
        </Field>
        <div className="form__actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating…' : 'Create the account'}
          </button>
        </div>
      </form>
    </section>
  );
}

interface AddRoleProps {
  user: UserSummary;
  choices: readonly RoleChoice[];
  onAdded: (user: UserSummary, message: string) => void;
  onCancel: () => void;
}

function AddRoleForm({ user, choices, onAdded, onCancel }: AddRoleProps) {
  const api = useApi();
  const [organizationId, setOrganizationId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnError(formRef, error);
  const roles = rolesFor(choices, organizationId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems: Record<string, string[]> = {};
    if (!organizationId) problems.organizationId = ['Choose an organization.'];
    if (!role) problems.role = ['Choose a role.'];
    if (Object.keys(problems).length > 0) {
      setError({ message: 'Please correct the highlighted fields.', fieldErrors: problems });
      return;
    }
    await run(
      async () => {
        const updated = await api.addMembership(user.id, { organizationId, role: role as Role });
        const name = choices.find((c) => c.id === organizationId)?.name ?? 'the organization';
        onAdded(updated, `${user.displayName} is now ${roleLabels[role as Role].toLowerCase()} at ${name}.`);
      },
      (problem) => placed(problem, 'role'),
    );
  };

  return (
    <form ref={formRef} className="form add-role" onSubmit={submit} noValidate aria-label={`Give a role to ${user.displayName}`}>
      {error ? <ErrorBanner error={bannerError(error, (field) => field === 'organizationId' || field === 'role')} /> : null}
      <Field label="Organization" errors={error?.fieldErrors.organizationId}>
        <OrganizationSelect
          choices={choices}
          value={organizationId}
          placeholder="Choose an organization"
          onChange={(id) => {
            setOrganizationId(id);
            if (role && !rolesFor(choices, id).includes(role)) setRole('');
          }}
        />
      </Field>
      <Field label="Role" errors={error?.fieldErrors.role}>
        <RoleSelect roles={roles} value={role} onChange={setRole} />
      </Field>
      <div className="form__actions">
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--small" disabled={busy}>
          Give the role
        </button>
      </div>
    </form>
  );
}
