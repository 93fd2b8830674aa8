/**
 * The ordered registry of migrations. Versions are numbered with gaps
 * (0010, 0020 …) so a fix can slot in between; the database's version is
 * kept in PRAGMA user_version. Append only: a shipped migration is never
 * edited or reordered.
 */
import { sql as plan0010 } from './0010_plan';
import { sql as progress0020 } from './0020_progress';
import { sql as historyGuards0030 } from './0030_history_guards';
import { sql as identity0040 } from './0040_identity';
import { sql as exchange0050 } from './0050_exchange';
import { sql as meetings0060 } from './0060_meetings';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 10, name: 'plan', sql: plan0010 },
  { version: 20, name: 'progress', sql: progress0020 },
  { version: 30, name: 'history guards', sql: historyGuards0030 },
  { version: 40, name: 'identity', sql: identity0040 },
  { version: 50, name: 'exchange', sql: exchange0050 },
  { version: 60, name: 'meetings', sql: meetings0060 },
];

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;
