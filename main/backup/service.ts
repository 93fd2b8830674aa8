/**
 * The backups of one installation: made one at a time (a queue), as jobs the
 * Backups screen follows (progress, done, failed), rotated after each, and
 * restored by replacing the live database: the current state is backed up
 * first (so a restore can be undone), the chosen file is verified, the live
 * database closed, the file renamed over it, reopened through the
 * application's normal open path and checked (integrity_check,
 * foreign_key_check), and the installation marked a new generation.
 * Plain Node: no electron here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { forgetSession, type Db } from '../../db/connection';
import type { BackupInfo, BackupJob, BackupList, BackupReason } from '../../contract/backup';
import { DomainError } from '../../contract/result';
import {
  backupDir,
  backupError,
  bumpGeneration,
  importBackupFile,
  listBackups,
  makeBackup,
  makeBackupSync,
  readGeneration,
  rotate,
  saveCopy,
  stamp,
  verifyBackupFile,
  localDay,
} from './backups';
import { locationWarning } from './location';

export interface BackupServiceOptions {
  dataDir: string;
  databaseFile: string;
  appVersion: string;
  /** The clock (tests drive a fake one). */
  now?: () => Date;
  /** The live database as the handlers use it now. */
  getDb: () => Db;
  /** Opens the live database file through the application's normal open path and makes it the one every handler uses. */
  reopen: () => Db;
  /** After a restore: everything changed (main tells the window: data:changed with every entity). */
  onRestored?: () => void;
  /** Pages per step of the online backup (tests make it small). */
  pagesPerStep?: number;
  /** See MakeOptions.onCopied (tests). */
  onCopied?: (db: Db) => void;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The state before the restore, to undo it. */
  undo: BackupInfo;
  generation: number;
}

export interface BackupService {
  readonly dir: string;
  list(): BackupList;
  /** A verified backup now (queued behind any other backup work); rotation after it. The importer and the migrations call this. */
  backupNow(reason: BackupReason): Promise<BackupInfo>;
  /**
   * The same, synchronously (VACUUM INTO), for a handler that cannot wait (an
   * import inside one request); rotation after it.
   */
  backupNowSync(reason: BackupReason): BackupInfo;
  /** The daily backup, when none was made today (the machine's local day). */
  dailyIfDue(): Promise<BackupInfo | null>;
  restore(name: string): Promise<RestoreResult>;
  /** Starts a job the screen follows with job(). */
  startCreate(): BackupJob;
  startRestore(name: string): BackupJob;
  job(id: number): BackupJob;
  /** Verifies a backup file from elsewhere and adds it to the list. */
  openFile(file: string): BackupInfo;
  saveCopy(name: string, destinationDir: string): string;
  /** Resolves when no backup work is queued (close waits for it). */
  idle(): Promise<void>;
}

export function createBackupService(options: BackupServiceOptions): BackupService {
  const dir = backupDir(options.dataDir);
  const now = options.now ?? (() => new Date());
  const make = {
    appVersion: options.appVersion,
    now,
    ...(options.pagesPerStep ? { pagesPerStep: options.pagesPerStep } : {}),
    ...(options.onCopied ? { onCopied: options.onCopied } : {}),
  };
  let queue: Promise<unknown> = Promise.resolve();
  const jobs = new Map<number, BackupJob>();
  let nextJob = 1;
  let running: BackupJob | null = null;
  let progress: (f: number) => void = () => {};

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const find = (name: string): BackupInfo => {
    const info = listBackups(dir).find((b) => b.name === name);
    if (!info) throw backupError('missing', path.join(dir, name), `There is no backup ${name} in ${dir}.`);
    return info;
  };

  const backupUnqueued = async (reason: BackupReason): Promise<BackupInfo> => {
    const info = await makeBackup(options.getDb(), dir, reason, { ...make, onProgress: (f) => progress(f) });
    rotate(dir, now());
    return info;
  };

  /** Puts file in place of the live database and reopens it; synchronous, so no request runs in between. */
  const swapIn = (file: string): Db => {
    const live = options.databaseFile;
    const staging = `${live}.restoring`;
    fs.copyFileSync(file, staging);
    const fd = fs.openSync(staging, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    const db = options.getDb();
    if (db.open) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    // A -wal left beside the file would be replayed over the restored one: keep it aside, named.
    for (const ext of ['-wal', '-shm']) {
      if (!fs.existsSync(`${live}${ext}`)) continue;
      if (ext === '-shm' || fs.statSync(`${live}${ext}`).size === 0) fs.rmSync(`${live}${ext}`, { force: true });
      else fs.renameSync(`${live}${ext}`, `${live}${ext}.before-restore-${stamp(now())}`);
    }
    fs.renameSync(staging, live);
    // The last session's record describes the file just replaced (docs/decisions/0010-opening-safely.md).
    forgetSession(live);
    const reopened = options.reopen();
    const integrity = reopened.pragma('integrity_check') as { integrity_check: string }[];
    const fk = reopened.pragma('foreign_key_check') as unknown[];
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok' || fk.length > 0) {
      throw backupError('damaged', live, `${live} failed its checks after the restore.`);
    }
    return reopened;
  };

  const restoreUnqueued = async (name: string): Promise<RestoreResult> => {
    const chosen = find(name);
    verifyBackupFile(chosen.path);
    const undo = await backupUnqueued('before-restore');
    // From here on, synchronous: no write can slip in after the undo backup and be lost.
    verifyBackupFile(chosen.path, chosen.rowCounts.plan !== undefined ? chosen.rowCounts : undefined);
    const before = readGeneration(options.getDb());
    let db: Db;
    try {
      db = swapIn(chosen.path);
    } catch (err) {
      // Back to the state before, from the backup just made.
      swapIn(undo.path);
      const why = err instanceof Error ? err.message : String(err);
      throw backupError('restore_failed', chosen.path, `Restoring ${chosen.path} failed (${why}). The data is as it was before.`);
    }
    const generation = db.transaction(() => bumpGeneration(db, before)).immediate();
    options.onRestored?.();
    return { restored: chosen, undo, generation };
  };

  const startJob = (kind: BackupJob['kind'], work: () => Promise<{ backup: BackupInfo; undo: BackupInfo | null }>): BackupJob => {
    const job: BackupJob = { id: nextJob++, kind, state: 'running', progress: 0, backup: null, undo: null, error: null };
    jobs.set(job.id, job);
    for (const id of jobs.keys()) if (jobs.size > 20 && id !== job.id) jobs.delete(id);
    void exclusive(async () => {
      running = job;
      progress = (f) => {
        job.progress = Math.max(job.progress, Math.min(1, f));
      };
      try {
        const { backup, undo } = await work();
        Object.assign(job, { state: 'done', progress: 1, backup, undo });
      } catch (err) {
        const hint = err instanceof DomainError ? err.details?.[0]?.hint : undefined;
        job.state = 'failed';
        job.error = {
          code: err instanceof DomainError ? err.code : 'INTERNAL',
          message: err instanceof Error ? err.message : String(err),
          ...(hint ? { hint } : {}),
        };
      } finally {
        running = null;
        progress = () => {};
      }
    });
    return { ...job };
  };

  return {
    dir,
    list: () => {
      const live = options.databaseFile;
      const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
      return {
        dir,
        backups: listBackups(dir),
        generation: readGeneration(options.getDb()),
        databaseBytes: size(live) + size(`${live}-wal`),
        running: running ? { ...running } : null,
        locationWarning: locationWarning(options.dataDir),
      };
    },
    backupNow: (reason) => exclusive(() => backupUnqueued(reason)),
    backupNowSync: (reason) => {
      const info = makeBackupSync(options.getDb(), dir, reason, make);
      rotate(dir, now());
      return info;
    },
    dailyIfDue: () =>
      exclusive(async () => {
        const today = localDay(now());
        const made = listBackups(dir).some((b) => b.reason !== 'opened' && localDay(new Date(b.addedAt)) === today);
        return made ? null : backupUnqueued('daily');
      }),
    restore: (name) => exclusive(() => restoreUnqueued(name)),
    startCreate: () => startJob('create', async () => ({ backup: await backupUnqueued('manual'), undo: null })),
    startRestore: (name) => {
      find(name);
      return startJob('restore', async () => {
        const r = await restoreUnqueued(name);
        return { backup: r.restored, undo: r.undo };
      });
    },
    job: (id) => {
      const job = jobs.get(id);
      if (!job) throw new DomainError('NOT_FOUND', `There is no backup job ${id}.`);
      return { ...job };
    },
    openFile: (file) => {
      const info = importBackupFile(file, dir, make);
      return info;
    },
    saveCopy: (name, destinationDir) => saveCopy(find(name), destinationDir),
    idle: () => queue.then(() => undefined),
  };
}
