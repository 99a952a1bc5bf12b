import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { placement } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { showLanguage } from '../../shared/i18n/i18n';
import { MyPlacementsPage } from './MyPlacementsPage';

const applied = placement({ id: 'p1', status: 'requested', opportunityTitle: 'Lab assistant', employerName: 'Harbor Health', allowedActions: ['withdraw'] });
const active = placement({ id: 'p2', status: 'active', opportunityTitle: 'Bike shop', employerName: 'Spokes', allowedActions: ['logHours', 'withdraw'] });

describe('A student’s applications and placements', () => {
  it('groups them by where they stand and withdraws an application after confirming', async () => {
    const withdrawPlacement = vi.fn(() => Promise.resolve({ ...applied, status: 'withdrawn' as const, allowedActions: [] }));
    const api = fakeApi({ listPlacements: () => Promise.resolve({ items: [applied, active] }), withdrawPlacement });
    renderWithApi(<MyPlacementsPage />, api);
    const applications = await screen.findByRole('list', { name: 'Applications' });
    expect(within(applications).getByText('Waiting for Harbor Health to decide.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Placements' })).getByRole('link', { name: 'Bike shop' })).toBeTruthy();

    await userEvent.click(within(applications).getByRole('button', { name: /Withdraw application/ }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw from “Lab assistant”?' });
    await userEvent.type(within(dialog).getByLabelText('Why (optional)'), 'I found a job.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(withdrawPlacement).toHaveBeenCalledWith('p1', { reason: 'I found a job.' });
    await screen.findByText('Withdrawn. The employer and your school are told.');
    expect(within(screen.getByRole('list', { name: 'Earlier' })).getByRole('link', { name: 'Lab assistant' })).toBeTruthy();
  });
});

describe('A guardian’s family page', () => {
  it('shows each child with their hours and the consent asked of the guardian, in Spanish', async () => {
    showLanguage('es');
    const waiting = placement({ id: 'p3', studentId: 's9', studentName: 'Maya Reyes', status: 'agreementPending', acknowledgeAs: 'guardian', opportunityTitle: 'Clínica', allowedActions: ['acknowledge'] });
    const api = fakeApi({
      listPlacements: () => Promise.resolve({ items: [waiting] }),
      listStudentEvents: () => Promise.resolve([]),
      getStudentHours: () => Promise.resolve({ studentId: 's9', approvedMinutes: 150, placements: [] }),
    });
    renderWithApi(<MyPlacementsPage guardian />, api);
    const child = await screen.findByRole('region', { name: 'Maya Reyes' });
    expect(screen.getByRole('heading', { level: 1, name: 'Mi familia' })).toBeTruthy();
    await within(child).findByText('Horas aprobadas hasta ahora: 2.5');
    expect(within(child).getByRole('link', { name: /Se necesita su consentimiento/ }).getAttribute('href')).toBe('#/placements/p3');
    expect(within(child).queryByRole('button', { name: /Retirar/ })).toBeNull();
  });
});
