/**
 * Making a written file last through a power cut: its bytes synced to the
 * disk, and the folder synced after a rename into it. The database's own
 * files (db/connection.ts), backups and restores (main/backup/), the
 * exchange's workbooks and the command line's output use these.
 */
import fs from 'node:fs';
import path from 'node:path';

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder to sync it; NTFS orders the rename itself.
  }
}

/**
 * Writes a file whole or not at all, and so that it lasts: the bytes into a
 * temporary file beside it (temp, by default the file's name with this
 * process's id), synced, renamed over the file, the folder synced. On any
 * error the temporary file is removed and the error thrown; the file is as
 * it was.
 */
export function writeFileDurably(file: string, data: string | Uint8Array, temp = `${file}.${process.pid}.tmp`): void {
  try {
    fs.writeFileSync(temp, data);
    fsyncFile(temp);
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}
