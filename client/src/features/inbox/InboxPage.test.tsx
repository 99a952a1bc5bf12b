import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationList } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { InboxPage, actionLabel, actionLink } from './InboxPage';

const list = (unread: number): NotificationList => ({
  unread,
  items: [
    { id: 'n1', template: 'placement.changed', subject: 'Your placement is approved: Lab intern', placementId: 'p1', createdAt: '2027-02-10T17:00:00Z', readAt: unread > 0 ? undefined : '2027-02-10T18:00:00Z' },
    { id: 'n2', template: 'hours.approved', subject: 'Your hours on February 9, 2027 were approved', createdAt: '2027-02-09T17:00:00Z', readAt: '2027-02-09T18:00:00Z' },
  ],
});

describe('InboxPage', () => {
  it('lists what waits, with links to where it is done, and the messages sent, marking them read', async () => {
    let unread = 1;
    const api = fakeApi({
      getMyActions: () =>
        Promise.resolve([
          { kind: 'approvePlacements', count: 1, placementIds: ['p7'] },
          { kind: 'decideApplicants', count: 3, placementIds: ['a1', 'a2', 'a3'] },
        ]),
      listNotifications: () => Promise.resolve(list(unread)),
      readNotification: () => {
        unread = 0;
        return Promise.resolve();
      },
    });
    const onRead = vi.fn();
    const { user } = renderWithApi(<InboxPage onRead={onRead} />, api);
    const actions = await screen.findByRole('region', { name: 'Needs your action' });
    expect((await within(actions).findByRole('link', { name: 'A placement to approve' })).getAttribute('href')).toBe('#/placements/p7');
    expect(within(actions).getByRole('link', { name: '3 applications to accept or decline' }).getAttribute('href')).toBe('#/applicants');

    const messages = screen.getByRole('region', { name: 'Messages' });
    await within(messages).findByText('1 unread message.');
    expect(within(messages).getByRole('link', { name: 'Your placement is approved: Lab intern' }).getAttribute('href')).toBe('#/placements/p1');
    await user.click(within(messages).getByRole('button', { name: 'Mark read: Your placement is approved: Lab intern' }));
    await within(messages).findByText('No unread messages.');
    expect(api.readNotification).toHaveBeenCalledWith('n1');
    expect(onRead).toHaveBeenCalled();
  });

  it('says when nothing waits', async () => {
    const api = fakeApi({ getMyActions: () => Promise.resolve([]), listNotifications: () => Promise.resolve({ unread: 0, items: [] }) });
    renderWithApi(<InboxPage onRead={() => undefined} />, api);
    await screen.findByText('Nothing waits for you now.');
    await screen.findByText('LaunchPath has not emailed you anything yet.');
  });

  it('names and links each kind of work', () => {
    expect(actionLabel({ kind: 'approveHours', count: 4, placementIds: ['p1', 'p2'] })).toBe('4 hours entries to approve');
    expect(actionLink({ kind: 'approveHours', count: 4, placementIds: ['p1', 'p2'] })).toBe('#/placements');
    expect(actionLink({ kind: 'acknowledgeAsStudent', count: 1, placementIds: ['p9'] })).toBe('#/placements/p9');
  });
  it('lets the person choose one email a day and Spanish, and links opportunities to review to curation', async () => {
    const saved: unknown[] = [];
    const api = fakeApi({
      getMyActions: () => Promise.resolve([{ kind: 'curateOpportunities', count: 2, placementIds: [], opportunityIds: ['o1', 'o2'] }]),
      listNotifications: () => Promise.resolve(list(0)),
      getMyMessagePreferences: () => Promise.resolve({ email: 'rosa@family.test', delivery: 'immediate' as const, language: null }),
      putMyMessagePreferences: (body) => {
        saved.push(body);
        return Promise.resolve({ email: 'rosa@family.test', ...body });
      },
    });
    const { user } = renderWithApi(<InboxPage onRead={() => {}} />, api);
    const actions = await screen.findByRole('region', { name: 'Needs your action' });
    expect((await within(actions).findByRole('link', { name: '2 opportunities to review' })).getAttribute('href')).toBe('#/curation');
    const choices = await screen.findByRole('region', { name: 'Email choices' });
    await within(choices).findByText('For rosa@family.test.');
    expect(within(choices).getByRole('radio', { name: /Each email as it happens/ })).toHaveProperty('checked', true);
    await user.click(within(choices).getByRole('radio', { name: /One email a day/ }));
    await user.selectOptions(within(choices).getByLabelText('Language of LaunchPath’s emails'), 'es');
    await user.click(within(choices).getByRole('button', { name: 'Save my choices' }));
    await within(choices).findByText('Saved: one email a day.');
    expect(saved).toEqual([{ delivery: 'daily', language: 'es' }]);
  });
});
