/**
 * Rotation against a fake clock: the last 10, the newest of each of the last
 * 7 days, the newest of each of the last 12 months. A year of daily backups
 * (and more on some days) is driven through rotation as the application
 * rotates, after each backup; then, on real files, the service deletes exactly
 * what rotation does not keep. Costs about 2 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptByRotation, listBackups } from '../../main/backup/backups';
import { createBackupService } from '../../main/backup/service';
import { seededDb } from '../support/app';

interface Item {
  name: string;
  addedAt: string;
}

/** Adds each backup in order and rotates after each, as the service does. */
function drive(times: Date[]): { kept: Set<string>; now: Date } {
  let items: Item[] = [];
  let now = times[0]!;
  for (const t of times) {
    now = t;
    items.push({ name: t.toISOString(), addedAt: t.toISOString() });
    const keep = keptByRotation(items, now);
    items = items.filter((i) => keep.has(i.name));
  }
  return { kept: new Set(items.map((i) => i.name)), now };
}

/** A time on the machine's clock (rotation counts the machine's local days), so the test holds in any time zone. */
const at = (day: string, time = '20:30:00.000') => new Date(`${day}T${time}`);
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
}

describe('the day of a backup', () => {
  it('is the day where the official is: in Seoul a new day starts at midnight, not at 09:00', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Seoul';
    try {
      const s = seededDb();
      let clock = new Date('2026-11-15T12:00:00Z'); // 21:00 in Seoul, Nov 15
      const service = createBackupService({
        dataDir: path.dirname(s.file),
        databaseFile: s.file,
        appVersion: 'test',
        now: () => clock,
        getDb: () => s.db,
        reopen: () => s.db,
      });
      expect((await service.dailyIfDue())?.reason).toBe('daily');
      clock = new Date('2026-11-15T23:00:00Z'); // 08:00 in Seoul, Nov 16 (still Nov 15 in UTC)
      expect((await service.dailyIfDue())?.reason).toBe('daily');
      expect(await service.dailyIfDue()).toBeNull();
      s.db.close();
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});

describe('rotation', () => {
  it('a year of daily backups keeps the last 10 and the newest of each of the 12 months', () => {
    const { kept } = drive(days('2026-01-01', '2026-12-31').map((d) => at(d)));
    const expected = [
      ...days('2026-12-22', '2026-12-31'), // the last 10 (the last 7 days among them)
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30',
      '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', // the newest of each earlier month
    ].map((d) => at(d).toISOString());
    expect([...kept].sort()).toEqual(expected.sort());
  });

  it('many backups a day: the last 10, one a day for a week, one a month for a year (a month older is dropped)', () => {
    // From 2025-12-01 to 2026-12-31: a daily backup, and in December 2026 four more a day (manual, before imports).
    const times: Date[] = [];
    for (const d of days('2025-12-01', '2026-12-31')) {
      times.push(at(d, '08:00:00.000'));
      if (d >= '2026-12-20') for (const h of ['10', '12', '14', '16']) times.push(at(d, `${h}:00:00.000`));
    }
    const { kept, now } = drive(times);
    expect(now.toISOString()).toBe(at('2026-12-31', '16:00:00.000').toISOString());
    const expected = new Set<string>([
      // The last 10: Dec 31 (08, 10, 12, 14, 16), Dec 30 (08..16).
      ...['08', '10', '12', '14', '16'].flatMap((h) => [at('2026-12-31', `${h}:00:00.000`), at('2026-12-30', `${h}:00:00.000`)]).map((d) => d.toISOString()),
      // One a day for the last 7 days (Dec 25..31): the newest of each.
      ...days('2026-12-25', '2026-12-29').map((d) => at(d, '16:00:00.000').toISOString()),
      // One a month for 12 months (Jan..Dec 2026): the newest of each; December 2025 is dropped.
      ...['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30'].map((d) => at(`2026-${d}`, '08:00:00.000').toISOString()),
    ]);
    expect([...kept].sort()).toEqual([...expected].sort());
    expect([...kept].some((k) => k.startsWith('2025'))).toBe(false);
  });

  it('a laptop off for weeks: nothing is deleted for lack of new days', () => {
    const times = [...days('2026-03-01', '2026-03-05').map((d) => at(d)), at('2026-04-20')];
    const { kept } = drive(times);
    expect(kept.size).toBe(6);
  });

  it('the service deletes, on disk, exactly what rotation does not keep (15 days, two backups a day)', async () => {
    const s = seededDb();
    let clock = at('2026-11-01', '09:00:00.000');
    const service = createBackupService({
      dataDir: path.dirname(s.file),
      databaseFile: s.file,
      appVersion: 'test',
      now: () => clock,
      getDb: () => s.db,
      reopen: () => s.db,
    });
    const made: string[] = [];
    for (const d of days('2026-11-01', '2026-11-15')) {
      for (const time of ['09:00:00.000', '18:00:00.000']) {
        clock = at(d, time);
        made.push((await service.backupNow(time.startsWith('09') ? 'daily' : 'manual')).name);
      }
    }
    const onDisk = listBackups(service.dir).map((b) => b.name);
    // The last 10 (Nov 11 09:00 .. Nov 15 18:00), the newest of Nov 9 and 10 (the week), the newest of November (in the last 10).
    // Two a day from Nov 1: Nov 9 18:00 is the 18th made, Nov 10 18:00 the 20th.
    const expected = [...made.slice(-10), made[19]!, made[17]!];
    expect(onDisk.sort()).toEqual(expected.sort());
    // Each kept backup has its sidecar; no temporary file is left.
    for (const n of onDisk) expect(fs.existsSync(path.join(service.dir, `${n}.json`))).toBe(true);
    expect(fs.readdirSync(service.dir).filter((n) => n.startsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(service.dir)).toHaveLength(onDisk.length * 2);
    // The synchronous backup (an import inside one request) joins the same folder and rotation.
    clock = at('2026-11-15', '20:00:00.000');
    const sync = service.backupNowSync('before-import');
    expect(listBackups(service.dir)[0]?.name).toBe(sync.name);
    expect(listBackups(service.dir)).toHaveLength(onDisk.length);
    // The daily backup is due once a day only.
    clock = at('2026-11-15', '21:00:00.000');
    expect(await service.dailyIfDue()).toBeNull();
    clock = at('2026-11-16', '07:00:00.000');
    expect((await service.dailyIfDue())?.reason).toBe('daily');
    expect(await service.dailyIfDue()).toBeNull();
    s.db.close();
  });
});
