/**
 * readWorkbook (read.ts) off the main thread: one new worker per file, with
 * its own old-generation heap limit and a time limit, so a hostile or merely
 * huge file can neither block main nor take its memory. A worker that runs
 * out of heap answers too_large, one that runs out of time timeout; an abort
 * ends the worker and rejects with an AbortError.
 *
 * Where the worker's code is: beside the bundle (dist/main/exchange-worker.cjs,
 * scripts/build.mjs) when this module runs inside dist/main/main.cjs; the
 * worker.ts source, loaded through tsx's hooks, when it runs from the sources
 * (vitest, `node --import tsx` for the CLI).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LIMITS, type ReadResult } from '../../contract/exchange';
import { refusal } from './read';

export const WORKER_BUNDLE = 'exchange-worker.cjs';

/**
 * This module's own file: __filename in the CommonJS bundle (and under
 * vitest), else the file V8 names for this function's frame (ESM under tsx).
 * Not import.meta.url: esbuild's CJS bundle of main would warn about it on
 * every build and leave it empty.
 */
function thisFile(): string {
  if (typeof __filename === 'string' && __filename !== '') return __filename;
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_e, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[];
    const name = sites[0]?.getFileName() ?? '';
    return name.startsWith('file:') ? fileURLToPath(name) : name;
  } finally {
    Error.prepareStackTrace = original;
  }
}

/** The worker's entry: the bundle beside this file when bundled, else worker.ts. */
export function workerEntry(from: string = thisFile()): { file: string; source: boolean } {
  if (/\.[cm]?ts$/.test(from)) return { file: path.join(path.dirname(from), 'worker.ts'), source: true };
  return { file: path.join(path.dirname(from), WORKER_BUNDLE), source: false };
}

/**
 * A worker on the .ts source: Node 20 ignores `--import tsx` in a worker's
 * execArgv, so the worker registers tsx's hooks itself and then imports
 * worker.ts ('tsx' resolves from the working folder, as for `node --import tsx`).
 */
function sourceWorkerCode(file: string): string {
  const url = JSON.stringify(pathToFileURL(file).href);
  return `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}); });`;
}

function abortError(): Error {
  const e = new Error('The reading of the workbook was cancelled.');
  e.name = 'AbortError';
  return e;
}

/**
 * Reads the workbook in a new worker. The bytes are transferred, not copied,
 * when they are a whole ArrayBuffer of their own: the caller's array is then
 * empty afterwards (pass a copy to keep one). Rejects only on an abort
 * (AbortError) or when the worker cannot be started at all.
 */
export function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: { timeoutMs?: number; heapMb?: number; signal?: AbortSignal; entry?: { file: string; source: boolean } } = {},
): Promise<ReadResult> {
  const { timeoutMs = LIMITS.workerMs, heapMb = LIMITS.workerHeapMb, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  // entry: the built bundle, for a caller running from the sources that wants the application's start-up cost (npm run bench).
  const entry = options.entry ?? workerEntry();
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return new Promise<ReadResult>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(entry.source ? sourceWorkerCode(entry.file) : entry.file, {
        eval: entry.source,
        workerData: { bytes, fileName },
        transferList: whole ? [bytes.buffer as ArrayBuffer] : [],
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: heapMb },
        stdout: false,
        stderr: false,
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(abortError()));
    const timer = setTimeout(() => {
      finish(() => resolve({ ok: false, refusal: refusal('timeout', fileName, null, String(timeoutMs >= 1000 ? Math.round(timeoutMs / 1000) : timeoutMs / 1000)) }));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (result: ReadResult) => finish(() => resolve(result)));
    worker.once('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(() => resolve({ ok: false, refusal: refusal('heap', fileName) }));
      else finish(() => reject(e));
    });
    worker.once('exit', (code) => finish(() => reject(new Error(`The workbook reader stopped (exit code ${code}) without an answer.`))));
  });
}
