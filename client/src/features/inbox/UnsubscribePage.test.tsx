import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { UnsubscribePage } from './UnsubscribePage';

describe('UnsubscribePage', () => {
  it('changes nothing on opening, and stops the optional emails on the button', async () => {
    const api = fakeApi({
      getUnsubscribe: () => Promise.resolve({ email: 'maya@students.test', stopped: false, delivery: 'immediate' as const }),
      unsubscribe: () => Promise.resolve({ email: 'maya@students.test', stopped: true, delivery: 'none' as const }),
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
  it('offers one email a day instead, from the link, signed out', async () => {
    const chosen: unknown[] = [];
    const api = fakeApi({
      getUnsubscribe: () => Promise.resolve({ email: 'rosa@family.test', stopped: false, delivery: 'immediate' as const }),
      chooseMessageDelivery: (_token, body) => {
        chosen.push(body);
        return Promise.resolve({ email: 'rosa@family.test', stopped: false, delivery: body.delivery, language: body.language });
      },
    });
    const { user } = renderWithApi(<UnsubscribePage token="tok" />, api);
    await screen.findByText('rosa@family.test');
    await user.click(screen.getByText('Other choices: one email a day, language'));
    await user.click(screen.getByRole('radio', { name: /One email a day/ }));
    await user.click(screen.getByRole('button', { name: 'Save my choices' }));
    await screen.findByText(/This address gets one email a day/);
    expect(chosen).toEqual([{ delivery: 'daily', language: null }]);
    expect(api.unsubscribe).not.toHaveBeenCalled();
  });
});
