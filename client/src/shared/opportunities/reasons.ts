import type { RecommendationReason } from '@launchpath/contracts';

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
