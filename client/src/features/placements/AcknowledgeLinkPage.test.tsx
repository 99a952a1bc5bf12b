import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LinkedAgreement } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { AcknowledgeLinkPage } from './AcknowledgeLinkPage';

const linked: LinkedAgreement = {
  party: 'guardian',
  opportunityTitle: 'Lab intern',
  employerName: 'Harbor Health',
  studentFirstName: 'Ana',
  terms: {
    objectives: [{ description: 'Label and track samples', skills: ['Lab safety'] }],
    schedule: [{ day: 'wednesday', start: '15:30', end: '17:30' }],
    startDate: '2027-02-01',
    endDate: '2027-05-28',
    supervisorName: 'Sam Supervisor',
    supervisorEmail: 'sam@harbor.test',
    compensation: 'unpaid',
    credit: '2.5 elective credits',
    workExperienceEducation: false,
  },
  expiresAt: '2027-02-24T00:00:00Z',
};

describe('AcknowledgeLinkPage', () => {
  it('shows the terms and records the acknowledgement under the name given', async () => {
    const api = fakeApi({ getLinkedAgreement: () => Promise.resolve(linked), acknowledgeByLink: () => Promise.resolve(linked) });
    const { user } = renderWithApi(<AcknowledgeLinkPage token="tok" />, api);
    await screen.findByRole('heading', { level: 1, name: 'Training agreement for Ana' });
    const terms = screen.getByRole('region', { name: 'The agreement' });
    expect(within(terms).getByText('Label and track samples')).toBeTruthy();
    expect(within(terms).getByText('Wednesday 15:30–17:30')).toBeTruthy();
    expect(within(terms).getByText('Sam Supervisor (sam@harbor.test)')).toBeTruthy();
    expect(screen.getByText(/as the guardian, to read the agreement/)).toBeTruthy();

    await user.type(screen.getByLabelText(/^Your full name/), ' Maria Lopez ');
    await user.click(screen.getByRole('button', { name: 'I acknowledge this agreement' }));
    await screen.findByText('Thank you, Maria Lopez. Your acknowledgement as the guardian is recorded; this link is now used up.');
    expect(api.getLinkedAgreement).toHaveBeenCalledWith('tok', expect.anything());
    expect(api.acknowledgeByLink).toHaveBeenCalledWith('tok', { name: 'Maria Lopez' });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('asks for the name first, then shows the API’s refusal', async () => {
    const api = fakeApi({
      getLinkedAgreement: () => Promise.resolve(linked),
      acknowledgeByLink: () => Promise.reject(problemOf(409, 'This agreement can no longer be acknowledged.')),
    });
    const { user } = renderWithApi(<AcknowledgeLinkPage token="tok" />, api);
    await user.click(await screen.findByRole('button', { name: 'I acknowledge this agreement' }));
    expect(document.activeElement).toBe(screen.getByLabelText(/^Your full name/));
    expect(screen.getByText('Enter your full name.')).toBeTruthy();
    expect(api.acknowledgeByLink).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/^Your full name/), 'Maria Lopez');
    await user.click(screen.getByRole('button', { name: 'I acknowledge this agreement' }));
    expect((await screen.findByRole('alert')).textContent).toContain('This agreement can no longer be acknowledged.');
  });

  it('explains a used or expired link (410)', async () => {
    const api = fakeApi({ getLinkedAgreement: () => Promise.reject(problemOf(410, 'This link was already used or has expired. Ask the school for a new one.')) });
    renderWithApi(<AcknowledgeLinkPage token="tok" />, api);
    await screen.findByRole('heading', { level: 1, name: 'This link has been used or has expired' });
    expect(screen.getByText('This link was already used or has expired. Ask the school for a new one.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('explains a link that is not one (404), and offers a retry for other failures', async () => {
    const api = fakeApi({ getLinkedAgreement: () => Promise.reject(problemOf(404, 'Link was not found.')) });
    renderWithApi(<AcknowledgeLinkPage token="nope" />, api);
    await screen.findByRole('heading', { level: 1, name: 'This link does not work' });

    const down = fakeApi({ getLinkedAgreement: () => Promise.reject(problemOf(503, 'Service unavailable.')) });
    const { user } = renderWithApi(<AcknowledgeLinkPage token="tok" />, down);
    await screen.findByRole('heading', { level: 1, name: 'The link could not be opened' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(down.getLinkedAgreement).toHaveBeenCalledTimes(2);
  });
});
