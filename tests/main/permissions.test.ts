/**
 * Permissions are enforced in main, whatever the renderer sends: the
 * identity comes from the database, never from the request. The generated
 * matrix (permission-matrix.test.ts) sends every writing channel as every
 * role; these are the stories around it: the identity itself, what a refusal
 * says (code and hint, so the renderer can explain it), and MOGEF reporting
 * for itself. Every refusal is checked to leave the database as it was.
 */
import { describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../main/app-core';
import { resetInstallation } from '../../db/installation';
import type { BodyReport, ProgressEntry } from '../../contract/progress';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

interface Outline {
  periods: { id: number; year: number }[];
  areas: { objectives: { strategies: { actionPlans: { id: number; code: string; bodyCodes: string[] }[] }[] }[] }[];
}

function start() {
  const changed: string[] = [];
  const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN], onDataChanged: (c) => changed.push(c) });
  const call = (channel: string, payload: unknown) => app.dispatcher(channel, payload, OWN);
  const outline = call('plan:outline', { planId: 1 });
  if (!outline.ok) throw new Error('no plan');
  const value = outline.value as Outline;
  const period2022 = value.periods.find((p) => p.year === 2022)!.id;
  const actions = value.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans)));
  const action = (code: string) => actions.find((x) => x.code === code)!.id;
  const carriedBy = (body: string) => actions.filter((a) => a.bodyCodes.includes(body)).map((a) => a.id);
  const as = (installation: unknown) => {
    resetInstallation(app.db);
    const r = call('setup:initialize', installation);
    if (!r.ok) throw new Error(r.error.message);
    changed.length = 0;
  };
  return { app, call, period2022, action, carriedBy, as, changed };
}

/** Every user table, change_log included. */
function dump(app: AppCore): string {
  const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, app.db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

/** Sends a request that must be refused with this code (and hint), and checks that nothing changed. */
function refused(ctx: ReturnType<typeof start>, channel: string, payload: unknown, code: string, hint?: string) {
  const before = dump(ctx.app);
  ctx.changed.length = 0;
  const result = ctx.call(channel, payload);
  expect(result.ok ? 'ok' : result.error.code, channel).toBe(code);
  if (hint !== undefined && !result.ok) expect(result.error.details?.map((d) => d.hint), channel).toContain(hint);
  expect(dump(ctx.app) === before, `${channel}: refused, yet the database changed`).toBe(true);
  expect(ctx.changed, `${channel}: data:changed after a refusal`).toEqual([]);
  return result;
}

function fillAll(ctx: ReturnType<typeof start>, body: string) {
  for (const actionPlanId of ctx.carriedBy(body)) {
    const key = { actionPlanId, bodyCode: body, periodId: ctx.period2022 };
    const got = ctx.call('progress:entry', { key });
    if (!got.ok) throw new Error(got.error.message);
    const { entry } = got.value as { entry: ProgressEntry };
    const saved = ctx.call('progress:save', {
      key,
      baseRevision: entry.revision,
      patch: { completion: 'completed', delayed: false, achievements: '실적', nextSteps: '계획' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
  }
  ctx.changed.length = 0;
}

describe('the installation\u2019s identity', () => {
  it('refuses every write before the installation is set up, and changes nothing', () => {
    const ctx = start();
    const key = { actionPlanId: ctx.action('3.1.1'), bodyCode: 'MOFA', periodId: ctx.period2022 };
    refused(ctx, 'progress:save', { key, baseRevision: 0, patch: { achievements: 'x' } }, 'FORBIDDEN');
    refused(ctx, 'report:submit', { periodId: ctx.period2022 }, 'FORBIDDEN');
    refused(ctx, 'period:setLocked', { periodId: ctx.period2022, locked: true }, 'FORBIDDEN');
    // Reading an entry needs to know who asks (whether it is editable).
    refused(ctx, 'progress:entry', { key }, 'FORBIDDEN');
  });

  it('is set once; a second set-up from the renderer is refused; an unknown body is NOT_FOUND', () => {
    const ctx = start();
    refused(ctx, 'setup:initialize', { role: 'body', bodyCode: 'NOPE', userName: 'x' }, 'NOT_FOUND');
    expect(ctx.call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' })).toMatchObject({ ok: true });
    expect(ctx.changed).toEqual(['setup:initialize']);
    ctx.changed.length = 0;
    refused(ctx, 'setup:initialize', { role: 'coordinator', userName: 'x' }, 'CONFLICT');
    expect(ctx.call('setup:get', {})).toEqual({ ok: true, value: { installation: { role: 'body', bodyCode: 'MOFA', userName: '김외교' } } });
  });

  it('is never taken from the request: claiming another identity is not a valid request', () => {
    const ctx = start();
    ctx.as({ role: 'body', bodyCode: 'MND', userName: '이국방' });
    const key = { actionPlanId: ctx.action('1.1.1'), bodyCode: 'MOFA', periodId: ctx.period2022 };
    refused(ctx, 'progress:save', { key, baseRevision: 0, patch: { achievements: 'x' }, actor: { role: 'body', bodyCode: 'MOFA' } }, 'BAD_REQUEST');
    refused(ctx, 'report:submit', { periodId: ctx.period2022, bodyCode: 'MOFA' }, 'BAD_REQUEST');
  });

  it('is reset by main only, and both the set-up and the reset are in the history', () => {
    const ctx = start();
    ctx.as({ role: 'coordinator', userName: '박조정' });
    resetInstallation(ctx.app.db);
    expect(ctx.call('setup:get', {})).toEqual({ ok: true, value: { installation: null } });
    const rows = ctx.app.db.prepare("SELECT before, after FROM change_log WHERE entity = 'installation' ORDER BY id").raw().all() as [string | null, string | null][];
    // The first as() reset nothing (a fresh database): one set-up, then the reset.
    expect(rows.length).toBe(2);
    expect(rows[0]![0]).toBeNull();
    expect(JSON.parse(rows[0]![1]!)).toMatchObject({ role: 'coordinator' });
    expect(JSON.parse(rows[1]![0]!)).toMatchObject({ role: 'coordinator' });
    expect(rows[1]![1]).toBeNull();
    // Resetting an installation that is not set up logs nothing.
    resetInstallation(ctx.app.db);
    expect(ctx.app.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'installation'").pluck().get()).toBe(2);
  });
});

describe('what a refusal says', () => {
  it('an entry that cannot be changed says why, as its hint', () => {
    const ctx = start();
    const own = { actionPlanId: ctx.carriedBy('MND')[0]!, bodyCode: 'MND', periodId: ctx.period2022 };
    const mofa = { actionPlanId: ctx.carriedBy('MOFA')[0]!, bodyCode: 'MOFA', periodId: ctx.period2022 };
    ctx.as({ role: 'body', bodyCode: 'MND', userName: '이국방' });
    refused(ctx, 'progress:save', { key: mofa, baseRevision: 0, patch: { achievements: 'x' } }, 'FORBIDDEN', 'other_body');
    fillAll(ctx, 'MND');
    expect(ctx.call('report:submit', { periodId: ctx.period2022 })).toMatchObject({ ok: true, value: { status: 'submitted' } });
    ctx.changed.length = 0;
    const { entry } = (ctx.call('progress:entry', { key: own }) as { value: { entry: ProgressEntry } }).value;
    expect(entry).toMatchObject({ editable: false, readOnlyReason: 'submitted' });
    refused(ctx, 'progress:save', { key: own, baseRevision: entry.revision, patch: { achievements: '수정' } }, 'FORBIDDEN', 'submitted');
    refused(ctx, 'report:submit', { periodId: ctx.period2022 }, 'CONFLICT', 'wrong_state');

    ctx.as({ role: 'coordinator', userName: '박조정' });
    refused(ctx, 'progress:save', { key: mofa, baseRevision: 0, patch: { achievements: 'x' } }, 'FORBIDDEN', 'coordinator');
    expect(ctx.call('report:accept', { bodyCode: 'MND', periodId: ctx.period2022 })).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(ctx.call('period:setLocked', { periodId: ctx.period2022, locked: true })).toEqual({ ok: true, value: { locked: true } });
    refused(ctx, 'report:reopen', { bodyCode: 'MND', periodId: ctx.period2022, reason: '수치 정정' }, 'FORBIDDEN', 'locked');

    ctx.as({ role: 'body', bodyCode: 'MND', userName: '이국방' });
    refused(ctx, 'progress:addEvidence', { key: own, title: '근거', docDate: null, reference: null }, 'FORBIDDEN', 'locked');
  });

  it('an incomplete report names each action plan and the fields it misses', () => {
    const ctx = start();
    ctx.as({ role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    fillAll(ctx, 'MOFA');
    const [first, second] = ctx.carriedBy('MOFA');
    const k1 = { actionPlanId: first!, bodyCode: 'MOFA', periodId: ctx.period2022 };
    const k2 = { actionPlanId: second!, bodyCode: 'MOFA', periodId: ctx.period2022 };
    const e1 = (ctx.call('progress:entry', { key: k1 }) as { value: { entry: ProgressEntry } }).value.entry;
    ctx.call('progress:save', { key: k1, baseRevision: e1.revision, patch: { achievements: ' \u3000\n', delayed: true } });
    const e2 = (ctx.call('progress:entry', { key: k2 }) as { value: { entry: ProgressEntry } }).value.entry;
    ctx.call('progress:save', { key: k2, baseRevision: e2.revision, patch: { completion: null } });
    ctx.changed.length = 0;
    const result = refused(ctx, 'report:submit', { periodId: ctx.period2022 }, 'CONFLICT');
    const report = (ctx.call('progress:report', { bodyCode: 'MOFA', periodId: ctx.period2022 }) as { value: BodyReport }).value;
    const code = (id: number) => report.items.find((i) => i.actionPlanId === id)!.code;
    expect(!result.ok && result.error.details).toEqual([
      { path: `actionPlan:${code(first!)}`, hint: 'achievements, delayReason' },
      { path: `actionPlan:${code(second!)}`, hint: 'completion' },
    ]);
  });
});

describe('MOGEF reports for itself', () => {
  it('the coordinator fills in MOGEF\u2019s entries, submits, and accepts its own report only when it confirms', () => {
    const ctx = start();
    ctx.as({ role: 'coordinator', userName: '박조정' });
    const mofa = { actionPlanId: ctx.carriedBy('MOFA')[0]!, bodyCode: 'MOFA', periodId: ctx.period2022 };
    refused(ctx, 'progress:save', { key: mofa, baseRevision: 0, patch: { achievements: 'x' } }, 'FORBIDDEN', 'coordinator');
    fillAll(ctx, 'MOGEF');
    const submitted = ctx.call('report:submit', { periodId: ctx.period2022 });
    expect(submitted).toMatchObject({ ok: true, value: { bodyCode: 'MOGEF', status: 'submitted', ownReport: true } });
    ctx.changed.length = 0;
    refused(ctx, 'report:accept', { bodyCode: 'MOGEF', periodId: ctx.period2022 }, 'CONFLICT', 'confirm_own');
    refused(ctx, 'report:accept', { bodyCode: 'MOGEF', periodId: ctx.period2022, confirmOwn: false }, 'CONFLICT', 'confirm_own');
    expect(ctx.call('report:accept', { bodyCode: 'MOGEF', periodId: ctx.period2022, confirmOwn: true, note: '자체 확인' })).toMatchObject({
      ok: true,
      value: { status: 'accepted', acceptedNote: '자체 확인', ownReport: true },
    });
    expect(ctx.changed).toEqual(['report:accept']);
  });

  it('another MOGEF person (a body installation for MOGEF) submits, and the coordinator still confirms', () => {
    const ctx = start();
    ctx.as({ role: 'body', bodyCode: 'MOGEF', userName: '여성가족부 담당' });
    fillAll(ctx, 'MOGEF');
    expect(ctx.call('report:submit', { periodId: ctx.period2022 })).toMatchObject({ ok: true, value: { bodyCode: 'MOGEF', status: 'submitted' } });
    refused(ctx, 'report:accept', { bodyCode: 'MOGEF', periodId: ctx.period2022, confirmOwn: true }, 'FORBIDDEN', 'wrong_role');
    ctx.as({ role: 'coordinator', userName: '박조정' });
    refused(ctx, 'report:accept', { bodyCode: 'MOGEF', periodId: ctx.period2022 }, 'CONFLICT', 'confirm_own');
    // A body's report the coordinator accepts without confirming: it is not its own.
    ctx.as({ role: 'body', bodyCode: 'KOICA', userName: '코이카' });
    fillAll(ctx, 'KOICA');
    ctx.call('report:submit', { periodId: ctx.period2022 });
    ctx.as({ role: 'coordinator', userName: '박조정' });
    expect(ctx.call('report:accept', { bodyCode: 'KOICA', periodId: ctx.period2022 })).toMatchObject({ ok: true, value: { status: 'accepted', ownReport: false } });
  });
});
