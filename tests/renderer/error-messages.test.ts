/**
 * main's refusals, as a user reads them: each detail main gives for a value
 * it cannot store has a message in Korean and in English that says what to
 * do (the technical text stays behind the disclosure).
 */
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { detailMessage } from '../../renderer/src/components/ErrorBanner';
import { translate, type MessageKey } from '../../renderer/src/i18n';
import { EVIDENCE_MAX } from '../../contract/rules';
import type { AppError, Result } from '../../contract/result';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function refusals(): AppError[] {
  const app = startAppCore({ dataDir: tempDir(), appVersion: '1', trustedOrigins: [ORIGIN] });
  const call = (channel: string, payload: unknown) => app.dispatcher(channel, payload, OWN) as Result<unknown>;
  const periodId = app.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  const actionPlanId = app.db
    .prepare("SELECT action_plan_id FROM action_plan_body WHERE body_id = (SELECT id FROM implementing_body WHERE code = 'MOFA') LIMIT 1")
    .pluck()
    .get() as number;
  const errors: AppError[] = [];
  const refused = (r: Result<unknown>) => {
    if (r.ok) throw new Error('expected a refusal');
    errors.push(r.error);
  };
  call('setup:initialize', { role: 'coordinator', userName: '박조정' });
  refused(call('indicator:define', { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'percent', baseline: 500 }));
  refused(call('indicator:define', { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'number', baseline: 3.5 }));
  refused(call('indicator:define', { actionPlanId, nameEn: 'n', nameKo: 'n', kind: 'yes_no', baseline: -7 }));
  refused(
    call('indicator:define', {
      actionPlanId,
      nameEn: 'n',
      nameKo: 'n',
      kind: 'number',
      targets: [
        { periodId, target: 1 },
        { periodId, target: 2 },
      ],
    }),
  );
  app.close();
  return errors;
}

describe('refusals a user reads', () => {
  it('explain every detail main gives for a value it cannot store, in Korean and English', () => {
    const errors = refusals();
    expect(errors).toHaveLength(4);
    for (const language of ['ko', 'en'] as const) {
      const t = (key: MessageKey, params?: Record<string, string | number>) => translate(language, key, params);
      for (const e of errors) {
        const explained = (e.details ?? []).map((d) => detailMessage(t, d)).filter((m) => m !== null);
        expect(explained.length, `${e.message} (${JSON.stringify(e.details)})`).toBeGreaterThan(0);
        if (language === 'ko') for (const m of explained) expect(m).toMatch(/[가-힣]/);
      }
    }
  });

  it('explain the evidence limit with the number', () => {
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate('ko', key, params);
    expect(detailMessage(t, { path: 'title', hint: 'evidence_max' })).toContain(String(EVIDENCE_MAX));
    expect(detailMessage(t, { path: 'x', hint: 'something_else' })).toBeNull();
    for (const hint of ['busy', 'disk_full', 'read_only', 'io']) expect(detailMessage(t, { path: 'database', hint })).toMatch(/자동으로 다시 저장/);
  });
});
