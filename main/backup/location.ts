/**
 * Is the data folder on a network share or in a synced cloud folder? SQLite's
 * WAL needs a local disk (shared memory between processes, and locks that
 * network file systems do not keep); a sync client may copy the file halfway
 * through a write. Plain Node: reads /proc/mounts on Linux, nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LocationWarning = 'network' | 'cloud';

const NETWORK_FS = /^(nfs4?|cifs|smb3?|smbfs|afs|9p|ceph|glusterfs|fuse\.sshfs|fuse\.rclone|davfs|fuse\.davfs2?|webdav|ncpfs|fuse\.s3fs)$/i;
const CLOUD_DIR = /^(OneDrive( - .+)?|Dropbox|Google Drive|GoogleDrive|My Drive|iCloud Drive|iCloudDrive|Mobile Documents|CloudStorage|Box|Box Sync|pCloud Drive|MEGA|NAVER MYBOX|네이버 MYBOX|MYBOX)$/i;

/** The file system type of the mount that holds dir, from /proc/mounts text (the longest mount point that contains it). */
export function mountTypeOf(dir: string, mounts: string): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const p = point.replace(/\\040/g, ' ');
    const inside = p === '/' || dir === p || dir.startsWith(`${p}/`);
    if (inside && (!best || p.length > best.point.length)) best = { point: p, type };
  }
  return best?.type ?? null;
}

export function locationWarning(dir: string, platform: NodeJS.Platform = process.platform, mounts?: string): LocationWarning | null {
  const parts = dir.split(/[\\/]+/).filter(Boolean);
  if (parts.some((p) => CLOUD_DIR.test(p))) return 'cloud';
  if (platform === 'win32') {
    // \\server\share\… or a mapped drive is told by its UNC form only.
    if (/^\\\\[^\\?.]/.test(dir) || /^\/\/[^/]/.test(dir)) return 'network';
    return null;
  }
  if (platform === 'linux') {
    let text = mounts;
    if (text === undefined) {
      try {
        text = fs.readFileSync('/proc/mounts', 'utf8');
      } catch {
        return null;
      }
    }
    const type = mountTypeOf(path.resolve(dir), text);
    if (type && NETWORK_FS.test(type)) return 'network';
  }
  // macOS: a mounted share shows under /Volumes like a USB disk, and is not told apart here.
  return null;
}
