/**
 * npm run cli -- --data-dir DIR <command>: NAP Monitor's command line, over
 * the same core as the application (db/, main/ without Electron). See
 * cli/refusal.ts for the usage, README for the commands.
 */
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
});
