/**
 * Making a written file last through a power cut: its bytes synced to the
 * disk, and the folder synced after a rename into it. The database's own
 * files (db/connection.ts), backups and restores (main/backup/) use these.
 */
import fs from 'node:fs';

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
