/**
 * Renderer-side constants and pure helpers of the Progress views: completion
 * levels and report statuses with their message keys, field names, values
 * for display (through format.ts), the year to open on. The levels are
 * contract/rules.ts's.
 */
import type { Language } from '../../../../contract/domain';
import type { BodyReport, CompletionLevel, IndicatorKind, ReportStatus } from '../../../../contract/progress';
import { formatNumber, formatPercent } from '../../format';
import type { MessageKey, Translate } from '../../i18n';

/** The Open Government Partnership IRM's scale, in the order of the form's select (the one list, contract/rules.ts). */
export { COMPLETION_LEVELS, isCompletionLevel } from '../../../../contract/rules';

export function levelKey(level: CompletionLevel | null): MessageKey {
  return level === null ? 'progress.level.none' : `progress.level.${level}`;
}

export function statusKey(status: ReportStatus): MessageKey {
  return `progress.status.${status}`;
}


const FIELD_KEYS: Readonly<Record<string, MessageKey>> = {
  completion: 'progress.field.completion',
  delayed: 'progress.field.delayed',
  delayReason: 'progress.field.delayReason',
  achievements: 'progress.field.achievements',
  nextSteps: 'progress.field.nextSteps',
  difficulties: 'progress.field.difficulties',
  budgetAllocated: 'progress.field.budgetAllocated',
  budgetExecuted: 'progress.field.budgetExecuted',
  evidence: 'progress.field.evidence',
  comment: 'progress.field.comment',
};

/**
 * A field's name as main reports it ("achievements", "indicator:12",
 * "evidence" …) in the interface language. `indicatorName` names indicators
 * when the caller knows them.
 */
export function fieldLabel(t: Translate, field: string, indicatorName?: (id: number) => string | undefined): string {
  const key = FIELD_KEYS[field];
  if (key) return t(key);
  const indicator = /^indicator:(\d+)$/.exec(field);
  if (indicator) {
    const id = Number(indicator[1]);
    return indicatorName?.(id) ?? t('progress.field.indicator', { id });
  }
  return field;
}

/** An indicator's baseline, target or value for display: "7.4%", "12 명", "예"; "—" when there is none. */
export function indicatorValueText(t: Translate, language: Language, kind: IndicatorKind, unit: string, value: number | null): string {
  if (value === null) return t('progress.indicator.none');
  if (kind === 'yes_no') return value === 1 ? t('progress.yes') : t('progress.no');
  if (kind === 'percent') return formatPercent(language, value, 4);
  return `${formatNumber(language, value)}${unit ? ` ${unit}` : ''}`;
}

/** Shortens a long text for a list or a history row. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The latest period whose year is not after this year, else the first. */
export function defaultPeriodId(periods: readonly { id: number; year: number }[], now: Date = new Date()): number | null {
  const year = now.getFullYear();
  let best: { id: number; year: number } | null = null;
  for (const p of periods) if (p.year <= year && (!best || p.year > best.year)) best = p;
  return best?.id ?? periods[0]?.id ?? null;
}

/**
 * The year to open on, the one that needs the user: the newest whose report
 * was returned for revision, else the newest draft with work in it (an entry
 * saved), else the current year (defaultPeriodId). `reports` are the
 * installation's own, in the order of `periods` (null: not known).
 */
export function startPeriodId(
  periods: readonly { id: number; year: number }[],
  reports: readonly (BodyReport | null)[],
  now: Date = new Date(),
): number | null {
  const newest = (pick: (r: BodyReport) => boolean) => {
    let best: { id: number; year: number } | null = null;
    periods.forEach((p, i) => {
      const r = reports[i];
      if (r && pick(r) && (!best || p.year > best.year)) best = p;
    });
    return best as { id: number; year: number } | null;
  };
  const returned = newest((r) => r.status === 'returned');
  if (returned) return returned.id;
  const working = newest((r) => r.status === 'draft' && r.items.some((i) => i.updatedAt !== null));
  if (working) return working.id;
  return defaultPeriodId(periods, now);
}

/** "actionPlan:1.1.1" → "1.1.1" (paths of main's incomplete-report details). */
export function actionPlanCodeOfPath(path: string | undefined): string | null {
  const m = /^actionPlan:(.+)$/.exec(path ?? '');
  return m?.[1] ?? null;
}
