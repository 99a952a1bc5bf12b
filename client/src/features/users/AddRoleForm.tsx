import { useRef, useState, type FormEvent } from 'react';
import type { Role, UserSummary } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { roleLabels } from '../../shared/auth/access';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { OrganizationSelect } from '../../shared/components/OrganizationSelect';
import '../../shared/admin.css';
import { placed } from './placeProblem';
import { rolesFor, RoleSelect, type RoleChoice } from './roleChoices';

export interface AddRoleProps {
  user: UserSummary;
  choices: readonly RoleChoice[];
  onAdded: (user: UserSummary, message: string) => void;
  onCancel: () => void;
}

export function AddRoleForm({ user, choices, onAdded, onCancel }: AddRoleProps) {
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
