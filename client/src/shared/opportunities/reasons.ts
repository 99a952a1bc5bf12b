import type { RecommendationReason } from '@launchpath/contracts';
import i18next from 'i18next';
import { currentLanguage, formatNumber } from '../i18n/i18n';
import { stageLabels, stages } from '../labels';

export interface SplitReasons {
  /** What raises the score, strongest first. */
  positive: RecommendationReason[];
  /** What lowers it, strongest first. */
  negative: RecommendationReason[];
}

/** Separates a recommendation's reasons into those for and against it (a zero weight counts as neither). */
export function splitReasons(reasons: readonly RecommendationReason[]): SplitReasons {
  const byStrength = (a: RecommendationReason, b: RecommendationReason) => Math.abs(b.weight) - Math.abs(a.weight);
  return {
    positive: reasons.filter((r) => r.weight > 0).sort(byStrength),
    negative: reasons.filter((r) => r.weight < 0).sort(byStrength),
  };
}

/**
 * A reason in the reader's language: in English the API's own words; in another, the message for its code with its
 * numbers (the API's words when the code, or a number its message needs, is one this client does not have).
 */
export function reasonText(reason: RecommendationReason): string {
  if (currentLanguage() === 'en') return reason.detail;
  const stage = reason.code === 'prerequisiteMissing' && reason.term && (stages as readonly string[]).includes(reason.term) ? reason.term : undefined;
  const key = `reasonCodes.${reason.term && !stage ? `${reason.code}_${reason.term}` : reason.code}`;
  const message = i18next.getResource(currentLanguage(), 'translation', key) as string | undefined;
  if (!message || (message.includes('{{value}}') && reason.value == null) || (message.includes('{{limit}}') && reason.limit == null)) return reason.detail;
  return i18next.t(key, {
    value: reason.value == null ? '' : formatNumber(reason.value),
    limit: reason.limit == null ? '' : formatNumber(reason.limit),
    stage: stage ? stageLabels[stage as keyof typeof stageLabels].toLowerCase() : '',
  });
}
