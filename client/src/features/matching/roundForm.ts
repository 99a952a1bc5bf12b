import type { CreateMatchRoundRequest, MatchRound, ReserveGroup } from '@launchpath/contracts';

export interface RoundDraft {
  organizationId: string;
  name: string;
  opportunityIds: string[];
  /** '' for the region's default. */
  maxChoices: string;
  /** '' for a random seed. */
  seed: string;
  reserveGroup: ReserveGroup | '';
  reservePercent: string;
}

/** The request; blanks left to the API's defaults, no reserve percent without a group. */
export function toCreateRoundRequest(d: RoundDraft): CreateMatchRoundRequest {
  const whole = (text: string) => (text.trim() === '' ? null : Number(text.trim()));
  return {
    organizationId: d.organizationId,
    name: d.name.trim(),
    opportunityIds: [...d.opportunityIds],
    maxChoices: whole(d.maxChoices),
    seed: whole(d.seed),
    reserveGroup: d.reserveGroup === '' ? null : d.reserveGroup,
    reservePercent: d.reserveGroup === '' ? 0 : (whole(d.reservePercent) ?? 0),
  };
}

export function checkRoundDraft(d: RoundDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const isWhole = (text: string) => /^-?\d+$/.test(text.trim());
  if (!d.organizationId) errors.organizationId = ['Choose the region or district the round is for.'];
  if (!d.name.trim()) errors.name = ['Name the round.'];
  if (d.opportunityIds.length === 0) errors.opportunityIds = ['Choose at least one published opportunity.'];
  if (d.maxChoices.trim() && (!isWhole(d.maxChoices) || Number(d.maxChoices) < 1 || Number(d.maxChoices) > 20)) {
    errors.maxChoices = ['Enter a whole number from 1 to 20, or leave it empty for the region’s default.'];
  }
  if (d.seed.trim() && !isWhole(d.seed)) errors.seed = ['Enter a whole number, or leave it empty for a random seed.'];
  if (d.reserveGroup && (!isWhole(d.reservePercent) || Number(d.reservePercent) < 0 || Number(d.reservePercent) > 50)) {
    errors.reservePercent = ['Enter a whole percentage from 0 to 50.'];
  }
  return errors;
}

/** Opportunities already in a round that is not published (they cannot join another): id → round name. */
export function busyOpportunities(rounds: readonly MatchRound[]): Map<string, string> {
  const busy = new Map<string, string>();
  for (const round of rounds) {
    if (round.status === 'published') continue;
    for (const o of round.opportunities) busy.set(o.opportunityId, round.name);
  }
  return busy;
}
