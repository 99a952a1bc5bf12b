import type { Opportunity } from '@launchpath/contracts';
import { DescriptionList } from '../components/DescriptionList';
import { describePay, describeSlots, formatAddress, formatDateRange, plural } from '../format';
import { audienceLabels, modalityLabels, opportunityTypeLabels, stageLabels } from '../labels';
import { careerClusterLabels } from '../organizationLabels';

/** Every field of an opportunity as a description list (for reviewing what was submitted). */
export function OpportunityDetails({ opportunity, audienceNames }: { opportunity: Opportunity; audienceNames?: ReadonlyMap<string, string> }) {
  const f = opportunity.fields;
  const address = formatAddress(f.address);
  const rows: [string, string][] = [
    ['Employer', opportunity.employerName],
    ['Kind', opportunityTypeLabels[f.type]],
    ['Stage', stageLabels[f.stage]],
    ['Career cluster', careerClusterLabels[f.careerCluster]],
    ['Pathway', f.pathway || '—'],
    ['Description', f.description],
    ['Duties', f.duties || '—'],
    ['Skills', f.skills.join(', ') || '—'],
    ['Modality', modalityLabels[f.modality]],
    ['Site', [f.siteName, address].filter(Boolean).join(' — ') || '—'],
    ['Seats', plural(f.seats, 'seat')],
    ['Dates', formatDateRange(f.startDate, f.endDate)],
    ['Weekly schedule', describeSlots(f.schedule)],
    ['Expected hours', f.expectedHours ? String(f.expectedHours) : '—'],
    ['Pay', describePay(f)],
    ['Credit', f.creditOffered ? f.creditDescription || 'Offered' : 'None'],
    ['Lowest grade', f.minGrade ? (f.minGrade === 13 ? 'Postsecondary' : String(f.minGrade)) : 'Any'],
    ['Minimum age', f.minAge ? String(f.minAge) : 'Any'],
    ['Stage completed first', f.prerequisiteStage ? stageLabels[f.prerequisiteStage] : 'None'],
    ['Required forms', f.requiredForms.join(', ') || 'None'],
    ['Hazardous work', f.hazardous ? 'Yes (18 or older)' : 'No'],
    [
      'Audience',
      f.audience === 'region'
        ? audienceLabels.region
        : `${audienceLabels[f.audience]}: ${f.audienceOrganizationIds.map((id) => audienceNames?.get(id) ?? id).join(', ')}`,
    ],
  ];
  return (
    <DescriptionList rows={rows} className="details" />
  );
}
