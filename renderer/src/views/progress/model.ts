/**
 * Renderer-side constants and pure helpers of the Progress views: completion
 * levels and report statuses with their message keys, field names, dates and
 * numbers for display. Only types come from the contract.
 */
import type { Language } from '../../../../contract/domain';
import type { CompletionLevel, IndicatorKind, ReportStatus } from '../../../../contract/progress';
import type { MessageKey, Translate } from '../../i18n';

/** The Open Government Partnership IRM's scale, in the order of the form's select. */
export const COMPLETION_LEVELS: readonly CompletionLevel[] = ['not_started', 'limited', 'substantial', 'completed', 'no_evidence'];

export const REPORT_STATUSES: readonly ReportStatus[] = ['draft', 'submitted', 'returned', 'accepted'];

export function levelKey(level: CompletionLevel | null): MessageKey {
  return level === null ? 'progress.level.none' : `progress.level.${level}`;
}

export function statusKey(status: ReportStatus): MessageKey {
  return `progress.status.${status}`;
}

export function isCompletionLevel(value: string): value is CompletionLevel {
  return (COMPLETION_LEVELS as readonly string[]).includes(value);
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

function locale(language: Language): string {
  return language === 'ko' ? 'ko-KR' : 'en-GB';
}

/** A timestamp from main (ISO, UTC) as local date and time. */
export function formatDateTime(language: Language, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(language: Language, iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(date);
}

/** Whole won with thousands separators: 1234000 → "1,234,000". */
export function formatWon(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A number for display, with separators and up to four decimals. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** An indicator's baseline, target or value for display: "7.4%", "12 명", "예"; "—" when there is none. */
export function indicatorValueText(t: Translate, kind: IndicatorKind, unit: string, value: number | null): string {
  if (value === null) return t('progress.indicator.none');
  if (kind === 'yes_no') return value === 1 ? t('progress.yes') : t('progress.no');
  return `${formatNumber(value)}${kind === 'percent' ? '%' : unit ? ` ${unit}` : ''}`;
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

/** "actionPlan:1.1.1" → "1.1.1" (paths of main's incomplete-report details). */
export function actionPlanCodeOfPath(path: string | undefined): string | null {
  const m = /^actionPlan:(.+)$/.exec(path ?? '');
  return m?.[1] ?? null;
}
