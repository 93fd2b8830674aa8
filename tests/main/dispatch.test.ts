/** The dispatcher: every request from the renderer passes through it. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { CHANNEL_NAMES, channels, type Channel } from '../../contract/ipc';
import type { PlanOutline } from '../../contract/domain';
import type { BodyReport, ProgressEntry } from '../../contract/progress';
import type { Meeting } from '../../contract/meetings';
import { resetInstallation } from '../../db/installation';
import { DomainError } from '../../contract/result';
import { ERROR_LIMITS, createDispatcher } from '../../main/dispatch';
import type { Handlers } from '../../main/handlers';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function core() {
  return startAppCore({ dataDir: tempDir(), appVersion: '1.2.3', trustedOrigins: [ORIGIN] });
}

describe('dispatcher', () => {
  it('answers our own window with a valid response on every channel', async () => {
    const app = core();
    const seen = new Set<string>();
    const call = (channel: Channel, payload: unknown) => {
      const result = app.dispatcher(channel, payload, OWN);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      expect(() => channels[channel].response.parse(result.value), channel).not.toThrow();
      seen.add(channel);
      return result.value as never;
    };
    const [plan] = call('plan:list', {}) as { id: number }[];
    const outline = call('plan:outline', { planId: plan!.id }) as PlanOutline;
    const periodId = outline.periods[1]!.id;
    const actionPlanId = outline.areas[0]!.objectives[0]!.strategies[0]!.actionPlans[0]!.id; // 1.1.1: MOFA among others
    const key = { actionPlanId, bodyCode: 'MOFA', periodId };
    call('app:info', {});
    call('app:readyToClose', { unsavedEntries: 0 });
    call('settings:get', {});
    call('settings:setLanguage', { language: 'en' });
    call('plan:search', { planId: plan!.id, text: '외교부' });
    call('setup:get', {});

    call('setup:initialize', { role: 'coordinator', userName: '박조정' });
    const { indicatorId } = call('indicator:define', { actionPlanId, nameEn: 'Trainees', nameKo: '교육 인원', kind: 'number' }) as { indicatorId: number };
    call('review:addPanelComment', { actionPlanId, periodId, text: '시민자문단 의견' });
    call('review:panelComments', { actionPlanId, periodId });
    call('review:setOverride', { actionPlanId, periodId, completion: 'limited', reason: '근거 부족' });
    expect(call('review:consolidated', { actionPlanId, periodId })).toMatchObject({ effective: 'limited', derived: null, expected: 6 });
    call('period:setLocked', { periodId, locked: true });
    call('period:setLocked', { periodId, locked: false });
    resetInstallation(app.db);

    call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    call('progress:report', { bodyCode: 'MOFA', periodId });
    call('progress:entry', { key });
    call('progress:save', { key, baseRevision: 0, patch: { completion: 'completed' } });
    call('progress:setIndicatorValue', { key, indicatorId, value: 12 });
    const withEvidence = call('progress:addEvidence', { key, title: '결과 보고서', docDate: '2022-12-01', reference: null }) as ProgressEntry;
    call('progress:removeEvidence', { key, evidenceId: withEvidence.evidence[0]!.id });
    call('progress:history', { key });
    // Fill the rest of MOFA's report so that it can be submitted.
    const report = call('progress:report', { bodyCode: 'MOFA', periodId }) as BodyReport;
    for (const item of report.items) {
      const k = { actionPlanId: item.actionPlanId, bodyCode: 'MOFA', periodId };
      const { entry } = call('progress:entry', { key: k }) as { entry: ProgressEntry };
      call('progress:save', {
        key: k,
        baseRevision: entry.revision,
        patch: { completion: 'completed', delayed: false, achievements: '실적', nextSteps: '계획' },
      });
    }
    call('report:submit', { periodId });
    resetInstallation(app.db);

    call('setup:initialize', { role: 'coordinator', userName: '박조정' });
    call('review:comment', { key, text: '확인했습니다' });
    call('report:return', { bodyCode: 'MOFA', periodId, reason: '보완 요청' });
    resetInstallation(app.db);
    call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    call('report:submit', { periodId });
    resetInstallation(app.db);
    call('setup:initialize', { role: 'coordinator', userName: '박조정' });
    call('report:accept', { bodyCode: 'MOFA', periodId });
    call('report:reopen', { bodyCode: 'MOFA', periodId, reason: '수치 정정' });
    call('matrix:bodies', { periodId });
    call('matrix:periods', { planId: plan!.id });
    call('dashboard:get', { periodId });

    // Backups: making and restoring one answer a running job at once; backup:job follows it.
    const done = async (job: { id: number }) => {
      for (let i = 0; i < 400; i++) {
        const now = call('backup:job', { id: job.id }) as { state: string; backup: { name: string; path: string } | null };
        if (now.state !== 'running') return now;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('backup job did not finish');
    };
    const made = await done(call('backup:create', {}));
    const copy = call('backup:saveCopy', { name: made.backup!.name, destinationDir: tempDir() }) as { path: string };
    call('backup:open', { path: copy.path });
    expect((await done(call('backup:restore', { name: made.backup!.name }))).state).toBe('done');
    call('backup:list', {});
    expect(call('backup:choosePath', { kind: 'open' })).toEqual({ available: false, path: null }); // no system dialog outside Electron

    // The exchange: writing a request is a job; reading a workbook is a job whose answer is a preview; apply, history, undo.
    const settled = async (job: { id: number }) => {
      for (let i = 0; i < 1000; i++) {
        const now = call('exchange:job', { id: job.id }) as { state: string; files: { path: string }[] | null; preview: { token: string } | null };
        if (now.state !== 'running') return now;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('exchange job did not finish');
    };
    const folder = tempDir();
    const written = await settled(call('exchange:exportRequests', { periodId, bodyCodes: ['MOFA'], dir: folder }) as { id: number });
    expect(written.state).toBe('done');
    const reading = call('exchange:preview', { path: written.files![0]!.path }) as { id: number };
    call('exchange:cancel', { id: reading.id });
    const previewed = await settled(call('exchange:preview', { path: written.files![0]!.path }) as { id: number });
    expect(previewed.state).toBe('done');
    const applied = call('exchange:apply', { token: previewed.preview!.token, choices: { take: null, picks: [], confirm: ['other_period'] } }) as { id: number };
    call('exchange:imports', {});
    call('exchange:undo', { importId: applied.id });
    call('exchange:discard', { token: 'none' });
    await settled(call('exchange:exportReport', { periodId, dir: folder }) as { id: number });
    expect(call('exchange:choosePath', { kind: 'workbook' })).toEqual({ available: false, path: null });

    // Meetings: MOGEF records an inter-ministerial meeting, changes it, adds a decision with a follow-up for MOFA, and closes it.
    const draft = {
      kind: 'inter_ministerial',
      periodId,
      date: '2023-03-02',
      title: '관계부처 이행점검 회의',
      place: '정부서울청사',
      participants: [{ kind: 'body', bodyCode: 'MOFA', name: '', affiliation: '외교부', role: '담당관' }],
      agenda: '1. 2022년 이행 점검',
      minutes: '',
    };
    const meeting = call('meeting:save', { uid: null, baseRevision: 0, draft }) as Meeting;
    const changed = call('meeting:save', { uid: meeting.uid, baseRevision: meeting.revision, draft: { ...draft, minutes: '회의록' } }) as Meeting;
    expect(changed.revision).toBe(meeting.revision + 1);
    const decided = call('meeting:addDecision', { meetingUid: meeting.uid, text: '교육 확대' }) as Meeting;
    const followed = call('meeting:addFollowUp', {
      decisionUid: decided.decisions[0]!.uid,
      followUp: { ownerBody: 'MOFA', actionPlanCode: '1.1.1', text: '교육 계획 제출', dueDate: '2023-06-30' },
    }) as Meeting;
    call('meeting:list', { periodId });
    call('meeting:get', { uid: meeting.uid });
    expect(call('meeting:openFollowUps', { ownerBody: 'MOFA' })).toHaveLength(1);
    const followUp = followed.decisions[0]!.followUps[0]!;
    expect(call('meeting:setFollowUp', { uid: followUp.uid, state: 'closed', closingNote: '제출 완료' })).toMatchObject({ state: 'closed' });

    // Packs (main/packs/, another helper's): until their service is there the builds answer NOT_FOUND; once it is, a job.
    // Either way the answer is a valid response or a refusal with its code, never INTERNAL.
    const either = (channel: Channel, payload: unknown, codes: readonly string[]) => {
      const result = app.dispatcher(channel, payload, OWN);
      if (result.ok) expect(() => channels[channel].response.parse(result.value), channel).not.toThrow();
      else expect(codes, `${channel}: ${result.error.code} ${result.error.message}`).toContain(result.error.code);
      seen.add(channel);
      return result.ok ? (result.value as { id: number }) : null;
    };
    const options = { meetingUid: meeting.uid, sections: ['cover', 'agenda'], language: 'ko' };
    const job = either('pack:build', { options, path: path.join(tempDir(), 'pack.pdf') }, ['NOT_FOUND']);
    either('pack:buildReport', { periodId, language: 'ko', dir: tempDir() }, ['NOT_FOUND']);
    // A job of that id, or none (NOT_FOUND) when no build ran.
    either('pack:job', { id: job?.id ?? 999_999 }, job ? [] : ['NOT_FOUND']);
    either('pack:cancel', { id: job?.id ?? 999_999 }, job ? [] : ['NOT_FOUND']);
    expect(call('pack:preview', { path: path.join(tempDir(), 'pack.pdf') })).toEqual({ available: false });
    expect(call('pack:print', { options })).toEqual({ available: false });
    expect(call('pack:choosePath', { kind: 'pdf' })).toEqual({ available: false, path: null });

    expect([...CHANNEL_NAMES].filter((c) => !seen.has(c))).toEqual([]);
    app.close();
    // Every channel once, two backup jobs and an exchange round: about 2 s alone, more on a machine shared with other runs.
  }, 30_000);

  it('refuses frames of another origin, and requests with no sender URL', () => {
    const app = core();
    for (const url of ['https://evil.example/index.html', 'file:///etc/passwd', undefined, 'not a url']) {
      const result = app.dispatcher('plan:list', {}, { url });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    app.close();
  });

  it('refuses unknown channels, including inherited property names', () => {
    const app = core();
    for (const channel of ['plan:drop', '__proto__', 'constructor', 42]) {
      expect(app.dispatcher(channel, {}, OWN)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    app.close();
  });

  it('refuses payloads that do not match the schema, saying which field', () => {
    const app = core();
    expect(app.dispatcher('plan:outline', { planId: 'one' }, OWN)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: [{ path: 'planId' }] },
    });
    expect(app.dispatcher('plan:outline', { planId: 1, sql: 'DROP TABLE plan' }, OWN)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(app.dispatcher('settings:setLanguage', { language: 'fr' }, OWN)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: [{ path: 'language' }] },
    });
    expect(app.dispatcher('plan:search', { planId: 1, text: 'x'.repeat(201) }, OWN)).toMatchObject({ ok: false });
    app.close();
  });

  it('turns a missing record into NOT_FOUND rather than a crash', () => {
    const app = core();
    expect(app.dispatcher('plan:outline', { planId: 9999 }, OWN)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    app.close();
  });

  it('remembers the language across a restart', () => {
    const dataDir = tempDir();
    const first = startAppCore({ dataDir, appVersion: '1', trustedOrigins: [ORIGIN] });
    expect(first.dispatcher('settings:get', {}, OWN)).toEqual({ ok: true, value: { language: 'ko' } });
    first.dispatcher('settings:setLanguage', { language: 'en' }, OWN);
    first.close();
    const second = startAppCore({ dataDir, appVersion: '1', trustedOrigins: [ORIGIN] });
    expect(second.dispatcher('settings:get', {}, OWN)).toEqual({ ok: true, value: { language: 'en' } });
    // The plan was seeded once: the second start loaded nothing new.
    expect(second.db.prepare('SELECT count(*) FROM plan').pluck().get()).toBe(1);
    second.close();
  });

  it('answers, never throws, when reading the payload or the sender throws', () => {
    const app = core();
    const getter = Object.defineProperty({}, 'planId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    for (const payload of [getter, trap]) {
      let result: unknown;
      expect(() => (result = app.dispatcher('plan:outline', payload, OWN))).not.toThrow();
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    // A key whose getter throws inside a nested object, as the renderer could send it.
    const key = Object.defineProperty({ bodyCode: 'MOFA', periodId: 1 }, 'actionPlanId', { enumerable: true, get: () => { throw new Error('x'); } });
    expect(app.dispatcher('progress:entry', { key }, OWN)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(app.dispatcher(trap, {}, OWN)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const sender = Object.defineProperty({}, 'url', { get: () => { throw new Error('x'); } }) as { url: string };
    expect(app.dispatcher('plan:list', {}, sender)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(app.dispatcher('plan:list', {}, null as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    app.close();
  });

  it('never echoes unbounded input in an error answer', () => {
    const app = core();
    const huge = 'k'.repeat(1 << 20);
    const within = (result: unknown) => {
      const json = JSON.stringify(result);
      expect(json.length).toBeLessThan(16 * 1024);
      const { error } = result as { error: { message: string; details?: { path?: string; hint?: string }[] } };
      expect(error.message.length).toBeLessThanOrEqual(ERROR_LIMITS.message);
      expect(error.details?.length ?? 0).toBeLessThanOrEqual(ERROR_LIMITS.details);
      for (const d of error.details ?? []) {
        expect(d.path?.length ?? 0).toBeLessThanOrEqual(ERROR_LIMITS.text);
        expect(d.hint?.length ?? 0).toBeLessThanOrEqual(ERROR_LIMITS.text);
      }
    };
    within(app.dispatcher('plan:outline', { planId: 1, [huge]: 1 }, OWN));
    within(app.dispatcher(`plan:${huge}`, {}, OWN));
    within(app.dispatcher('plan:list', {}, { url: `https://evil.example/${huge}` }));
    // A thousand wrong fields: at most ERROR_LIMITS.details of them come back.
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`${'f'.repeat(300)}${i}`, i]));
    const manyResult = app.dispatcher('plan:outline', many, OWN);
    within(manyResult);
    expect(manyResult).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    app.close();
  });

  it('bounds what a handler\u2019s error says, and keeps unexpected errors INTERNAL', () => {
    const logged: string[] = [];
    const handlers = {
      'app:info': () => {
        throw new Error(`SQLITE_ERROR near ${'x'.repeat(100_000)}`);
      },
      'plan:list': () => {
        throw new DomainError('CONFLICT', 'y'.repeat(100_000), Array.from({ length: 500 }, () => ({ path: 'p'.repeat(10_000), hint: '\u{1F600}'.repeat(5_000) })));
      },
      'settings:setLanguage': () => ({ language: 'en' }),
    } as unknown as Handlers;
    const dispatcher = createDispatcher(handlers, {
      trustedOrigins: [ORIGIN],
      log: (m) => logged.push(m),
      onDataChanged: () => {
        throw new Error('listener');
      },
    });
    const internal = dispatcher('app:info', {}, OWN);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('SQLITE_ERROR near xxx') } });
    expect(JSON.stringify(internal).length).toBeLessThan(ERROR_LIMITS.message + 100);
    const domain = dispatcher('plan:list', {}, OWN);
    expect(domain).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const error = (domain as { error: { details: { path: string; hint: string }[] } }).error;
    expect(error.details).toHaveLength(ERROR_LIMITS.details);
    expect(error.details.every((d) => d.path.length <= ERROR_LIMITS.text && d.hint.length <= ERROR_LIMITS.text)).toBe(true);
    // Cut between characters, never inside a surrogate pair.
    expect(error.details.every((d) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(d.hint))).toBe(true);
    expect(JSON.stringify(domain).length).toBeLessThan(16 * 1024);
    // A write that succeeded is answered ok even if the data:changed listener throws.
    expect(dispatcher('settings:setLanguage', { language: 'en' }, OWN)).toEqual({ ok: true, value: { language: 'en' } });
    expect(logged).toEqual(['Handler app:info failed', 'data:changed after settings:setLanguage failed']);
  });
});
