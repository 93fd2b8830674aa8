/**
 * The window's security settings and how the renderer is served, as plain
 * data and functions so that tests assert exactly what Electron is given.
 * No electron import here.
 */
import fs from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nap-monitor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer's Content-Security-Policy. Scripts and styles only from our
 * own origin, no eval, no inline script, nothing from the network (the
 * renderer never fetches: it talks to main through the preload API).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every response of the app:// protocol. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * webPreferences of every window. Electron's checklist: isolation, sandbox,
 * no Node, web security on, no remote content features.
 */
export const WEB_PREFERENCES = {
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
} as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Answers a request for a URL of our origin from the built renderer folder.
 * Anything outside the folder, or of another origin, is refused.
 */
export function rendererResponse(rootDir: string, requestUrl: string, origin = APP_ORIGIN): RendererResponse {
  const notFound = (status: number): RendererResponse => ({
    status,
    headers: { ...RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(status === 403 ? 'Forbidden' : status === 400 ? 'Bad request' : 'Not found'),
  });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound(400);
  }
  if (`${url.protocol}//${url.host}` !== origin) return notFound(403);
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    // A malformed percent-escape (%E0%A4%A): a bad request, not a crash of the protocol handler.
    return notFound(400);
  }
  if (decoded.includes('\0')) return notFound(400);
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(403);
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    return notFound(404);
  }
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { ...RESPONSE_HEADERS, 'Content-Type': type }, body };
}

/** Navigation is never allowed: the app is one page. */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/** Only our own protocol and devtools may be requested; everything else is cancelled (no network, ever). */
export function isRequestAllowed(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://');
}
