/**
 * Pure helpers of the matrix and dashboard views: the completion levels and
 * report statuses the renderer knows, filtering the matrices, grouping their
 * rows under area → objective → strategy headers, and the arithmetic of the
 * stacked bars. No React, no store, no API: plain data in, plain data out.
 */
import type { Area, Objective, PlanOutline, ReportingPeriod, Strategy } from '../../../contract/domain';
import type { MatrixCell, MatrixRow, PeriodMatrixRow } from '../../../contract/progress';
import { COMPLETION_LEVELS, REPORT_STATUSES, type CompletionLevel, type ReportStatus } from '../../../contract/rules';

/** The completion scale, from least to most advanced, then "no evidence" (contract/rules.ts's). */
export const LEVELS = COMPLETION_LEVELS;
/** A level, or "none" when nothing was reported. */
export type LevelKey = CompletionLevel | 'none';
export const LEVEL_KEYS: readonly LevelKey[] = [...LEVELS, 'none'];

export const STATUSES = REPORT_STATUSES;

export function levelKey(level: CompletionLevel | null | undefined): LevelKey {
  return level ?? 'none';
}

export function isLevelKey(value: string): value is LevelKey {
  return (LEVEL_KEYS as readonly string[]).includes(value);
}

export function isStatus(value: string): value is ReportStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export type MatrixMode = 'bodies' | 'periods';

export interface MatrixFilters {
  /** Area seq, or null for every area. */
  areaSeq: number | null;
  /** Body code, '' for every body. */
  bodyCode: string;
  /** Level (or "none"), '' for every level. */
  level: LevelKey | '';
  /** Only rows with a delayed cell. */
  delayed: boolean;
  /** Report status, '' for every status. */
  status: ReportStatus | '';
}

export const NO_FILTERS: MatrixFilters = Object.freeze({ areaSeq: null, bodyCode: '', level: '', delayed: false, status: '' });

export function hasFilters(f: MatrixFilters): boolean {
  return f.areaSeq !== null || f.bodyCode !== '' || f.level !== '' || f.delayed || f.status !== '';
}

/**
 * Whether an action plan × bodies row passes the filters. Without a body
 * filter the level is the consolidated (effective) one and "delayed" or a
 * status match any of the row's cells; with a body filter each applies to
 * that body's cell, and rows the body does not carry are left out.
 */
export function matchesBodyRow(row: MatrixRow, f: MatrixFilters, checkDelayed = true): boolean {
  if (f.areaSeq !== null && row.areaSeq !== f.areaSeq) return false;
  let cell: MatrixCell | undefined;
  if (f.bodyCode !== '') {
    cell = row.cells[f.bodyCode];
    if (!cell) return false;
  }
  if (f.level !== '') {
    const level = cell ? levelKey(cell.completion) : levelKey(row.consolidated.effective);
    if (level !== f.level) return false;
  }
  if (checkDelayed && f.delayed) {
    if (cell ? cell.delayed !== true : !anyCell(row, (c) => c.delayed === true)) return false;
  }
  if (f.status !== '') {
    const status = f.status;
    if (cell ? cell.status !== status : !anyCell(row, (c) => c.status === status)) return false;
  }
  return true;
}

function anyCell(row: MatrixRow, test: (cell: MatrixCell) => boolean): boolean {
  for (const code in row.cells) {
    const cell = row.cells[code];
    if (cell && test(cell)) return true;
  }
  return false;
}

/** The rows of the action plans × bodies matrix that pass the filters (the same array when there is no filter). */
export function filterBodyRows(rows: readonly MatrixRow[], f: MatrixFilters): readonly MatrixRow[] {
  if (!hasFilters(f)) return rows;
  return rows.filter((row) => matchesBodyRow(row, f));
}

/**
 * The rows of the action plans × periods matrix that pass the filters. The
 * level, the status and the body's cell are those of the selected period
 * (looked up in that period's body matrix when it is loaded, else the
 * consolidated level of the period's column); "delayed" means delayed in any
 * period, as the period matrix shows it.
 */
export function filterPeriodRows(
  rows: readonly PeriodMatrixRow[],
  f: MatrixFilters,
  selected: { periodId: number | null; bodyRows: ReadonlyMap<number, MatrixRow> | null },
): readonly PeriodMatrixRow[] {
  if (!hasFilters(f)) return rows;
  const periodKey = selected.periodId === null ? null : String(selected.periodId);
  return rows.filter((row) => {
    if (f.areaSeq !== null && row.areaSeq !== f.areaSeq) return false;
    if (f.bodyCode !== '' && !row.bodyCodes.includes(f.bodyCode)) return false;
    if (f.delayed && !Object.values(row.delayed).some(Boolean)) return false;
    if (f.level === '' && f.status === '') return true;
    const bodyRow = selected.bodyRows?.get(row.actionPlanId);
    if (bodyRow) return matchesBodyRow(bodyRow, f, false);
    if (f.status !== '') return false;
    return periodKey !== null && levelKey(row.levels[periodKey]) === f.level;
  });
}

/** Each body's report status in a body matrix (the same on all of a body's cells). */
export function bodyStatuses(rows: readonly MatrixRow[]): Map<string, ReportStatus> {
  const statuses = new Map<string, ReportStatus>();
  for (const row of rows) {
    for (const code in row.cells) {
      const cell = row.cells[code];
      if (cell && !statuses.has(code)) statuses.set(code, cell.status);
    }
  }
  return statuses;
}

/** What both matrices' rows have for grouping. */
export interface GroupableRow {
  actionPlanId: number;
  code: string;
  areaSeq: number;
  objectiveNumber: number;
  strategyCode: string;
}

export type MatrixItem<R extends GroupableRow> =
  | { kind: 'area'; key: string; areaSeq: number }
  | { kind: 'objective'; key: string; areaSeq: number; objectiveNumber: number }
  | { kind: 'strategy'; key: string; strategyCode: string }
  | { kind: 'action'; key: string; row: R };

/**
 * The rows, in their order (area, objective, strategy, action plan), with a
 * header item before each new area, objective and strategy: one flat list,
 * so that a virtual list can place each item at index × row height.
 */
export function groupRows<R extends GroupableRow>(rows: readonly R[]): MatrixItem<R>[] {
  const items: MatrixItem<R>[] = [];
  let area: number | null = null;
  let objective: number | null = null;
  let strategy: string | null = null;
  for (const row of rows) {
    if (row.areaSeq !== area) {
      area = row.areaSeq;
      objective = null;
      strategy = null;
      items.push({ kind: 'area', key: `a${area}`, areaSeq: area });
    }
    if (row.objectiveNumber !== objective) {
      objective = row.objectiveNumber;
      strategy = null;
      items.push({ kind: 'objective', key: `o${objective}`, areaSeq: area, objectiveNumber: objective });
    }
    if (row.strategyCode !== strategy) {
      strategy = row.strategyCode;
      items.push({ kind: 'strategy', key: `s${strategy}`, strategyCode: strategy });
    }
    items.push({ kind: 'action', key: `p${row.actionPlanId}`, row });
  }
  return items;
}

/** The index of the next (step 1) or previous (step −1) action item from `from`, or `from` when there is none. */
export function nextActionIndex<R extends GroupableRow>(items: readonly MatrixItem<R>[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < items.length; i += step) if (items[i]?.kind === 'action') return i;
  return from;
}

/** The first action item at or after `from` (or before it, when there is none after). */
export function nearestActionIndex<R extends GroupableRow>(items: readonly MatrixItem<R>[], from: number): number {
  const start = Math.max(0, Math.min(from, items.length - 1));
  if (items[start]?.kind === 'action') return start;
  const after = nextActionIndex(items, start, 1);
  if (after !== start) return after;
  const before = nextActionIndex(items, start, -1);
  return before !== start ? before : -1;
}

/** The outline's areas, objectives and strategies by the keys the matrix rows carry. */
export interface OutlineLookup {
  areas: ReadonlyMap<number, Area>;
  objectives: ReadonlyMap<number, Objective>;
  strategies: ReadonlyMap<string, Strategy>;
  /** Korean texts of action plans by id (the matrix rows carry only the English). */
  actionTextKo: ReadonlyMap<number, string>;
}

export function outlineLookup(outline: PlanOutline | null): OutlineLookup {
  const areas = new Map<number, Area>();
  const objectives = new Map<number, Objective>();
  const strategies = new Map<string, Strategy>();
  const actionTextKo = new Map<number, string>();
  for (const area of outline?.areas ?? []) {
    areas.set(area.seq, area);
    for (const objective of area.objectives) {
      objectives.set(objective.number, objective);
      for (const strategy of objective.strategies) {
        strategies.set(strategy.code, strategy);
        for (const action of strategy.actionPlans) if (action.textKo) actionTextKo.set(action.id, action.textKo);
      }
    }
  }
  return { areas, objectives, strategies, actionTextKo };
}

/** The period to show when none is chosen: this year's, else the last one before it, else the first. */
export function defaultPeriod(periods: readonly ReportingPeriod[], year: number): ReportingPeriod | null {
  let best: ReportingPeriod | null = null;
  for (const p of periods) {
    if (p.year === year) return p;
    if (p.year < year && (best === null || p.year > best.year)) best = p;
  }
  return best ?? periods[0] ?? null;
}

/** One segment of a 100 % stacked bar, in the bar's units (x and width between 0 and `width`). */
export interface Segment {
  level: LevelKey;
  count: number;
  /** Share of the total, 0–100. */
  percent: number;
  x: number;
  width: number;
}

/** The segments of a stacked bar of counts by level, in the order of LEVEL_KEYS; empty levels are left out. */
export function stackSegments(counts: Readonly<Record<string, number>>, width: number): Segment[] {
  let total = 0;
  for (const key of LEVEL_KEYS) total += counts[key] ?? 0;
  if (total === 0) return [];
  const segments: Segment[] = [];
  let x = 0;
  for (const level of LEVEL_KEYS) {
    const count = counts[level] ?? 0;
    if (count <= 0) continue;
    const w = (count / total) * width;
    segments.push({ level, count, percent: (count / total) * 100, x, width: w });
    x += w;
  }
  return segments;
}

/** A share as a whole percentage for display ("0" when the total is 0). */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

/** The extent of a bullet chart's scale: from 0 to a little above the largest value (at least 100 for percentages). */
export function bulletMax(values: readonly (number | null)[], percent: boolean): number {
  let max = percent ? 100 : 0;
  for (const v of values) if (v !== null && v > max) max = v;
  if (percent) return max;
  return max > 0 ? niceCeiling(max * 1.1) : 1;
}

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ) not below the value. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
