import i18next from 'i18next';
import type { CareerCluster, StudentPreferences, TransportationMode, WeeklySlot } from '@launchpath/contracts';
import { parseList } from '../../shared/format';

export { parseList };

/** The preferences form's state: text where the user types, arrays and flags as they are. */
export interface PreferencesDraft {
  careerInterests: CareerCluster[];
  /** Skills as typed: separated by commas or new lines. */
  skills: string;
  availability: WeeklySlot[];
  transportation: TransportationMode | '';
  maxTravelMinutes: string;
  prefersPaid: boolean;
  wantsCredit: boolean;
  shareProfileWithEmployers: boolean;
}

export function fromPreferences(p: StudentPreferences): PreferencesDraft {
  return {
    careerInterests: [...p.careerInterests],
    skills: p.skills.join(', '),
    availability: p.availability.map((slot) => ({ ...slot })),
    transportation: p.transportation ?? '',
    maxTravelMinutes: p.maxTravelMinutes === null || p.maxTravelMinutes === undefined ? '' : String(p.maxTravelMinutes),
    prefersPaid: p.prefersPaid,
    wantsCredit: p.wantsCredit,
    shareProfileWithEmployers: p.shareProfileWithEmployers,
  };
}

/**
 * What PUT .../preferences takes. A travel time that is not a whole number is sent as typed (NaN becomes null in
 * JSON, so it is sent as a number only when it is one) and left to the API to reject.
 */
export function toPreferences(d: PreferencesDraft): StudentPreferences {
  const minutes = d.maxTravelMinutes.trim();
  return {
    careerInterests: [...d.careerInterests],
    skills: parseList(d.skills),
    availability: d.availability.map(({ day, start, end }) => ({ day, start, end })),
    transportation: d.transportation === '' ? null : d.transportation,
    maxTravelMinutes: minutes === '' ? null : Number(minutes),
    prefersPaid: d.prefersPaid,
    wantsCredit: d.wantsCredit,
    shareProfileWithEmployers: d.shareProfileWithEmployers,
  };
}

/** Problems the form can see before asking the API (the API checks again). */
export function checkPreferences(d: PreferencesDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const minutes = d.maxTravelMinutes.trim();
  if (minutes !== '' && (!/^\d+$/.test(minutes) || Number(minutes) > 240)) {
    errors.maxTravelMinutes = [i18next.t('preferences.check.trip')];
  }
  d.availability.forEach((slot, i) => {
    if (!/^\d\d:\d\d$/.test(slot.start) || !/^\d\d:\d\d$/.test(slot.end)) errors[`availability[${i}]`] = [i18next.t('preferences.check.slotTimes')];
    else if (slot.end <= slot.start) errors[`availability[${i}]`] = [i18next.t('preferences.check.slotOrder')];
  });
  if (parseList(d.skills).length > 30) errors.skills = [i18next.t('preferences.check.skills')];
  return errors;
}
