/**
 * What Electron's print and preview windows are given (main/packs/print.ts,
 * used by main/electron/print.ts): the security checklist of the main
 * window, no JavaScript in the print window, and a session that lets only
 * our own document (and the PDF viewer) through.
 */
import { describe, expect, it } from 'vitest';
import { WEB_PREFERENCES, APP_ORIGIN } from '../../main/security';
import { PRINT_WEB_PREFERENCES, PREVIEW_WEB_PREFERENCES, PRINT_CSP, isPrintRequestAllowed } from '../../main/packs/print';

describe('the print windows', () => {
  it('keep every setting of the main window, with JavaScript and plugins off for printing', () => {
    for (const [key, value] of Object.entries(WEB_PREFERENCES)) expect(PRINT_WEB_PREFERENCES[key as keyof typeof PRINT_WEB_PREFERENCES], key).toBe(value);
    expect(PRINT_WEB_PREFERENCES.javascript).toBe(false);
    expect(PRINT_WEB_PREFERENCES.plugins).toBe(false);
    expect(PRINT_WEB_PREFERENCES).not.toHaveProperty('preload');
    // The preview differs only in running Chromium's PDF viewer.
    expect({ ...PREVIEW_WEB_PREFERENCES, javascript: false, plugins: false }).toEqual(PRINT_WEB_PREFERENCES);
  });

  it('let only our printed document and the PDF viewer through', () => {
    expect(isPrintRequestAllowed(`${APP_ORIGIN}/print/0b6f.html`, APP_ORIGIN)).toBe(true);
    expect(isPrintRequestAllowed('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', APP_ORIGIN)).toBe(true);
    for (const url of [`${APP_ORIGIN}/index.html`, 'https://example.org/x.png', 'file:///etc/passwd', 'data:text/html,x', 'chrome-extension://other/x.js', `${APP_ORIGIN}.evil/print/x`]) {
      expect(isPrintRequestAllowed(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('print documents under a CSP that loads and runs nothing', () => {
    expect(PRINT_CSP).toContain("default-src 'none'");
    expect(PRINT_CSP).toContain("script-src 'none'");
    expect(PRINT_CSP).not.toMatch(/https?:/);
  });
});
