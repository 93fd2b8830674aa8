/**
 * readWorkbook (read.ts) off the main thread: in a worker with its own
 * old-generation heap limit and a time limit per file, so a hostile or merely
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
import { LIMITS, type ColumnMapping, type ReadResult } from '../../contract/exchange';
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
 * One worker kept for the next file once it has answered (starting one costs
 * far more than reading a report workbook: ten imports in a row pay it once).
 * It holds no file between jobs; a worker that timed out, ran out of heap,
 * was aborted or failed is ended, never kept. An idle worker does not keep
 * the process alive (unref).
 */
interface Slot {
  worker: Worker;
  key: string;
}
let idle: Slot | null = null;
let started = 0;

/** How many workers this process has started (tests: the kept one is used again). */
export function workersStarted(): number {
  return started;
}

function startWorker(entry: { file: string; source: boolean }, heapMb: number): Worker {
  started++;
  return new Worker(entry.source ? sourceWorkerCode(entry.file) : entry.file, {
    eval: entry.source,
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    stdout: false,
    stderr: false,
  });
}

/** Ends the kept worker (tests; the application lets it go with the process). */
export async function endIdleWorker(): Promise<void> {
  const slot = idle;
  idle = null;
  if (slot) await slot.worker.terminate();
}

/**
 * Reads the workbook in a worker (the kept one, or a new one). The bytes are
 * transferred, not copied, when they are a whole ArrayBuffer of their own:
 * the caller's array is then empty afterwards (pass a copy to keep one).
 * Rejects only on an abort (AbortError) or when the worker cannot be started.
 */
export function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  options: { timeoutMs?: number; heapMb?: number; signal?: AbortSignal; entry?: { file: string; source: boolean }; mapping?: ColumnMapping | null } = {},
): Promise<ReadResult> {
  const { timeoutMs = LIMITS.workerMs, heapMb = LIMITS.workerHeapMb, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError());
  // entry: the built bundle, for a caller running from the sources that wants the application's start-up cost (npm run bench).
  const entry = options.entry ?? workerEntry();
  const key = `${entry.file}\u0000${heapMb}`;
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return new Promise<ReadResult>((resolve, reject) => {
    let slot: Slot;
    try {
      if (idle && idle.key === key) {
        slot = idle;
        idle = null;
        slot.worker.ref();
      } else {
        slot = { worker: startWorker(entry, heapMb), key };
      }
      slot.worker.postMessage({ bytes, fileName, mapping: options.mapping ?? null }, whole ? [bytes.buffer as ArrayBuffer] : []);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const { worker } = slot;
    let settled = false;
    const finish = (settle: () => void, keep = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep && idle === null) {
        worker.unref();
        idle = slot;
      } else void worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(abortError()));
    const timer = setTimeout(() => {
      finish(() => resolve({ ok: false, refusal: refusal('timeout', fileName, null, String(timeoutMs >= 1000 ? Math.round(timeoutMs / 1000) : timeoutMs / 1000)) }));
    }, timeoutMs);
    const onMessage = (result: ReadResult) => finish(() => resolve(result), true);
    const onError = (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(() => resolve({ ok: false, refusal: refusal('heap', fileName) }));
      else finish(() => reject(e));
    };
    const onExit = (code: number) => finish(() => reject(new Error(`The workbook reader stopped (exit code ${code}) without an answer.`)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
