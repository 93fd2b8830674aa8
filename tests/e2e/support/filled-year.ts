/**
 * A plan year as the matrices and the dashboard meet it in use: every body
 * fills its 2022 entries (a deterministic spread of levels, some delayed),
 * most submit, MOGEF accepts some, defines an indicator that the bodies
 * report, and overrides one consolidated level. Written through db/ as the
 * handlers would, so the screens read real rows.
 */
import type { Db } from '../../../db/connection';
import { saveEntry } from '../../../db/entries';
import { defineIndicator, setIndicatorValue } from '../../../db/indicators';
import { transitionReport } from '../../../db/reports';
import { setOverride } from '../../../db/review';
import type { CompletionLevel, Installation } from '../../../contract/progress';

const LEVELS: CompletionLevel[] = ['completed', 'substantial', 'substantial', 'limited', 'not_started', 'completed', 'no_evidence'];

/** Every body fills 2022 (a deterministic spread of levels), and most submit; MOGEF accepts some. */
export function fill2022(db: Db): { periodId: number } {
  const periodId = db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  const bodies = db.prepare('SELECT code FROM implementing_body ORDER BY id').pluck().all() as string[];
  const mogef: Installation = { role: 'coordinator', userName: '박조정' };
  const indicator = defineIndicator(
    db,
    {
      actionPlanId: db.prepare("SELECT id FROM action_plan WHERE code = '5.1.2'").pluck().get() as number,
      nameEn: 'Share of women among military and police officers',
      nameKo: '군·경찰 여성 간부 비율',
      unit: '%',
      kind: 'percent',
      baseline: 7.4,
      targets: [{ periodId, target: 9 }],
    },
    mogef,
  );
  let n = 0;
  bodies.forEach((code, bi) => {
    const actor: Installation = { role: 'body', bodyCode: code, userName: `${code} 담당자` };
    const actions = db
      .prepare(
        `SELECT ap.id, ap.code FROM action_plan ap JOIN action_plan_body apb ON apb.action_plan_id = ap.id
         JOIN implementing_body b ON b.id = apb.body_id WHERE b.code = ? ORDER BY ap.id`,
      )
      .all(code) as { id: number; code: string }[];
    for (const a of actions) {
      const completion = LEVELS[n++ % LEVELS.length]!;
      const delayed = n % 9 === 0;
      saveEntry(
        db,
        { actionPlanId: a.id, bodyCode: code, periodId },
        0,
        { completion, delayed, delayReason: delayed ? '예산 확보 지연' : null, achievements: `${a.code} 추진실적`, nextSteps: '계속 추진' },
        actor,
        actor.userName,
      );
      if (a.code === '5.1.2') setIndicatorValue(db, { actionPlanId: a.id, bodyCode: code, periodId }, indicator, 7.9 + bi / 10, actor);
    }
    if (bi % 4 !== 3) transitionReport(db, 'submit', code, periodId, actor);
    // MOGEF's own report (bodies[0], the lead body) is accepted with the confirmation it needs.
    if (bi % 4 === 0) transitionReport(db, 'accept', code, periodId, mogef, { confirmOwn: true });
  });
  setOverride(db, db.prepare("SELECT id FROM action_plan WHERE code = '1.1.1'").pluck().get() as number, periodId, 'limited', '시민자문단: 교육 대상이 일부 부처에 한정됨', mogef);
  return { periodId };
}

