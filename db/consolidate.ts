/**
 * The consolidated completion level of an action plan for a period, derived
 * from the levels its bodies reported. The rule, chosen to be conservative
 * and explainable at a meeting: the plan is only as far along as its least
 * advanced body. "No evidence" counts only when no body reported a level on
 * the scale. MOGEF can override the result with a recorded reason.
 */
import type { CompletionLevel } from '../contract/progress';

const ORDER: Readonly<Record<Exclude<CompletionLevel, 'no_evidence'>, number>> = {
  not_started: 0,
  limited: 1,
  substantial: 2,
  completed: 3,
};

export function deriveLevel(levels: readonly (CompletionLevel | null | undefined)[]): CompletionLevel | null {
  let lowest: Exclude<CompletionLevel, 'no_evidence'> | null = null;
  let anyNoEvidence = false;
  for (const level of levels) {
    if (!level) continue;
    if (level === 'no_evidence') {
      anyNoEvidence = true;
      continue;
    }
    if (lowest === null || ORDER[level] < ORDER[lowest]) lowest = level;
  }
  return lowest ?? (anyNoEvidence ? 'no_evidence' : null);
}
