/** Pure helpers over a plan outline: lookup by action plan, filtering, counting. */
import type { ActionPlan, Area, ImplementingBody, Language, Objective, PlanOutline, Strategy } from '../../../contract/domain';

/** An action plan with the strategy, objective and area it belongs to. */
export interface ActionEntry {
  action: ActionPlan;
  strategy: Strategy;
  objective: Objective;
  area: Area;
}

export function indexActions(outline: PlanOutline): Map<number, ActionEntry> {
  const index = new Map<number, ActionEntry>();
  for (const area of outline.areas)
    for (const objective of area.objectives)
      for (const strategy of objective.strategies)
        for (const action of strategy.actionPlans) index.set(action.id, { action, strategy, objective, area });
  return index;
}

export function countActions(areas: readonly Area[]): number {
  let n = 0;
  for (const area of areas)
    for (const objective of area.objectives) for (const strategy of objective.strategies) n += strategy.actionPlans.length;
  return n;
}

/**
 * The outline with only the matching action plans, and without any strategy,
 * objective or area left empty. `null` means no filter.
 */
export function filterAreas(areas: readonly Area[], matching: ReadonlySet<number> | null): readonly Area[] {
  if (matching === null) return areas;
  const result: Area[] = [];
  for (const area of areas) {
    const objectives: Objective[] = [];
    for (const objective of area.objectives) {
      const strategies: Strategy[] = [];
      for (const strategy of objective.strategies) {
        const actionPlans = strategy.actionPlans.filter((a) => matching.has(a.id));
        if (actionPlans.length > 0) strategies.push({ ...strategy, actionPlans });
      }
      if (strategies.length > 0) objectives.push({ ...objective, strategies });
    }
    if (objectives.length > 0) result.push({ ...area, objectives });
  }
  return result;
}

/** A plan text in the interface language when it exists, else English; with its language for lang="". */
export function planText(language: Language, item: { textEn: string; textKo: string | null }): { text: string; lang: Language } {
  if (language === 'ko' && item.textKo) return { text: item.textKo, lang: 'ko' };
  return { text: item.textEn, lang: 'en' };
}

export function bodyName(language: Language, body: ImplementingBody): string {
  return language === 'ko' ? body.nameKo : body.nameEn;
}

export function areaName(language: Language, area: Area): string {
  return language === 'ko' ? area.nameKo : area.nameEn;
}
