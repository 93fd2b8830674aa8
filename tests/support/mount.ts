/**
 * Small disks of the tests' own: a tmpfs mounted on a folder (root only;
 * the tests that need one skip elsewhere), full or read-only on demand, and
 * unmounted after each test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach } from 'vitest';

const mounted: string[] = [];
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
});

/** Whether this process can mount (and remount read-only) a tmpfs here. */
export function canMount(): boolean {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  const probe = fs.mkdtempSync('/tmp/nap-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,ro', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(probe);
  }
}

/** A tmpfs of that many bytes on dir (made if missing), unmounted after the test. */
export function tmpfs(dir: string, bytes: number): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  mounted.unshift(dir);
}

export function remount(dir: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, dir]);
}
