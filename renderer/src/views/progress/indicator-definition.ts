/**
 * MOGEF's form that defines an indicator of an action plan: what the form
 * holds while typed, how it becomes an IndicatorDefinition (or why not yet),
 * and which of its fields an error of main points at. Pure: no React, no
 * store; only types come from the contract.
 */
import type { ReportingPeriod } from '../../../../contract/domain';
import type { IndicatorDefinition, IndicatorKind } from '../../../../contract/progress';
import type { ApiError } from '../../api';

/** The kinds in the order of the form's select. */
export const INDICATOR_KINDS: readonly IndicatorKind[] = ['number', 'percent', 'yes_no'];

/** As contract/progress.ts IndicatorDefinition allows. */
export const INDICATOR_NAME_MAX = 300;
export const INDICATOR_UNIT_MAX = 40;

export type YesNo = '' | 'yes' | 'no';

/**
 * What the form shows. The numbers typed and the yes/no chosen are kept
 * apart, so that switching the kind back and forth loses nothing typed.
 */
export interface DefinitionDraft {
  nameKo: string;
  nameEn: string;
  unit: string;
  kind: IndicatorKind;
  baseline: string;
  baselineYesNo: YesNo;
  /** Numbers typed, by period id. */
  targets: Readonly<Record<number, string>>;
  /** Yes/no chosen, by period id. */
  targetsYesNo: Readonly<Record<number, YesNo>>;
}

export const EMPTY_DRAFT: DefinitionDraft = {
  nameKo: '',
  nameEn: '',
  unit: '',
  kind: 'number',
  baseline: '',
  baselineYesNo: '',
  targets: {},
  targetsYesNo: {},
};

/** A field of the form, as named in its error's test id (field-error-indicator-{field}). */
export type DefinitionField = 'nameKo' | 'nameEn' | 'unit' | 'kind' | 'baseline' | `target-${number}`;

export const targetField = (year: number): DefinitionField => `target-${year}`;

export type DefinitionProblem =
  | { kind: 'required' }
  | { kind: 'too_long'; max: number }
  | { kind: 'number_format' }
  | { kind: 'percent_range' }
  | { kind: 'yes_no' }
  | { kind: 'period' }
  /** Main refused the value for a reason the form does not know: its error code. */
  | { kind: 'server'; code: string };

export type Problems = Partial<Record<DefinitionField, DefinitionProblem>>;

type ParsedNumber = { ok: true; value: number | null } | { ok: false; problem: DefinitionProblem };

/** "1,234.5" (spaces, commas, a trailing % allowed) → 1234.5; blank → null. */
export function parseDefinitionNumber(text: string, kind: IndicatorKind): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const plain = trimmed.replace(/\s*%$/, '').replace(/[, ]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return { ok: false, problem: { kind: 'number_format' } };
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, problem: { kind: 'number_format' } };
  if (kind === 'percent' && (value < 0 || value > 100)) return { ok: false, problem: { kind: 'percent_range' } };
  return { ok: true, value };
}

function yesNoValue(v: YesNo): number | null {
  return v === 'yes' ? 1 : v === 'no' ? 0 : null;
}

function textProblem(text: string, max: number, required: boolean): DefinitionProblem | null {
  const trimmed = text.trim();
  if (required && trimmed === '') return { kind: 'required' };
  if (trimmed.length > max) return { kind: 'too_long', max };
  return null;
}

export interface Checked {
  /** Null while a field has a problem. */
  definition: IndicatorDefinition | null;
  problems: Problems;
  /** The period of each target sent, in the order sent (main's errors name targets by index). */
  targetPeriods: number[];
}

/** The definition the draft says, or the problems of its fields (each one, not only the first). */
export function checkDefinition(draft: DefinitionDraft, actionPlanId: number, periods: readonly ReportingPeriod[]): Checked {
  const problems: Problems = {};
  const nameKo = textProblem(draft.nameKo, INDICATOR_NAME_MAX, true);
  if (nameKo) problems.nameKo = nameKo;
  const nameEn = textProblem(draft.nameEn, INDICATOR_NAME_MAX, true);
  if (nameEn) problems.nameEn = nameEn;
  const unit = textProblem(draft.unit, INDICATOR_UNIT_MAX, false);
  if (unit) problems.unit = unit;

  const yesNo = draft.kind === 'yes_no';
  let baseline: number | null = null;
  if (yesNo) baseline = yesNoValue(draft.baselineYesNo);
  else {
    const parsed = parseDefinitionNumber(draft.baseline, draft.kind);
    if (parsed.ok) baseline = parsed.value;
    else problems.baseline = parsed.problem;
  }

  const targets: { periodId: number; target: number }[] = [];
  for (const p of periods) {
    if (yesNo) {
      const value = yesNoValue(draft.targetsYesNo[p.id] ?? '');
      if (value !== null) targets.push({ periodId: p.id, target: value });
      continue;
    }
    const parsed = parseDefinitionNumber(draft.targets[p.id] ?? '', draft.kind);
    if (!parsed.ok) problems[targetField(p.year)] = parsed.problem;
    else if (parsed.value !== null) targets.push({ periodId: p.id, target: parsed.value });
  }

  const targetPeriods = targets.map((t) => t.periodId);
  if (Object.keys(problems).length > 0) return { definition: null, problems, targetPeriods };
  return {
    definition: {
      actionPlanId,
      nameKo: draft.nameKo.trim(),
      nameEn: draft.nameEn.trim(),
      unit: draft.unit.trim(),
      kind: draft.kind,
      baseline,
      targets,
    },
    problems,
    targetPeriods,
  };
}

/** Problems the user should see now: the format of what was typed at once, a missing name once they tried to add. */
export function visibleProblems(problems: Problems, tried: boolean): Problems {
  if (tried) return problems;
  const shown: Problems = {};
  for (const [field, problem] of Object.entries(problems) as [DefinitionField, DefinitionProblem][]) {
    if (problem.kind !== 'required') shown[field] = problem;
  }
  return shown;
}

/**
 * The fields main's error points at (details[].path: "nameKo",
 * "targets.0.target" …), each with what the form can say about it. Paths
 * that name no field of the form are left out (the caller shows the error
 * itself then).
 */
export function serverProblems(error: ApiError, kind: IndicatorKind, targetPeriods: readonly number[], periods: readonly ReportingPeriod[]): Problems {
  const problems: Problems = {};
  const generic: DefinitionProblem = { kind: 'server', code: error.code };
  for (const d of error.details) {
    const path = d.path ?? '';
    const target = /^targets\.(\d+)(?:\.(target|periodId))?$/.exec(path);
    if (target) {
      const periodId = targetPeriods[Number(target[1])];
      const year = periods.find((p) => p.id === periodId)?.year;
      if (year === undefined) continue;
      problems[targetField(year)] =
        target[2] === 'periodId'
          ? { kind: 'period' }
          : error.code === 'BAD_REQUEST' && kind === 'percent'
            ? { kind: 'percent_range' }
            : error.code === 'BAD_REQUEST' && kind === 'yes_no'
              ? { kind: 'yes_no' }
              : generic;
      continue;
    }
    const field = /^(nameKo|nameEn|unit|kind|baseline)(?:\.|$)/.exec(path)?.[1] as DefinitionField | undefined;
    if (field) problems[field] = generic;
  }
  return problems;
}
