/**
 * What each channel answers, through the real dispatcher (docs/mutation-testing.md):
 * the dispatcher test checks that every answer fits its schema; these check
 * that it is the right one (the entry after the write, the list after the
 * comment, the id that was stored, the history of the entry asked).
 */
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { resetInstallation } from '../../db/installation';
import { schemaVersion } from '../../db/connection';
import type { ProgressEntry } from '../../contract/progress';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function start() {
  const unsaved: number[] = [];
  const dataDir = tempDir();
  const app = startAppCore({ dataDir, appVersion: '9.8.7', trustedOrigins: [ORIGIN], onReadyToClose: (n) => unsaved.push(n) });
  const call = <T = unknown>(channel: string, payload: unknown): T => {
    const r = app.dispatcher(channel, payload, OWN);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const as = (installation: unknown) => {
    resetInstallation(app.db);
    call('setup:initialize', installation);
  };
  const outline = call<{ periods: { id: number; year: number }[]; areas: { objectives: { strategies: { actionPlans: { id: number; code: string; bodyCodes: string[] }[] }[] }[] }[] }>(
    'plan:outline',
    { planId: 1 },
  );
  const periodId = outline.periods.find((p) => p.year === 2022)!.id;
  const prevId = outline.periods.find((p) => p.year === 2021)!.id;
  const actionPlanId = outline.areas[0]!.objectives[0]!.strategies[0]!.actionPlans.find((a) => a.bodyCodes.includes('MOFA'))!.id;
  return { app, call, as, periodId, prevId, actionPlanId, dataDir, unsaved };
}

describe('what the channels answer', () => {
  it('app:info says the version, the data folder, the database file and its schema; app:readyToClose tells main', () => {
    const c = start();
    expect(c.call('app:info', {})).toEqual({ version: '9.8.7', dataDir: c.dataDir, databaseFile: expect.stringContaining(c.dataDir), schemaVersion: schemaVersion(c.app.db) });
    expect(c.call('app:readyToClose', { unsavedEntries: 2 })).toEqual({});
    expect(c.unsaved).toEqual([2]);
  });

  it('the entry channels answer the entry as it now stands, and its history', () => {
    const c = start();
    c.as({ role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    const key = { actionPlanId: c.actionPlanId, bodyCode: 'MOFA', periodId: c.periodId };
    expect(c.call('progress:history', { key })).toEqual([]);
    expect(c.call('progress:entry', { key })).toMatchObject({ entry: { id: null, revision: 0 }, previous: null });
    c.call('progress:save', { key: { ...key, periodId: c.prevId }, baseRevision: 0, patch: { achievements: '작년' } });
    expect(c.call('progress:entry', { key })).toMatchObject({ previous: { achievements: '작년' } });
    const saved = c.call<ProgressEntry>('progress:save', { key, baseRevision: 0, patch: { achievements: '올해' } });
    expect(saved).toMatchObject({ achievements: '올해', revision: 1, updatedBy: '김외교 (MOFA)' });
    const withEvidence = c.call<ProgressEntry>('progress:addEvidence', { key, title: '보고서', docDate: null, reference: null });
    expect(withEvidence.evidence.map((e) => e.title)).toEqual(['보고서']);
    const without = c.call<ProgressEntry>('progress:removeEvidence', { key, evidenceId: withEvidence.evidence[0]!.id });
    expect([without.evidence, without.revision]).toEqual([[], 3]);
    expect(c.call<{ field: string }[]>('progress:history', { key }).map((h) => h.field)).toEqual(['achievements', 'evidence', 'evidence']);

    c.as({ role: 'coordinator', userName: '박조정' });
    const { indicatorId } = c.call<{ indicatorId: number }>('indicator:define', { actionPlanId: c.actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'number' });
    expect(c.app.db.prepare('SELECT id FROM indicator').pluck().all()).toEqual([indicatorId]);
    const commented = c.call<ProgressEntry>('review:comment', { key, text: '확인' });
    expect(commented.comments.map((x) => x.text)).toEqual(['확인']);
    c.as({ role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    const valued = c.call<ProgressEntry>('progress:setIndicatorValue', { key, indicatorId, value: 4 });
    expect(valued.indicators).toMatchObject([{ indicatorId, value: 4 }]);
  });

  it('the review channels answer the list after the write, the lock as asked, the level in effect', () => {
    const c = start();
    c.as({ role: 'coordinator', userName: '박조정' });
    const at = { actionPlanId: c.actionPlanId, periodId: c.periodId };
    expect(c.call('review:addPanelComment', { ...at, text: '첫째' })).toMatchObject([{ text: '첫째', recordedBy: '박조정 (MOGEF)' }]);
    expect(c.call('review:addPanelComment', { ...at, text: '둘째' })).toMatchObject([{ text: '첫째' }, { text: '둘째' }]);
    expect(c.call('review:panelComments', at)).toHaveLength(2);
    expect(c.call('period:setLocked', { periodId: c.periodId, locked: true })).toEqual({ locked: true });
    expect(c.call('period:setLocked', { periodId: c.periodId, locked: false })).toEqual({ locked: false });
    expect(c.call('review:setOverride', { ...at, completion: 'completed', reason: '확인' })).toEqual({});
    expect(c.call('review:consolidated', at)).toMatchObject({ effective: 'completed', override: { completion: 'completed', reason: '확인' } });
  });

  it('the report channels pass the reason and the note on (confirmOwn: permissions.test.ts)', () => {
    const c = start();
    c.as({ role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    const report = c.call<{ items: { actionPlanId: number }[] }>('progress:report', { bodyCode: 'MOFA', periodId: c.periodId });
    for (const item of report.items) {
      c.call('progress:save', { key: { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId: c.periodId }, baseRevision: 0, patch: { completion: 'completed', delayed: false, achievements: 'a', nextSteps: 'b' } });
    }
    expect(c.call('report:submit', { periodId: c.periodId })).toMatchObject({ bodyCode: 'MOFA', status: 'submitted' });
    c.as({ role: 'coordinator', userName: '박조정' });
    expect(c.call('report:return', { bodyCode: 'MOFA', periodId: c.periodId, reason: '보완' })).toMatchObject({ status: 'returned', returnedReason: '보완' });
    c.as({ role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    c.call('report:submit', { periodId: c.periodId });
    c.as({ role: 'coordinator', userName: '박조정' });
    expect(c.call('report:accept', { bodyCode: 'MOFA', periodId: c.periodId, note: '좋습니다' })).toMatchObject({ status: 'accepted', acceptedNote: '좋습니다' });
    expect(c.call('report:reopen', { bodyCode: 'MOFA', periodId: c.periodId, reason: '정정' })).toMatchObject({ status: 'returned', returnedReason: '정정' });
    expect(c.call('setup:get', {})).toEqual({ installation: { role: 'coordinator', userName: '박조정' } });
    expect(c.call('settings:setLanguage', { language: 'en' })).toEqual({ language: 'en' });
  });
});
