/**
 * Identity across installations (issue 7; docs/decisions/0011): this
 * installation's id, the uid and origin every row made here is stamped with,
 * and the natural keys that name the plan's items in every installation
 * (plan code, action-plan code, body code, year). Local integer ids never
 * leave this database: whatever crosses to another installation (a workbook,
 * a dump) names rows by uid and plan items by natural key.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './connection';
import { DomainError } from '../contract/result';

/** A lower-case version-4 UUID, the form of every uid and installation id (crypto.randomUUID's). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}

/** A new uid for a row made here. */
export function newUid(): string {
  return randomUUID();
}

const cachedIds = new WeakMap<Db, string>();

/** This installation's id (made by migration 0040 with the database; it never changes, so it is read once). */
export function installationId(db: Db): string {
  const cached = cachedIds.get(db);
  if (cached !== undefined) return cached;
  const id = db.prepare('SELECT id FROM installation_identity').pluck().get() as string | undefined;
  if (id === undefined) throw new Error('This database has no installation id (schema older than 40).');
  cachedIds.set(db, id);
  return id;
}

/** What a new row is stamped with: its uid and the installation it was made in. */
export interface Stamp {
  uid: string;
  origin: string;
}

/** The stamp of a row made here now. (An import writes the stamp the row came with.) */
export function localStamp(db: Db): Stamp {
  return { uid: newUid(), origin: installationId(db) };
}

/** The kinds of rows with a uid, and their tables. */
export const UID_TABLES = {
  entry: 'progress_entry',
  evidence: 'evidence',
  comment: 'entry_comment',
  panelComment: 'panel_comment',
  indicator: 'indicator',
  reportEvent: 'report_event',
  override: 'consolidated_override',
} as const;
export type UidKind = keyof typeof UID_TABLES;

/** The local row id of the row with that uid, or null. */
export function rowIdOfUid(db: Db, kind: UidKind, uid: string): number | null {
  const id = db.prepare(`SELECT rowid FROM ${UID_TABLES[kind]} WHERE uid = ?`).pluck().get(uid) as number | undefined;
  return id ?? null;
}

/** The uid of a local row, or null. */
export function uidOfRowId(db: Db, kind: UidKind, rowId: number): string | null {
  const uid = db.prepare(`SELECT uid FROM ${UID_TABLES[kind]} WHERE rowid = ?`).pluck().get(rowId) as string | null | undefined;
  return uid ?? null;
}

/** An entry's natural key: the same in every installation. */
export interface EntryNaturalKey {
  plan: string;
  actionPlan: string;
  body: string;
  year: number;
}

/** The local ids of an entry's natural key. */
export interface EntryLocalKey {
  planId: number;
  actionPlanId: number;
  bodyId: number;
  periodId: number;
}

/**
 * The plan's items by natural key and by local id, read once from the
 * database (the plan never changes once loaded; bodies are only added): a
 * dump or an import translates every row through one of these.
 */
export class NaturalKeys {
  private readonly planCode = new Map<number, string>();
  private readonly planId = new Map<string, number>();
  private readonly actionPlan = new Map<number, { planId: number; code: string }>();
  private readonly actionPlanId = new Map<string, number>();
  private readonly bodyCode = new Map<number, string>();
  private readonly bodyId = new Map<string, number>();
  private readonly period = new Map<number, { planId: number; year: number }>();
  private readonly periodId = new Map<string, number>();

  constructor(db: Db) {
    for (const r of db.prepare('SELECT id, code FROM plan').all() as { id: number; code: string }[]) {
      this.planCode.set(r.id, r.code);
      this.planId.set(r.code, r.id);
    }
    for (const r of db.prepare('SELECT id, plan_id AS planId, code FROM action_plan').all() as { id: number; planId: number; code: string }[]) {
      this.actionPlan.set(r.id, { planId: r.planId, code: r.code });
      this.actionPlanId.set(pair(r.planId, r.code), r.id);
    }
    for (const r of db.prepare('SELECT id, code FROM implementing_body').all() as { id: number; code: string }[]) {
      this.bodyCode.set(r.id, r.code);
      this.bodyId.set(r.code, r.id);
    }
    for (const r of db.prepare('SELECT id, plan_id AS planId, year FROM reporting_period').all() as { id: number; planId: number; year: number }[]) {
      this.period.set(r.id, { planId: r.planId, year: r.year });
      this.periodId.set(pair(r.planId, r.year), r.id);
    }
  }

  plan(id: number): string {
    return known(this.planCode.get(id), 'plan', id);
  }

  body(id: number): string {
    return known(this.bodyCode.get(id), 'body', id);
  }

  /** An action plan's plan code and code. */
  actionPlanOf(id: number): { plan: string; actionPlan: string } {
    const ap = known(this.actionPlan.get(id), 'action plan', id);
    return { plan: this.plan(ap.planId), actionPlan: ap.code };
  }

  /** A reporting period's plan code and year. */
  periodOf(id: number): { plan: string; year: number } {
    const p = known(this.period.get(id), 'reporting period', id);
    return { plan: this.plan(p.planId), year: p.year };
  }

  entryKey(local: { actionPlanId: number; bodyId: number; periodId: number }): EntryNaturalKey {
    const ap = this.actionPlanOf(local.actionPlanId);
    const p = this.periodOf(local.periodId);
    if (p.plan !== ap.plan) throw new Error(`Period ${local.periodId} is not of the plan of action plan ${local.actionPlanId}.`);
    return { plan: ap.plan, actionPlan: ap.actionPlan, body: this.body(local.bodyId), year: p.year };
  }

  planIdOf(code: string): number | null {
    return this.planId.get(code) ?? null;
  }

  bodyIdOf(code: string): number | null {
    return this.bodyId.get(code) ?? null;
  }

  actionPlanIdOf(plan: string, actionPlan: string): number | null {
    const planId = this.planIdOf(plan);
    return planId === null ? null : (this.actionPlanId.get(pair(planId, actionPlan)) ?? null);
  }

  periodIdOf(plan: string, year: number): number | null {
    const planId = this.planIdOf(plan);
    return planId === null ? null : (this.periodId.get(pair(planId, year)) ?? null);
  }

  /** The local ids of an entry's natural key, or null naming what this database does not know. */
  resolveEntry(key: EntryNaturalKey): EntryLocalKey | { unknown: 'plan' | 'actionPlan' | 'body' | 'year' } {
    const planId = this.planIdOf(key.plan);
    if (planId === null) return { unknown: 'plan' };
    const actionPlanId = this.actionPlanIdOf(key.plan, key.actionPlan);
    if (actionPlanId === null) return { unknown: 'actionPlan' };
    const bodyId = this.bodyIdOf(key.body);
    if (bodyId === null) return { unknown: 'body' };
    const periodId = this.periodIdOf(key.plan, key.year);
    if (periodId === null) return { unknown: 'year' };
    return { planId, actionPlanId, bodyId, periodId };
  }
}

function pair(a: number, b: string | number): string {
  return `${a}\u0000${b}`;
}

function known<T>(value: T | undefined, what: string, id: number): T {
  if (value === undefined) throw new Error(`No ${what} with local id ${id}.`);
  return value;
}

/** An entry's natural key from its local ids (one lookup). */
export function entryNaturalKey(db: Db, local: { actionPlanId: number; bodyId: number; periodId: number }): EntryNaturalKey {
  return new NaturalKeys(db).entryKey(local);
}

/** The local ids of an entry's natural key; NOT_FOUND naming the part this database does not know. */
export function resolveEntryNaturalKey(db: Db, key: EntryNaturalKey): EntryLocalKey {
  const r = new NaturalKeys(db).resolveEntry(key);
  if ('unknown' in r) {
    const what = { plan: `plan ${key.plan}`, actionPlan: `action plan ${key.actionPlan} in plan ${key.plan}`, body: `body ${key.body}`, year: `year ${key.year} in plan ${key.plan}` }[r.unknown];
    throw new DomainError('NOT_FOUND', `This database has no ${what}.`, [{ path: r.unknown }]);
  }
  return r;
}

/**
 * Natural order of codes: "3.1.2" before "3.1.10", numbers as numbers,
 * everything else by code unit (never by locale: the order must be the same
 * on every machine). codeSortKey is a string whose plain order is that order
 * (each run of digits as its length and its digits), so a long sort computes
 * it once per code.
 */
export function codeSortKey(code: string): string {
  return code.replace(/\d+/g, (digits) => {
    const n = digits.replace(/^0+(?=\d)/, '');
    return `${String(n.length).padStart(2, '0')}${n}`;
  });
}

export function compareCodes(a: string, b: string): number {
  const x = codeSortKey(a);
  const y = codeSortKey(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
