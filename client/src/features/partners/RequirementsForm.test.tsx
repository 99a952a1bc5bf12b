import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { PartnershipRequirements } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { RequirementsForm } from './RequirementsForm';

const rules: PartnershipRequirements = {
  agreementRequired: false, worksiteChecklistForMinors: false, supervisorClearanceForMinors: false, version: 2, checklistVersion: 1, agreementTemplateVersion: 1,
  documents: [{ key: 'insurance', name: 'certificate of general liability insurance', required: false, insurance: true }],
  checklist: [{ key: 'hazards.identified', text: 'Hazards are identified.', section: 'hazards' }],
  agreementTemplate: { title: 'WBL partnership agreement', clauses: [{ heading: 'Student data', text: 'Used only to host the placement.' }] },
};

describe('The region’s partnership requirements', () => {
  it('turns rules and required documents on, adds a checklist item, and saves against the version read', async () => {
    const update = vi.fn(() => Promise.resolve({ ...rules, version: 3 }));
    const api = fakeApi({ getPartnershipRequirements: () => Promise.resolve(rules), updatePartnershipRequirements: update });
    renderWithApi(<RequirementsForm regionId="r-1" />, api);
    fireEvent.click(await screen.findByLabelText(/A minor's placement starts only with a cleared supervisor/));
    fireEvent.click(screen.getByLabelText(/certificate of general liability insurance/));
    fireEvent.change(screen.getByLabelText('Section'), { target: { value: 'minors' } });
    fireEvent.change(screen.getByLabelText('New item'), { target: { value: 'Students are never alone with one adult behind closed doors.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the item' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save the requirements' }));
    await screen.findByText('Saved.');
    expect(api.ifMatch).toHaveBeenCalledWith(2);
    expect(update).toHaveBeenCalledWith('r-1', expect.objectContaining({
      supervisorClearanceForMinors: true,
      agreementRequired: false,
      documents: [expect.objectContaining({ key: 'insurance', required: true })],
      checklist: [rules.checklist[0], { key: 'minors.custom1', section: 'minors', text: 'Students are never alone with one adult behind closed doors.' }],
    }));
  });
});
