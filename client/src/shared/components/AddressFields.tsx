import { fieldErrorsFor, type FieldErrors } from '../api/problems';
import { Field } from './Field';

/** A postal address as a form types it: every part a string, blanks allowed. */
export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
}

export const emptyAddressDraft: AddressDraft = { line1: '', line2: '', city: '', state: '', postalCode: '' };

interface Props {
  address: AddressDraft;
  onChange: (address: AddressDraft) => void;
  /** Field errors keyed as the API sends them ("address.line1", "address.city"). */
  errors: FieldErrors;
  /** Marks the street, city, state and ZIP code as required. */
  required?: boolean;
}

/** Street, second line, city, state and ZIP code of a US postal address, with their errors under "address.*". */
export function AddressFields({ address, onChange, errors, required }: Props) {
  const set = (key: keyof AddressDraft, value: string) => onChange({ ...address, [key]: value });
  const errorsFor = (part: keyof AddressDraft) => fieldErrorsFor(errors, `address.${part}`);
  return (
    <>
      <Field label="Street address" errors={errorsFor('line1')} required={required}>
        <input name="line1" type="text" autoComplete="address-line1" value={address.line1} onChange={(e) => set('line1', e.target.value)} />
      </Field>
      <Field label="Address line 2" errors={errorsFor('line2')}>
        <input name="line2" type="text" autoComplete="address-line2" value={address.line2} onChange={(e) => set('line2', e.target.value)} />
      </Field>
      <div className="form__row form__row--3">
        <Field label="City" errors={errorsFor('city')} required={required}>
          <input name="city" type="text" autoComplete="address-level2" value={address.city} onChange={(e) => set('city', e.target.value)} />
        </Field>
        <Field label="State" errors={errorsFor('state')} required={required}>
          <input name="state" type="text" autoComplete="address-level1" value={address.state} onChange={(e) => set('state', e.target.value)} />
        </Field>
        <Field label="ZIP code" errors={errorsFor('postalCode')} required={required}>
          <input name="postalCode" type="text" autoComplete="postal-code" value={address.postalCode} onChange={(e) => set('postalCode', e.target.value)} />
        </Field>
      </div>
    </>
  );
}
