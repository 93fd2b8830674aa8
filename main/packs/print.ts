/**
 * What turns a pack's HTML into a PDF. The Electron application prints in a
 * hidden window (main/electron/print.ts: printToPDF); the command line, the
 * tests and the bench print the same HTML with Chromium's page.pdf()
 * (cli/chromium-printer.ts), so what the tests read is what officials get.
 */

/**
 * Prints one self-contained HTML document (no script, no external resource)
 * to a PDF: A4 (the document's CSS @page decides; landscape as asked),
 * backgrounds printed, a document outline (bookmarks) from the h1/h2
 * headings, tagged. Rejects when the signal aborts.
 */
export type Printer = (html: string, options: { landscape: boolean; signal?: AbortSignal }) => Promise<Uint8Array>;

/** The error a printer rejects with when its signal aborted (the job is then cancelled, not failed). */
export class PrintCancelled extends Error {
  constructor() {
    super('인쇄를 취소했습니다. / Printing was cancelled.');
    this.name = 'PrintCancelled';
  }
}

/** Throws PrintCancelled when the signal has aborted (checked between steps of a build). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PrintCancelled();
}

/** The Content-Security-Policy of every printed document: nothing loads, nothing runs; inline styles and data: images only. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

/** Where the print windows load our documents from (Electron's print session serves them from memory). */
export const PRINT_PATH_PREFIX = '/print/';

/** The origin of Chromium's built-in PDF viewer (an extension), which the preview window needs. */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

/**
 * webPreferences of the hidden window that prints a pack (Electron's main):
 * the security checklist of main/security.ts WEB_PREFERENCES, and no
 * JavaScript at all (a pack has none), no preload, no plugins. Plain data so
 * that tests assert exactly what Electron is given.
 */
export const PRINT_WEB_PREFERENCES = {
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
  javascript: false,
  plugins: false,
  webgl: false,
  images: true,
} as const;

/**
 * webPreferences of the window that shows a built PDF: the same, except that
 * Chromium's PDF viewer (plugins) runs; the page itself is only the PDF.
 */
export const PREVIEW_WEB_PREFERENCES = { ...PRINT_WEB_PREFERENCES, javascript: true, plugins: true } as const;

/**
 * What the print session lets through: our documents at appOrigin/print/…,
 * and (for the preview) the PDF viewer's own files. Everything else is
 * cancelled: a pack makes no network request, ever.
 */
export function isPrintRequestAllowed(url: string, appOrigin: string): boolean {
  return url.startsWith(`${appOrigin}${PRINT_PATH_PREFIX}`) || url.startsWith(PDF_VIEWER_ORIGIN);
}
