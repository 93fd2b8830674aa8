/** Helpers of the backup tests: a filled third plan and a logical dump of every user table. */
import Database from 'better-sqlite3';
import type { Db } from '../../db/connection';
import { saveEntry } from '../../db/entries';
import type { Installation } from '../../contract/progress';
import { userTables } from '../../main/backup/backups';

/** Every action plan of the third plan, for each of its bodies and each year, filled in (as each body). Answers the count. */
export function fillThirdPlan(db: Db): number {
  const pairs = db
    .prepare(
      `SELECT ap.id AS actionPlanId, b.code AS bodyCode, rp.id AS periodId
         FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
         JOIN implementing_body b ON b.id = apb.body_id
         JOIN plan p ON p.id = ap.plan_id JOIN reporting_period rp ON rp.plan_id = p.id
        WHERE p.code = 'KOR-NAP-3' ORDER BY rp.year, ap.id, b.code`,
    )
    .all() as { actionPlanId: number; bodyCode: string; periodId: number }[];
  db.transaction(() => {
    for (const key of pairs) {
      const actor: Installation = { role: 'body', bodyCode: key.bodyCode, userName: '담당자' };
      saveEntry(
        db,
        key,
        0,
        {
          completion: 'substantial',
          delayed: false,
          achievements: `${key.bodyCode} ${key.actionPlanId}: 교육 과정 운영, 참여자 ${key.periodId * 17}명. `.repeat(8),
          nextSteps: '다음 연도 확대 계획 수립',
          budgetAllocated: 120_000_000,
          budgetExecuted: 98_500_000,
        },
        actor,
        '담당자',
      );
    }
  })();
  return pairs.length;
}

/** Every row of every user table, in a stable order, as text. */
export function dump(db: Db): string {
  const out: Record<string, string[]> = {};
  for (const t of userTables(db)) {
    out[t] = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

export function dumpFile(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return dump(db);
  } finally {
    db.close();
  }
}
