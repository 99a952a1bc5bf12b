import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OpportunityFit } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { opportunity } from '../../test/fixtures';
import { placement } from '../../test/placementFixtures';
import { renderWithApi } from '../../test/render';
import { ApplyPage } from './ApplyPage';

const back = { href: '#/search', label: '← Search opportunities' };
const lab = opportunity({ id: 'o1', fields: { title: 'Clinical lab assistant' } });
const fit = (overrides: Partial<OpportunityFit> = {}): OpportunityFit => ({
  opportunityId: 'o1',
  studentId: 's1',
  eligible: true,
  score: 7.5,
  reasons: [{ code: 'interestMatch', weight: 3, detail: 'Matches your interest in Health Science' }],
  seatsLeft: 3,
  placementId: null,
  ...overrides,
});

describe('ApplyPage', () => {
  it('shows why it fits and applies with a note, then links to the application', async () => {
    const sent: unknown[] = [];
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(lab),
      getOpportunityFit: () => Promise.resolve(fit()),
      createPlacement: (body) => {
        sent.push(body);
        return Promise.resolve(placement({ id: 'p9', status: 'requested' }));
      },
    });
    const { user } = renderWithApi(<ApplyPage studentId="s1" opportunityId="o1" back={back} />, api);
    await screen.findByRole('heading', { level: 1, name: 'Clinical lab assistant' });
    await screen.findByText('Matches your interest in Health Science');
    expect(screen.getByTestId('seats-left').textContent).toBe('3 seats left.');
    await user.type(screen.getByLabelText(/^A note to the employer/), 'I volunteer at a clinic on Saturdays.');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await screen.findByText(/^Applied\. The employer decides first/);
    expect(sent).toEqual([{ opportunityId: 'o1', studentId: 's1', note: 'I volunteer at a clinic on Saturdays.' }]);
    await waitFor(() => expect(screen.getByRole('link', { name: 'Follow your application' }).getAttribute('href')).toBe('#/placements/p9'));
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
  });

  it('says why the student cannot apply, before they try, and offers no form', async () => {
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(lab),
      getOpportunityFit: () => Promise.resolve(fit({ eligible: false, score: null, reasons: [], ineligibleReason: 'Open from grade 12; you are in grade 10.' })),
    });
    renderWithApi(<ApplyPage studentId="s1" opportunityId="o1" back={back} />, api);
    await screen.findByText('You can’t apply: Open from grade 12; you are in grade 10.');
    expect(screen.queryByRole('form', { name: 'Apply' })).toBeNull();
  });

  it('links to the application the student already made', async () => {
    const api = fakeApi({ getOpportunity: () => Promise.resolve(lab), getOpportunityFit: () => Promise.resolve(fit({ placementId: 'p3' })) });
    renderWithApi(<ApplyPage studentId="s1" opportunityId="o1" back={back} />, api);
    expect((await screen.findByRole('link', { name: 'Follow your application' })).getAttribute('href')).toBe('#/placements/p3');
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
  });
});
