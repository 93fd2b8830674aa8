/**
 * Identity across installations: what the application writes carries a uid
 * and this installation as origin, the change log names the actor's
 * installation, natural keys resolve both ways, and the dump is byte-stable
 * and free of local ids: the same work done in two databases whose local ids
 * differ dumps the same, up to uids and times.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { dumpDatabase, dumpJson } from '../../db/dump';
import { saveEntry } from '../../db/entries';
import { compareCodes, installationId, NaturalKeys, resolveEntryNaturalKey, rowIdOfUid, uidOfRowId, UUID_RE, type EntryNaturalKey } from '../../db/identity';
import { addEvidence, defineIndicator, setIndicatorValue } from '../../db/indicators';
import { initializeInstallation, resetInstallation } from '../../db/installation';
import { IDENTIFIED_TABLES } from '../../db/migrations/0040_identity';
import { getBodyReport, transitionReport } from '../../db/reports';
import { addEntryComment, addPanelComment, setOverride } from '../../db/review';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import { mofa, mogef } from '../support/app';
import { tempDbFile } from '../support/tmp';

const PLAN = 'KOR-NAP-3';

function fresh(shifted = false): { db: Db; file: string } {
  const file = tempDbFile();
  const db = openDatabase(file);
  // Another plan loaded first: every local id of the third plan's items differs from an unshifted database's.
  if (shifted) loadPlanDocument(db, { ...(nap3 as PlanDocumentInput), plan: { ...(nap3 as PlanDocumentInput).plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } });
  loadPlanDocument(db, nap3 as PlanDocumentInput);
  return { db, file };
}

/** The same work in any database, addressed by natural keys only: a body fills in and submits, MOGEF reviews. */
function work(db: Db): void {
  const keys = new NaturalKeys(db);
  const local = (actionPlan: string, body: string, year: number) => resolveEntryNaturalKey(db, { plan: PLAN, actionPlan, body, year });
  const k = local('3.1.1', 'MOFA', 2022);
  const key = { actionPlanId: k.actionPlanId, bodyCode: 'MOFA', periodId: k.periodId };
  const indicator = defineIndicator(
    db,
    { actionPlanId: k.actionPlanId, nameEn: 'Trainees', nameKo: '교육 인원', unit: '명', kind: 'number', baseline: 10, targets: [{ periodId: k.periodId, target: 50 }] },
    mogef,
  );
  for (const item of getBodyReport(db, 'MOFA', k.periodId).items) {
    saveEntry(
      db,
      { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId: k.periodId },
      item.revision,
      { completion: 'substantial', delayed: false, achievements: `${item.code} 실적`, nextSteps: '계속', budgetAllocated: 1_000_000 },
      mofa,
      '김외교 (MOFA)',
    );
  }
  setIndicatorValue(db, key, indicator, 12, mofa);
  addEvidence(db, key, { title: '결과 보고서', docDate: '2022-11-30', reference: '공문 123' }, mofa);
  transitionReport(db, 'submit', 'MOFA', k.periodId, mofa);
  addEntryComment(db, key, '근거를 보완해 주세요', mogef);
  transitionReport(db, 'return', 'MOFA', k.periodId, mogef, { reason: '보완 요청' });
  addPanelComment(db, k.actionPlanId, keys.periodIdOf(PLAN, 2023)!, '시민자문단 의견', mogef);
  setOverride(db, k.actionPlanId, k.periodId, 'limited', '근거 부족', mogef);
}

/** Uids and times masked: what stays is what two installations doing the same work must agree on. */
function masked(db: Db): unknown {
  const dump = dumpDatabase(db);
  const text = JSON.stringify({ ...dump, installation: null, plans: dump.plans.filter((p) => p.code === PLAN) })
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UID')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, 'AT');
  return JSON.parse(text);
}

/** Keys whose values may be numbers in a dump: none is a local id. */
const NUMERIC = new Set(['version', 'schema', 'startYear', 'endYear', 'year', 'budgetAllocated', 'budgetExecuted', 'baseline', 'target', 'value']);

function numbersOutside(value: unknown, key = '', found: string[] = []): string[] {
  if (typeof value === 'number' && !NUMERIC.has(key)) found.push(key);
  else if (Array.isArray(value)) value.forEach((v) => numbersOutside(v, key, found));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbersOutside(v, k, found);
  return found;
}

function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, found));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) keysOf(v, found.add(k));
  return found;
}

describe('identity of rows and installations', () => {
  it('stamps every row the application makes with a uid and this installation, and names the installation in the change log', () => {
    const { db } = fresh();
    initializeInstallation(db, mogef);
    work(db);
    const id = installationId(db);
    for (const table of IDENTIFIED_TABLES) {
      const rows = db.prepare(`SELECT uid, origin FROM ${table}`).all() as { uid: string; origin: string }[];
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) expect(r, table).toEqual({ uid: expect.stringMatching(UUID_RE), origin: id });
    }
    expect(db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBeGreaterThan(10);
    expect(db.prepare('SELECT DISTINCT actor_installation FROM change_log').pluck().all()).toEqual([id]);
    // The app's own writes give the uid (crypto.randomUUID), the triggers' fill-in is for other writers.
    const ev = db.prepare('SELECT rowid FROM evidence').pluck().get() as number;
    const uid = uidOfRowId(db, 'evidence', ev)!;
    expect(rowIdOfUid(db, 'evidence', uid)).toBe(ev);
    expect(rowIdOfUid(db, 'comment', uid)).toBeNull();
  });

  it('keeps the installation id when the installation is set up again for another role', () => {
    const { db, file } = fresh();
    const id = installationId(db);
    initializeInstallation(db, mofa);
    resetInstallation(db);
    initializeInstallation(db, mogef);
    db.close();
    const again = openDatabase(file);
    expect(installationId(again)).toBe(id);
    again.close();
  });

  it('resolves every entry of the third plan to local ids and back, and names what it does not know', () => {
    const { db } = fresh(true);
    const keys = new NaturalKeys(db);
    const all = db
      .prepare(
        `SELECT apb.action_plan_id AS actionPlanId, apb.body_id AS bodyId, rp.id AS periodId FROM action_plan_body apb
         JOIN action_plan ap ON ap.id = apb.action_plan_id JOIN reporting_period rp ON rp.plan_id = ap.plan_id`,
      )
      .all() as { actionPlanId: number; bodyId: number; periodId: number }[];
    expect(all.length).toBeGreaterThan(2 * 100 * 3);
    const seen = new Set<string>();
    for (const local of all) {
      const natural = keys.entryKey(local);
      seen.add(JSON.stringify(natural));
      expect(resolveEntryNaturalKey(db, natural)).toMatchObject(local);
    }
    expect(seen.size).toBe(all.length);
    const good: EntryNaturalKey = { plan: PLAN, actionPlan: '3.1.1', body: 'MOFA', year: 2022 };
    expect(() => resolveEntryNaturalKey(db, { ...good, plan: 'KOR-NAP-9' })).toThrow(/no plan KOR-NAP-9/);
    expect(() => resolveEntryNaturalKey(db, { ...good, actionPlan: '9.9.9' })).toThrow(/no action plan 9.9.9/);
    expect(() => resolveEntryNaturalKey(db, { ...good, body: 'NOPE' })).toThrow(/no body NOPE/);
    expect(() => resolveEntryNaturalKey(db, { ...good, year: 2024 })).toThrow(/no year 2024/);
    // The same code in the other plan is another action plan.
    expect(keys.actionPlanIdOf('KOR-NAP-4', '3.1.1')).not.toBe(keys.actionPlanIdOf(PLAN, '3.1.1'));
  });

  it('orders codes naturally and the same on every machine', () => {
    const codes = ['3.1.10', '3.1.2', '10.1.1', '3.1.1', '2.10.1', '2.9.1', 'MOFA', 'MND', 'KOICA'];
    expect([...codes].sort(compareCodes)).toEqual(['2.9.1', '2.10.1', '3.1.1', '3.1.2', '3.1.10', '10.1.1', 'KOICA', 'MND', 'MOFA']);
    expect(compareCodes('3.1.1', '3.1.1')).toBe(0);
  });

  it('dumps the same bytes twice and after reopening, with no local id in it', () => {
    const { db, file } = fresh();
    initializeInstallation(db, mogef);
    work(db);
    const first = dumpJson(db);
    expect(dumpJson(db)).toBe(first);
    db.close();
    const again = openDatabase(file);
    expect(dumpJson(again)).toBe(first);
    const dump = JSON.parse(first);
    expect(numbersOutside(dump)).toEqual([]);
    expect([...keysOf(dump)].filter((k) => /id$/i.test(k) && k !== 'uid' && k !== 'id')).toEqual([]);
    expect(dump.installation).toEqual({ id: installationId(again), role: 'coordinator', body: null, userName: mogef.userName });
    expect(dump.entries.length).toBeGreaterThan(5);
    expect(dump.reportEvents.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['draft>submitted', 'submitted>returned']);
    expect(dump.indicatorValues).toEqual([expect.objectContaining({ actionPlan: '3.1.1', body: 'MOFA', year: 2022, indicator: dump.indicators[0].uid, value: 12 })]);
    expect(first.length).toBeLessThan(200_000);
  });

  it('dumps the same work done in two installations whose local ids differ the same, up to uids and times; their ids differ', () => {
    const a = fresh(false);
    const b = fresh(true);
    const ap = (db: Db) => new NaturalKeys(db).actionPlanIdOf(PLAN, '3.1.1');
    expect(ap(a.db)).not.toBe(ap(b.db));
    for (const t of [a, b]) {
      initializeInstallation(t.db, mogef);
      work(t.db);
    }
    expect(installationId(a.db)).not.toBe(installationId(b.db));
    expect(masked(a.db)).toEqual(masked(b.db));
    expect(dumpJson(a.db)).not.toBe(dumpJson(b.db));
  });
});
