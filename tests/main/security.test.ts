/** The window's security options, the CSP and how the renderer is served. */
import { beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  RESPONSE_HEADERS,
  WEB_PREFERENCES,
  isNavigationAllowed,
  isRequestAllowed,
  rendererResponse,
} from '../../main/security';
import { resolveDataDir, DATA_DIR_ENV } from '../../main/paths';
import { tempDir } from '../support/tmp';

describe('window security', () => {
  it('runs every window isolated, sandboxed and without Node', () => {
    expect(WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });

  it('sends exactly this Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; " +
        "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('denies every navigation and every request outside app://', () => {
    for (const url of ['https://example.org/', 'file:///etc/passwd', `${APP_ORIGIN}/index.html`]) {
      expect(isNavigationAllowed(url)).toBe(false);
    }
    expect(isRequestAllowed(`${APP_ORIGIN}/assets/index.js`)).toBe(true);
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/index.html']) {
      expect(isRequestAllowed(url)).toBe(false);
    }
  });
});

describe('rendererResponse', () => {
  let root = '';
  beforeEach(() => {
    const outer = tempDir('nap-renderer-');
    root = path.join(outer, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(outer, 'secret.txt'), 'secret');
  });

  it('serves files of the renderer folder with the CSP and their type', () => {
    const res = rendererResponse(root, `${APP_ORIGIN}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.body.toString()).toBe('console.log(1)');
    expect(rendererResponse(root, `${APP_ORIGIN}/`).headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it('refuses paths outside the folder and other origins', () => {
    expect(rendererResponse(root, `${APP_ORIGIN}/..%2Fsecret.txt`).status).toBe(403);
    // The URL parser folds %2e%2e away: the request stays inside the folder and finds nothing.
    expect(rendererResponse(root, `${APP_ORIGIN}/%2e%2e/secret.txt`).status).toBe(404);
    expect(rendererResponse(root, 'app://other/index.html').status).toBe(403);
    expect(rendererResponse(root, `${APP_ORIGIN}/missing.js`).status).toBe(404);
  });

  it('answers 400 to a malformed percent-escape or a NUL in the path, never throws', () => {
    for (const bad of ['/%E0%A4%A', '/%', '/assets/%zz.js', '/%C0%AF', '/%ED%A0%80.js', '/index.html%00.js']) {
      const res = rendererResponse(root, `${APP_ORIGIN}${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.body.toString()).toBe('Bad request');
    }
    // A well-formed escape still finds its file.
    expect(rendererResponse(root, `${APP_ORIGIN}/assets/app%2Ejs`).status).toBe(200);
  });
});

describe('data folder', () => {
  it('lives under the user-data folder unless the environment overrides it', () => {
    expect(resolveDataDir('/home/u/.config/NAP Monitor', {})).toBe(path.join('/home/u/.config/NAP Monitor', 'data'));
    expect(resolveDataDir('/home/u/.config/NAP Monitor', { [DATA_DIR_ENV]: '/tmp/x' })).toBe('/tmp/x');
  });
});
