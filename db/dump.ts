/**
 * The logical content of the database, as another installation would name
 * it: plan items by natural key (plan code, action-plan code, body code,
 * year), rows by uid with their origin installation, never a local integer
 * id. Stable: the same database dumps to the same bytes, every list in an
 * order that does not depend on local ids (natural keys, then time, then
 * uid), every object's keys in a fixed order.
 *
 * What it leaves out, on purpose: an entry's revision (the autosave's local
 * counter of saves, not content), the matrices' derived tables, the key
 * registers of migration 0030, and the change log (its rows name entities by
 * local id; translating them is the exchange's part).
 *
 * `npm run cli -- --data-dir DIR dump --json` prints it; the exchange's tests
 * compare databases with it ("logically unchanged", "nothing lost").
 */
import type { Db } from './connection';
import { codeSortKey, NaturalKeys, type EntryNaturalKey } from './identity';
import { installationInfo, type InstallationInfo } from './installation';

export const DUMP_FORMAT = 'nap-monitor-dump';
export const DUMP_VERSION = 1;

export interface DumpEntry extends EntryNaturalKey {
  uid: string;
  origin: string;
  completion: string | null;
  delayed: boolean | null;
  delayReason: string | null;
  achievements: string | null;
  nextSteps: string | null;
  difficulties: string | null;
  budgetAllocated: number | null;
  budgetExecuted: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface Dump {
  format: typeof DUMP_FORMAT;
  version: typeof DUMP_VERSION;
  schema: number;
  installation: InstallationInfo;
  plans: { code: string; startYear: number; endYear: number; periods: { year: number; lockedAt: string | null; lockedBy: string | null }[] }[];
  entries: DumpEntry[];
  indicators: {
    uid: string;
    origin: string;
    plan: string;
    actionPlan: string;
    nameEn: string;
    nameKo: string;
    unit: string;
    kind: string;
    baseline: number | null;
    targets: { year: number; target: number }[];
    createdBy: string;
    createdAt: string;
    removedAt: string | null;
  }[];
  indicatorValues: (EntryNaturalKey & { indicator: string; value: number | null; updatedBy: string; updatedAt: string })[];
  evidence: { uid: string; origin: string; entry: EntryNaturalKey; title: string; docDate: string | null; reference: string | null; createdBy: string; createdAt: string; removedAt: string | null }[];
  comments: { uid: string; origin: string; entry: EntryNaturalKey; text: string; author: string; createdAt: string; removedAt: string | null }[];
  panelComments: { uid: string; origin: string; plan: string; actionPlan: string; year: number; text: string; recordedBy: string; createdAt: string; removedAt: string | null }[];
  overrides: {
    uid: string;
    origin: string;
    plan: string;
    actionPlan: string;
    year: number;
    completion: string;
    reason: string;
    setBy: string;
    setAt: string;
    removedAt: string | null;
    removedBy: string | null;
    removedReason: string | null;
  }[];
  reports: { plan: string; body: string; year: number; status: string; updatedBy: string | null; updatedAt: string | null }[];
  reportEvents: { uid: string; origin: string; plan: string; body: string; year: number; from: string; to: string; reason: string | null; actor: string; at: string }[];
  /** Monitoring meetings (schema 60 on), each with its decisions and their follow-ups. */
  meetings: DumpMeeting[];
}

export interface DumpMeeting {
  uid: string;
  origin: string;
  kind: string;
  body: string | null;
  plan: string;
  year: number;
  date: string;
  title: string;
  place: string;
  participants: unknown;
  agenda: string;
  minutes: string;
  createdAt: string;
  updatedAt: string;
  decisions: {
    uid: string;
    origin: string;
    text: string;
    createdAt: string;
    followUps: {
      uid: string;
      origin: string;
      ownerBody: string;
      actionPlan: string | null;
      text: string;
      dueDate: string | null;
      state: string;
      closingNote: string | null;
      closedAt: string | null;
    }[];
  }[];
}

/** Compares by a list of keys in turn: strings by code unit, numbers as numbers, null first. */
function by<T>(...keys: ((row: T) => string | number | null)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/** A code's key in natural order ("3.1.2" before "3.1.10"; db/identity.ts), computed once per code. */
const codeKeys = new Map<string, string>();
function code(c: string): string {
  let k = codeKeys.get(c);
  // The code itself after the key: two codes that differ only in leading zeros still have one order.
  if (k === undefined) codeKeys.set(c, (k = `${codeSortKey(c)}\u0000${c}`));
  return k;
}

const entryOrder = <T>(key: (row: T) => EntryNaturalKey = (r) => r as EntryNaturalKey) =>
  [(r: T) => code(key(r).plan), (r: T) => code(key(r).actionPlan), (r: T) => code(key(r).body), (r: T) => key(r).year] as const;

/** The database's logical content (read in one transaction, so it is one state). */
export function dumpDatabase(db: Db): Dump {
  return db.transaction((): Dump => {
    const keys = new NaturalKeys(db);
    const entryKey = (r: { actionPlanId: number; bodyId: number; periodId: number }) => keys.entryKey(r);

    const plans = (db.prepare('SELECT id, code, start_year AS startYear, end_year AS endYear FROM plan').all() as {
      id: number;
      code: string;
      startYear: number;
      endYear: number;
    }[])
      .map((p) => ({
        code: p.code,
        startYear: p.startYear,
        endYear: p.endYear,
        periods: db
          .prepare('SELECT year, locked_at AS lockedAt, locked_by AS lockedBy FROM reporting_period WHERE plan_id = ? ORDER BY year')
          .all(p.id) as { year: number; lockedAt: string | null; lockedBy: string | null }[],
      }))
      .sort(by((p) => code(p.code)));

    type EntryRow = {
      actionPlanId: number;
      bodyId: number;
      periodId: number;
      uid: string;
      origin: string;
      completion: string | null;
      delayed: number | null;
      delayReason: string | null;
      achievements: string | null;
      nextSteps: string | null;
      difficulties: string | null;
      budgetAllocated: number | null;
      budgetExecuted: number | null;
      updatedBy: string | null;
      updatedAt: string | null;
    };
    const entries: DumpEntry[] = (
      db
        .prepare(
          `SELECT action_plan_id AS actionPlanId, body_id AS bodyId, period_id AS periodId, uid, origin, completion, delayed,
                  delay_reason AS delayReason, achievements, next_steps AS nextSteps, difficulties,
                  budget_allocated AS budgetAllocated, budget_executed AS budgetExecuted, updated_by AS updatedBy, updated_at AS updatedAt
           FROM progress_entry`,
        )
        .all() as EntryRow[]
    )
      .map((r) => ({
        ...entryKey(r),
        uid: r.uid,
        origin: r.origin,
        completion: r.completion,
        delayed: r.delayed === null ? null : r.delayed === 1,
        delayReason: r.delayReason,
        achievements: r.achievements,
        nextSteps: r.nextSteps,
        difficulties: r.difficulties,
        budgetAllocated: r.budgetAllocated,
        budgetExecuted: r.budgetExecuted,
        updatedBy: r.updatedBy,
        updatedAt: r.updatedAt,
      }))
      .sort(by(...entryOrder<DumpEntry>()));

    const targetsOf = db.prepare('SELECT period_id AS periodId, target FROM indicator_target WHERE indicator_id = ?');
    const indicatorRows = db
      .prepare(
        `SELECT id, action_plan_id AS actionPlanId, uid, origin, name_en AS nameEn, name_ko AS nameKo, unit, kind, baseline,
                created_by AS createdBy, created_at AS createdAt, removed_at AS removedAt FROM indicator`,
      )
      .all() as {
      id: number;
      actionPlanId: number;
      uid: string;
      origin: string;
      nameEn: string;
      nameKo: string;
      unit: string;
      kind: string;
      baseline: number | null;
      createdBy: string;
      createdAt: string;
      removedAt: string | null;
    }[];
    const indicatorUid = new Map(indicatorRows.map((r) => [r.id, r.uid]));
    const indicators: Dump['indicators'] = indicatorRows
      .map((r) => ({
        uid: r.uid,
        origin: r.origin,
        ...keys.actionPlanOf(r.actionPlanId),
        nameEn: r.nameEn,
        nameKo: r.nameKo,
        unit: r.unit,
        kind: r.kind,
        baseline: r.baseline,
        targets: (targetsOf.all(r.id) as { periodId: number; target: number }[])
          .map((t) => ({ year: keys.periodOf(t.periodId).year, target: t.target }))
          .sort(by((t) => t.year)),
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        removedAt: r.removedAt,
      }))
      .sort(by((r) => code(r.plan), (r) => code(r.actionPlan), (r) => r.createdAt, (r) => r.uid));

    const indicatorValues: Dump['indicatorValues'] = (
      db
        .prepare(
          `SELECT v.indicator_id AS indicatorId, i.action_plan_id AS actionPlanId, v.body_id AS bodyId, v.period_id AS periodId, v.value,
                  v.updated_by AS updatedBy, v.updated_at AS updatedAt
           FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id`,
        )
        .all() as { indicatorId: number; actionPlanId: number; bodyId: number; periodId: number; value: number | null; updatedBy: string; updatedAt: string }[]
    )
      .map((r) => ({ ...entryKey(r), indicator: indicatorUid.get(r.indicatorId) as string, value: r.value, updatedBy: r.updatedBy, updatedAt: r.updatedAt }))
      .sort(by(...entryOrder<Dump['indicatorValues'][number]>(), (r) => r.indicator));

    const ofEntry = `JOIN progress_entry e ON e.id = x.entry_id`;
    const entryCols = 'e.action_plan_id AS actionPlanId, e.body_id AS bodyId, e.period_id AS periodId';
    const evidence: Dump['evidence'] = (
      db
        .prepare(
          `SELECT ${entryCols}, x.uid, x.origin, x.title, x.doc_date AS docDate, x.reference, x.created_by AS createdBy,
                  x.created_at AS createdAt, x.removed_at AS removedAt FROM evidence x ${ofEntry}`,
        )
        .all() as ({ actionPlanId: number; bodyId: number; periodId: number } & Omit<Dump['evidence'][number], 'entry'>)[]
    )
      .map((r) => ({
        uid: r.uid,
        origin: r.origin,
        entry: entryKey(r),
        title: r.title,
        docDate: r.docDate,
        reference: r.reference,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        removedAt: r.removedAt,
      }))
      .sort(by(...entryOrder<Dump['evidence'][number]>((r) => r.entry), (r) => r.createdAt, (r) => r.uid));

    const comments: Dump['comments'] = (
      db
        .prepare(
          `SELECT ${entryCols}, x.uid, x.origin, x.text, x.author, x.created_at AS createdAt, x.removed_at AS removedAt
           FROM entry_comment x ${ofEntry}`,
        )
        .all() as ({ actionPlanId: number; bodyId: number; periodId: number } & Omit<Dump['comments'][number], 'entry'>)[]
    )
      .map((r) => ({ uid: r.uid, origin: r.origin, entry: entryKey(r), text: r.text, author: r.author, createdAt: r.createdAt, removedAt: r.removedAt }))
      .sort(by(...entryOrder<Dump['comments'][number]>((r) => r.entry), (r) => r.createdAt, (r) => r.uid));

    const actionInPeriod = (r: { actionPlanId: number; periodId: number }) => ({ ...keys.actionPlanOf(r.actionPlanId), year: keys.periodOf(r.periodId).year });

    const panelComments: Dump['panelComments'] = (
      db
        .prepare(
          `SELECT action_plan_id AS actionPlanId, period_id AS periodId, uid, origin, text, recorded_by AS recordedBy,
                  created_at AS createdAt, removed_at AS removedAt FROM panel_comment`,
        )
        .all() as ({ actionPlanId: number; periodId: number } & Omit<Dump['panelComments'][number], 'plan' | 'actionPlan' | 'year'>)[]
    )
      .map((r) => ({ uid: r.uid, origin: r.origin, ...actionInPeriod(r), text: r.text, recordedBy: r.recordedBy, createdAt: r.createdAt, removedAt: r.removedAt }))
      .sort(by((r) => code(r.plan), (r) => code(r.actionPlan), (r) => r.year, (r) => r.createdAt, (r) => r.uid));

    const overrides: Dump['overrides'] = (
      db
        .prepare(
          `SELECT action_plan_id AS actionPlanId, period_id AS periodId, uid, origin, completion, reason, set_by AS setBy, set_at AS setAt,
                  removed_at AS removedAt, removed_by AS removedBy, removed_reason AS removedReason FROM consolidated_override`,
        )
        .all() as ({ actionPlanId: number; periodId: number } & Omit<Dump['overrides'][number], 'plan' | 'actionPlan' | 'year'>)[]
    )
      .map((r) => ({
        uid: r.uid,
        origin: r.origin,
        ...actionInPeriod(r),
        completion: r.completion,
        reason: r.reason,
        setBy: r.setBy,
        setAt: r.setAt,
        removedAt: r.removedAt,
        removedBy: r.removedBy,
        removedReason: r.removedReason,
      }))
      .sort(by((r) => code(r.plan), (r) => code(r.actionPlan), (r) => r.year));

    const bodyInPeriod = (r: { bodyId: number; periodId: number }) => {
      const p = keys.periodOf(r.periodId);
      return { plan: p.plan, body: keys.body(r.bodyId), year: p.year };
    };
    const reports: Dump['reports'] = (
      db
        .prepare('SELECT body_id AS bodyId, period_id AS periodId, status, updated_by AS updatedBy, updated_at AS updatedAt FROM report')
        .all() as { bodyId: number; periodId: number; status: string; updatedBy: string | null; updatedAt: string | null }[]
    )
      .map((r) => ({ ...bodyInPeriod(r), status: r.status, updatedBy: r.updatedBy, updatedAt: r.updatedAt }))
      .sort(by((r) => code(r.plan), (r) => code(r.body), (r) => r.year));

    // Events of one report in the order they happened: by time; one database's order of insertion breaks a tie.
    const reportEvents: Dump['reportEvents'] = (
      db
        .prepare(
          `SELECT body_id AS bodyId, period_id AS periodId, uid, origin, from_status AS "from", to_status AS "to", reason, actor, at
           FROM report_event ORDER BY id`,
        )
        .all() as ({ bodyId: number; periodId: number } & Omit<Dump['reportEvents'][number], 'plan' | 'body' | 'year'>)[]
    )
      .map((r) => ({ uid: r.uid, origin: r.origin, ...bodyInPeriod(r), from: r.from, to: r.to, reason: r.reason, actor: r.actor, at: r.at }))
      .sort(by((r) => code(r.plan), (r) => code(r.body), (r) => r.year, (r) => r.at));

    return {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      schema: db.pragma('user_version', { simple: true }) as number,
      installation: installationInfo(db),
      plans,
      entries,
      indicators,
      indicatorValues,
      evidence,
      comments,
      panelComments,
      overrides,
      reports,
      reportEvents,
      meetings: dumpMeetings(db),
    };
  })();
}

/** Meetings by plan, year, date and uid; decisions and follow-ups by time, then uid. Empty before schema 60. */
function dumpMeetings(db: Db): DumpMeeting[] {
  const hasMeetings = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meeting'").pluck().get() !== undefined;
  if (!hasMeetings) return [];
  const meetings = db
    .prepare(
      `SELECT m.id, m.uid, m.origin, m.kind, m.body_code AS body, p.code AS plan, rp.year, m.date, m.title, m.place,
              m.participants, m.agenda, m.minutes, m.created_at AS createdAt, m.updated_at AS updatedAt
       FROM meeting m JOIN reporting_period rp ON rp.id = m.period_id JOIN plan p ON p.id = rp.plan_id`,
    )
    .all() as (Omit<DumpMeeting, 'decisions' | 'participants'> & { id: number; participants: string })[];
  const decisions = db.prepare('SELECT id, uid, origin, text, created_at AS createdAt FROM meeting_decision WHERE meeting_id = ? ORDER BY created_at, uid');
  const followUps = db.prepare(
    `SELECT f.uid, f.origin, f.owner_body AS ownerBody, ap.code AS actionPlan, f.text, f.due_date AS dueDate, f.state,
            f.closing_note AS closingNote, f.closed_at AS closedAt
     FROM follow_up f LEFT JOIN action_plan ap ON ap.id = f.action_plan_id
     WHERE f.decision_id = ? ORDER BY f.created_at, f.uid`,
  );
  return meetings
    .map(({ id, participants, ...m }) => ({
      ...m,
      participants: JSON.parse(participants) as unknown,
      decisions: (decisions.all(id) as { id: number; uid: string; origin: string; text: string; createdAt: string }[]).map(({ id: decisionId, ...d }) => ({
        ...d,
        followUps: followUps.all(decisionId) as DumpMeeting['decisions'][number]['followUps'],
      })),
    }))
    .sort(by((m) => code(m.plan), (m) => m.year, (m) => m.date, (m) => m.uid));
}

/** The dump as text: two-space JSON and a final new line, byte-stable for one state of the database. */
export function dumpJson(db: Db): string {
  return `${JSON.stringify(dumpDatabase(db), null, 2)}\n`;
}
