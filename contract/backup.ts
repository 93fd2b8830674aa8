/**
 * Backups of the installation's database, as the Backups screen and main
 * exchange them. A backup is a verified SQLite file in <dataDir>/backups/
 * with a JSON sidecar (BackupInfo) beside it.
 */
import { z } from 'zod';

/** Why a backup was made: the daily one at start, by hand, before a restore, an import or a migration, or a file opened from elsewhere. */
export const BackupReason = z.enum(['daily', 'manual', 'before-restore', 'before-import', 'before-migration', 'opened']);
export type BackupReason = z.infer<typeof BackupReason>;

/** The installation a backup holds: which body it reports for (or MOGEF's coordination), and who. */
export const BackupInstallation = z.object({
  role: z.enum(['body', 'coordinator']),
  bodyCode: z.string().optional(),
  userName: z.string(),
});

export const BackupInfo = z.object({
  /** The file's name in the backups folder (what the channels take). */
  name: z.string(),
  /** Its full path. */
  path: z.string(),
  /** When the data was taken (ISO, UTC). */
  createdAt: z.string(),
  /** When the file entered the backups folder (rotation counts by this). */
  addedAt: z.string(),
  reason: BackupReason,
  sizeBytes: z.number().int().min(0),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** The installation's generation when the backup was taken (see main/backup/generation.ts). */
  generation: z.number().int().min(0),
  /** Codes of the plans it holds. */
  plans: z.array(z.string()),
  /** Labels of the reporting periods that have at least one entry. */
  periods: z.array(z.string()),
  entries: z.number().int().min(0),
  /** The installation it holds (null before set-up; absent in sidecars of older versions). */
  installation: BackupInstallation.nullable().default(null),
  /** Rows of each user table, as verified after writing. */
  rowCounts: z.record(z.string(), z.number().int().min(0)),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupJobKind = z.enum(['create', 'restore']);
export const BackupJob = z.object({
  id: z.number().int(),
  kind: BackupJobKind,
  state: z.enum(['running', 'done', 'failed']),
  /** 0..1, pages copied so far. */
  progress: z.number().min(0).max(1),
  /** A made backup, or (restore) the backup restored. */
  backup: BackupInfo.nullable(),
  /** Restore: the backup of the state before it, to undo it. */
  undo: BackupInfo.nullable(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
});
export type BackupJob = z.infer<typeof BackupJob>;

export const BackupName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+\.sqlite$/, 'a backup file name');

export const BackupList = z.object({
  dir: z.string(),
  backups: z.array(BackupInfo),
  /** This installation's generation (raised by each restore). */
  generation: z.number().int().min(0),
  /** Size of the live database file with its -wal, bytes. */
  databaseBytes: z.number().int().min(0),
  /** A job still running, if any. */
  running: BackupJob.nullable(),
  /** The data folder is on a network share or in a synced cloud folder (SQLite's WAL needs a local disk). */
  locationWarning: z.enum(['network', 'cloud']).nullable(),
});
export type BackupList = z.infer<typeof BackupList>;
