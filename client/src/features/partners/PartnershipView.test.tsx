import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Partnership, PartnershipRequirements } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { PartnershipView } from './PartnershipView';

const requirements: PartnershipRequirements = {
  agreementRequired: true, worksiteChecklistForMinors: true, supervisorClearanceForMinors: true, version: 1, checklistVersion: 1, agreementTemplateVersion: 1,
  documents: [{ key: 'insurance', name: 'certificate of general liability insurance', required: true, insurance: true, minimumCoverageCents: 100_000_000 }],
  checklist: [{ key: 'supervision.adult', text: 'An adult supervisor is on site whenever a student works.', section: 'supervision' }],
  agreementTemplate: { title: 'WBL partnership agreement', clauses: [{ heading: 'Student data', text: 'Used only to host the placement.' }] },
};

function partnership(overrides: Partial<Partnership> = {}): Partnership {
  return {
    employerId: 'e-1', name: 'Birch Street Bakery', status: 'changesRequested', reviewNote: 'Add the street address.',
    profile: {
      organizationName: 'Birch Street Bakery', industry: 'Food service', contact: { name: 'Morgan Diaz', email: 'm@bakery.example' }, careerClusters: ['hospitalityEventsTourism'],
      experienceTypes: ['jobShadowing'], studentsPerYear: 4,
    },
    worksites: [], documents: [], agreements: [], clearances: [],
    missing: ['No approved certificate of general liability insurance'],
    allowedActions: ['editProfile', 'addWorksite', 'uploadDocument', 'recordClearance'],
    ...overrides,
  };
}

describe('An employer’s partnership', () => {
  it('uploads a certificate with its fields, leaving out the ones not filled in, and asks for the file first', async () => {
    const upload = vi.fn(() => Promise.resolve({} as never));
    const api = fakeApi({ uploadEmployerDocument: upload });
    renderWithApi(<PartnershipView partnership={partnership()} requirements={requirements} districts={[]} onChanged={vi.fn()} />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Attach the document: a PDF, PNG or JPEG.')).toBeTruthy();
    expect(upload).not.toHaveBeenCalled();
    const documents = within(screen.getByRole('region', { name: 'Documents' }));
    const pdf = new File(['%PDF-1.7'], 'coi.pdf', { type: 'application/pdf' });
    fireEvent.change(documents.getByLabelText(/^File/), { target: { files: [pdf] } });
    fireEvent.change(documents.getByLabelText(/^In effect from/), { target: { value: '2026-12-01' } });
    fireEvent.change(documents.getByLabelText(/^Expires on/), { target: { value: '2027-12-01' } });
    fireEvent.change(documents.getByLabelText(/^Insurer/), { target: { value: 'Harbor Mutual' } });
    fireEvent.change(documents.getByLabelText(/^Policy number/), { target: { value: 'GL-1' } });
    fireEvent.change(documents.getByLabelText(/^Each-occurrence limit/), { target: { value: '1000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await vi.waitFor(() => expect(upload).toHaveBeenCalled());
    expect(upload).toHaveBeenCalledWith('e-1', { data: pdf, fileName: 'coi.pdf' }, 'insurance', '2026-12-01', '2027-12-01', 'Harbor Mutual', 'GL-1', '100000000');
  });

  it('lets the employer change a worksite, sending the version it read', async () => {
    const site = {
      id: 'w-1', employerId: 'e-1', name: 'Bakery', remote: false, version: 3,
      address: { line1: '1 Birch St', line2: 'Back door', city: 'Alder', state: 'CA', postalCode: '95001', country: 'US' },
      checklist: { status: 'approved' as const },
    };
    const update = vi.fn(() => Promise.resolve(site));
    const api = fakeApi({ updateWorksite: update });
    const onChanged = vi.fn();
    renderWithApi(<PartnershipView partnership={partnership({ worksites: [site] })} requirements={requirements} districts={[]} onChanged={onChanged} />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bakery' }));
    fireEvent.change(screen.getByLabelText(/^Accessibility/), { target: { value: 'Ramp at the side door' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save worksite' }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.ifMatch).toHaveBeenCalledWith(3);
    // The address goes back as it was (second line and country too): changing only the accessibility is not a move.
    expect(update).toHaveBeenCalledWith('w-1', expect.objectContaining({ name: 'Bakery', accessibility: 'Ramp at the side door',
      address: { line1: '1 Birch St', line2: 'Back door', city: 'Alder', state: 'CA', postalCode: '95001', country: 'US' } }));
  });

  it('shows the employer what is missing and lets it answer the region’s request for changes', async () => {
    const api = fakeApi({ updatePartnerProfile: (_id, body) => Promise.resolve(partnership({ status: 'pending', profile: body })) });
    const onChanged = vi.fn();
    renderWithApi(<PartnershipView partnership={partnership()} requirements={requirements} districts={[]} onChanged={onChanged} />, api);
    expect(screen.getByTestId('partner-status').textContent).toBe('Changes asked');
    expect(screen.getByText('Add the street address.', { exact: false })).toBeTruthy();
    expect(screen.getByTestId('partner-missing').textContent).toContain('No approved certificate');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Industry/), { target: { value: 'Bakery and café' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send back for review' }));
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'pending' })));
    expect(api.updatePartnerProfile).toHaveBeenCalledWith('e-1', expect.objectContaining({ industry: 'Bakery and café', organizationName: 'Birch Street Bakery' }));
  });

  it('gives the region’s side the review, and signs an agreement only where the server allows it', async () => {
    const api = fakeApi({ reviewPartner: () => Promise.resolve(partnership({ status: 'approved' })), signPartnershipAgreement: () => Promise.resolve({} as never) });
    const onChanged = vi.fn();
    const agreement = {
      id: 'a-1', employerId: 'e-1', templateVersion: 1, terms: requirements.agreementTemplate, startsOn: '2026-09-01', endsOn: '2027-08-31', state: 'awaitingSignatures',
      allowedActions: ['signAsSchool'],
    };
    renderWithApi(
      <PartnershipView partnership={partnership({ status: 'pending', agreements: [agreement], allowedActions: ['review', 'reviewWorksites', 'reviewDocuments', 'draftAgreement', 'recordClearance'] })}
        requirements={requirements} districts={[{ id: '', name: 'The region' }]} onChanged={onChanged} />,
      api,
    );
    expect(screen.queryByRole('button', { name: 'Sign for the employer' })).toBeNull();
    const sign = screen.getByRole('button', { name: 'Sign for the schools' }) as HTMLButtonElement;
    expect(sign.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Your name, to sign'), { target: { value: 'Casey Convener' } });
    fireEvent.change(screen.getByLabelText('Your title'), { target: { value: 'WBL director' } });
    fireEvent.click(sign);
    await vi.waitFor(() => expect(api.signPartnershipAgreement).toHaveBeenCalledWith('a-1', { side: 'school', name: 'Casey Convener', title: 'WBL director' }));
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(api.reviewPartner).toHaveBeenCalledWith('e-1', { decision: 'approve', reason: undefined }));
  });
});
