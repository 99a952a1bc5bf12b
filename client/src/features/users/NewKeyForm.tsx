import { useRef, useState, type FormEvent } from 'react';
import type { CreatedApiKey, Permission } from '@launchpath/contracts';
import { useApi } from '../../shared/api/ApiContext';
import { useAction } from '../../shared/api/useAction';
import { CheckboxGroup } from '../../shared/components/CheckboxGroup';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { Field } from '../../shared/components/Field';
import { bannerError, useFocusOnError } from '../../shared/components/formErrors';
import { checkNewKey, permissionLabels } from './admin';
import '../../shared/admin.css';

export interface NewKeyProps {
  organizationId: string;
  offered: readonly Permission[];
  onCreated: (created: CreatedApiKey) => void;
}

export function NewKeyForm({ organizationId, offered, onCreated }: NewKeyProps) {
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
