import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { BecomePartnerPage, isBecomePartnerRoute } from './BecomePartnerPage';

const regions = [
  { id: 'r-1', name: 'Central Valley' },
  { id: 'r-2', name: 'North Coast' },
];

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(new RegExp(`^${label}`)), { target: { value } });
}

describe('The public "Become a partner" form', () => {
  it('opens from its own path, signed out', () => {
    expect(isBecomePartnerRoute('/become-a-partner', '')).toBe(true);
    expect(isBecomePartnerRoute('/', '#/become-a-partner/')).toBe(true);
    expect(isBecomePartnerRoute('/set-password/x', '')).toBe(false);
  });

  it('sends what the employer said, its worksite and the empty honeypot, and shows the receipt', async () => {
    const api = fakeApi({
      listPartnerRegions: () => Promise.resolve(regions),
      applyAsPartner: () => Promise.resolve({ message: 'Thank you. We sent an email to rosa@alder.example.' }),
    });
    renderWithApi(<BecomePartnerPage />, api);
    await screen.findByRole('heading', { name: 'Become a work-based learning partner' });
    fireEvent.change(screen.getByLabelText(/^Region/), { target: { value: 'r-2' } });
    fill('Organization name', 'Alder Robotics');
    fill('Industry', 'Automation');
    fill('Your name', 'Rosa Vega');
    fill('Email', ' rosa@alder.example ');
    fill('About how many students', '6');
    fireEvent.click(within(screen.getByRole('group', { name: 'Career clusters' })).getByLabelText('Advanced Manufacturing'));
    fireEvent.click(within(screen.getByRole('group', { name: 'Kinds of experience' })).getByLabelText('Worksite tour'));
    fill('Worksite name', 'Alder plant');
    fill('Street address', '40 Mill Rd');
    fill('City', 'Alder');
    fill('State', 'CA');
    fill('ZIP code', '95001');
    fireEvent.click(screen.getByRole('button', { name: 'Send my application' }));

    await screen.findByText('Thank you. We sent an email to rosa@alder.example.');
    expect(api.applyAsPartner).toHaveBeenCalledWith(
      expect.objectContaining({
        regionId: 'r-2',
        homepage: undefined,
        profile: expect.objectContaining({
          organizationName: 'Alder Robotics',
          contact: expect.objectContaining({ name: 'Rosa Vega', email: 'rosa@alder.example' }),
          careerClusters: ['advancedManufacturing'],
          experienceTypes: ['worksiteTour'],
          studentsPerYear: 6,
        }),
        worksites: [expect.objectContaining({ name: 'Alder plant', remote: false, address: { line1: '40 Mill Rd', city: 'Alder', state: 'CA', postalCode: '95001' } })],
      }),
    );
  });

  it('shows the server’s field errors beside their fields', async () => {
    const api = fakeApi({
      listPartnerRegions: () => Promise.resolve(regions.slice(0, 1)),
      applyAsPartner: () => Promise.reject(problemOf(400, '', { 'profile.contact.email': ["'Email' is not a valid email address."] })),
    });
    renderWithApi(<BecomePartnerPage />, api);
    await screen.findByRole('heading', { name: 'Become a work-based learning partner' });
    expect(screen.queryByLabelText(/^Region/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Send my application' }));
    const email = await screen.findByLabelText(/^Email/);
    await screen.findByText("'Email' is not a valid email address.");
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});
