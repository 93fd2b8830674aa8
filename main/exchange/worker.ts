/**
 * The worker_threads entry of the reader: gets { bytes, fileName } as its
 * workerData and posts the ReadResult back; started without workerData, it
 * answers every message it gets, one file each (the main side keeps it for
 * the next file). Built to dist/main/exchange-worker.cjs for the bundled main
 * (scripts/build.mjs); run from the .ts source with tsx otherwise.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbook } from './read';
import type { ColumnMapping } from '../../contract/exchange';

export interface ReadJob {
  bytes: Uint8Array;
  fileName: string;
  /** The user's column mapping, for a workbook without our headers. */
  mapping?: ColumnMapping | null;
}

function isJob(value: unknown): value is ReadJob {
  const v = value as Partial<ReadJob> | null;
  return typeof v === 'object' && v !== null && v.bytes instanceof Uint8Array && typeof v.fileName === 'string';
}

const port = parentPort;
if (port) {
  // SheetJS reports what it guesses about a file ("ODS number format may be incorrect") on the console:
  // the answer says all that matters, and a file's text never reaches the application's log.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = () => undefined;
  if (isJob(workerData)) port.postMessage(readWorkbook(workerData.bytes, workerData.fileName, workerData.mapping ?? null));
  else {
    // One file per message, as many as the main side sends (it keeps this worker for the next file).
    port.on('message', (job: unknown) => {
      port.postMessage(isJob(job) ? readWorkbook(job.bytes, job.fileName, job.mapping ?? null) : readWorkbook(new Uint8Array(0), String((job as ReadJob | null)?.fileName ?? '')));
    });
  }
}
