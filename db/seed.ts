/**
 * Loading a plan document (seeds/schema.ts) into the database. The plan is
 * data: a newer plan is another document, loaded by the same code.
 */
import type { Db } from './connection';
import { PlanDocument, type PlanDocumentInput } from '../seeds/schema';

export interface LoadResult {
  planId: number;
  /** False when the plan was already there: a second load changes nothing. */
  created: boolean;
}

/**
 * Loads the plan in one transaction. If a plan with the same code exists the
 * database is left exactly as it is. Bodies are shared across plans: an
 * existing body (by code) is reused, not overwritten.
 */
export function loadPlanDocument(db: Db, input: PlanDocumentInput | PlanDocument): LoadResult {
  const doc = PlanDocument.parse(input);
  return db.transaction((): LoadResult => {
    const existing = db.prepare('SELECT id FROM plan WHERE code = ?').get(doc.plan.code) as { id: number } | undefined;
    if (existing) return { planId: existing.id, created: false };

    const bodyCodes = new Set(doc.bodies.map((b) => b.code));
    if (!bodyCodes.has(doc.plan.leadBody)) {
      throw new Error(`plan.leadBody ${doc.plan.leadBody} is not among the plan's bodies`);
    }

    const planId = Number(
      db
        .prepare(
          'INSERT INTO plan (code, title_en, title_ko, start_year, end_year, source) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(doc.plan.code, doc.plan.titleEn, doc.plan.titleKo, doc.plan.startYear, doc.plan.endYear, doc.plan.source ?? null)
        .lastInsertRowid,
    );

    const insertPeriod = db.prepare('INSERT INTO reporting_period (plan_id, year, label) VALUES (?, ?, ?)');
    for (let year = doc.plan.startYear; year <= doc.plan.endYear; year++) insertPeriod.run(planId, year, String(year));

    const insertBody = db.prepare(
      'INSERT INTO implementing_body (code, name_en, name_ko, note_en) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING',
    );
    const bodyId = db.prepare('SELECT id FROM implementing_body WHERE code = ?').pluck();
    const insertPlanBody = db.prepare('INSERT INTO plan_body (plan_id, body_id, seq, is_lead) VALUES (?, ?, ?, ?)');
    const bodyIds = new Map<string, number>();
    doc.bodies.forEach((b, i) => {
      insertBody.run(b.code, b.nameEn, b.nameKo, b.noteEn ?? null);
      const id = bodyId.get(b.code) as number;
      bodyIds.set(b.code, id);
      insertPlanBody.run(planId, id, i + 1, b.code === doc.plan.leadBody ? 1 : 0);
    });

    const insertArea = db.prepare(
      'INSERT INTO area (plan_id, seq, name_en, name_ko, name_ko_reconstructed) VALUES (?, ?, ?, ?, ?)',
    );
    const insertObjective = db.prepare(
      'INSERT INTO objective (area_id, number, text_en, text_ko, reconstructed, source_note) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertStrategy = db.prepare(
      'INSERT INTO strategy (objective_id, code, seq, text_en, text_ko, reconstructed, source_note) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertAction = db.prepare(
      `INSERT INTO action_plan (plan_id, strategy_id, code, seq, text_en, text_ko, reconstructed, bodies_reconstructed, source_note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAssignment = db.prepare('INSERT INTO action_plan_body (action_plan_id, body_id) VALUES (?, ?)');
    const flag = (b: boolean) => (b ? 1 : 0);

    for (const area of doc.areas) {
      const areaId = insertArea.run(planId, area.seq, area.nameEn, area.nameKo, flag(area.nameKoReconstructed)).lastInsertRowid;
      for (const o of area.objectives) {
        const objectiveId = insertObjective.run(areaId, o.number, o.textEn, o.textKo ?? null, flag(o.reconstructed), o.sourceNote ?? null)
          .lastInsertRowid;
        o.strategies.forEach((s, si) => {
          const strategyId = insertStrategy.run(
            objectiveId, s.code, si + 1, s.textEn, s.textKo ?? null, flag(s.reconstructed), s.sourceNote ?? null,
          ).lastInsertRowid;
          s.actionPlans.forEach((a, ai) => {
            const actionId = insertAction.run(
              planId, strategyId, a.code, ai + 1, a.textEn, a.textKo ?? null,
              flag(a.reconstructed), flag(a.bodiesReconstructed), a.sourceNote ?? null,
            ).lastInsertRowid;
            const codes = a.bodies === 'ALL' ? doc.bodies.map((b) => b.code) : a.bodies;
            for (const code of codes) {
              const id = bodyIds.get(code);
              if (id === undefined) throw new Error(`action plan ${a.code}: body ${code} is not among the plan's bodies`);
              insertAssignment.run(actionId, id);
            }
          });
        });
      }
    }
    return { planId, created: true };
  }).immediate();
}
