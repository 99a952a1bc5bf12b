import type { OrganizationType } from '@launchpath/contracts';
import { organizationTypeLabels } from '../organizationLabels';
import type { OrganizationChoice } from '../organizations/useAllOrganizations';

const order: OrganizationType[] = ['region', 'district', 'school', 'employer'];

/** A select of organizations grouped by type; `placeholder` adds an empty first option. Wrap it in a Field for its label. */
export function OrganizationSelect({
  choices,
  value,
  onChange,
  placeholder,
  ...aria
}: {
  choices: readonly OrganizationChoice[];
  value: string;
  onChange: (id: string) => void;
  placeholder?: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
}) {
  return (
    <select {...aria} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {order.map((type) => {
        const items = choices.filter((c) => c.type === type);
        return items.length > 0 ? (
          <optgroup key={type} label={`${organizationTypeLabels[type]}s`}>
            {items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ) : null;
      })}
    </select>
  );
}
