import { useMemo } from 'react';
import type { PlanOutline, ReportingPeriod } from '../../../../contract/domain';
import { defaultPeriod } from '../../model/matrix';
import { useNavigationStore } from '../../stores/navigation';
import { usePlanStore } from '../../stores/plan';

const THIS_YEAR = new Date().getFullYear();

export interface StandingPeriod {
  outline: PlanOutline | null;
  planId: number | null;
  /** The period the Progress view shows; this year's (or the latest before it) until one is chosen. */
  periodId: number | null;
  period: ReportingPeriod | null;
}

/** The plan from the plan store and the period from the navigation store. */
export function useStandingPeriod(): StandingPeriod {
  const outline = usePlanStore((s) => s.outline);
  const planId = usePlanStore((s) => s.planId);
  const chosen = useNavigationStore((s) => s.periodId);
  return useMemo(() => {
    const periods = outline?.periods ?? [];
    const period = chosen !== null ? (periods.find((p) => p.id === chosen) ?? null) : defaultPeriod(periods, THIS_YEAR);
    return { outline, planId, periodId: chosen ?? period?.id ?? null, period };
  }, [outline, planId, chosen]);
}
