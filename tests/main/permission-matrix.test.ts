/**
 * The forbidden-request matrix, generated from the contract: every channel
 * of contract/ipc.ts × every role (each body of the third plan, the
 * coordinator, not set up) × report state (draft with nothing filled, draft
 * complete, submitted, returned, accepted) × period locked or not, sent
 * through the real dispatcher on a real database file made by the app core.
 *
 * ORACLE below is the rule, written once from the specification (issue 6,
 * item 4 and 5), not from the code. For each request it says the answer:
 * 'ok' or the exact error code. A refused request must leave every user
 * table (change_log included) as it was and send no data:changed; an allowed
 * one must change the database and send data:changed once, so the matrix
 * cannot pass by refusing everything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../main/app-core';
import { databaseFile } from '../../main/paths';
import { CHANNEL_NAMES, MUTATING_CHANNELS, type Channel } from '../../contract/ipc';
import type { PlanOutline } from '../../contract/domain';
import type { ErrorCode } from '../../contract/result';
import type { ReportStatus } from '../../contract/progress';
import { resetInstallation } from '../../db/installation';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

type Role = { kind: 'none' } | { kind: 'body'; code: string } | { kind: 'coordinator' };
type Answer = 'ok' | ErrorCode;
/** The report states of the matrix; 'empty' is a draft with nothing filled in (submit refused as incomplete). */
type State = 'empty' | ReportStatus;
const STATES: readonly State[] = ['empty', 'draft', 'submitted', 'returned', 'accepted'];
const statusOf = (s: State): ReportStatus => (s === 'empty' ? 'draft' : s);

/** One request of the matrix: which channel, on whose report, and how it differs from the plain request. */
interface Probe {
  channel: Channel;
  /** The body whose entry or report the request is about ('own' is the actor's: MOGEF for the coordinator). */
  target: 'own' | 'other';
  variant?: 'confirmOwn' | 'blankReason' | 'missingRecord';
  label: string;
}

interface Situation {
  role: Role;
  state: State;
  locked: boolean;
  /** The plan's lead body (MOGEF): the coordinator reports for it as a body. */
  lead: string;
  targetCode: string;
}

const isOwner = (s: Situation) =>
  (s.role.kind === 'body' && s.role.code === s.targetCode) || (s.role.kind === 'coordinator' && s.targetCode === s.lead);

/**
 * The rule, one line per writing channel. `by`: who may ask at all
 * ('owner': the body whose entries or report it is, or the coordinator for
 * the lead body; 'coordinator'; 'anyone'; 'not set up'). `from`: the report
 * states it is allowed in, and the code when the state is wrong. `locks`:
 * refused (FORBIDDEN) while the period is locked.
 */
interface Rule {
  by: 'owner' | 'coordinator' | 'anyone' | 'not set up';
  locks?: boolean;
  from?: readonly ReportStatus[];
  /** The code of a request in the wrong state. An entry of a submitted or accepted report is read-only (FORBIDDEN); a transition from the wrong state is a CONFLICT. */
  wrongState?: ErrorCode;
  complete?: boolean;
  /** MOGEF's own report accepted from the coordinator needs confirmOwn, else CONFLICT. */
  confirmOwn?: boolean;
}

const EDITABLE = ['draft', 'returned'] as const;
const ORACLE: Readonly<Record<string, Rule>> = {
  'settings:setLanguage': { by: 'anyone' },
  'setup:initialize': { by: 'not set up' },
  'progress:save': { by: 'owner', locks: true, from: EDITABLE, wrongState: 'FORBIDDEN' },
  'progress:setIndicatorValue': { by: 'owner', locks: true, from: EDITABLE, wrongState: 'FORBIDDEN' },
  'progress:addEvidence': { by: 'owner', locks: true, from: EDITABLE, wrongState: 'FORBIDDEN' },
  'progress:removeEvidence': { by: 'owner', locks: true, from: EDITABLE, wrongState: 'FORBIDDEN' },
  'report:submit': { by: 'owner', locks: true, from: EDITABLE, wrongState: 'CONFLICT', complete: true },
  'report:return': { by: 'coordinator', locks: true, from: ['submitted'], wrongState: 'CONFLICT' },
  'report:accept': { by: 'coordinator', locks: true, from: ['submitted'], wrongState: 'CONFLICT', confirmOwn: true },
  'report:reopen': { by: 'coordinator', locks: true, from: ['accepted'], wrongState: 'CONFLICT' },
  'period:setLocked': { by: 'coordinator' },
  'review:comment': { by: 'coordinator' },
  'review:addPanelComment': { by: 'coordinator' },
  'review:setOverride': { by: 'coordinator' },
  'indicator:define': { by: 'coordinator' },
};

function expected(p: Probe, s: Situation): Answer {
  // A reason of only white space is not a reason: the contract refuses it before any rule.
  if (p.variant === 'blankReason') return 'BAD_REQUEST';
  const rule = ORACLE[p.channel]!;
  const set = s.role.kind !== 'none';
  if (rule.by === 'not set up') return set ? 'CONFLICT' : 'ok';
  if (rule.by === 'anyone') return 'ok';
  if (!set) return 'FORBIDDEN';
  if (rule.by === 'coordinator' && s.role.kind !== 'coordinator') return 'FORBIDDEN';
  if (rule.by === 'owner' && !isOwner(s)) return 'FORBIDDEN';
  if (rule.locks && s.locked) return 'FORBIDDEN';
  if (rule.from && !rule.from.includes(statusOf(s.state))) return rule.wrongState!;
  if (rule.complete && s.state === 'empty') return 'CONFLICT';
  if (rule.confirmOwn && s.targetCode === s.lead && p.variant !== 'confirmOwn') return 'CONFLICT';
  if (p.variant === 'missingRecord') return 'NOT_FOUND';
  return 'ok';
}

const PROBES: readonly Probe[] = [
  ...(['own', 'other'] as const).flatMap((target): Probe[] => [
    { channel: 'progress:save', target, label: `save ${target}` },
    { channel: 'progress:setIndicatorValue', target, label: `indicator value ${target}` },
    { channel: 'progress:setIndicatorValue', target, variant: 'missingRecord', label: `indicator of another action plan ${target}` },
    { channel: 'progress:addEvidence', target, label: `add evidence ${target}` },
    { channel: 'progress:removeEvidence', target, label: `remove evidence ${target}` },
    { channel: 'progress:removeEvidence', target, variant: 'missingRecord', label: `remove evidence not on the entry ${target}` },
    { channel: 'report:return', target, label: `return ${target}` },
    { channel: 'report:return', target, variant: 'blankReason', label: `return ${target} with a blank reason` },
    { channel: 'report:accept', target, label: `accept ${target}` },
    { channel: 'report:accept', target, variant: 'confirmOwn', label: `accept ${target} confirming own` },
    { channel: 'report:reopen', target, label: `reopen ${target}` },
    { channel: 'report:reopen', target, variant: 'blankReason', label: `reopen ${target} with a blank reason` },
    { channel: 'review:comment', target, label: `comment ${target}` },
  ]),
  { channel: 'report:submit', target: 'own', label: 'submit own' },
  { channel: 'period:setLocked', target: 'own', label: 'lock or unlock' },
  { channel: 'review:addPanelComment', target: 'own', label: 'panel comment' },
  { channel: 'review:setOverride', target: 'own', label: 'override' },
  { channel: 'indicator:define', target: 'own', label: 'define an indicator' },
  { channel: 'setup:initialize', target: 'own', label: 'set up' },
  { channel: 'settings:setLanguage', target: 'own', label: 'language' },
];

/** What the templates hold, by body: one action plan it carries, with an indicator and one piece of evidence. */
interface Fixture {
  planId: number;
  periodId: number;
  lead: string;
  bodies: string[];
  actionOf: Record<string, number>;
  indicatorOf: Record<string, number>;
  evidenceOf: Record<string, number>;
  /** An action plan the other bodies do not carry, for panel comments, overrides and indicators. */
  anyAction: number;
}

let root = '';
let fx: Fixture;
const templates = new Map<string, string>();

function open(dataDir: string, onDataChanged?: (c: Channel) => void): AppCore {
  const app = startAppCore({ dataDir, appVersion: 'matrix', trustedOrigins: [ORIGIN], ...(onDataChanged ? { onDataChanged } : {}) });
  // Thousands of throw-away copies: durability is not under test here, and an fsync per write would make the matrix minutes long.
  app.db.pragma('synchronous = OFF');
  return app;
}

function must(app: AppCore, channel: Channel, payload: unknown): unknown {
  const r = app.dispatcher(channel, payload, OWN);
  if (!r.ok) throw new Error(`template: ${channel} ${JSON.stringify(payload)}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function as(app: AppCore, role: Role): void {
  resetInstallation(app.db);
  if (role.kind === 'body') must(app, 'setup:initialize', { role: 'body', bodyCode: role.code, userName: `담당 ${role.code}` });
  if (role.kind === 'coordinator') must(app, 'setup:initialize', { role: 'coordinator', userName: '박조정' });
}

/** Closes the core with everything in the main file (WAL checkpointed), so that the file can be copied. */
function save(app: AppCore, name: string): void {
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.close();
  templates.set(name, name);
}

function copyOf(name: string): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  fs.copyFileSync(databaseFile(path.join(root, name)), databaseFile(dir));
  return dir;
}

function buildTemplates(): void {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-matrix-'));
  const emptyDir = path.join(root, 'empty');
  fs.mkdirSync(emptyDir);
  let app = open(emptyDir);
  const plan = (must(app, 'plan:list', {}) as { id: number }[])[0]!;
  const outline = must(app, 'plan:outline', { planId: plan.id }) as PlanOutline;
  const periodId = outline.periods.find((p) => p.year === 2022)!.id;
  const actions = outline.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans)));
  const lead = outline.bodies.find((b) => b.isLead)!.code;
  const bodies = outline.bodies.map((b) => b.code);
  const actionOf: Record<string, number> = {};
  for (const code of bodies) actionOf[code] = actions.find((a) => a.bodyCodes.includes(code))!.id;
  const anyAction = actions[actions.length - 1]!.id;

  as(app, { kind: 'coordinator' });
  const indicatorByAction = new Map<number, number>();
  for (const id of new Set(Object.values(actionOf))) {
    const { indicatorId } = must(app, 'indicator:define', { actionPlanId: id, nameEn: 'Trainees', nameKo: '교육 인원', kind: 'number' }) as { indicatorId: number };
    indicatorByAction.set(id, indicatorId);
  }
  const indicatorOf = Object.fromEntries(bodies.map((c) => [c, indicatorByAction.get(actionOf[c]!)!]));
  const evidenceOf: Record<string, number> = {};
  for (const code of bodies) {
    as(app, { kind: 'body', code });
    const key = { actionPlanId: actionOf[code], bodyCode: code, periodId };
    const entry = must(app, 'progress:addEvidence', { key, title: '결과 보고서', docDate: '2022-12-01', reference: null }) as { evidence: { id: number }[] };
    evidenceOf[code] = entry.evidence[0]!.id;
  }
  resetInstallation(app.db);
  save(app, 'empty');
  fx = { planId: plan.id, periodId, lead, bodies, actionOf, indicatorOf, evidenceOf, anyAction };

  // draft: every entry of every body complete (indicator values too).
  fs.mkdirSync(path.join(root, 'draft'));
  fs.copyFileSync(databaseFile(emptyDir), databaseFile(path.join(root, 'draft')));
  app = open(path.join(root, 'draft'));
  for (const code of bodies) {
    as(app, { kind: 'body', code });
    for (const a of actions.filter((x) => x.bodyCodes.includes(code))) {
      const key = { actionPlanId: a.id, bodyCode: code, periodId };
      const { entry } = must(app, 'progress:entry', { key }) as { entry: { revision: number; indicators: { indicatorId: number }[] } };
      must(app, 'progress:save', { key, baseRevision: entry.revision, patch: { completion: 'substantial', delayed: false, achievements: '교육 실시', nextSteps: '확대' } });
      for (const i of entry.indicators) must(app, 'progress:setIndicatorValue', { key, indicatorId: i.indicatorId, value: 1 });
    }
  }
  resetInstallation(app.db);
  save(app, 'draft');

  const derive = (from: string, to: string, step: (app: AppCore) => void) => {
    fs.mkdirSync(path.join(root, to));
    fs.copyFileSync(databaseFile(path.join(root, from)), databaseFile(path.join(root, to)));
    const a = open(path.join(root, to));
    step(a);
    resetInstallation(a.db);
    save(a, to);
  };
  derive('draft', 'submitted', (a) => {
    for (const code of bodies) {
      as(a, { kind: 'body', code });
      must(a, 'report:submit', { periodId });
    }
  });
  derive('submitted', 'returned', (a) => {
    as(a, { kind: 'coordinator' });
    for (const code of bodies) must(a, 'report:return', { bodyCode: code, periodId, reason: '근거 보완' });
  });
  derive('submitted', 'accepted', (a) => {
    as(a, { kind: 'coordinator' });
    for (const code of bodies) must(a, 'report:accept', { bodyCode: code, periodId, confirmOwn: code === lead });
  });
  for (const s of STATES) {
    derive(s, `${s}-locked`, (a) => {
      as(a, { kind: 'coordinator' });
      must(a, 'period:setLocked', { periodId, locked: true });
    });
  }
}

function payloadOf(app: AppCore, p: Probe, s: Situation, language: string): unknown {
  const code = s.targetCode;
  const key = { actionPlanId: fx.actionOf[code], bodyCode: code, periodId: fx.periodId };
  const { periodId } = fx;
  const otherIndicator = Object.values(fx.indicatorOf).find((i) => i !== fx.indicatorOf[code])!;
  const reason = p.variant === 'blankReason' ? ' \u3000\n' : '보완이 필요합니다';
  switch (p.channel) {
    case 'progress:save':
      return { key, baseRevision: revisionOf(app, key), patch: { achievements: '새 실적' } };
    case 'progress:setIndicatorValue':
      return { key, indicatorId: p.variant === 'missingRecord' ? otherIndicator : fx.indicatorOf[code], value: 7 };
    case 'progress:addEvidence':
      return { key, title: '추가 근거', docDate: null, reference: null };
    case 'progress:removeEvidence':
      return { key, evidenceId: p.variant === 'missingRecord' ? fx.evidenceOf[code]! + 10_000 : fx.evidenceOf[code] };
    case 'report:submit':
      return { periodId };
    case 'report:return':
    case 'report:reopen':
      return { bodyCode: code, periodId, reason };
    case 'report:accept':
      return { bodyCode: code, periodId, ...(p.variant === 'confirmOwn' ? { confirmOwn: true } : {}) };
    case 'period:setLocked':
      return { periodId, locked: !s.locked };
    case 'review:comment':
      return { key, text: '근거 문서를 첨부해 주세요' };
    case 'review:addPanelComment':
      return { actionPlanId: fx.anyAction, periodId, text: '시민자문단 의견' };
    case 'review:setOverride':
      return { actionPlanId: fx.anyAction, periodId, completion: 'limited', reason: '근거 부족' };
    case 'indicator:define':
      return { actionPlanId: fx.anyAction, nameEn: 'Budget share', nameKo: '예산 비율', kind: 'percent' };
    case 'setup:initialize':
      return { role: 'body', bodyCode: 'MOFA', userName: '새 담당자' };
    case 'settings:setLanguage':
      return { language: language === 'ko' ? 'en' : 'ko' };
    default:
      throw new Error(`no payload for ${p.channel}`);
  }
}

/** The entry's revision as the form would have it (read straight from the table). */
function revisionOf(app: AppCore, key: { actionPlanId: number | undefined; bodyCode: string; periodId: number }): number {
  const row = app.db
    .prepare(
      `SELECT e.revision FROM progress_entry e JOIN implementing_body b ON b.id = e.body_id
       WHERE e.action_plan_id = ? AND b.code = ? AND e.period_id = ?`,
    )
    .pluck()
    .get(key.actionPlanId, key.bodyCode, key.periodId) as number | undefined;
  return row ?? 0;
}

/** Every user table, change_log included, in a comparable form. */
function dump(app: AppCore): string {
  const tables = app.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => [t, app.db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

/** A fresh copy of the situation's database, as the role. */
function situationCore(templateName: string, role: Role, changed: Channel[]): AppCore {
  const app = open(copyOf(templateName), (c) => changed.push(c));
  as(app, role);
  changed.length = 0;
  return app;
}

/**
 * Channels that act on files rather than on the tables (main/backup/): a
 * backup made, opened, copied out, or restored over the database (which
 * tells data:changed when its job ends). Their own tests cover them; here
 * they are listed so that any other new channel must be given a rule above
 * or a reading payload below.
 */
const FILE_CHANNELS: ReadonlySet<string> = new Set([
  'backup:create',
  'backup:restore',
  'backup:open',
  'backup:saveCopy',
  // The exchange writes and reads workbooks; who may import what is its ownership rule (tests/exchange/ownership.test.ts).
  'exchange:exportRequests',
  'exchange:exportReport',
  'exchange:preview',
  'exchange:apply',
  'exchange:undo',
] satisfies Channel[]);

/** The payloads of the reading channels: they change nothing for anyone. */
function readPayload(channel: Channel, code: string): unknown {
  const key = { actionPlanId: fx.actionOf[code], bodyCode: code, periodId: fx.periodId };
  const at = { actionPlanId: fx.anyAction, periodId: fx.periodId };
  const reads: Partial<Record<Channel, unknown>> = {
    'app:info': {},
    'app:readyToClose': { unsavedEntries: 0 },
    'settings:get': {},
    'plan:list': {},
    'plan:outline': { planId: fx.planId },
    'plan:search': { planId: fx.planId, text: '교육' },
    'setup:get': {},
    'progress:report': { bodyCode: code, periodId: fx.periodId },
    'progress:entry': { key },
    'progress:history': { key },
    'review:panelComments': at,
    'review:consolidated': at,
    'matrix:bodies': { periodId: fx.periodId },
    'matrix:periods': { planId: fx.planId },
    'dashboard:get': { periodId: fx.periodId },
    'backup:list': {},
    'backup:job': { id: 1 },
    'backup:choosePath': { kind: 'open' },
    'exchange:job': { id: 1 },
    'exchange:cancel': { id: 1 },
    'exchange:discard': { token: 'none' },
    'exchange:imports': {},
    'exchange:choosePath': { kind: 'workbook' },
  };
  if (!(channel in reads)) throw new Error(`no payload for the reading channel ${channel}: add it here`);
  return reads[channel];
}

const roleName = (r: Role) => (r.kind === 'body' ? r.code : r.kind === 'coordinator' ? 'coordinator' : 'not set up');
const targetOf = (r: Role, target: Probe['target'], lead: string): string => {
  const own = r.kind === 'body' ? r.code : r.kind === 'coordinator' ? lead : 'MOFA';
  if (target === 'own') return own;
  return own === 'MOFA' ? 'MND' : 'MOFA';
};

beforeAll(buildTemplates, 120_000);
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('the oracle covers the contract', () => {
  it('has a rule for every writing channel, and a probe of each', () => {
    const tables = [...MUTATING_CHANNELS].filter((c) => !FILE_CHANNELS.has(c));
    expect(Object.keys(ORACLE).sort()).toEqual(tables.sort());
    expect(new Set(PROBES.map((p) => p.channel))).toEqual(new Set(tables));
  });
});

// Roles are listed from the seed when the templates are built; vitest needs the names up front.
const BODY_CODES = ['MOGEF', 'MOE', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'KNPA', 'KOICA', 'NUAC'];
const ROLES: Role[] = [{ kind: 'none' }, { kind: 'coordinator' }, ...BODY_CODES.map((code) => ({ kind: 'body' as const, code }))];

describe.each(ROLES.map((r) => [roleName(r), r] as const))('as %s', (_name, role) => {
  it('the bodies of the matrix are the plan\u2019s', () => {
    expect([...fx.bodies].sort()).toEqual([...BODY_CODES].sort());
  });

  it.each(STATES.flatMap((state) => [false, true].map((locked) => [state, locked] as const)))(
    'report %s, locked %s: refused requests change nothing, allowed ones succeed',
    (state, locked) => {
      const template = locked ? `${state}-locked` : state;
      const changed: Channel[] = [];
      const app = situationCore(template, role, changed);
      const before = dump(app);
      const language = (must(app, 'settings:get', {}) as { language: string }).language;
      const allowed: { probe: Probe; situation: Situation }[] = [];
      // Every disagreement with the oracle, listed at once (not only the first).
      const wrong: string[] = [];
      let refusals = 0;
      for (const probe of PROBES) {
        const situation: Situation = { role, state, locked, lead: fx.lead, targetCode: targetOf(role, probe.target, fx.lead) };
        const want = expected(probe, situation);
        const label = `${probe.label} (${situation.targetCode})`;
        if (want === 'ok') {
          allowed.push({ probe, situation });
          continue;
        }
        const result = app.dispatcher(probe.channel, payloadOf(app, probe, situation, language), OWN);
        const got = result.ok ? 'ok' : result.error.code;
        if (got !== want) wrong.push(`${label}: ${got}, the rule says ${want}`);
        if (dump(app) !== before) wrong.push(`${label}: refused, yet the database changed`);
        if (changed.length) wrong.push(`${label}: data:changed sent for ${changed.splice(0).join(', ')}`);
        refusals++;
      }
      // Reading channels change nothing, whoever asks.
      for (const channel of CHANNEL_NAMES.filter((c) => !MUTATING_CHANNELS.has(c) && !FILE_CHANNELS.has(c))) {
        const result = app.dispatcher(channel, readPayload(channel, targetOf(role, 'own', fx.lead)), OWN);
        if (!result.ok && !['FORBIDDEN', 'NOT_FOUND'].includes(result.error.code)) wrong.push(`${channel}: ${result.error.code} ${result.error.message}`);
        if (dump(app) !== before) wrong.push(`reading ${channel} changed the database`);
        if (changed.length) wrong.push(`reading ${channel}: data:changed sent`);
      }
      app.close();

      for (const { probe, situation } of allowed) {
        const label = `${probe.label} (${situation.targetCode})`;
        const fresh = situationCore(template, role, changed);
        const freshBefore = dump(fresh);
        const result = fresh.dispatcher(probe.channel, payloadOf(fresh, probe, situation, language), OWN);
        if (!result.ok) wrong.push(`${label}: ${result.error.code} (${result.error.message}), the rule says ok`);
        else if (dump(fresh) === freshBefore) wrong.push(`${label}: allowed, yet nothing changed`);
        if (result.ok && (changed.length !== 1 || changed[0] !== probe.channel)) wrong.push(`${label}: data:changed [${changed.join(', ')}]`);
        fresh.close();
      }
      expect(wrong, `${roleName(role)}, report ${state}${locked ? ', period locked' : ''}`).toEqual([]);
      expect(refusals + allowed.length).toBe(PROBES.length);
    },
  );
});
