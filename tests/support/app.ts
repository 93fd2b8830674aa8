/** A real database with the third plan, and helpers to act as an installation. */
import path from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { getPlanOutline } from '../../db/plan';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import type { Installation } from '../../contract/progress';
import { tempDir } from './tmp';

export interface SeededDb {
  db: Db;
  file: string;
  planId: number;
  /** Period id by year. */
  period: Record<2021 | 2022 | 2023, number>;
  /** Action plan id by code. */
  action: (code: string) => number;
}

export function seededDb(): SeededDb {
  const file = path.join(tempDir(), 'nap-monitor.sqlite');
  const db = openDatabase(file);
  const { planId } = loadPlanDocument(db, nap3 as PlanDocumentInput);
  const outline = getPlanOutline(db, planId);
  const byYear = Object.fromEntries(outline.periods.map((p) => [p.year, p.id])) as SeededDb['period'];
  const ids = new Map(
    outline.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((x) => [x.code, x.id] as const)))),
  );
  return {
    db,
    file,
    planId,
    period: byYear,
    action: (code) => {
      const id = ids.get(code);
      if (id === undefined) throw new Error(`no action plan ${code}`);
      return id;
    },
  };
}

export const mofa: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };
export const mnd: Installation = { role: 'body', bodyCode: 'MND', userName: '이국방' };
export const mogef: Installation = { role: 'coordinator', userName: '박조정' };
