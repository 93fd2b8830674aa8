/**
 * Runs the application for an end-to-end test without Electron: the real
 * main-process core (database in a fresh temp folder, seed, dispatcher) in
 * this Node process, and the built renderer in Debian's Chromium, served with
 * the same rendererResponse() and headers as the app:// protocol, with
 * window.napMonitor built by the same createApi() as the preload, bridged
 * into the dispatcher. Nothing is mocked: every call reaches SQLite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAppCore, type AppCore } from '../../../main/app-core';
import { rendererResponse } from '../../../main/security';
import type { DataChange, EventName, EventPayloadOf } from '../../../contract/ipc';
import { createChromiumPrinter, type ChromiumPrinter } from '../../../cli/chromium-printer';
import type { Printer } from '../../../main/packs/print';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist/renderer');
export const BRIDGE_FILE = path.join(REPO_ROOT, 'dist/e2e/bridge.js');
/** Stands in for app://nap-monitor: Chromium cannot route a custom scheme. */
export const TEST_ORIGIN = 'https://nap-monitor.test';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface RunningApp {
  page: Page;
  context: BrowserContext;
  core: AppCore;
  dataDir: string;
  /** Requests for anything but our origin: each was aborted. */
  blockedRequests: string[];
  /** Console errors and uncaught page errors (CSP violations show here). */
  pageErrors: string[];
  /** The channel of every request the renderer sent, in order. */
  requests: string[];
  /** Each app:readyToClose the renderer sent (its count of unsaved entries). */
  readyToCloseCalls: number[];
  /** Response headers of index.html as the page received them (lower-case names). */
  entryHeaders: Record<string, string>;
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): Promise<void>;
  /** Slows main's answers from now on (see LaunchOptions.replyDelay); null: answer at once. */
  setReplyDelay(delay: ((channel: string) => number) | null): void;
  /** Closes the page, the browser and the database; keeps dataDir unless asked. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a data folder (e.g. to reopen after close); a fresh temp folder by default. */
  dataDir?: string;
  viewport?: { width: number; height: number };
  /**
   * Slows main's answers: main does the work (and commits) at once, the
   * renderer receives the answer after this many milliseconds. Settable while
   * running through RunningApp.replyDelay.
   */
  replyDelay?: (channel: string) => number;
}

let sharedBrowser: Browser | null = null;

async function browser(): Promise<Browser> {
  if (!fs.existsSync(RENDERER_DIR) || !fs.existsSync(BRIDGE_FILE)) {
    throw new Error('The renderer is not built: run `npm run build` before the end-to-end tests.');
  }
  sharedBrowser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return sharedBrowser;
}

let sharedPrinter: Promise<ChromiumPrinter> | null = null;

/**
 * The e2e app's Printer: the test's own Chromium, a new page's pdf() in a
 * context of its own (JavaScript off, every request refused), as the command
 * line prints; started on the first print.
 */
const harnessPrinter: Printer = async (html, options) => {
  sharedPrinter ??= browser().then((b) => createChromiumPrinter(b));
  return (await sharedPrinter).printer(html, options);
};

export async function closeBrowser(): Promise<void> {
  await (await sharedPrinter)?.close();
  sharedPrinter = null;
  await sharedBrowser?.close();
  sharedBrowser = null;
}

export async function launchApp(options: LaunchOptions = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'nap-e2e-'));
  // The page exists only after the core; the core's callback reaches it through this holder.
  const holder: { page?: Page; replyDelay?: (channel: string) => number; answering: number; changes: DataChange[] } = {
    answering: 0,
    changes: [],
  };
  const emitChange = (change: DataChange) =>
    void holder.page
      ?.evaluate((c) => (window as unknown as { __napEmit?(e: string, p: unknown): void }).__napEmit?.('data:changed', c), change)
      .catch(() => undefined);
  if (options.replyDelay) holder.replyDelay = options.replyDelay;
  const readyToCloseCalls: number[] = [];
  const requests: string[] = [];
  const core = startAppCore({
    dataDir,
    appVersion: '0.0.0-e2e',
    trustedOrigins: [TEST_ORIGIN],
    printer: harnessPrinter,
    onReadyToClose: (unsaved) => readyToCloseCalls.push(unsaved),
    // As Electron's main does: tell the renderer that data changed, after the answer to the write.
    onDataChanged: (_channel, change) => {
      if (holder.answering > 0) holder.changes.push(change);
      else emitChange(change);
    },
  });
  const context = await (await browser()).newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: 'ko-KR',
    serviceWorkers: 'block',
  });
  const blockedRequests: string[] = [];
  const pageErrors: string[] = [];

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(`${TEST_ORIGIN}/`)) {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    const res = rendererResponse(RENDERER_DIR, url, TEST_ORIGIN);
    await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
  });
  await context.exposeBinding('__napInvoke', async (source, channel: unknown, payload: unknown) => {
    holder.answering += 1;
    requests.push(String(channel));
    try {
      const result = core.dispatcher(channel, payload, { url: source.frame.url() });
      const delay = holder.replyDelay?.(String(channel)) ?? 0;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      return result;
    } finally {
      holder.answering -= 1;
      // data:changed goes after the answer, as Electron's main sends it.
      const changes = holder.changes.splice(0);
      if (changes.length > 0) setTimeout(() => changes.forEach(emitChange), 0);
    }
  });
  await context.addInitScript({ path: BRIDGE_FILE });

  const page = await context.newPage();
  holder.page = page;
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
  });
  const entry = await page.goto(`${TEST_ORIGIN}/index.html`);
  const entryHeaders = entry ? await entry.allHeaders() : {};

  return {
    page,
    context,
    core,
    dataDir,
    blockedRequests,
    pageErrors,
    entryHeaders,
    readyToCloseCalls,
    requests,
    setReplyDelay: (delay) => {
      if (delay) holder.replyDelay = delay;
      else delete holder.replyDelay;
    },
    emit: async (event, payload) => {
      await page.evaluate(
        ([e, p]) => (window as unknown as { __napEmit(e: string, p: unknown): void }).__napEmit(e, p),
        [event, payload] as const,
      );
    },
    close: async ({ keepData = false } = {}) => {
      await context.close();
      core.close();
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under docs/screenshots/ (kept in the repository when it shows a feature). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(REPO_ROOT, 'docs/screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
