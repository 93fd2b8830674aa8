/**
 * Migration 0030 (history guards): a database at 0020 with progress rows
 * keeps every row, and from then on nothing user-made can be deleted,
 * replaced (INSERT OR REPLACE deletes silently) or rewritten.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const TABLES = [
  'report',
  'report_event',
  'evidence',
  'entry_comment',
  'panel_comment',
  'indicator',
  'indicator_target',
  'indicator_value',
  'consolidated_override',
  'change_log',
  'progress_entry',
] as const;

function dump(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

/** A 0020 database with a row in every table a user writes. */
function at20() {
  const file = tempDbFile();
  const db = openDatabase(file, { migrateTo: 20 });
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  const ap = db.prepare("SELECT id FROM action_plan WHERE code = '3.1.1'").pluck().get() as number;
  const body = db.prepare("SELECT id FROM implementing_body WHERE code = 'MOFA'").pluck().get() as number;
  const period = db.prepare('SELECT id FROM reporting_period ORDER BY year LIMIT 1').pluck().get() as number;
  const at = '2022-12-01T00:00:00.000Z';
  const entry = Number(
    db.prepare("INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, achievements) VALUES (?, ?, ?, 'limited', '교육')").run(ap, body, period)
      .lastInsertRowid,
  );
  db.prepare("INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, 'submitted', 'x', ?)").run(body, period, at);
  db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at) VALUES (?, ?, 'draft', 'submitted', NULL, 'x', ?)").run(body, period, at);
  db.prepare("INSERT INTO evidence (entry_id, title, doc_date, reference, created_by, created_at) VALUES (?, '결과 보고서', '2022-11-30', NULL, 'x', ?)").run(entry, at);
  db.prepare("INSERT INTO entry_comment (entry_id, text, author, created_at) VALUES (?, '확인', 'y', ?)").run(entry, at);
  db.prepare("INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at) VALUES (?, ?, '의견', 'y', ?)").run(ap, period, at);
  const indicator = Number(
    db.prepare("INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at) VALUES (?, 'Trainees', '교육 인원', '명', 'number', 10, 'y', ?)").run(ap, at)
      .lastInsertRowid,
  );
  db.prepare('INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, 50)').run(indicator, period);
  db.prepare("INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, 12, 'x', ?)").run(indicator, body, period, at);
  db.prepare("INSERT INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at) VALUES (?, ?, 'limited', '근거 부족', 'y', ?)").run(ap, period, at);
  db.prepare("INSERT INTO change_log (at, actor, actor_role, entity, entity_id, field, before, after) VALUES (?, 'x', 'body', 'entry', ?, 'completion', NULL, '\"limited\"')").run(at, entry);
  return { file, db, ap, body, period, entry, indicator, at };
}

describe('migration 0030 history guards', () => {
  it('keeps every row of a 0020 database and adds the removal columns of an override', () => {
    const t = at20();
    const before = dump(t.db);
    t.db.close();
    const db = openDatabase(t.file, { migrateTo: 30 });
    expect(schemaVersion(db)).toBe(30);
    const after = dump(db);
    expect(after).toEqual({
      ...before,
      consolidated_override: (before.consolidated_override as object[]).map((r) => ({ ...r, removed_by: null, removed_reason: null })),
    });
    expect(db.prepare('SELECT body_id, period_id FROM report_key').raw().all()).toEqual([[t.body, t.period]]);
    expect(db.prepare('SELECT action_plan_id, body_id, period_id FROM progress_entry_key').raw().all()).toEqual([[t.ap, t.body, t.period]]);
    expect(db.prepare('SELECT indicator_id, body_id, period_id FROM indicator_value_key').raw().all()).toEqual([[t.indicator, t.body, t.period]]);
    expect(db.prepare('SELECT action_plan_id, period_id FROM consolidated_override_key').raw().all()).toEqual([[t.ap, t.period]]);
    db.close();
  });

  it('refuses to delete any user-made row', () => {
    const t = at20();
    t.db.close();
    const db = openDatabase(t.file);
    const before = dump(db);
    for (const table of ['report', 'report_event', 'evidence', 'entry_comment', 'panel_comment', 'indicator', 'indicator_value', 'consolidated_override']) {
      expect(() => db.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/never deleted|append-only/);
    }
    expect(dump(db)).toEqual(before);
  });

  it('refuses INSERT OR REPLACE over a kept row, with recursive triggers off and on', () => {
    const t = at20();
    t.db.close();
    const db = openDatabase(t.file);
    const before = dump(db);
    // Off (the default), REPLACE deletes without firing delete triggers: the insert guards alone must hold.
    const replaceEach = (refusal: RegExp) => {
      const one = (table: string) => db.prepare(`SELECT * FROM ${table} LIMIT 1`).get() as Record<string, unknown>;
      for (const table of ['report', 'report_event', 'evidence', 'entry_comment', 'panel_comment', 'indicator', 'indicator_value', 'consolidated_override', 'change_log', 'progress_entry']) {
        const row = one(table);
        const changed = { ...row };
        for (const c of ['status', 'reason', 'title', 'text', 'name_en', 'value', 'after', 'to_status', 'achievements']) {
          if (c in changed) changed[c] = c === 'value' ? 99 : c === 'status' || c === 'to_status' ? 'draft' : c === 'after' ? '"x"' : 'REPLACED';
        }
        const cols = Object.keys(changed);
        for (const verb of ['INSERT OR REPLACE', 'REPLACE']) {
          expect(
            () => db.prepare(`${verb} INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(changed),
            `${verb} ${table}`,
          ).toThrow(refusal);
        }
      }
    };
    replaceEach(/never replaced|append-only/);
    expect(dump(db)).toEqual(before);
    db.pragma('recursive_triggers = ON');
    replaceEach(/never replaced|never deleted|append-only/);
    expect(dump(db)).toEqual(before);
  });

  it('lets only removed_at change on evidence, comments and indicators, and only once; report_event never changes', () => {
    const t = at20();
    t.db.close();
    const db = openDatabase(t.file);
    const content: [string, string][] = [
      ['evidence', "title = 'x'"],
      ['evidence', "doc_date = '2023-01-01'"],
      ['evidence', 'entry_id = entry_id + 1'],
      ['entry_comment', "text = 'x'"],
      ['entry_comment', "author = 'z'"],
      ['panel_comment', "text = 'x'"],
      ['panel_comment', 'period_id = period_id + 1'],
      ['indicator', "kind = 'percent'"],
      ['indicator', 'baseline = 500'],
      ['indicator', "name_ko = 'x'"],
      ['indicator', 'id = id + 100'],
    ];
    for (const [table, set] of content) expect(() => db.prepare(`UPDATE ${table} SET ${set}`).run(), `${table}: ${set}`).toThrow(/not changed/);
    for (const table of ['evidence', 'entry_comment', 'panel_comment', 'indicator']) {
      db.prepare(`UPDATE ${table} SET removed_at = '2023-01-02T00:00:00.000Z'`).run();
      expect(() => db.prepare(`UPDATE ${table} SET removed_at = NULL`).run(), `${table} restored`).toThrow(/not changed/);
      expect(() => db.prepare(`UPDATE ${table} SET removed_at = '2024-01-01T00:00:00.000Z'`).run(), `${table} removed again`).toThrow(/not changed/);
    }
    expect(() => db.prepare("UPDATE report_event SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE report SET period_id = period_id + 1').run()).toThrow(/keep their key/);
    expect(() => db.prepare('UPDATE progress_entry SET body_id = body_id + 1').run()).toThrow(/keep their key/);
    db.prepare("UPDATE progress_entry SET achievements = '고친 실적', revision = revision + 1").run();
  });

  it('still lets the application write as it does: a report upserted, a new report, an override and a value updated', () => {
    const t = at20();
    t.db.close();
    const db = openDatabase(t.file);
    const upsert = db.prepare(
      `INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, ?, 'x', 'now')
       ON CONFLICT (body_id, period_id) DO UPDATE SET status = excluded.status`,
    );
    upsert.run(t.body, t.period, 'returned');
    const mnd = db.prepare("SELECT id FROM implementing_body WHERE code = 'MND'").pluck().get() as number;
    upsert.run(mnd, t.period, 'submitted');
    upsert.run(mnd, t.period, 'returned');
    expect(db.prepare('SELECT status FROM report ORDER BY body_id').pluck().all().sort()).toEqual(['returned', 'returned']);
    expect(() => db.prepare("INSERT OR REPLACE INTO report (body_id, period_id, status) VALUES (?, ?, 'draft')").run(mnd, t.period)).toThrow(/never replaced/);
    db.prepare('UPDATE indicator_value SET value = 13').run();
    expect(() => db.prepare('UPDATE indicator_value SET period_id = period_id + 1').run()).toThrow(/keep their key/);
    expect(() => db.prepare('UPDATE consolidated_override SET action_plan_id = action_plan_id + 1').run()).toThrow(/keep their key/);
    // Upserts and INSERT OR IGNORE over a kept row still pass (the bench and the writers use them).
    db.prepare(
      `INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, 14, 'x', 'now')
       ON CONFLICT (indicator_id, body_id, period_id) DO UPDATE SET value = excluded.value`,
    ).run(t.indicator, t.body, t.period);
    db.prepare("INSERT OR IGNORE INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at) VALUES (?, ?, 'completed', 'x', 'y', 'now')").run(t.ap, t.period);
    expect(db.prepare('SELECT value FROM indicator_value').pluck().get()).toBe(14);
    db.prepare("UPDATE consolidated_override SET completion = 'completed', removed_at = 'now', removed_by = 'y', removed_reason = '철회'").run();
    db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at) VALUES (?, ?, 'submitted', 'returned', '보완', 'y', 'now')").run(t.body, t.period);
    expect(db.prepare('SELECT count(*) FROM report_event').pluck().get()).toBe(2);
    // A new entry, and one inserted only if absent (as a retried save may do).
    db.prepare('INSERT INTO progress_entry (action_plan_id, body_id, period_id) VALUES (?, ?, ?)').run(t.ap, mnd, t.period);
    db.prepare('INSERT INTO progress_entry (action_plan_id, body_id, period_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(t.ap, mnd, t.period);
    db.prepare('INSERT OR IGNORE INTO progress_entry (action_plan_id, body_id, period_id) VALUES (?, ?, ?)').run(t.ap, mnd, t.period);
    expect(db.prepare('SELECT count(*) FROM progress_entry').pluck().get()).toBe(2);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
