/** The renderer under its real CSP, with no Node and no way out. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';

let app: RunningApp;
beforeEach(async () => {
  app = await launchApp();
  await app.page.locator('[data-testid="plan-view"][data-state="ready"]').waitFor();
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
});

describe('renderer security', () => {
  it('is served with the exact CSP, and the CSP is in force', async () => {
    expect(app.entryHeaders['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(app.entryHeaders['x-content-type-options']).toBe('nosniff');
    const served = await app.page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.appendChild(s);
      // A string handed to setTimeout is eval: the page's CSP must refuse it. (Code run by
      // page.evaluate itself is exempt from CSP in DevTools, so eval is probed through a timer.)
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = 1', 0);
      await new Promise((r) => setTimeout(r, 50));
      const w = window as unknown as { __inline?: number; __evalRan?: number };
      return { inlineRan: w.__inline === 1, evalBlocked: w.__evalRan !== 1, violations };
    });
    expect(served.inlineRan).toBe(false);
    expect(served.evalBlocked).toBe(true);
    expect(served.violations).toContain('script-src-elem');
    app.pageErrors.length = 0; // the probe's own violations were reported as console errors
  });

  it('has no Node in the renderer, and only the named API', async () => {
    const globals = await app.page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      api: Object.keys((globalThis as unknown as { napMonitor: object }).napMonitor).sort(),
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      api: ['app', 'backups', 'events', 'exchange', 'meetings', 'packs', 'plan', 'progress', 'report', 'review', 'settings', 'setup', 'standing'],
    });
  });

  it('makes no network request: fetch is refused by the CSP', async () => {
    const result = await app.page.evaluate(async () => {
      try {
        await fetch('https://example.org/');
        return 'fetched';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(result).toBe('TypeError');
    app.pageErrors.length = 0;
    expect(app.blockedRequests).toEqual([]);
  });

  it('refuses a call from a frame of another origin', async () => {
    const result = app.core.dispatcher('plan:list', {}, { url: 'https://evil.example/' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
