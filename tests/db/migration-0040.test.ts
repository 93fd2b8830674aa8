/**
 * Migration 0040 (identity): a real database file at schema 30 with a row in
 * every table a user writes keeps every row as it was, gains an installation
 * id and a uid and origin on each identified row (unique, fixed, stable
 * across reopening), and every guard of 0030 still holds.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../db/connection';
import { installationId, UUID_RE } from '../../db/identity';
import { IDENTIFIED_TABLES } from '../../db/migrations/0040_identity';
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

const NEW_COLUMNS = ['uid', 'origin', 'actor_installation'];

function rows(db: Db, table: string): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
}

/** Every table's rows without the columns 0040 adds. */
function content(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(
    TABLES.map((t) => [t, rows(db, t).map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !NEW_COLUMNS.includes(c))))]),
  );
}

/** A file at schema 30 with rows in every table a user writes, two of some. */
function at30() {
  const file = tempDbFile();
  const db = openDatabase(file, { migrateTo: 30 });
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  const ap = db.prepare("SELECT id FROM action_plan WHERE code = '3.1.1'").pluck().get() as number;
  const body = db.prepare("SELECT id FROM implementing_body WHERE code = 'MOFA'").pluck().get() as number;
  const mnd = db.prepare("SELECT id FROM implementing_body WHERE code = 'MND'").pluck().get() as number;
  const period = db.prepare('SELECT id FROM reporting_period ORDER BY year LIMIT 1').pluck().get() as number;
  const at = '2022-12-01T00:00:00.000Z';
  const entry = (b: number) =>
    Number(
      db
        .prepare("INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, achievements, revision) VALUES (?, ?, ?, 'limited', '교육', 3)")
        .run(ap, b, period).lastInsertRowid,
    );
  const e1 = entry(body);
  const e2 = entry(mnd);
  db.prepare("INSERT INTO report (body_id, period_id, status, updated_by, updated_at) VALUES (?, ?, 'returned', 'x', ?)").run(body, period, at);
  db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at) VALUES (?, ?, 'draft', 'submitted', NULL, 'x', ?)").run(body, period, at);
  db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at) VALUES (?, ?, 'submitted', 'returned', '보완', 'y', ?)").run(body, period, at);
  for (const e of [e1, e2]) {
    db.prepare("INSERT INTO evidence (entry_id, title, doc_date, reference, created_by, created_at) VALUES (?, '결과 보고서', '2022-11-30', NULL, 'x', ?)").run(e, at);
    db.prepare("INSERT INTO entry_comment (entry_id, text, author, created_at) VALUES (?, '확인', 'y', ?)").run(e, at);
  }
  db.prepare("UPDATE evidence SET removed_at = ? WHERE rowid = 2").run(at);
  db.prepare("INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at) VALUES (?, ?, '의견', 'y', ?)").run(ap, period, at);
  const indicator = Number(
    db
      .prepare("INSERT INTO indicator (action_plan_id, name_en, name_ko, unit, kind, baseline, created_by, created_at) VALUES (?, 'Trainees', '교육 인원', '명', 'number', 10, 'y', ?)")
      .run(ap, at).lastInsertRowid,
  );
  db.prepare('INSERT INTO indicator_target (indicator_id, period_id, target) VALUES (?, ?, 50)').run(indicator, period);
  db.prepare("INSERT INTO indicator_value (indicator_id, body_id, period_id, value, updated_by, updated_at) VALUES (?, ?, ?, 12, 'x', ?)").run(indicator, body, period, at);
  db.prepare("INSERT INTO consolidated_override (action_plan_id, period_id, completion, reason, set_by, set_at) VALUES (?, ?, 'limited', '근거 부족', 'y', ?)").run(ap, period, at);
  db.prepare("INSERT INTO change_log (at, actor, actor_role, entity, entity_id, field, before, after) VALUES (?, 'x', 'body', 'entry', ?, 'completion', NULL, '\"limited\"')").run(at, e1);
  return { file, db, ap, body, mnd, period, entry: e1, indicator, at };
}

function uids(db: Db): Record<string, string[]> {
  return Object.fromEntries(IDENTIFIED_TABLES.map((t) => [t, db.prepare(`SELECT uid FROM ${t} ORDER BY rowid`).pluck().all() as string[]]));
}

describe('migration 0040 identity', () => {
  it('keeps every row of a schema-30 file and gives the installation an id, every identified row a uid and this installation as origin', () => {
    const t = at30();
    const before = content(t.db);
    t.db.close();
    const db = openDatabase(t.file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(40);
    expect(content(db)).toEqual(before);
    const id = installationId(db);
    expect(id).toMatch(UUID_RE);
    const all: string[] = [];
    for (const table of IDENTIFIED_TABLES) {
      const got = db.prepare(`SELECT uid, origin FROM ${table}`).all() as { uid: string; origin: string }[];
      expect(got.length, table).toBeGreaterThan(0);
      for (const r of got) {
        expect(r.uid, table).toMatch(UUID_RE);
        expect(r.origin, table).toBe(id);
      }
      all.push(...got.map((r) => r.uid));
    }
    expect(new Set(all).size).toBe(all.length);
    expect(db.prepare('SELECT DISTINCT actor_installation FROM change_log').pluck().all()).toEqual([id]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('keeps the installation id and every uid across reopening, and two databases get different ids', () => {
    const t = at30();
    t.db.close();
    const first = openDatabase(t.file);
    const id = installationId(first);
    const u = uids(first);
    first.close();
    const again = openDatabase(t.file);
    expect(installationId(again)).toBe(id);
    expect(uids(again)).toEqual(u);
    again.close();
    const other = openDatabase(tempDbFile());
    expect(installationId(other)).toMatch(UUID_RE);
    expect(installationId(other)).not.toBe(id);
    other.close();
  });

  it('fills in the uid and origin of a row written without them, keeps those given, and refuses a duplicate or malformed uid', () => {
    const t = at30();
    t.db.close();
    const db = openDatabase(t.file);
    const id = installationId(db);
    const raw = db.prepare("INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at) VALUES (?, ?, 'raw', 'y', 'now')").run(t.ap, t.period);
    const filled = db.prepare('SELECT uid, origin FROM panel_comment WHERE rowid = ?').get(raw.lastInsertRowid) as { uid: string; origin: string };
    expect(filled.uid).toMatch(UUID_RE);
    expect(filled.origin).toBe(id);
    const theirs = { uid: '0b9f3c2e-1d4a-4f6b-9a8c-7e5d4c3b2a10', origin: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' };
    db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at, uid, origin) VALUES (?, ?, 'returned', 'submitted', NULL, 'x', 'now', ?, ?)").run(
      t.body,
      t.period,
      theirs.uid,
      theirs.origin,
    );
    expect(db.prepare('SELECT uid, origin FROM report_event WHERE uid = ?').get(theirs.uid)).toEqual(theirs);
    // Given only a uid, the origin is this installation.
    db.prepare("INSERT INTO progress_entry (action_plan_id, body_id, period_id, uid) VALUES (?, (SELECT id FROM implementing_body WHERE code = 'MOE'), ?, ?)").run(
      t.ap,
      t.period,
      theirs.uid,
    );
    expect(db.prepare('SELECT origin FROM progress_entry WHERE uid = ?').pluck().get(theirs.uid)).toBe(id);
    expect(() =>
      db.prepare("INSERT INTO report_event (body_id, period_id, from_status, to_status, actor, at, uid) VALUES (?, ?, 'a', 'b', 'x', 'now', ?)").run(t.body, t.period, theirs.uid),
    ).toThrow(/UNIQUE/);
    for (const bad of ['0B9F3C2E-1D4A-4F6B-9A8C-7E5D4C3B2A10', 'not-a-uid', '', '0b9f3c2e1d4a4f6b9a8c7e5d4c3b2a10']) {
      expect(() => db.prepare("INSERT INTO panel_comment (action_plan_id, period_id, text, recorded_by, created_at, uid) VALUES (?, ?, 'x', 'y', 'now', ?)").run(t.ap, t.period, bad), bad).toThrow(
        /CHECK/,
      );
      expect(() => db.prepare("INSERT INTO evidence (entry_id, title, created_by, created_at, origin) VALUES (?, 'x', 'y', 'now', ?)").run(t.entry, bad), bad).toThrow(/CHECK/);
    }
    db.close();
  });

  it('never changes a uid, an origin or the installation id once set', () => {
    const t = at30();
    t.db.close();
    const db = openDatabase(t.file);
    const other = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
    for (const table of IDENTIFIED_TABLES) {
      for (const set of [`uid = '${other}'`, 'uid = NULL', `origin = '${other}'`, 'origin = NULL']) {
        expect(() => db.prepare(`UPDATE ${table} SET ${set}`).run(), `${table}: ${set}`).toThrow(/keeps its uid|append-only/);
      }
    }
    expect(() => db.prepare(`UPDATE installation_identity SET id = '${other}'`).run()).toThrow(/never changes/);
    expect(() => db.prepare('DELETE FROM installation_identity').run()).toThrow(/never changes/);
    expect(() => db.prepare(`INSERT INTO installation_identity (singleton, id, created_at) VALUES (2, '${other}', 'now')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE change_log SET actor_installation = '${other}'`).run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO change_log (at, actor, actor_role, entity, entity_id, field) VALUES ('now', 'x', 'body', 'entry', 1, 'completion')").run(),
    ).toThrow(/names the installation/);
    db.close();
  });

  it('keeps every guard of 0030: nothing deleted, replaced or rewritten; report_event and change_log append-only', () => {
    const t = at30();
    t.db.close();
    const db = openDatabase(t.file);
    const before = TABLES.map((tb) => rows(db, tb));
    for (const table of ['report', 'report_event', 'evidence', 'entry_comment', 'panel_comment', 'indicator', 'indicator_value', 'consolidated_override', 'change_log', 'progress_entry']) {
      expect(() => db.prepare(`DELETE FROM ${table}`).run(), table).toThrow(/never deleted|append-only/);
    }
    for (const recursive of ['OFF', 'ON']) {
      db.pragma(`recursive_triggers = ${recursive}`);
      for (const table of ['report', 'report_event', 'evidence', 'entry_comment', 'panel_comment', 'indicator', 'indicator_value', 'consolidated_override', 'change_log', 'progress_entry']) {
        const row = db.prepare(`SELECT * FROM ${table} LIMIT 1`).get() as Record<string, unknown>;
        const cols = Object.keys(row);
        expect(
          () => db.prepare(`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row),
          `${table} ${recursive}`,
        ).toThrow(/never replaced|never deleted|append-only/);
      }
    }
    // report_event: every column fixed, the new ones too (its guard was made again by 0040).
    for (const set of ["reason = 'x'", "to_status = 'accepted'", "at = 'later'", "actor = 'z'", 'body_id = body_id + 1', 'id = id + 100']) {
      expect(() => db.prepare(`UPDATE report_event SET ${set}`).run(), set).toThrow(/append-only/);
    }
    expect(() => db.prepare("UPDATE change_log SET after = 'x'").run()).toThrow(/append-only/);
    for (const [table, set] of [
      ['evidence', "title = 'x'"],
      ['entry_comment', "text = 'x'"],
      ['panel_comment', "text = 'x'"],
      ['indicator', "kind = 'percent'"],
    ] as const) {
      expect(() => db.prepare(`UPDATE ${table} SET ${set}`).run(), `${table}: ${set}`).toThrow(/not changed/);
    }
    // Removed once, never restored.
    expect(() => db.prepare('UPDATE evidence SET removed_at = NULL WHERE rowid = 2').run()).toThrow(/not changed/);
    expect(() => db.prepare('UPDATE progress_entry SET body_id = body_id + 1').run()).toThrow(/keep their key/);
    expect(TABLES.map((tb) => rows(db, tb))).toEqual(before);
    // What the application does still passes.
    db.prepare("UPDATE evidence SET removed_at = 'now' WHERE rowid = 1").run();
    db.prepare("UPDATE progress_entry SET achievements = '고친 실적', revision = revision + 1").run();
    db.prepare("INSERT INTO report (body_id, period_id, status) VALUES (?, ?, 'submitted') ON CONFLICT (body_id, period_id) DO UPDATE SET status = excluded.status").run(t.body, t.period);
    db.close();
  });
});
