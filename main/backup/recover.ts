/**
 * When the database is refused at start (damaged, cut short, a -wal without
 * its file …): the newest backup that passes verification is offered, and if
 * the user takes it, the refused files are kept aside under a name that says
 * so — never deleted — and the backup is put in their place. Plain Node: the
 * Electron start-up dialog asks, the tests call the same functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../contract/backup';
import { closeDatabase, forgetSession, openDatabase } from '../../db/connection';
import { fsyncDir, fsyncFile } from '../../db/durable';
import { databaseFile } from '../paths';
import { backupDir, bumpGeneration, listBackups, stamp, verifyBackupFile } from './backups';

/** The newest backup in the data folder that passes every check, or null. */
export function newestGoodBackup(dataDir: string): BackupInfo | null {
  for (const info of listBackups(backupDir(dataDir))) {
    try {
      verifyBackupFile(info.path);
      return info;
    } catch {
      // A damaged backup is passed over (and left where it is).
    }
  }
  return null;
}

export interface Recovery {
  /** The backup now in place. */
  restored: BackupInfo;
  /** Where the refused files were kept (full paths). */
  keptAside: string[];
}

/**
 * Keeps the refused database files aside (nap-monitor.sqlite.damaged-<when>,
 * with its -wal and -shm the same way), puts a copy of the backup in place
 * and opens it once through the normal open path (checks, migrations), as a
 * new generation of the installation.
 */
export function recoverFromBackup(dataDir: string, backup: BackupInfo, now: Date = new Date()): Recovery {
  verifyBackupFile(backup.path);
  const file = databaseFile(dataDir);
  const suffix = `.damaged-${stamp(now)}`;
  const keptAside: string[] = [];
  for (const part of ['', '-wal', '-shm', '-journal']) {
    const from = `${file}${part}`;
    if (!fs.existsSync(from)) continue;
    const to = `${file}${suffix}${part}`;
    fs.renameSync(from, to);
    keptAside.push(to);
  }
  const temp = path.join(path.dirname(file), `.restoring-${process.pid}-${now.getTime()}`);
  fs.copyFileSync(backup.path, temp);
  fsyncFile(temp);
  fs.renameSync(temp, file);
  fsyncDir(path.dirname(file));
  // The last session noted the refused file; this one is put here on purpose.
  forgetSession(file);
  const db = openDatabase(file);
  try {
    bumpGeneration(db, backup.generation);
  } finally {
    closeDatabase(db);
  }
  return { restored: backup, keptAside };
}
