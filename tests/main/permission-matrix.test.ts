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
import { importMeetings } from '../../db/meetings';
import type { Meeting } from '../../contract/meetings';

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
  // A pack or the committee report is built into a file by a job (main/packs/); tests/packs/ covers them.
  'pack:build',
  'pack:buildReport',
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
    'meeting:list': { periodId: null },
    'meeting:get': { uid: mx?.meetings.mogef ?? '00000000-0000-4000-8000-000000000000' },
    'meeting:openFollowUps': { ownerBody: null },
    'pack:job': { id: 1 },
    'pack:cancel': { id: 1 },
    'pack:preview': { path: path.join(root, 'none.pdf') },
    'pack:print': { options: { meetingUid: '00000000-0000-4000-8000-000000000000', sections: ['cover'], language: 'ko' } },
    'pack:choosePath': { kind: 'pdf' },
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

beforeAll(() => {
  buildTemplates();
  buildMeetingTemplate();
}, 120_000);
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('the oracle covers the contract', () => {
  it('has a rule for every writing channel, and a probe of each', () => {
    const tables = [...MUTATING_CHANNELS].filter((c) => !FILE_CHANNELS.has(c));
    const meetings = tables.filter((c) => c.startsWith('meeting:'));
    expect(Object.keys(ORACLE).sort()).toEqual(tables.filter((c) => !meetings.includes(c)).sort());
    expect(new Set(PROBES.map((p) => p.channel))).toEqual(new Set(tables.filter((c) => !meetings.includes(c))));
    // The meeting channels have their own oracle and probes (below): a meeting's rules do not depend on a report's state.
    expect(new Set(MEETING_PROBES.map((p) => p.channel))).toEqual(new Set(meetings));
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

// ---------------------------------------------------------------- monitoring meetings

/**
 * The meeting rules (issue 9), written from the specification: MOGEF (the
 * coordinator) records inter-ministerial meetings and civic advisory panel
 * sessions; a body records only its own meetings ('body', its code); a
 * meeting, its decisions and follow-ups change only in the installation that
 * made it; a follow-up's state is moved by its owner body or by MOGEF;
 * closing needs a note; a stale revision is a CONFLICT; a reference this
 * database does not have is NOT_FOUND; who asks is checked before what is asked.
 */
type Who = 'coordinator' | 'MOFA' | 'MND' | 'other body';
const whoOf = (r: Role): Who | null => (r.kind === 'none' ? null : r.kind === 'coordinator' ? 'coordinator' : r.code === 'MOFA' || r.code === 'MND' ? r.code : 'other body');

interface MeetingProbe {
  channel: Channel;
  label: string;
  /** The answer for who asks: 'ok', or the code; anyone not listed is FORBIDDEN, and not set up always is. */
  rule: Partial<Record<Who, Answer>>;
  payload: (role: Role) => unknown;
}

/** What the meeting template holds (uids). */
interface MeetingFixture {
  meetings: { mogef: string; panel: string; mofa: string; foreign: string };
  revision: number;
  decisions: { mogef: string; mofa: string; foreign: string };
  followUps: { mogefForMofa: string; mofa: string; foreignForMnd: string };
}
let mx: MeetingFixture | undefined;
const fixtureOf = (): MeetingFixture => mx!;
/** Another MOGEF installation, whose meeting arrived here in a workbook. */
const ELSEWHERE = '22222222-2222-4222-8222-222222222222';

const draftOf = (kind: string, bodyCode: string | null, title = '이행점검 회의') => ({
  kind,
  bodyCode,
  periodId: fx.periodId,
  date: '2023-03-02',
  title,
  place: '정부서울청사',
  participants: [{ kind: 'expert', bodyCode: null, name: '김전문', affiliation: '대학교', role: '자문위원' }],
  agenda: '안건',
  minutes: '',
});
const ownCode = (r: Role) => (r.kind === 'body' ? r.code : 'MOFA');
const otherCode = (r: Role) => (ownCode(r) === 'MOFA' ? 'MND' : 'MOFA');

const MEETING_PROBES: readonly MeetingProbe[] = [
  { channel: 'meeting:save', label: 'record an inter-ministerial meeting', rule: { coordinator: 'ok' }, payload: () => ({ uid: null, baseRevision: 0, draft: draftOf('inter_ministerial', null) }) },
  { channel: 'meeting:save', label: 'record a civic panel session', rule: { coordinator: 'ok' }, payload: () => ({ uid: null, baseRevision: 0, draft: draftOf('civic_panel', null) }) },
  {
    channel: 'meeting:save',
    label: 'record its own body meeting',
    rule: { MOFA: 'ok', MND: 'ok', 'other body': 'ok' },
    payload: (r) => ({ uid: null, baseRevision: 0, draft: draftOf('body', ownCode(r)) }),
  },
  { channel: 'meeting:save', label: 'record another body\u2019s meeting', rule: {}, payload: (r) => ({ uid: null, baseRevision: 0, draft: draftOf('body', otherCode(r)) }) },
  {
    channel: 'meeting:save',
    label: 'change MOGEF\u2019s meeting',
    rule: { coordinator: 'ok' },
    payload: () => ({ uid: fixtureOf().meetings.mogef, baseRevision: fixtureOf().revision, draft: draftOf('inter_ministerial', null, '바뀐 제목') }),
  },
  {
    channel: 'meeting:save',
    label: 'change MOGEF\u2019s meeting from a stale form',
    rule: { coordinator: 'CONFLICT' },
    payload: () => ({ uid: fixtureOf().meetings.mogef, baseRevision: fixtureOf().revision - 1, draft: draftOf('inter_ministerial', null, '바뀐 제목') }),
  },
  {
    channel: 'meeting:save',
    label: 'turn MOGEF\u2019s meeting into a body meeting',
    rule: {},
    payload: () => ({ uid: fixtureOf().meetings.mogef, baseRevision: fixtureOf().revision, draft: draftOf('body', 'MOFA') }),
  },
  {
    channel: 'meeting:save',
    label: 'change MOFA\u2019s meeting',
    rule: { MOFA: 'ok' },
    payload: () => ({ uid: fixtureOf().meetings.mofa, baseRevision: 1, draft: draftOf('body', 'MOFA', '바뀐 제목') }),
  },
  {
    channel: 'meeting:save',
    label: 'change a meeting made in another installation',
    rule: {},
    payload: () => ({ uid: fixtureOf().meetings.foreign, baseRevision: 1, draft: draftOf('inter_ministerial', null, '바뀐 제목') }),
  },
  {
    channel: 'meeting:save',
    label: 'record a meeting of a period that does not exist',
    rule: { coordinator: 'NOT_FOUND' },
    payload: () => ({ uid: null, baseRevision: 0, draft: { ...draftOf('inter_ministerial', null), periodId: 9999 } }),
  },
  { channel: 'meeting:addDecision', label: 'decide in MOGEF\u2019s meeting', rule: { coordinator: 'ok' }, payload: () => ({ meetingUid: fixtureOf().meetings.mogef, text: '교육 확대' }) },
  { channel: 'meeting:addDecision', label: 'decide in the panel\u2019s session', rule: { coordinator: 'ok' }, payload: () => ({ meetingUid: fixtureOf().meetings.panel, text: '의견 반영' }) },
  { channel: 'meeting:addDecision', label: 'decide in MOFA\u2019s meeting', rule: { MOFA: 'ok' }, payload: () => ({ meetingUid: fixtureOf().meetings.mofa, text: '자체 개선' }) },
  { channel: 'meeting:addDecision', label: 'decide in a meeting made elsewhere', rule: {}, payload: () => ({ meetingUid: fixtureOf().meetings.foreign, text: '결정' }) },
  {
    channel: 'meeting:addFollowUp',
    label: 'a follow-up for MND in MOGEF\u2019s meeting',
    rule: { coordinator: 'ok' },
    payload: () => ({ decisionUid: fixtureOf().decisions.mogef, followUp: { ownerBody: 'MND', actionPlanCode: '1.1.1', text: '계획 제출', dueDate: '2023-09-30' } }),
  },
  {
    channel: 'meeting:addFollowUp',
    label: 'a follow-up on an action plan not in the plan',
    rule: { coordinator: 'NOT_FOUND' },
    payload: () => ({ decisionUid: fixtureOf().decisions.mogef, followUp: { ownerBody: 'MND', actionPlanCode: '9.9.9', text: '계획 제출', dueDate: null } }),
  },
  {
    channel: 'meeting:addFollowUp',
    label: 'a follow-up for MOFA in MOFA\u2019s meeting',
    rule: { MOFA: 'ok' },
    payload: () => ({ decisionUid: fixtureOf().decisions.mofa, followUp: { ownerBody: 'MOFA', actionPlanCode: null, text: '자체 점검', dueDate: null } }),
  },
  {
    channel: 'meeting:addFollowUp',
    label: 'a follow-up for MND in MOFA\u2019s meeting',
    rule: { MOFA: 'BAD_REQUEST' },
    payload: () => ({ decisionUid: fixtureOf().decisions.mofa, followUp: { ownerBody: 'MND', actionPlanCode: null, text: '자체 점검', dueDate: null } }),
  },
  {
    channel: 'meeting:addFollowUp',
    label: 'a follow-up in a meeting made elsewhere',
    rule: {},
    payload: () => ({ decisionUid: fixtureOf().decisions.foreign, followUp: { ownerBody: 'MND', actionPlanCode: null, text: '조치', dueDate: null } }),
  },
  {
    channel: 'meeting:setFollowUp',
    label: 'close MOFA\u2019s follow-up of MOGEF\u2019s meeting',
    rule: { coordinator: 'ok', MOFA: 'ok' },
    payload: () => ({ uid: fixtureOf().followUps.mogefForMofa, state: 'closed', closingNote: '완료' }),
  },
  {
    channel: 'meeting:setFollowUp',
    label: 'close it without a closing note',
    rule: { coordinator: 'BAD_REQUEST', MOFA: 'BAD_REQUEST' },
    payload: () => ({ uid: fixtureOf().followUps.mogefForMofa, state: 'closed', closingNote: ' \u3000' }),
  },
  {
    channel: 'meeting:setFollowUp',
    label: 'move MOFA\u2019s follow-up of its own meeting on',
    rule: { coordinator: 'ok', MOFA: 'ok' },
    payload: () => ({ uid: fixtureOf().followUps.mofa, state: 'in_progress', closingNote: null }),
  },
  {
    channel: 'meeting:setFollowUp',
    label: 'move MND\u2019s follow-up of a meeting made elsewhere on',
    rule: { coordinator: 'ok', MND: 'ok' },
    payload: () => ({ uid: fixtureOf().followUps.foreignForMnd, state: 'in_progress', closingNote: null }),
  },
];

function expectedMeeting(p: MeetingProbe, role: Role): Answer {
  const who = whoOf(role);
  if (who === null) return 'FORBIDDEN';
  return p.rule[who] ?? 'FORBIDDEN';
}

/** The template of the meeting matrix: MOGEF's meeting and panel session, MOFA's own meeting, and MOGEF's meeting from another installation, each with a decision and a follow-up. */
function buildMeetingTemplate(): void {
  const dir = path.join(root, 'meetings');
  fs.mkdirSync(dir);
  fs.copyFileSync(databaseFile(path.join(root, 'empty')), databaseFile(dir));
  const app = open(dir);
  as(app, { kind: 'coordinator' });
  const mogef = must(app, 'meeting:save', { uid: null, baseRevision: 0, draft: draftOf('inter_ministerial', null) }) as Meeting;
  const changed = must(app, 'meeting:save', { uid: mogef.uid, baseRevision: mogef.revision, draft: draftOf('inter_ministerial', null, '제1차 관계부처 회의') }) as Meeting;
  const decided = must(app, 'meeting:addDecision', { meetingUid: mogef.uid, text: '교육 확대' }) as Meeting;
  const followed = must(app, 'meeting:addFollowUp', {
    decisionUid: decided.decisions[0]!.uid,
    followUp: { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '교육 계획 제출', dueDate: '2023-06-30' },
  }) as Meeting;
  const panel = must(app, 'meeting:save', { uid: null, baseRevision: 0, draft: draftOf('civic_panel', null) }) as Meeting;
  as(app, { kind: 'body', code: 'MOFA' });
  const mofa = must(app, 'meeting:save', { uid: null, baseRevision: 0, draft: draftOf('body', 'MOFA') }) as Meeting;
  const mofaDecided = must(app, 'meeting:addDecision', { meetingUid: mofa.uid, text: '자체 개선' }) as Meeting;
  const mofaFollowed = must(app, 'meeting:addFollowUp', {
    decisionUid: mofaDecided.decisions[0]!.uid,
    followUp: { ownerBody: 'MOFA', actionPlanCode: null, text: '자체 점검', dueDate: null },
  }) as Meeting;
  const at = '2023-03-10T00:00:00.000Z';
  const foreign = {
    uid: '33333333-3333-4333-8333-333333333333',
    kind: 'inter_ministerial' as const,
    bodyCode: null,
    periodId: fx.periodId,
    year: 2022,
    planCode: 'KOR-NAP-3',
    date: '2023-03-10',
    title: '다른 설치본의 회의',
    place: '세종',
    participants: [],
    agenda: '',
    minutes: '',
    revision: 1,
    origin: ELSEWHERE,
    createdAt: at,
    updatedAt: at,
    decisions: [
      {
        uid: '44444444-4444-4444-8444-444444444444',
        text: '결정',
        createdAt: at,
        followUps: [
          {
            uid: '55555555-5555-4555-8555-555555555555',
            decisionUid: '44444444-4444-4444-8444-444444444444',
            meetingUid: '33333333-3333-4333-8333-333333333333',
            meetingKind: 'inter_ministerial' as const,
            meetingDate: '2023-03-10',
            meetingTitle: '다른 설치본의 회의',
            ownerBody: 'MND',
            actionPlanCode: null,
            text: '조치',
            dueDate: null,
            state: 'open' as const,
            closingNote: null,
            closedAt: null,
            updatedAt: at,
          },
        ],
      },
    ],
  };
  const plan = app.db.prepare('SELECT p.code FROM plan p JOIN reporting_period rp ON rp.plan_id = p.id WHERE rp.id = ?').pluck().get(fx.periodId) as string;
  expect(importMeetings(app.db, { meetings: [{ ...foreign, planCode: plan }], followUpStates: [] }, { installationId: ELSEWHERE, role: 'coordinator', bodyCode: null })).toEqual({
    added: 3,
    changed: 0,
    ignored: 0,
  });
  resetInstallation(app.db);
  save(app, 'meetings');
  mx = {
    meetings: { mogef: mogef.uid, panel: panel.uid, mofa: mofa.uid, foreign: foreign.uid },
    revision: changed.revision,
    decisions: { mogef: decided.decisions[0]!.uid, mofa: mofaDecided.decisions[0]!.uid, foreign: foreign.decisions[0]!.uid },
    followUps: {
      mogefForMofa: followed.decisions[0]!.followUps[0]!.uid,
      mofa: mofaFollowed.decisions[0]!.followUps[0]!.uid,
      foreignForMnd: foreign.decisions[0]!.followUps[0]!.uid,
    },
  };
}

describe.each(ROLES.map((r) => [roleName(r), r] as const))('meetings as %s', (_name, role) => {
  it('refused meeting writes answer their code and change nothing; allowed ones change the database', () => {
    const changed: Channel[] = [];
    const app = situationCore('meetings', role, changed);
    const before = dump(app);
    const wrong: string[] = [];
    const allowed: MeetingProbe[] = [];
    for (const probe of MEETING_PROBES) {
      const want = expectedMeeting(probe, role);
      if (want === 'ok') {
        allowed.push(probe);
        continue;
      }
      const result = app.dispatcher(probe.channel, probe.payload(role), OWN);
      const got = result.ok ? 'ok' : result.error.code;
      if (got !== want) wrong.push(`${probe.label}: ${got}, the rule says ${want}`);
      if (dump(app) !== before) wrong.push(`${probe.label}: refused, yet the database changed`);
      if (changed.length) wrong.push(`${probe.label}: data:changed sent for ${changed.splice(0).join(', ')}`);
    }
    app.close();
    for (const probe of allowed) {
      const fresh = situationCore('meetings', role, changed);
      const freshBefore = dump(fresh);
      const result = fresh.dispatcher(probe.channel, probe.payload(role), OWN);
      if (!result.ok) wrong.push(`${probe.label}: ${result.error.code} (${result.error.message}), the rule says ok`);
      else if (dump(fresh) === freshBefore) wrong.push(`${probe.label}: allowed, yet nothing changed`);
      if (result.ok && (changed.length !== 1 || changed[0] !== probe.channel)) wrong.push(`${probe.label}: data:changed [${changed.join(', ')}]`);
      fresh.close();
    }
    expect(wrong, roleName(role)).toEqual([]);
  });
});
