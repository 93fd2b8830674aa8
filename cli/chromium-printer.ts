/**
 * The Printer of the command line, the tests and the bench: Debian's (or
 * any) Chromium through playwright-core, page.pdf() with a document outline
 * and tags, the same engine the application's hidden window prints with.
 * Every page has JavaScript off and every request aborted: a pack is one
 * self-contained document, served at a made-up origin from memory.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { PrintCancelled, PRINT_CSP, type Printer } from '../main/packs/print';

/** Where Chromium is (CHROMIUM_PATH, else Debian's). */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORIGIN = 'https://pack.nap-monitor.invalid';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface ChromiumPrinter {
  printer: Printer;
  /** URLs the printed documents asked for besides their own (each was refused); empty for our packs. */
  readonly refusedRequests: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a Chromium and returns a Printer over it; close() ends the browser.
 * Given a browser (the e2e harness's own), prints in it and leaves it open on close().
 */
export async function createChromiumPrinter(existing?: Browser): Promise<ChromiumPrinter> {
  const browser = existing ?? (await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: ARGS, headless: true }));
  const refused: string[] = [];
  let context: BrowserContext | null = null;
  const contextOf = async (): Promise<BrowserContext> => {
    context ??= await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block', offline: true });
    return context;
  };
  const printer: Printer = async (html, { landscape, signal }) => {
    if (signal?.aborted) throw new PrintCancelled();
    const page = await (await contextOf()).newPage();
    // A pack of thousands of pages takes minutes to lay out: no time limit (cancel with the signal).
    page.setDefaultTimeout(0);
    const onAbort = () => void page.close().catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url === `${ORIGIN}/pack.html`) {
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': PRINT_CSP }, body: html });
        } else {
          refused.push(url);
          await route.abort('blockedbyclient');
        }
      });
      await page.goto(`${ORIGIN}/pack.html`, { waitUntil: 'load', timeout: 0 });
      const pdf = await page.pdf({ format: 'A4', landscape, printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
      return new Uint8Array(pdf);
    } catch (err) {
      if (signal?.aborted) throw new PrintCancelled();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!page.isClosed()) await page.close().catch(() => undefined);
    }
  };
  return {
    printer,
    refusedRequests: refused,
    close: async () => {
      const c = context as BrowserContext | null;
      await c?.close().catch(() => undefined);
      context = null;
      if (!existing) await browser.close();
    },
  };
}
