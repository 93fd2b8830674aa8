/** Where the application keeps its data. */
import path from 'node:path';

/** Tests and portable installs point the data folder elsewhere with this variable. */
export const DATA_DIR_ENV = 'NAP_MONITOR_DATA_DIR';
export const DATABASE_FILE_NAME = 'nap-monitor.sqlite';

/** The data folder: $NAP_MONITOR_DATA_DIR if set, else `<userData>/data`. */
export function resolveDataDir(userDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[DATA_DIR_ENV];
  if (override && override.trim() !== '') return path.resolve(override);
  return path.join(userDataDir, 'data');
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}
