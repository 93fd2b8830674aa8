/**
 * Hostile requests through the real dispatcher on a real database file:
 * every channel of contract/ipc.ts, for each kind of installation, with
 * arbitrary payloads and near-valid ones (the right shape with hostile
 * values: huge and malformed text, lone surrogates, negative and foreign
 * ids, an action plan of one plan with a period of another, NaN, getters
 * and Proxies that throw). Properties:
 *
 * - the dispatcher never throws;
 * - it answers {ok: true, value} with a value of the channel's response
 *   schema, or {ok: false, error: {code, message}} under 16 KiB;
 * - a refusal is never INTERNAL (that is a bug found), and it (and any read) leaves the database as it was: every table, row by row;
 * - a write that succeeded leaves PRAGMA foreign_key_check empty.
 *
 * Fixed seed, a few runs per channel: reproducible in CI, and bounded.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../main/app-core';
import { CHANNEL_NAMES, MUTATING_CHANNELS, channels, type Channel } from '../../contract/ipc';
import { COMPLETION_LEVELS, EVIDENCE_TEXT_MAX, LONG_TEXT_MAX, REASON_MAX } from '../../contract/rules';
import type { Db } from '../../db/connection';
import { resetInstallation } from '../../db/installation';
import { loadPlanDocument } from '../../db/seed';
import nap3 from '../../seeds/nap3.json';
import type { PlanDocumentInput } from '../../seeds/schema';
import type { BodyReport, ProgressEntry } from '../../contract/progress';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };
const SEED = 20261201;
/** Runs per channel and role: near-valid payloads, and anything at all. */
const NEAR_RUNS = 220;
const ANY_RUNS = 12;
const ERROR_BYTES = 16 * 1024;

let requests = 0;
let writes = 0;
afterAll(() => {
  console.log(`fuzz: ${requests} requests through the dispatcher, ${writes} of them successful writes (seed ${SEED})`);
});

// ---- the database, as a whole

function tableNames(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
}

/** Every row of every table, order-independent: what "logically unchanged" compares. */
function dump(db: Db, tables: readonly string[]): string {
  return tables
    .map((t) => {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
      return `${t}\n${rows.join('\n')}`;
    })
    .join('\n\n');
}

// ---- a database with something in it, and the ids hostile requests aim at

interface World {
  app: AppCore;
  planId: number;
  otherPlanId: number;
  periods: number[];
  otherPeriod: number;
  actions: number[];
  otherAction: number;
  indicators: number[];
  evidence: number[];
}

type Role = 'coordinator' | 'body' | 'not set up';

function world(role: Role): World {
  const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN] });
  const call = (channel: Channel, payload: unknown) => {
    const r = app.dispatcher(channel, payload, OWN);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as never;
  };
  const plan4 = nap3 as PlanDocumentInput;
  const otherPlanId = loadPlanDocument(app.db, { ...plan4, plan: { ...plan4.plan, code: 'KOR-NAP-4', startYear: 2024, endYear: 2026 } }).planId;
  const planId = app.db.prepare("SELECT id FROM plan WHERE code = 'KOR-NAP-3'").pluck().get() as number;
  const periods = app.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year').pluck().all(planId) as number[];
  const otherPeriod = app.db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? LIMIT 1').pluck().get(otherPlanId) as number;
  const actionOf = (code: string, plan = planId) =>
    app.db.prepare('SELECT id FROM action_plan WHERE code = ? AND plan_id = ?').pluck().get(code, plan) as number;
  // 1.1.1 and 3.1.1 are MOFA's (3.1.1 MOGEF's too), 1.1.2 MND's.
  const actions = ['1.1.1', '3.1.1', '1.1.2'].map((c) => actionOf(c));
  const p2022 = periods[1]!;

  call('setup:initialize', { role: 'coordinator', userName: '박조정' });
  const indicators = [
    (call('indicator:define', { actionPlanId: actions[0], nameEn: 'Trainees', nameKo: '교육 인원', kind: 'number', baseline: 10 }) as { indicatorId: number }).indicatorId,
    (call('indicator:define', { actionPlanId: actions[1], nameEn: 'Share', nameKo: '비율', kind: 'percent' }) as { indicatorId: number }).indicatorId,
  ];
  call('review:setOverride', { actionPlanId: actions[1], periodId: p2022, completion: 'limited', reason: '근거 부족' });
  call('review:addPanelComment', { actionPlanId: actions[0], periodId: p2022, text: '시민자문단 의견' });
  resetInstallation(app.db);
  call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
  const key = { actionPlanId: actions[0], bodyCode: 'MOFA', periodId: p2022 };
  call('progress:save', { key, baseRevision: 0, patch: { completion: 'limited', achievements: '교육 실시' } });
  call('progress:setIndicatorValue', { key, indicatorId: indicators[0], value: 12 });
  const withEvidence = call('progress:addEvidence', { key, title: '결과 보고서', docDate: '2022-12-01', reference: null }) as ProgressEntry;
  resetInstallation(app.db);
  // MND's report is complete and submitted, for MOGEF to return, accept or reopen.
  call('setup:initialize', { role: 'body', bodyCode: 'MND', userName: '이국방' });
  for (const item of (call('progress:report', { bodyCode: 'MND', periodId: p2022 }) as BodyReport).items) {
    const k = { actionPlanId: item.actionPlanId, bodyCode: 'MND', periodId: p2022 };
    const saved = call('progress:save', { key: k, baseRevision: 0, patch: { completion: 'completed', delayed: false, achievements: '실적', nextSteps: '계획' } }) as ProgressEntry;
    for (const i of saved.indicators) call('progress:setIndicatorValue', { key: k, indicatorId: i.indicatorId, value: 1 });
  }
  call('report:submit', { periodId: p2022 });
  resetInstallation(app.db);
  if (role === 'coordinator') call('setup:initialize', { role: 'coordinator', userName: '박조정' });
  if (role === 'body') call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
  return { app, planId, otherPlanId, periods, otherPeriod, actions, otherAction: actionOf('1.1.1', otherPlanId), indicators, evidence: withEvidence.evidence.map((e) => e.id) };
}

// ---- hostile values

/**
 * How a field is generated: a value of the right shape (which may still be
 * wrong for the database: a foreign id, a count of 3.5), or a hostile one.
 * A near-valid request is valid but for one field, or wrapped hostilely,
 * so that most requests reach the handlers and the database.
 */
interface Spec {
  valid: fc.Arbitrary<unknown>;
  hostile: fc.Arbitrary<unknown>;
}

const ABSENT = Symbol('absent');
const anything = fc.anything({
  maxDepth: 2,
  maxKeys: 5,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
});
const hugeText = (n: number) => fc.constantFrom('가', 'x', ' ', '\u3000', '\uD800').map((c) => c.repeat(n));
/** Characters that break naive text handling: lone surrogates, white space of every kind, combining jamo, NUL. */
const nastyUnit = fc.oneof(
  fc.constantFrom('\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u0000', '\u3000', '\u00A0', '\uFEFF', '\u200B', '\n', '\u0301', '\u1112', '\u1161', '\u11AB', '"', "'", '%', '\\'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const weirdNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 3.5, 100, 101, 500, -7, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity, -0),
  fc.double(),
  fc.integer(),
);
const commonHostile = fc.oneof(anything, fc.constant(ABSENT), fc.constant(null), fc.constant(undefined));

function text(max: number, nullable = false): Spec {
  const ordinary = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
    fc.constantFrom('교육 실시', ' 앞뒤 공백 ', '\u3000전각 공백\u3000', '\u1112\u1161\u11AB 번', 'line\nbreak', 'DROP TABLE report; --'),
    ...(nullable ? [fc.constant(null)] : []),
  );
  return {
    valid: fc.oneof({ weight: 8, arbitrary: ordinary }, { weight: 1, arbitrary: hugeText(max).map((s) => s.replace(/\uD800/g, '가')) }),
    hostile: fc.oneof(
      commonHostile,
      fc.string({ unit: nastyUnit, maxLength: 30 }),
      fc.constantFrom('', ' ', '\u3000\n', '\uD800', 'ok\uDC00'),
      hugeText(max + 1),
      fc.integer({ min: 0, max: 300_000 }).chain((n) => hugeText(n)),
    ),
  };
}

const num = (valid: fc.Arbitrary<unknown>): Spec => ({ valid, hostile: fc.oneof(commonHostile, weirdNumber, fc.constant('1')) });
const oneOf = (valid: readonly unknown[], hostile: readonly unknown[]): Spec => ({
  valid: fc.constantFrom(...valid),
  hostile: fc.oneof(commonHostile, fc.constantFrom(...hostile)),
});

/** An object of fields: valid, or valid but for one field, or made hostile as a whole. */
function obj(fields: Record<string, Spec>): Spec {
  const keys = Object.keys(fields);
  const build = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ABSENT));
  const valid = fc.record(Object.fromEntries(keys.map((k) => [k, fields[k]!.valid]))).map(build);
  const oneBad = keys.length
    ? fc.oneof(...keys.map((k) => fc.tuple(valid, fields[k]!.hostile).map(([v, h]) => build({ ...v, [k]: h }))))
    : fc.dictionary(fc.string(), anything, { minKeys: 1, maxKeys: 3 });
  const wrapped = fc
    .tuple(valid, fc.constantFrom('getter', 'flip', 'proxy', 'extra'), fc.nat())
    .map(([v, how, n]) => hostile(v, how, n));
  return { valid, hostile: fc.oneof({ weight: 3, arbitrary: oneBad }, { weight: 1, arbitrary: wrapped }) };
}

const request = (spec: Spec) => fc.oneof({ weight: 1, arbitrary: spec.valid }, { weight: 1, arbitrary: spec.hostile });

function hostile(obj: Record<string, unknown>, how: string, n: number): unknown {
  const keys = Object.keys(obj);
  const target = keys.length ? keys[n % keys.length]! : 'x';
  const show = { [fc.toStringMethod]: () => `${how}(${JSON.stringify(keys)})` };
  if (how === 'getter') {
    return Object.defineProperty({ ...obj, ...show }, target, {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
  }
  if (how === 'flip') {
    // Valid when first read, something else afterwards: the handler must see what was validated.
    let reads = 0;
    const first = obj[target];
    return Object.defineProperty({ ...obj, ...show }, target, { enumerable: true, get: () => (reads++ === 0 ? first : { evil: 'x'.repeat(10_000) }) });
  }
  if (how === 'proxy') {
    return new Proxy(obj, {
      get(t, k) {
        if (k === fc.toStringMethod) return show[fc.toStringMethod];
        if (typeof k === 'symbol') return Reflect.get(t, k);
        throw new Error('proxy');
      },
      ownKeys() {
        throw new Error('proxy');
      },
    });
  }
  return { ...obj, ['k'.repeat(n % 2 ? 100_000 : 10)]: 'x', __proto__: { polluted: true } };
}

/** Near-valid requests of each channel: the compiler holds this list equal to the contract's. */
function nearValid(w: World): Record<Channel, fc.Arbitrary<unknown>> {
  /** Mostly ids that exist, sometimes one of the other plan or none at all: still a valid request. */
  const id = (real: readonly number[], foreign: readonly number[] = []) =>
    num(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.constantFrom(...foreign, 999_999) }));
  const period = id(w.periods, [w.otherPeriod]);
  const action = id(w.actions, [w.otherAction]);
  const plan = id([w.planId], [w.otherPlanId]);
  const bodyCode = oneOf(['MOFA', 'MOFA', 'MOFA', 'MOFA', 'MOFA', 'MND', 'MND', 'MOGEF', 'KOICA', 'NOPE'], ['mofa', '', 'MOFA\u0000', 'A'.repeat(17), '가'.repeat(10)]);
  const key = obj({ actionPlanId: action, bodyCode, periodId: period });
  const level = oneOf([...COMPLETION_LEVELS, null], ['done', '', 'LIMITED']);
  const date = oneOf(['2022-12-01', '2024-02-29', null], ['2022-13-45', '2022-02-30', '2023-02-29', '0000-00-00', '2022-1-1', '', '2022-12-01T00:00:00Z']);
  const bool = oneOf([true, false], ['true', 0, 1]);
  const value = num(fc.constantFrom(0, 1, 12, 50, 100, 3.5, -1, 500, -7, null));
  const none = obj({});
  const reason = text(REASON_MAX);
  const channelSpecs: Record<Channel, Spec> = {
    'app:info': none,
    'app:readyToClose': obj({ unsavedEntries: num(fc.nat(10)) }),
    'settings:get': none,
    'settings:setLanguage': obj({ language: oneOf(['ko', 'en'], ['fr', 'KO', '']) }),
    'plan:list': none,
    'plan:outline': obj({ planId: plan }),
    'plan:search': obj({ planId: plan, text: text(200), bodyCode }),
    'setup:get': none,
    'setup:initialize': obj({ role: oneOf(['body', 'coordinator'], ['admin']), bodyCode, userName: text(80) }),
    'progress:report': obj({ bodyCode, periodId: period }),
    'progress:entry': obj({ key }),
    'progress:save': obj({
      key,
      baseRevision: num(fc.constantFrom(0, 0, 0, 1, 2, 3)),
      patch: obj({
        completion: level,
        delayed: oneOf([true, false, null], ['true', 0]),
        delayReason: text(LONG_TEXT_MAX, true),
        achievements: text(LONG_TEXT_MAX, true),
        nextSteps: text(LONG_TEXT_MAX, true),
        difficulties: text(LONG_TEXT_MAX, true),
        budgetAllocated: num(fc.constantFrom(0, 1_000_000, 1e15, null)),
        budgetExecuted: num(fc.constantFrom(0, 500_000, 1e15 + 1, null)),
      }),
    }),
    'progress:setIndicatorValue': obj({ key, indicatorId: id(w.indicators), value }),
    'progress:addEvidence': obj({ key, title: text(EVIDENCE_TEXT_MAX), docDate: date, reference: text(EVIDENCE_TEXT_MAX, true) }),
    'progress:removeEvidence': obj({ key, evidenceId: id(w.evidence) }),
    'progress:history': obj({ key }),
    'report:submit': obj({ periodId: period }),
    'report:return': obj({ bodyCode, periodId: period, reason }),
    'report:accept': obj({ bodyCode, periodId: period, note: text(REASON_MAX, true), confirmOwn: bool }),
    'report:reopen': obj({ bodyCode, periodId: period, reason }),
    'period:setLocked': obj({ periodId: period, locked: bool }),
    'review:comment': obj({ key, text: reason }),
    'review:panelComments': obj({ actionPlanId: action, periodId: period }),
    'review:addPanelComment': obj({ actionPlanId: action, periodId: period, text: reason }),
    'review:setOverride': obj({ actionPlanId: action, periodId: period, completion: level, reason }),
    'review:consolidated': obj({ actionPlanId: action, periodId: period }),
    'indicator:define': obj({
      actionPlanId: action,
      nameEn: text(300),
      nameKo: text(300),
      unit: text(40),
      kind: oneOf(['number', 'percent', 'yes_no'], ['ratio']),
      baseline: value,
      targets: {
        valid: fc.array(obj({ periodId: period, target: value }).valid, { maxLength: 3 }),
        hostile: fc.oneof(commonHostile, fc.array(request(obj({ periodId: period, target: value })), { minLength: 1, maxLength: 3 }), fc.constant(Array(60).fill({ periodId: 1, target: 1 }))),
      },
    }),
    'matrix:bodies': obj({ periodId: period }),
    'matrix:periods': obj({ planId: plan }),
    'dashboard:get': obj({ periodId: period }),
    'backup:list': none,
    'backup:create': none,
    'backup:restore': obj({ name: oneOf(['nap-monitor-2026-01-01T00-00-00-000Z-daily.sqlite'], ['../nap-monitor.sqlite', '', 'x.db']) }),
    'backup:job': obj({ id: num(fc.constantFrom(1, 2, 999)) }),
    'backup:open': obj({ path: oneOf(['/nonexistent/x.sqlite'], ['', 'x'.repeat(5000)]) }),
    'backup:choosePath': obj({ kind: oneOf(['open', 'save'], ['delete', '']) }),
    'backup:saveCopy': obj({ name: oneOf(['nap-monitor-2026-01-01T00-00-00-000Z-daily.sqlite'], ['../x.sqlite']), destinationDir: oneOf(['/nonexistent'], ['']) }),
    // The exchange: folders and files that do not exist (a real one would start a job writing or reading files).
    'exchange:exportRequests': obj({
      periodId: period,
      bodyCodes: { valid: fc.array(bodyCode.valid, { minLength: 1, maxLength: 3 }), hostile: fc.oneof(commonHostile, fc.constant([]), fc.constant(Array(200).fill('MOFA'))) },
      dir: oneOf(['/nonexistent/dir'], ['']),
    }),
    'exchange:exportReport': obj({ periodId: period, dir: oneOf(['/nonexistent/dir'], ['', 'x'.repeat(5000)]) }),
    'exchange:preview': obj({ path: oneOf(['/nonexistent/x.xlsx'], ['', 'x'.repeat(5000)]), body: oneOf(['MOFA', null], ['mofa']), year: oneOf([2022, null], [1999, 2.5]) }),
    'exchange:job': obj({ id: num(fc.constantFrom(1, 2, 999)) }),
    'exchange:cancel': obj({ id: num(fc.constantFrom(1, 2, 999)) }),
    'exchange:apply': obj({
      token: oneOf(['00000000-0000-4000-8000-000000000000'], ['', 'x'.repeat(200)]),
      choices: obj({ take: oneOf(['file', 'mine', null], ['theirs']), picks: { valid: fc.constant([]), hostile: commonHostile }, confirm: { valid: fc.constant([]), hostile: commonHostile } }),
    }),
    'exchange:discard': obj({ token: oneOf(['00000000-0000-4000-8000-000000000000'], ['']) }),
    'exchange:imports': none,
    'exchange:undo': obj({ importId: num(fc.constantFrom(1, 2, 999)) }),
    'exchange:choosePath': obj({ kind: oneOf(['workbook', 'folder'], ['open', '']) }),
    // Meetings: uids that exist nowhere (a made-up meeting, decision or follow-up), drafts near valid.
    'meeting:list': obj({ periodId: oneOf([null], [0, 'x']) }),
    'meeting:get': obj({ uid: oneOf(['00000000-0000-4000-8000-000000000000'], ['', 'x']) }),
    'meeting:save': obj({
      uid: oneOf([null, '00000000-0000-4000-8000-000000000000'], ['x']),
      baseRevision: num(fc.constantFrom(0, 1, -1)),
      draft: obj({
        kind: oneOf(['inter_ministerial', 'body', 'civic_panel'], ['other']),
        bodyCode: oneOf([null, 'MOFA'], ['mofa']),
        periodId: period,
        date: date,
        title: text(300),
        place: text(300),
        participants: oneOf([[], [{ kind: 'expert', bodyCode: null, name: '김전문', affiliation: '대학', role: '위원' }]], [[{ kind: 'x' }]]),
        agenda: text(1000),
        minutes: text(1000),
      }),
    }),
    'meeting:addDecision': obj({ meetingUid: oneOf(['00000000-0000-4000-8000-000000000000'], ['']), text: reason }),
    'meeting:addFollowUp': obj({
      decisionUid: oneOf(['00000000-0000-4000-8000-000000000000'], ['']),
      followUp: obj({ ownerBody: bodyCode, actionPlanCode: oneOf(['5.1.4', null], ['5.1', '']), text: reason, dueDate: date }),
    }),
    'meeting:setFollowUp': obj({
      uid: oneOf(['00000000-0000-4000-8000-000000000000'], ['']),
      state: oneOf(['open', 'in_progress', 'closed'], ['done']),
      closingNote: oneOf([null, '완료'], [5]),
    }),
    'meeting:openFollowUps': obj({ ownerBody: oneOf([null, 'MOFA'], ['mofa']) }),
    // Packs: meetings that do not exist, paths that cannot be written.
    'pack:build': obj({
      options: obj({
        meetingUid: oneOf(['00000000-0000-4000-8000-000000000000'], ['']),
        sections: oneOf([['cover', 'progress']], [[], ['nope']]),
        bodyCode: oneOf([null, 'MOFA'], ['mofa']),
        language: oneOf(['ko', 'en'], ['fr']),
        orientation: oneOf(['portrait', 'landscape'], ['square']),
      }),
      path: oneOf(['/nonexistent/pack.pdf'], ['', 'x'.repeat(5000)]),
    }),
    'pack:buildReport': obj({ periodId: period, language: oneOf(['ko', 'en'], ['fr']), dir: oneOf(['/nonexistent/dir'], ['']) }),
    'pack:job': obj({ id: num(fc.constantFrom(1, 2, 999)) }),
    'pack:cancel': obj({ id: num(fc.constantFrom(1, 2, 999)) }),
    'pack:preview': obj({ path: oneOf(['/nonexistent/pack.pdf'], ['']) }),
    'pack:print': obj({
      options: obj({ meetingUid: oneOf(['00000000-0000-4000-8000-000000000000'], ['']), sections: oneOf([['cover']], [[]]), bodyCode: oneOf([null], ['x']), language: oneOf(['ko'], ['x']), orientation: oneOf(['portrait'], ['x']) }),
    }),
    'pack:choosePath': obj({ kind: oneOf(['pdf', 'folder'], ['open', '']) }),
  };
  return Object.fromEntries(CHANNEL_NAMES.map((c) => [c, request(channelSpecs[c])])) as Record<Channel, fc.Arbitrary<unknown>>;
}

// ---- the properties

/**
 * The database as the properties see it: a dump of every table, taken again
 * only when a request completed a statement that changed rows (SQLite's
 * total_changes() counts those, including ones a rollback undid). A request
 * that changed no row cannot have changed the database; one that did is
 * compared row by row.
 */
interface Watch {
  tables: readonly string[];
  snapshot: string;
}

function totalChanges(db: Db): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

function check(w: World, role: Role, watch: Watch, channel: Channel, request: unknown): void {
  const db = w.app.db;
  const changesBefore = totalChanges(db);
  requests++;
  const result = w.app.dispatcher(channel, request, OWN);
  const touched = totalChanges(db) !== changesBefore;
  if (result.ok) {
    const parsed = channels[channel].response.safeParse(result.value);
    expect(parsed.success, `${channel}: the answer matches the response schema`).toBe(true);
    if (MUTATING_CHANNELS.has(channel)) {
      expect(db.pragma('foreign_key_check'), `${channel}: foreign keys hold after a write`).toEqual([]);
      writes++;
    } else if (touched) {
      expect(dump(db, watch.tables) === watch.snapshot, `${channel}: a read changes nothing`).toBe(true);
    }
    // Keep the role under test: a successful first set-up is undone.
    if (channel === 'setup:initialize' && role === 'not set up') resetInstallation(db);
    if (MUTATING_CHANNELS.has(channel)) watch.snapshot = dump(db, watch.tables);
    return;
  }
  const { error } = result;
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  expect(error.code, `${channel}: an unexpected error (${error.message})`).not.toBe('INTERNAL');
  expect(Buffer.byteLength(JSON.stringify(result)), `${channel}: a bounded error answer`).toBeLessThan(ERROR_BYTES);
  if (touched) expect(dump(db, watch.tables) === watch.snapshot, `${channel} refused (${error.code}: ${error.message}): the database is unchanged`).toBe(true);
}

describe('fuzz: hostile requests through the dispatcher', () => {
  for (const role of ['coordinator', 'body', 'not set up'] as const) {
    it(`every channel, as ${role === 'body' ? 'a body (MOFA)' : role}`, () => {
      const w = world(role);
      const tables = tableNames(w.app.db);
      const watch: Watch = { tables, snapshot: dump(w.app.db, tables) };
      const near = nearValid(w);
      expect(Object.keys(near).sort()).toEqual([...CHANNEL_NAMES].sort());
      CHANNEL_NAMES.forEach((channel, i) => {
        const seed = SEED + i;
        fc.assert(
          fc.property(near[channel], (request) => check(w, role, watch, channel, request)),
          { seed, numRuns: NEAR_RUNS },
        );
        fc.assert(
          fc.property(fc.oneof(anything, fc.constant(undefined), fc.constant(null)), (request) => check(w, role, watch, channel, request)),
          { seed, numRuns: ANY_RUNS },
        );
      });
      // Unknown channels and foreign senders too.
      fc.assert(
        fc.property(fc.oneof(fc.string(), anything), anything, (channel, request) => {
          requests++;
          const result = w.app.dispatcher(channel, request, OWN);
          if (typeof channel === 'string' && (CHANNEL_NAMES as readonly string[]).includes(channel)) return;
          expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
          expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(ERROR_BYTES);
        }),
        { seed: SEED, numRuns: 20 },
      );
      // The shortcut of total_changes() missed nothing: the database is what the last write left.
      expect(dump(w.app.db, tables) === watch.snapshot).toBe(true);
      w.app.close();
    }, 120_000);
  }
});
