/**
 * The consolidated completion level of an action plan for a period, derived
 * from the levels its bodies reported. The rule, chosen to be conservative
 * and explainable at a meeting: the plan is only as far along as its least
 * advanced body. "No evidence" counts only when no body reported a level on
 * the scale. MOGEF can override the result with a recorded reason.
 */
import type { CompletionLevel } from '../contract/progress';
import { SCALE } from '../contract/matrix-codec';

/** The level from an aggregate: the lowest rank reported, and whether any body said "no evidence". */
export function levelFromAggregate(lowestRank: number | null, anyNoEvidence: boolean): CompletionLevel | null {
  if (lowestRank !== null) return SCALE[lowestRank] ?? null;
  return anyNoEvidence ? 'no_evidence' : null;
}

export function deriveLevel(levels: readonly (CompletionLevel | null | undefined)[]): CompletionLevel | null {
  let lowest: number | null = null;
  let anyNoEvidence = false;
  for (const level of levels) {
    if (!level) continue;
    if (level === 'no_evidence') {
      anyNoEvidence = true;
      continue;
    }
    const rank = SCALE.indexOf(level as (typeof SCALE)[number]);
    if (lowest === null || rank < lowest) lowest = rank;
  }
  return levelFromAggregate(lowest, anyNoEvidence);
}
