/**
 * The worker_threads entry of the reader: gets { bytes, fileName } as its
 * workerData (or, if started without, as one message), posts the ReadResult
 * back, and is done. Built to dist/main/exchange-worker.cjs for the bundled
 * main (scripts/build.mjs); run from the .ts source with tsx otherwise.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbook } from './read';

export interface ReadJob {
  bytes: Uint8Array;
  fileName: string;
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
  if (isJob(workerData)) port.postMessage(readWorkbook(workerData.bytes, workerData.fileName));
  else {
    port.once('message', (job: unknown) => {
      port.postMessage(isJob(job) ? readWorkbook(job.bytes, job.fileName) : readWorkbook(new Uint8Array(0), String((job as ReadJob | null)?.fileName ?? '')));
    });
  }
}
