/** The dispatcher: every request from the renderer passes through it. */
import { describe, expect, it } from 'vitest';
import { startAppCore } from '../../main/app-core';
import { CHANNEL_NAMES, channels } from '../../contract/ipc';
import { tempDir } from '../support/tmp';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function core() {
  return startAppCore({ dataDir: tempDir(), appVersion: '1.2.3', trustedOrigins: [ORIGIN] });
}

describe('dispatcher', () => {
  it('answers our own window with a valid response on every channel', () => {
    const app = core();
    const plans = app.dispatcher('plan:list', {}, OWN);
    expect(plans.ok).toBe(true);
    const planId = plans.ok ? (plans.value as { id: number }[])[0]!.id : 0;
    const requests: Record<string, unknown> = {
      'app:info': {},
      'settings:get': {},
      'settings:setLanguage': { language: 'en' },
      'plan:list': {},
      'plan:outline': { planId },
      'plan:search': { planId, text: '외교부' },
    };
    for (const channel of CHANNEL_NAMES) {
      expect(requests, `a request for ${channel} in this test`).toHaveProperty(channel);
      const result = app.dispatcher(channel, requests[channel], OWN);
      expect(result.ok, channel).toBe(true);
      if (result.ok) expect(() => channels[channel].response.parse(result.value), channel).not.toThrow();
    }
    app.close();
  });

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
});
