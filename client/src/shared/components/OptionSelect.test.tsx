import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OptionSelect } from './OptionSelect';

const sizes = ['small', 'large'] as const;
const labels = { small: 'Small', large: 'Large' };

describe('OptionSelect', () => {
  it('offers the labelled values after the blank option, and reports the value chosen (undefined for the blank)', async () => {
    const onChange = vi.fn();
    render(<OptionSelect aria-label="Size" options={sizes} labels={labels} value="small" blank="Any size" onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Size' }) as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.text])).toEqual([['', 'Any size'], ['small', 'Small'], ['large', 'Large']]);
    expect(select.value).toBe('small');

    await userEvent.selectOptions(select, 'large');
    await userEvent.selectOptions(select, '');
    expect(onChange.mock.calls).toEqual([['large'], [undefined]]);
  });

  it('has no blank option unless asked', () => {
    render(<OptionSelect aria-label="Size" options={sizes} labels={labels} value="large" onChange={() => {}} />);
    expect((screen.getByRole('combobox', { name: 'Size' }) as HTMLSelectElement).options).toHaveLength(2);
  });
});
