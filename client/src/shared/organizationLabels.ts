import type { CareerCluster, OrganizationType } from '@launchpath/contracts';
import { translatedLabels } from './i18n/i18n';

// Records keyed by the generated union types: adding a value to the API makes these fail to compile until labelled.
export const organizationTypeLabels = translatedLabels<OrganizationType>('organizationType', {
  region: 'Region',
  district: 'District',
  school: 'School',
  employer: 'Employer',
});

export const careerClusterLabels = translatedLabels<CareerCluster>('careerCluster', {
  advancedManufacturing: 'Advanced Manufacturing',
  agriculture: 'Agriculture',
  artsEntertainmentDesign: 'Arts, Entertainment & Design',
  construction: 'Construction',
  digitalTechnology: 'Digital Technology',
  education: 'Education',
  energyNaturalResources: 'Energy & Natural Resources',
  financialServices: 'Financial Services',
  healthcareHumanServices: 'Healthcare & Human Services',
  hospitalityEventsTourism: 'Hospitality, Events & Tourism',
  managementEntrepreneurship: 'Management & Entrepreneurship',
  marketingSales: 'Marketing & Sales',
  publicServiceSafety: 'Public Service & Safety',
  supplyChainTransportation: 'Supply Chain & Transportation',
});

export const organizationTypes = Object.keys(organizationTypeLabels) as OrganizationType[];
export const careerClusters = Object.keys(careerClusterLabels) as CareerCluster[];

/** The type an organization's parent must have: districts and employers sit in a region, schools in a district. */
export function parentTypeOf(type: OrganizationType): OrganizationType | undefined {
  switch (type) {
    case 'district':
    case 'employer':
      return 'region';
    case 'school':
      return 'district';
    case 'region':
      return undefined;
  }
}

export function isOrganizationType(value: string): value is OrganizationType {
  return value in organizationTypeLabels;
}

export function isCareerCluster(value: string): value is CareerCluster {
  return value in careerClusterLabels;
}
