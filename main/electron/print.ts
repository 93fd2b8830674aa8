/**
 * Printing in Electron: a hidden, sandboxed window with no preload and
 * JavaScript off, in its own in-memory session whose only content is ours
 * (app://nap-monitor/print/<uuid>.html, served from memory with the packs'
 * CSP; every other request cancelled), printed with printToPDF (A4, the
 * document's @page, a document outline and tags); the system's print dialog
 * for pack:print; a preview window with Chromium's PDF viewer for a built PDF.
 * Thin: the pack is built and paginated in main/packs/, which the tests run
 * with Chromium's page.pdf().
 */
import { BrowserWindow, session, type Session } from 'electron';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { APP_ORIGIN, APP_SCHEME } from '../security';
import {
  PRINT_CSP,
  PRINT_PATH_PREFIX,
  PRINT_WEB_PREFERENCES,
  PREVIEW_WEB_PREFERENCES,
  PrintCancelled,
  isPrintRequestAllowed,
  type Printer,
} from '../packs/print';
import type { PackService, PackWindows } from '../packs/service';
import type { PackOptions } from '../../contract/meetings';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';

/** Documents being printed or previewed, by path (removed when their window closes). */
const documents = new Map<string, { body: Buffer; type: string }>();
let printSession: Session | null = null;

function sessionForPrinting(): Session {
  if (printSession) return printSession;
  const s = session.fromPartition('nap-print', { cache: false });
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintRequestAllowed(details.url, APP_ORIGIN) }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.protocol.handle(APP_SCHEME, (request) => {
    const doc = documents.get(new URL(request.url).pathname);
    if (!doc) return new Response('Not found', { status: 404 });
    const headers: Record<string, string> = { 'Content-Type': doc.type, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
    if (doc.type.startsWith('text/html')) headers['Content-Security-Policy'] = PRINT_CSP;
    return new Response(new Uint8Array(doc.body), { status: 200, headers });
  });
  printSession = s;
  return s;
}

/** Puts a document where the print session serves it; answers its URL and a function that removes it. */
function serve(body: Buffer, type: string, ext: 'html' | 'pdf'): { url: string; remove: () => void } {
  const pathname = `${PRINT_PATH_PREFIX}${randomUUID()}.${ext}`;
  documents.set(pathname, { body, type });
  return { url: `${APP_ORIGIN}${pathname}`, remove: () => void documents.delete(pathname) };
}

function hiddenWindow(): BrowserWindow {
  return new BrowserWindow({ show: false, width: 794, height: 1123, webPreferences: { ...PRINT_WEB_PREFERENCES, session: sessionForPrinting() } });
}

/** The application's Printer: printToPDF in a hidden window, destroyed after each print (or when the signal aborts). */
export function createElectronPrinter(): Printer {
  return async (html, { landscape, signal }) => {
    if (signal?.aborted) throw new PrintCancelled();
    const doc = serve(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', 'html');
    const win = hiddenWindow();
    const onAbort = () => win.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await win.loadURL(doc.url);
      const pdf = await win.webContents.printToPDF({
        landscape,
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        generateDocumentOutline: true,
        generateTaggedPDF: true,
      });
      return new Uint8Array(pdf);
    } catch (err) {
      if (signal?.aborted) throw new PrintCancelled();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      doc.remove();
      if (!win.isDestroyed()) win.destroy();
    }
  };
}

/** pack:preview and pack:print: a window with the PDF in Chromium's viewer; the system's print dialog over a hidden window. */
export function createPackWindows(packs: () => PackService | undefined, parent: () => BrowserWindow | null): PackWindows {
  return {
    preview: (file) => {
      if (!/\.pdf$/i.test(file) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
        throw new DomainError('NOT_FOUND', `미리 볼 PDF 파일 ${file}이(가) 없습니다. 먼저 자료를 만드십시오. / There is no PDF file ${file} to preview: build the pack first.`, [{ path: 'path' }]);
      }
      const doc = serve(fs.readFileSync(file), 'application/pdf', 'pdf');
      const owner = parent();
      const win = new BrowserWindow({
        width: 980,
        height: 1100,
        title: file,
        ...(owner ? { parent: owner } : {}),
        webPreferences: { ...PREVIEW_WEB_PREFERENCES, session: sessionForPrinting() },
      });
      win.on('closed', doc.remove);
      void win.loadURL(doc.url);
    },
    print: (options: PackOptions, actor: Installation) => {
      const service = packs();
      if (!service) throw new DomainError('NOT_FOUND', 'Packs cannot be printed here.');
      void service.printable(options, actor).then(async ({ html, landscape }) => {
        const doc = serve(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8', 'html');
        const win = hiddenWindow();
        try {
          await win.loadURL(doc.url);
          await new Promise<void>((resolve) => win.webContents.print({ silent: false, printBackground: true, landscape, pageSize: 'A4' }, () => resolve()));
        } finally {
          doc.remove();
          if (!win.isDestroyed()) win.destroy();
        }
      }).catch((err: unknown) => console.error('pack:print failed', err));
    },
  };
}
