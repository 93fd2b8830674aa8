/** Migration 0010 (plan): from an empty database to the plan schema. */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/connection';
import { tempDbFile } from '../support/tmp';

describe('migration 0010 plan', () => {
  it('creates the plan tables, and their constraints hold', () => {
    const db = openDatabase(tempDbFile(), { migrateTo: 0 });
    expect(schemaVersion(db)).toBe(0);
    db.close();
    const file = tempDbFile();
    const at10 = openDatabase(file, { migrateTo: 10 });
    expect(schemaVersion(at10)).toBe(10);
    const tables = at10.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'action_plan',
      'action_plan_body',
      'app_setting',
      'area',
      'implementing_body',
      'objective',
      'plan',
      'plan_body',
      'reporting_period',
      'strategy',
    ]);
    const planId = at10
      .prepare("INSERT INTO plan (code, title_en, title_ko, start_year, end_year) VALUES ('P', 'P', '피', 2021, 2023)")
      .run().lastInsertRowid;
    // A plan cannot end before it starts.
    expect(() =>
      at10.prepare("INSERT INTO plan (code, title_en, title_ko, start_year, end_year) VALUES ('Q', 'Q', '큐', 2023, 2021)").run(),
    ).toThrow(/CHECK/);
    // One reporting period per year.
    at10.prepare("INSERT INTO reporting_period (plan_id, year, label) VALUES (?, 2021, '2021')").run(planId);
    expect(() => at10.prepare("INSERT INTO reporting_period (plan_id, year, label) VALUES (?, 2021, 'x')").run(planId)).toThrow(/UNIQUE/);
    // One lead body per plan.
    const b1 = at10.prepare("INSERT INTO implementing_body (code, name_en, name_ko) VALUES ('A', 'A', '가')").run().lastInsertRowid;
    const b2 = at10.prepare("INSERT INTO implementing_body (code, name_en, name_ko) VALUES ('B', 'B', '나')").run().lastInsertRowid;
    at10.prepare('INSERT INTO plan_body (plan_id, body_id, seq, is_lead) VALUES (?, ?, 1, 1)').run(planId, b1);
    expect(() => at10.prepare('INSERT INTO plan_body (plan_id, body_id, seq, is_lead) VALUES (?, ?, 2, 1)').run(planId, b2)).toThrow(
      /UNIQUE/,
    );
    // STRICT tables refuse text where a number belongs.
    expect(() =>
      at10.prepare("INSERT INTO plan (code, title_en, title_ko, start_year, end_year) VALUES ('R', 'R', '알', 'soon', 2023)").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    at10.close();
  });
});
