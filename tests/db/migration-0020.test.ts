/** Migration 0020 (progress): a database at 0010 with the plan keeps every row and gains the progress tables. */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { listPeriods } from '../../db/plan';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

describe('migration 0020 progress', () => {
  it('keeps the plan and settings of a 0010 database and adds the progress schema', () => {
    const file = tempDbFile();
    const at10 = openDatabase(file, { migrateTo: 10 });
    const { planId } = loadPlanDocument(at10, nap3 as PlanDocumentInput);
    at10.prepare("INSERT INTO app_setting (key, value) VALUES ('language', '\"en\"')").run();
    const countsBefore = at10.prepare('SELECT (SELECT count(*) FROM action_plan), (SELECT count(*) FROM action_plan_body)').raw().get();
    at10.close();

    const at20 = openDatabase(file, { migrateTo: 20 });
    expect(schemaVersion(at20)).toBe(20);
    expect(at20.prepare('SELECT (SELECT count(*) FROM action_plan), (SELECT count(*) FROM action_plan_body)').raw().get()).toEqual(countsBefore);
    expect(at20.prepare("SELECT value FROM app_setting WHERE key = 'language'").pluck().get()).toBe('"en"');
    // The new columns of reporting_period start unlocked.
    expect(listPeriods(at20, planId).map((p) => p.locked)).toEqual([false, false, false]);
    const period = listPeriods(at20, planId)[0]!.id;
    const ap = at20.prepare("SELECT id FROM action_plan WHERE code = '3.1.1'").pluck().get() as number;
    const body = at20.prepare("SELECT id FROM implementing_body WHERE code = 'MOFA'").pluck().get() as number;
    at20.prepare('INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion) VALUES (?, ?, ?, ?)').run(ap, body, period, 'limited');
    expect(() =>
      at20.prepare('INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion) VALUES (?, ?, ?, ?)').run(ap, body, period, 'done'),
    ).toThrow(/CHECK|UNIQUE/);
    expect(() => at20.prepare("INSERT INTO report (body_id, period_id, status) VALUES (?, ?, 'approved')").run(body, period)).toThrow(/CHECK/);
    at20.close();
  });
});
