import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { OpportunityTemplate } from '@launchpath/contracts';
import { fakeApi } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { emptyOpportunityDraft } from './opportunityForm';
import { QualityList } from './QualityList';
import { fromTemplate, TemplatePicker } from './TemplatePicker';

const template: OpportunityTemplate = {
  key: 'jobShadow', name: 'Job shadow (any field)', type: 'jobShadowing', stage: 'exploration', title: 'Job shadow: a day with our team', description: 'Spend a day.',
  duties: 'Follow a professional\nInterview two staff members', skills: ['Communication', 'Career research'], learningObjectives: ['Describe three roles'],
  supervision: 'One named host.', schedule: 'One school day', compensation: 'unpaid', creditOffered: false, expectedHours: 5,
};

describe('Job description templates', () => {
  it('fill the form and keep the cluster the employer chose when the template is for any cluster', () => {
    const draft = fromTemplate({ ...emptyOpportunityDraft, careerCluster: 'construction', seats: '4' }, template);
    expect(draft).toMatchObject({ title: template.title, duties: template.duties, type: 'jobShadowing', stage: 'exploration', careerCluster: 'construction',
      skills: 'Communication, Career research', expectedHours: '5', seats: '4' });
  });

  it('are offered on a new opportunity and used on request', async () => {
    const onUse = vi.fn();
    renderWithApi(<TemplatePicker draft={emptyOpportunityDraft} onUse={onUse} />, fakeApi({ listOpportunityTemplates: () => Promise.resolve([template]) }));
    const select = await screen.findByLabelText('Template');
    fireEvent.change(select, { target: { value: 'jobShadow' } });
    expect(screen.getByText(/Supervision: One named host\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Use this template' }));
    expect(onUse).toHaveBeenCalledWith(expect.objectContaining({ title: template.title }));
  });

  it('show curators which quality criteria an opportunity meets and what would meet the others', () => {
    renderWithApi(
      <QualityList criteria={[{ key: 'skillsIdentified', name: 'Skills identified', met: true }, { key: 'meaningfulTasks', name: 'Meaningful tasks', met: false, hint: 'List two tasks.' }]} />,
      fakeApi(),
    );
    expect(screen.getByText('Quality criteria: 1 of 2 met')).toBeTruthy();
    expect(screen.getByText(/List two tasks\./)).toBeTruthy();
  });
});
