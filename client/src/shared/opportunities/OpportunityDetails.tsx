import { useTranslation } from 'react-i18next';
import type { Opportunity } from '@launchpath/contracts';
import { DescriptionList } from '../components/DescriptionList';
import { describePay, describeSlots, formatAddress, formatDateRange } from '../format';
import { formatNumber } from '../i18n/i18n';
import { audienceLabels, modalityLabels, opportunityTypeLabels, stageLabels } from '../labels';
import { careerClusterLabels } from '../organizationLabels';

/** Every field of an opportunity as a description list (for reviewing what was submitted). */
export function OpportunityDetails({ opportunity, audienceNames }: { opportunity: Opportunity; audienceNames?: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const f = opportunity.fields;
  const address = formatAddress(f.address);
  const rows: [string, string][] = [
    [t('opportunity.employer'), opportunity.employerName],
    [t('opportunity.kind'), opportunityTypeLabels[f.type]],
    [t('opportunity.stage'), stageLabels[f.stage]],
    [t('opportunity.cluster'), careerClusterLabels[f.careerCluster]],
    [t('opportunity.pathway'), f.pathway || '—'],
    [t('opportunity.description'), f.description],
    [t('opportunity.duties'), f.duties || '—'],
    [t('opportunity.skills'), f.skills.join(', ') || '—'],
    [t('opportunity.modality'), modalityLabels[f.modality]],
    [t('opportunity.site'), [f.siteName, address].filter(Boolean).join(' — ') || '—'],
    [t('opportunity.seats'), t('opportunity.seatCount', { count: f.seats })],
    [t('opportunity.dates'), formatDateRange(f.startDate, f.endDate)],
    [t('opportunity.schedule'), describeSlots(f.schedule)],
    [t('opportunity.expectedHours'), f.expectedHours ? formatNumber(f.expectedHours) : '—'],
    [t('opportunity.pay'), describePay(f)],
    [t('opportunity.credit'), f.creditOffered ? f.creditDescription || t('opportunity.offered') : t('opportunity.none')],
    [t('opportunity.lowestGrade'), f.minGrade ? (f.minGrade === 13 ? t('format.postsecondary') : String(f.minGrade)) : t('opportunity.any')],
    [t('opportunity.minimumAge'), f.minAge ? String(f.minAge) : t('opportunity.any')],
    [t('opportunity.prerequisite'), f.prerequisiteStage ? stageLabels[f.prerequisiteStage] : t('opportunity.none')],
    [t('opportunity.forms'), f.requiredForms.join(', ') || t('opportunity.none')],
    [t('opportunity.hazardous'), f.hazardous ? t('opportunity.hazardousYes') : t('opportunity.no')],
    [
      t('opportunity.audience'),
      f.audience === 'region'
        ? audienceLabels.region
        : `${audienceLabels[f.audience]}: ${f.audienceOrganizationIds.map((id) => audienceNames?.get(id) ?? id).join(', ')}`,
    ],
  ];
  return (
    <DescriptionList rows={rows} className="details" />
  );
}
