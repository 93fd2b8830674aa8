/** LibreOffice Calc, headless, as the second real spreadsheet program of the tests (.ci/run installs it). */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SOFFICE = process.env.NAP_SOFFICE ?? 'soffice';

/** Fails (never skips) when LibreOffice is not there: CI installs it. */
export function requireLibreOffice(): void {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `LibreOffice (${SOFFICE}) is not installed or does not start (${probe.error?.message ?? `exit ${probe.status}`}). ` +
        'This test needs it: apt-get install libreoffice-calc-nogui (.ci/run does).',
    );
  }
}

/** Converts (opens and saves) a file with LibreOffice, headless, with its own profile; the new file's path. */
export async function convert(file: string, format: 'xlsx' | 'ods' | 'xls', profile: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  await run(
    SOFFICE,
    ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', format, '--outdir', outDir, file],
    { timeout: 120_000 },
  );
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${format}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}
