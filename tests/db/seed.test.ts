/** The shipped third plan, loaded into a real database file. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { getPlanOutline, listPlans } from '../../db/plan';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const doc = nap3 as PlanDocumentInput;
const ALL = ['MOGEF', 'MOE', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'KNPA', 'KOICA', 'NUAC'];

function dump(db: ReturnType<typeof openDatabase>): string {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
}

describe('loading the third plan', () => {
  it('holds the plan\u2019s counts, periods and every assignment', () => {
    const db = openDatabase(tempDbFile());
    const { planId, created } = loadPlanDocument(db, doc);
    expect(created).toBe(true);
    const [plan] = listPlans(db);
    expect(plan?.counts).toEqual({ areas: 5, objectives: 11, strategies: 24, actionPlans: 50, bodies: 10 });
    expect([plan?.startYear, plan?.endYear]).toEqual([2021, 2023]);

    const outline = getPlanOutline(db, planId);
    expect(outline.periods.map((p) => p.year)).toEqual([2021, 2022, 2023]);
    expect(outline.bodies.map((b) => b.code)).toEqual(ALL);
    expect(outline.bodies.filter((b) => b.isLead).map((b) => b.code)).toEqual(['MOGEF']);
    expect(outline.areas.map((a) => a.nameKo)).toEqual(['예방', '참여', '보호', '구호·회복', '이행점검']);

    const actions = outline.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans)));
    expect(actions).toHaveLength(50);
    const byCode = new Map(actions.map((a) => [a.code, a]));
    // "All" means all ten bodies.
    expect(byCode.get('11.1.1')?.bodyCodes).toEqual(ALL);
    expect(byCode.get('11.2.2')?.bodyCodes).toEqual(ALL);
    expect(byCode.get('1.1.1')?.bodyCodes).toEqual(['MOFA', 'MOU', 'MND', 'MOIS', 'KNPA', 'NUAC']);
    expect(byCode.get('5.1.4')).toMatchObject({ bodyCodes: ['MOFA'], bodiesReconstructed: true });
    expect(byCode.get('11.2.1')).toMatchObject({ reconstructed: true });
    // Every assignment in the database equals the document's.
    for (const area of doc.areas)
      for (const o of area.objectives)
        for (const s of o.strategies)
          for (const a of s.actionPlans) {
            const expected = a.bodies === 'ALL' ? ALL : a.bodies;
            expect([...(byCode.get(a.code)?.bodyCodes ?? [])].sort(), a.code).toEqual([...expected].sort());
            expect(byCode.get(a.code)?.textEn, a.code).toBe(a.textEn);
          }
    const assignments = db.prepare('SELECT count(*) FROM action_plan_body').pluck().get();
    const expectedAssignments = actions.reduce((n, a) => n + a.bodyCodes.length, 0);
    expect(assignments).toBe(expectedAssignments);
    db.close();
  });

  it('changes nothing when loaded a second time', () => {
    const db = openDatabase(tempDbFile());
    const first = loadPlanDocument(db, doc);
    const before = dump(db);
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    const second = loadPlanDocument(db, doc);
    expect(second).toEqual({ planId: first.planId, created: false });
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    expect(dump(db)).toBe(before);
    db.close();
  });

  it('takes a newer plan beside the third without a code change, sharing bodies', () => {
    const db = openDatabase(tempDbFile());
    loadPlanDocument(db, doc);
    const fourth: PlanDocumentInput = {
      format: 'nap-monitor/plan@1',
      plan: { code: 'KOR-NAP-4', titleEn: 'Fourth plan', titleKo: '제4차 국가행동계획', startYear: 2024, endYear: 2027, leadBody: 'MOGEF' },
      bodies: [
        { code: 'MOGEF', nameEn: 'Ministry of Gender Equality and Family', nameKo: '여성가족부' },
        { code: 'ME', nameEn: 'Ministry of Environment', nameKo: '환경부' },
      ],
      areas: [
        {
          seq: 1,
          nameEn: 'Prevention',
          nameKo: '예방',
          objectives: [
            { number: 1, textEn: 'Goal', strategies: [{ code: '1.1', textEn: 'Task', actionPlans: [{ code: '1.1.1', textEn: 'Act', bodies: 'ALL' }] }] },
          ],
        },
      ],
    };
    const { created } = loadPlanDocument(db, fourth);
    expect(created).toBe(true);
    const plans = listPlans(db);
    expect(plans.map((p) => p.code)).toEqual(['KOR-NAP-4', 'KOR-NAP-3']);
    expect(plans[0]?.counts).toEqual({ areas: 1, objectives: 1, strategies: 1, actionPlans: 1, bodies: 2 });
    expect(db.prepare('SELECT count(*) FROM implementing_body').pluck().get()).toBe(11);
    expect(db.prepare('SELECT count(*) FROM reporting_period').pluck().get()).toBe(3 + 4);
    db.close();
  });

  it('writes nothing of a plan whose document is inconsistent', () => {
    const db = openDatabase(tempDbFile());
    const bad = structuredClone(doc) as PlanDocumentInput;
    const firstAction = bad.areas[0]!.objectives[0]!.strategies[0]!.actionPlans;
    firstAction.push({ code: '1.1.9', textEn: 'x', bodies: ['NOBODY'] });
    expect(() => loadPlanDocument(db, bad)).toThrow(/1\.1\.9: body NOBODY/);
    expect(db.prepare('SELECT count(*) FROM plan').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM implementing_body').pluck().get()).toBe(0);
    db.close();
  });
});
