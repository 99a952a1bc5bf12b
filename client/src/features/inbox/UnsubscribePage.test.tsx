import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { UnsubscribePage } from './UnsubscribePage';

describe('UnsubscribePage', () => {
  it('changes nothing on opening, and stops the optional emails on the button', async () => {
    const api = fakeApi({
      getUnsubscribe: () => Promise.resolve({ email: 'maya@students.test', stopped: false }),
      unsubscribe: () => Promise.resolve({ email: 'maya@students.test', stopped: true }),
    });
    const { user } = renderWithApi(<UnsubscribePage token="tok" />, api);
    await screen.findByText('maya@students.test');
    expect(api.unsubscribe).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Stop optional emails' }));
    await screen.findByText(/Optional emails to this address are stopped/);
    expect(api.unsubscribe).toHaveBeenCalledWith('tok');
    expect(screen.queryByRole('button', { name: 'Stop optional emails' })).toBeNull();
  });

  it('says when the link is not one LaunchPath sent', async () => {
    const api = fakeApi({ getUnsubscribe: () => Promise.reject({ title: 'Not found', status: 404, detail: 'Unsubscribe link was not found.' }) });
    renderWithApi(<UnsubscribePage token="bad" />, api);
    await screen.findByRole('heading', { level: 1, name: 'This link does not work' });
  });
});
