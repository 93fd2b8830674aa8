/**
 * Migration 0060 (meetings): a real file at schema 50 with entries, a report
 * event and history keeps every row as it was and gains the three meeting
 * tables, empty; nothing in them can be deleted or replaced, a row keeps its
 * uid, origin and what it was made with, a decision is append-only, a
 * meeting's revision only grows with each change, and a closed follow-up has
 * its closing note and time.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../db/connection';
import { loadPlanDocument } from '../../db/seed';
import { installationId } from '../../db/identity';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { tempDbFile } from '../support/tmp';

const U = (n: number) => `${String(n).repeat(8)}-1111-4111-8111-111111111111`;
const OLD_TABLES = ['progress_entry', 'report', 'report_event', 'change_log', 'installation_identity', 'exchange_export'];

function all(db: Db, table: string): unknown[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
}

function at50(): string {
  const file = tempDbFile();
  const db = openDatabase(file, { migrateTo: 50 });
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  db.prepare(
    `INSERT INTO progress_entry (action_plan_id, body_id, period_id, completion, achievements)
     SELECT ap.id, b.id, rp.id, 'limited', '실적' FROM action_plan ap, implementing_body b, reporting_period rp
     WHERE ap.code = '3.1.1' AND b.code = 'MOFA' AND rp.year = 2022`,
  ).run();
  db.prepare(
    `INSERT INTO report_event (body_id, period_id, from_status, to_status, reason, actor, at)
     SELECT b.id, rp.id, 'draft', 'submitted', NULL, '김외교 (MOFA)', '2023-01-10T00:00:00.000Z' FROM implementing_body b, reporting_period rp
     WHERE b.code = 'MOFA' AND rp.year = 2022`,
  ).run();
  db.prepare(
    `INSERT INTO change_log (at, actor, actor_role, actor_installation, entity, entity_id, field, before, after)
     VALUES ('2023-01-10T00:00:00.000Z', '김외교 (MOFA)', 'body', (SELECT id FROM installation_identity), 'entry', 1, 'achievements', NULL, '"실적"')`,
  ).run();
  db.close();
  return file;
}

describe('migration 0060 meetings', () => {
  it('keeps a schema-50 file’s rows and adds the meeting tables, empty', () => {
    const file = at50();
    const old = openDatabase(file, { migrateTo: 50 });
    expect(schemaVersion(old)).toBe(50);
    const before = Object.fromEntries(OLD_TABLES.map((t) => [t, all(old, t)]));
    expect(before.progress_entry).toHaveLength(1);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(60);
    expect(Object.fromEntries(OLD_TABLES.map((t) => [t, all(db, t)]))).toEqual(before);
    for (const t of ['meeting', 'meeting_decision', 'follow_up']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('guards every meeting row: no delete, no replace, identity and content fixed, revision grows', () => {
    const db = openDatabase(at50());
    const here = installationId(db);
    const period = db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
    const ap = db.prepare("SELECT id FROM action_plan WHERE code = '3.1.1'").pluck().get() as number;
    const at = '2023-03-01T00:00:00.000Z';
    const meeting = (uid: string, kind: string, body: string | null) =>
      db
        .prepare(
          `INSERT INTO meeting (uid, origin, kind, body_code, period_id, date, title, place, participants, created_by, created_at, updated_by, updated_at)
           VALUES (?, ?, ?, ?, ?, '2023-03-01', '점검 회의', '서울', '[]', 'p', ?, 'p', ?)`,
        )
        .run(uid, here, kind, body, period, at, at);
    meeting(U(1), 'inter_ministerial', null);
    db.prepare("INSERT INTO meeting_decision (uid, origin, meeting_id, text, created_by, created_at) VALUES (?, ?, 1, '결정', 'p', ?)").run(U(2), here, at);
    db.prepare(
      `INSERT INTO follow_up (uid, origin, decision_id, owner_body, action_plan_id, text, due_date, state_by, created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, 1, 'MOFA', ?, '후속 조치', '2023-06-30', ?, 'p', ?, 'p', ?)`,
    ).run(U(3), here, ap, here, at, at);

    // The shape: a body meeting names its body and only it; codes and periods exist; participants are an array.
    expect(() => meeting(U(4), 'body', null)).toThrow(/CHECK/);
    expect(() => meeting(U(4), 'inter_ministerial', 'MOFA')).toThrow(/CHECK/);
    expect(() => meeting(U(4), 'body', 'NOPE')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE meeting SET participants = '{}', revision = 2").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE follow_up SET owner_body = 'NOPE'").run()).toThrow(/keep their identity|FOREIGN KEY/);

    // Nothing is deleted.
    expect(() => db.prepare('DELETE FROM follow_up').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM meeting_decision').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM meeting').run()).toThrow(/never deleted/);
    // Nor replaced (REPLACE deletes without delete triggers), by id or by uid.
    expect(() => db.prepare("INSERT OR REPLACE INTO meeting_decision (id, uid, origin, meeting_id, text, created_by, created_at) VALUES (1, ?, ?, 1, 'x', 'p', 'x')").run(U(5), here)).toThrow(/never replaced/);
    expect(() => db.prepare("INSERT OR REPLACE INTO meeting_decision (uid, origin, meeting_id, text, created_by, created_at) VALUES (?, ?, 1, 'x', 'p', 'x')").run(U(2), here)).toThrow(/never replaced/);
    expect(() => meeting(U(1), 'civic_panel', null)).toThrow(/never replaced/);

    // Identity and what a row was made with stay.
    expect(() => db.prepare('UPDATE meeting SET uid = ?, revision = 2').run(U(6))).toThrow(/keep their identity/);
    expect(() => db.prepare('UPDATE meeting SET origin = ?, revision = 2').run(U(6))).toThrow(/keep their identity/);
    expect(() => db.prepare("UPDATE meeting_decision SET text = '다른 결정'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE follow_up SET text = '다른 조치'").run()).toThrow(/keep their identity/);
    expect(() => db.prepare("UPDATE follow_up SET due_date = '2024-01-01'").run()).toThrow(/keep their identity/);

    // A meeting's change raises its revision; it never goes back.
    expect(() => db.prepare("UPDATE meeting SET title = '바뀐 제목'").run()).toThrow(/revision only grows/);
    db.prepare("UPDATE meeting SET title = '바뀐 제목', revision = 2").run();
    expect(() => db.prepare('UPDATE meeting SET revision = 1').run()).toThrow(/revision only grows/);

    // Closing needs a note and a time; reopening clears both.
    expect(() => db.prepare("UPDATE follow_up SET state = 'closed', closed_at = ?").run(at)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE follow_up SET state = 'closed', closing_note = '완료'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE follow_up SET state = 'closed', closing_note = '완료', closed_at = ?").run(at);
    db.prepare("UPDATE follow_up SET state = 'open', closing_note = NULL, closed_at = NULL").run();
    expect(db.prepare('SELECT count(*) FROM meeting').pluck().get()).toBe(1);
    db.close();
  });
});
