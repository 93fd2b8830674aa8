/** The data folder on a network share or in a synced cloud folder is told (SQLite's WAL needs a local disk). Costs < 1 s. */
import { describe, expect, it } from 'vitest';
import { locationWarning, mountTypeOf } from '../../main/backup/location';

const MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  'server:/export/home /home/shared nfs4 rw,relatime 0 0',
  '//fileserver/mogef /mnt/mogef\\040share cifs rw 0 0',
  '/dev/sdb1 /media/usb vfat rw 0 0',
].join('\n');

describe('where the data lives', () => {
  it('tells a network file system by the mount that holds the folder', () => {
    expect(mountTypeOf('/home/shared/kim/data', MOUNTS)).toBe('nfs4');
    expect(mountTypeOf('/home/sharedother', MOUNTS)).toBe('ext4');
    expect(locationWarning('/home/shared/kim/.config/NAP Monitor/data', 'linux', MOUNTS)).toBe('network');
    expect(locationWarning('/mnt/mogef share/data', 'linux', MOUNTS)).toBe('network');
    expect(locationWarning('/home/kim/.config/NAP Monitor/data', 'linux', MOUNTS)).toBeNull();
    expect(locationWarning('/media/usb/data', 'linux', MOUNTS)).toBeNull();
  });

  it('tells a Windows share by its UNC path, and a synced cloud folder by its name', () => {
    expect(locationWarning('\\\\fileserver\\mogef\\NAP Monitor\\data', 'win32')).toBe('network');
    expect(locationWarning('C:\\Users\\kim\\AppData\\Roaming\\NAP Monitor\\data', 'win32')).toBeNull();
    expect(locationWarning('C:\\Users\\kim\\OneDrive - 여성가족부\\NAP\\data', 'win32')).toBe('cloud');
    expect(locationWarning('/Users/kim/Library/CloudStorage/GoogleDrive-kim/My Drive/data', 'darwin')).toBe('cloud');
    expect(locationWarning('/home/kim/Dropbox/nap/data', 'linux', MOUNTS)).toBe('cloud');
    expect(locationWarning('/home/kim/dropbox-notes/data', 'linux', MOUNTS)).toBeNull();
  });
});
