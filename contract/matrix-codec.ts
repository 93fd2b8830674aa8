/**
 * The matrices travel packed: each action plan's cells (or years) as a few
 * characters, not as objects. At 100× (5,000 action plans × 20 bodies) this
 * keeps main's query, the IPC structured clone and the renderer's work small.
 * main packs (db/matrix.ts); the renderer unpacks once when the answer
 * arrives. Pure functions and types only: no zod, so the renderer can import it.
 *
 * Cells of a body matrix: 3 characters per assignment:
 *   [body] 'A' + the body's index in `bodies` (its position in the plan),
 *   [level] '0'…'3' the rank on the scale, 'n' no evidence, '-' no level,
 *   [delay] 'd' delayed, 'o' on schedule, '-' not said.
 * Years of a period matrix: 2 characters per period of `periodIds`, in order:
 *   [level] as above (the effective consolidated level), [delay] 'd' or '-'.
 */
import type {
  BodyMatrix,
  CompletionLevel,
  MatrixRow,
  PackedBodyMatrix,
  PackedPeriodMatrix,
  PeriodMatrixRow,
} from './progress';

/** The scale in order: a level's index is its rank (as in migration 0020's action_plan_level). */
export const SCALE = ['not_started', 'limited', 'substantial', 'completed'] as const;

export const LEVEL_OF_CHAR: Readonly<Record<string, CompletionLevel | null>> = {
  '0': 'not_started',
  '1': 'limited',
  '2': 'substantial',
  '3': 'completed',
  n: 'no_evidence',
  '-': null,
};

export const bodyIndexAt = (packed: string, at: number): number => packed.charCodeAt(at) - 65;

export function unpackBodyMatrix(packed: PackedBodyMatrix): BodyMatrix {
  const { bodies, statuses } = packed;
  const rows: MatrixRow[] = packed.rows.map(({ cells: chars, ...row }) => {
    const cells: MatrixRow['cells'] = {};
    for (let i = 0; i + 2 < chars.length; i += 3) {
      const b = bodyIndexAt(chars, i);
      const d = chars[i + 2];
      cells[bodies[b]!] = {
        completion: LEVEL_OF_CHAR[chars[i + 1]!] ?? null,
        delayed: d === '-' ? null : d === 'd',
        status: statuses[b] ?? 'draft',
      };
    }
    return { ...row, cells };
  });
  return { periodId: packed.periodId, rows };
}

export function unpackPeriodMatrix(packed: PackedPeriodMatrix): PeriodMatrixRow[] {
  const { bodies, periodIds } = packed;
  return packed.rows.map(({ bodies: bodyChars, years, ...row }) => {
    const levels: PeriodMatrixRow['levels'] = {};
    const delayed: PeriodMatrixRow['delayed'] = {};
    periodIds.forEach((p, i) => {
      levels[p] = LEVEL_OF_CHAR[years[2 * i] ?? '-'] ?? null;
      if (years[2 * i + 1] === 'd') delayed[p] = true;
    });
    const bodyCodes: string[] = [];
    for (let i = 0; i < bodyChars.length; i++) bodyCodes.push(bodies[bodyIndexAt(bodyChars, i)]!);
    return { ...row, bodyCodes, levels, delayed };
  });
}
