import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MembershipInfo, Opportunity } from '@launchpath/contracts';
import { fakeApi, organization, page, membershipOf } from '../../test/fakeApi';
import { opportunity, problemOf } from '../../test/fixtures';
import { renderWithApi } from '../../test/render';
import { OpportunityEditor } from './OpportunityEditor';

const employers: MembershipInfo[] = [membershipOf({ organizationId: 'employer-1', organizationName: 'Harbor Health', organizationType: 'employer' }, 'employerAdmin')];

function describedBy(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

afterEach(() => {
  window.location.hash = '';
});

describe('Opportunity editor', () => {
  it('checks a new opportunity, then creates it for the employer and opens it', async () => {
    const created = opportunity({ fields: { title: 'Clinic shadow' } });
    const api = fakeApi({ createOpportunity: () => Promise.resolve(created), getOpportunity: () => Promise.resolve(created) });
    const { user } = renderWithApi(<OpportunityEditor opportunityId="new" employers={employers} />, api);

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const title = screen.getByLabelText(/^Title/);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(screen.getByLabelText(/^Street address/))).toContain('Enter the street address.');
    expect(document.activeElement).toBe(title);
    expect(api.createOpportunity).not.toHaveBeenCalled();

    await user.type(title, 'Clinic shadow');
    await user.type(screen.getByRole('textbox', { name: /^Description/ }), 'Follow a nurse.');
    await user.selectOptions(screen.getByLabelText(/^Career cluster/), 'healthcareHumanServices');
    await user.selectOptions(screen.getByLabelText(/^Modality/), 'virtual');
    expect(screen.queryByLabelText(/^Street address/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/^Compensation/), 'paid');
    await user.type(screen.getByLabelText(/^Hourly wage/), '18.5');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => expect(window.location.hash).toBe(`#/our-opportunities/${created.id}`));
    const request = (api.createOpportunity as unknown as { mock: { calls: [{ employerId: string; fields: Opportunity['fields'] }][] } }).mock.calls[0][0];
    expect(request.employerId).toBe('employer-1');
    expect(request.fields).toMatchObject({ title: 'Clinic shadow', careerCluster: 'healthcareHumanServices', modality: 'virtual', address: null, compensation: 'paid', hourlyWage: 18.5 });
    expect(screen.getByRole('status').textContent).toContain('The draft is saved.');
  });

  it('saves changes to a draft with If-Match and submits it for curation', async () => {
    const draft = opportunity({ version: 3, fields: { title: 'Clinic shadow' } });
    const updated = { ...draft, version: 4, fields: { ...draft.fields, seats: 5 } };
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(draft),
      updateOpportunity: () => Promise.resolve(updated),
      submitOpportunity: () => Promise.resolve({ ...updated, version: 5, status: 'submitted', allowedActions: [] }),
      listOrganizations: () => Promise.resolve(page([])),
    });
    const { user } = renderWithApi(<OpportunityEditor opportunityId={draft.id} employers={employers} />, api);

    const seats = await screen.findByLabelText(/^Seats/);
    await user.clear(seats);
    await user.type(seats, '5');
    await user.click(screen.getByRole('button', { name: 'Submit for curation' }));

    await screen.findByText(/^Submitted for curation/);
    expect(api.ifMatch).toHaveBeenCalledWith(3);
    expect(api.updateOpportunity).toHaveBeenCalledWith(draft.id, expect.objectContaining({ seats: 5 }));
    expect(api.submitOpportunity).toHaveBeenCalledWith(draft.id);
    // Submitted: read-only now.
    expect(screen.queryByRole('button', { name: 'Save draft' })).toBeNull();
    expect(screen.getByText(/Awaiting curation: it cannot be changed/)).toBeTruthy();
  });

  it('puts the API’s validation errors (keyed fields.*) beside the fields', async () => {
    const draft = opportunity({ fields: { title: 'Clinic shadow' } });
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(draft),
      updateOpportunity: () => Promise.reject(problemOf(400, 'Invalid.', { title: ['Title is too long.'], 'fields.pathway': ['Too long.'], location: ['Odd.'] })),
    });
    const { user } = renderWithApi(<OpportunityEditor opportunityId={draft.id} employers={employers} />, api);
    await user.type(await screen.findByLabelText(/^Pathway/), 'x');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(describedBy(screen.getByLabelText(/^Title/))).toContain('Title is too long.'));
    expect(describedBy(screen.getByLabelText(/^Pathway/))).toContain('Too long.');
    // A field the form does not show is named in the banner.
    expect(screen.getByRole('alert').textContent).toContain('location: Odd.');
  });

  it('on 412 explains the conflict and reloads the latest version', async () => {
    const v1 = opportunity({ version: 1, fields: { title: 'Old title' } });
    const v2 = { ...v1, version: 2, fields: { ...v1.fields, title: 'Title from elsewhere' } };
    let loads = 0;
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(++loads === 1 ? v1 : v2),
      updateOpportunity: () => Promise.reject(problemOf(412, 'Stale.')),
    });
    const { user } = renderWithApi(<OpportunityEditor opportunityId={v1.id} employers={employers} />, api);
    await user.type(await screen.findByLabelText(/^Pathway/), 'Health');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Someone else changed this opportunity/);
    await waitFor(() => expect(screen.getByLabelText(/^Title/)).toHaveProperty('value', 'Title from elsewhere'));
  });

  it('shows a rejection reason on a rejected opportunity, still editable', async () => {
    const rejected = opportunity({ status: 'rejected', rejectionReason: 'Add the minimum age.', fields: { title: 'Night shift' } });
    renderWithApi(<OpportunityEditor opportunityId={rejected.id} employers={employers} />, fakeApi({ getOpportunity: () => Promise.resolve(rejected) }));
    await screen.findByText('Add the minimum age.');
    expect(screen.getByRole('button', { name: 'Submit for curation' })).toBeTruthy();
  });

  it('shows a supervisor (no write permission) a draft read only', async () => {
    // The API offers a supervisor nothing on the draft.
    const draft = opportunity({ allowedActions: [], fields: { title: 'Clinic shadow' } });
    renderWithApi(<OpportunityEditor opportunityId={draft.id} employers={[]} />, fakeApi({ getOpportunity: () => Promise.resolve(draft) }));
    await screen.findByRole('heading', { name: 'Details' });
    expect(screen.queryByRole('button', { name: /Save draft|Submit for curation|Close opportunity/ })).toBeNull();
  });

  it('closes a published opportunity after confirming', async () => {
    const published = opportunity({ status: 'published', fields: { title: 'Clinic shadow', audience: 'school', audienceOrganizationIds: ['s1'] } });
    const school = organization({ id: 's1', type: 'school', name: 'Alder High' });
    const api = fakeApi({
      getOpportunity: () => Promise.resolve(published),
      closeOpportunity: () => Promise.resolve({ ...published, status: 'closed', allowedActions: [] }),
      listOrganizations: (type) => Promise.resolve(page(type === 'school' ? [school] : [])),
    });
    const { user } = renderWithApi(<OpportunityEditor opportunityId={published.id} employers={employers} />, api);
    await screen.findByText('Some schools: Alder High');
    await user.click(screen.getByRole('button', { name: 'Close opportunity' }));
    const dialog = screen.getByRole('dialog', { name: 'Close this opportunity?' });
    expect(api.closeOpportunity).not.toHaveBeenCalled();
    await user.click(screen.getAllByRole('button', { name: 'Close opportunity' }).find((b) => dialog.contains(b))!);
    await screen.findByText(/Students no longer see it/);
    expect(api.closeOpportunity).toHaveBeenCalledWith(published.id);
  });
});
