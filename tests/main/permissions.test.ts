/**
 * Permissions are enforced in main, whatever the renderer sends: the
 * identity comes from the database, never from the request.
 */
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { resetInstallation } from '../../db/installation';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function start() {
  const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN] });
  const call = (channel: string, payload: unknown) => app.dispatcher(channel, payload, OWN);
  const outline = call('plan:outline', { planId: 1 });
  if (!outline.ok) throw new Error('no plan');
  const value = outline.value as { periods: { id: number; year: number }[]; areas: { objectives: { strategies: { actionPlans: { id: number; code: string }[] }[] }[] }[] };
  const period2022 = value.periods.find((p) => p.year === 2022)!.id;
  const action = (code: string) =>
    value.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans))).find((x) => x.code === code)!.id;
  return { app, call, period2022, action };
}

describe('permissions in main', () => {
  it('refuses every write before the installation is set up', () => {
    const { call, period2022, action } = start();
    const key = { actionPlanId: action('3.1.1'), bodyCode: 'MOFA', periodId: period2022 };
    expect(call('progress:save', { key, baseRevision: 0, patch: { achievements: 'x' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('sets the identity once; a second setup from the renderer is refused', () => {
    const { call } = start();
    expect(call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' })).toMatchObject({ ok: true });
    expect(call('setup:initialize', { role: 'coordinator', userName: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(call('setup:get', {})).toEqual({ ok: true, value: { installation: { role: 'body', bodyCode: 'MOFA', userName: '김외교' } } });
    expect(call('setup:initialize', { role: 'body', bodyCode: 'NOPE', userName: 'x' })).toMatchObject({ ok: false });
  });

  it('a body installation cannot change another body\u2019s entries or MOGEF\u2019s fields', () => {
    const { app, call, period2022, action } = start();
    call('setup:initialize', { role: 'body', bodyCode: 'MND', userName: '이국방' });
    const mofaKey = { actionPlanId: action('1.1.1'), bodyCode: 'MOFA', periodId: period2022 };
    const attempts: [string, unknown][] = [
      ['progress:save', { key: mofaKey, baseRevision: 0, patch: { achievements: 'x' } }],
      ['progress:addEvidence', { key: mofaKey, title: 'x', docDate: null, reference: null }],
      ['report:return', { bodyCode: 'MOFA', periodId: period2022, reason: 'x' }],
      ['report:accept', { bodyCode: 'MND', periodId: period2022 }],
      ['period:setLocked', { periodId: period2022, locked: true }],
      ['review:comment', { key: mofaKey, text: 'x' }],
      ['review:addPanelComment', { actionPlanId: action('1.1.1'), periodId: period2022, text: 'x' }],
      ['review:setOverride', { actionPlanId: action('1.1.1'), periodId: period2022, completion: 'completed', reason: 'x' }],
      ['indicator:define', { actionPlanId: action('1.1.1'), nameEn: 'x', nameKo: 'x', kind: 'number' }],
      // Claiming another identity in the payload is not even a valid request.
      ['progress:save', { key: mofaKey, baseRevision: 0, patch: { achievements: 'x' }, actor: { role: 'body', bodyCode: 'MOFA' } }],
    ];
    for (const [channel, payload] of attempts) {
      const result = call(channel, payload);
      expect(result.ok, channel).toBe(false);
    }
    expect(app.db.prepare('SELECT count(*) FROM progress_entry WHERE achievements IS NOT NULL').pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT count(*) FROM entry_comment').pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT count(*) FROM reporting_period WHERE locked_at IS NOT NULL').pluck().get()).toBe(0);
    // Its own entries it can change.
    const own = { actionPlanId: action('1.1.2'), bodyCode: 'MND', periodId: period2022 };
    expect(call('progress:save', { key: own, baseRevision: 0, patch: { achievements: '교육 실시' } })).toMatchObject({ ok: true });
  });

  it('the coordinator cannot change a body\u2019s entries; resetting the identity is main\u2019s alone', () => {
    const { app, call, period2022, action } = start();
    call('setup:initialize', { role: 'coordinator', userName: '박조정' });
    const key = { actionPlanId: action('1.1.1'), bodyCode: 'MOFA', periodId: period2022 };
    expect(call('progress:save', { key, baseRevision: 0, patch: { achievements: 'x' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call('review:comment', { key, text: '근거 문서를 첨부해 주세요' })).toMatchObject({ ok: true });
    resetInstallation(app.db);
    expect(call('setup:get', {})).toEqual({ ok: true, value: { installation: null } });
    expect(app.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'installation'").pluck().get()).toBe(2);
  });
});
