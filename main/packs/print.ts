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
