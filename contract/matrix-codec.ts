/**
 * The matrices travel packed: each action plan's cells (or years) as a few
 * characters, not as objects. At 100× (5,000 action plans × 20 bodies) this
 * keeps main's query, the IPC structured clone and the renderer's work small.
 * main packs (db/matrix.ts); the renderer unpacks once when the answer
 * arrives. Pure functions and types only: no zod, so the renderer can import it.
 *
 * Bodies are named by a character: char(64 + the body's id), listed with
 * their codes in `bodies` in the plan's order (one UTF-16 unit while ids stay
 * below 55,000: bodies are counted in tens).
 * Cells of a body matrix: 3 characters per assignment:
 *   [body] the body's character,
 *   [level] '0'…'3' the rank on the scale, 'n' no evidence, '-' no level,
 *   [delay] 'd' delayed, 'o' on schedule, '-' not said.
 * Years of a period matrix: 3 characters per period with a derived level:
 *   [period] char(64 + the period's id), [level] as above, [delay] 'd' or '-';
 *   MOGEF's overrides come beside them and take precedence.
 */
import type {
  BodyMatrix,
  CompletionLevel,
  MatrixRow,
  PackedBodyMatrix,
  PackedPeriodMatrix,
  PeriodMatrixRow,
} from './progress';

import { NO_EVIDENCE, SCALE } from './rules';

/** The scale in order: a level's index is its rank (contract/rules.ts; migration 0020's action_plan_level). */
export { SCALE };

/** A cell's level character: its rank on the scale, 'n' no evidence, '-' no level. */
export const LEVEL_OF_CHAR: Readonly<Record<string, CompletionLevel | null>> = {
  ...Object.fromEntries(SCALE.map((level, rank) => [String(rank), level])),
  n: NO_EVIDENCE,
  '-': null,
};

/** The body id a body character stands for. */
export const bodyIdAt = (packed: string, at: number): number => packed.charCodeAt(at) - 64;

export function unpackBodyMatrix(packed: PackedBodyMatrix): BodyMatrix {
  const byId = new Map(packed.bodies.map((b) => [b.id, b]));
  const rows: MatrixRow[] = packed.rows.map(({ cells: chars, ...row }) => {
    const cells: MatrixRow['cells'] = {};
    for (let i = 0; i + 2 < chars.length; i += 3) {
      const body = byId.get(bodyIdAt(chars, i));
      if (!body) continue;
      const d = chars[i + 2];
      cells[body.code] = { completion: LEVEL_OF_CHAR[chars[i + 1]!] ?? null, delayed: d === '-' ? null : d === 'd', status: body.status };
    }
    return { ...row, cells };
  });
  return { periodId: packed.periodId, rows };
}

export function unpackPeriodMatrix(packed: PackedPeriodMatrix): PeriodMatrixRow[] {
  const { periodIds } = packed;
  const known = new Set(periodIds);
  const position = new Map(packed.bodies.map((b, i) => [b.id, i]));
  const overrides = new Map<number, { periodId: number; completion: CompletionLevel }[]>();
  for (const o of packed.overrides) {
    const list = overrides.get(o.actionPlanId) ?? [];
    list.push(o);
    overrides.set(o.actionPlanId, list);
  }
  return packed.rows.map(({ bodies: bodyChars, years, ...row }) => {
    const levels: PeriodMatrixRow['levels'] = {};
    const delayed: PeriodMatrixRow['delayed'] = {};
    for (const p of periodIds) levels[p] = null;
    for (let i = 0; i + 2 < years.length; i += 3) {
      const p = years.charCodeAt(i) - 64;
      if (!known.has(p)) continue;
      levels[p] = LEVEL_OF_CHAR[years[i + 1]!] ?? null;
      if (years[i + 2] === 'd') delayed[p] = true;
    }
    for (const o of overrides.get(row.actionPlanId) ?? []) if (known.has(o.periodId)) levels[o.periodId] = o.completion;
    const indexes: number[] = [];
    for (let i = 0; i < bodyChars.length; i++) {
      const at = position.get(bodyIdAt(bodyChars, i));
      if (at !== undefined) indexes.push(at);
    }
    const bodyCodes = indexes.sort((a, b) => a - b).map((i) => packed.bodies[i]!.code);
    return { ...row, bodyCodes, levels, delayed };
  });
}
