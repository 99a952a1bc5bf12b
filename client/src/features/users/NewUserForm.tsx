import { useRef, useState, type FormEvent } from 'react';
import type { Role, UserSummary } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { checkNewUser, type NewUserDraft } from './admin';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { placed } from './placeProblem';
import { rolesFor, RoleSelect, type RoleChoice } from './roleChoices';


const emptyUser: NewUserDraft = { displayName: '', email: '', password: '', organizationId: '', role: '' };
const userFields = new Set(['displayName', 'email', 'password', 'organizationId', 'role']);
export function NewUserForm({ choices, onCreated }: { choices: readonly RoleChoice[]; onCreated: (user: UserSummary) => void }) {
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
