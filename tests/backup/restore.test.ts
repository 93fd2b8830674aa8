/**
 * Restore and its undo through the dispatcher (the real app core, files on
 * disk): the current state is backed up first, the live database replaced and
 * reopened, data:changed tells every entity, the installation is a new
 * generation; a damaged or foreign file is refused when opened and nothing
 * changes. Costs about 3 s.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../main/app-core';
import { ALL_ENTITIES, type Channel, type DataChange } from '../../contract/ipc';
import type { BackupInfo, BackupJob, BackupList } from '../../contract/backup';
import type { ProgressEntry } from '../../contract/progress';
import { tempDir } from '../support/tmp';
import { dump, dumpFile } from './support';

const ORIGIN = 'app://nap-monitor';
const OWN = { url: `${ORIGIN}/index.html` };

function start(dataDir = tempDir()) {
  const changes: { channel: Channel; change: DataChange }[] = [];
  const core = startAppCore({ dataDir, appVersion: '9.9.9', trustedOrigins: [ORIGIN], onDataChanged: (channel, change) => changes.push({ channel, change }) });
  const call = <T>(channel: string, payload: unknown = {}): T => {
    const r = core.dispatcher(channel, payload, OWN);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), { error: r.error });
    return r.value as T;
  };
  const refusal = (channel: string, payload: unknown) => {
    const r = core.dispatcher(channel, payload, OWN);
    if (r.ok) throw new Error(`${channel} was not refused`);
    return r.error;
  };
  return { core, call, refusal, changes, dataDir };
}

async function finished(call: <T>(c: string, p?: unknown) => T, job: BackupJob): Promise<BackupJob> {
  for (let i = 0; i < 500; i++) {
    const now = call<BackupJob>('backup:job', { id: job.id });
    if (now.state !== 'running') return now;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the job did not finish');
}

function entryText(call: <T>(c: string, p?: unknown) => T, key: object): string | null {
  return call<{ entry: ProgressEntry }>('progress:entry', { key }).entry.achievements;
}

function keyOf(core: AppCore) {
  const actionPlanId = core.db.prepare("SELECT id FROM action_plan WHERE code = '1.1.1'").pluck().get() as number;
  const periodId = core.db.prepare('SELECT id FROM reporting_period WHERE year = 2022').pluck().get() as number;
  return { actionPlanId, bodyCode: 'MOFA', periodId };
}

describe('restore through the dispatcher', () => {
  it('restores a backup, then undoes the restore; every step verified, a new generation each time', async () => {
    const { core, call, changes, dataDir } = start();
    call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    const key = keyOf(core);
    const first = call<ProgressEntry>('progress:save', { key, baseRevision: 0, patch: { achievements: '처음 내용' } });

    const made = await finished(call, call<BackupJob>('backup:create'));
    expect(made.state).toBe('done');
    expect(made.backup).toMatchObject({ reason: 'manual', entries: 1, plans: ['KOR-NAP-3'], periods: ['2022'], appVersion: '9.9.9', generation: 0 });
    const atBackup = dump(core.db);

    call<ProgressEntry>('progress:save', { key, baseRevision: first.revision, patch: { achievements: '나중 내용' } });
    const afterEdit = dump(core.db);
    const dbBefore = core.db;
    changes.length = 0;

    const restore = call<BackupJob>('backup:restore', { name: made.backup!.name });
    expect(restore.state).toBe('running');
    const restored = await finished(call, restore);
    expect(restored.error).toBeNull();
    expect(restored.state).toBe('done');
    // The live database was replaced and reopened: a new handle, the backup's state, plus the new generation.
    expect(dbBefore.open).toBe(false);
    expect(core.db).not.toBe(dbBefore);
    expect(entryText(call, key)).toBe('처음 내용');
    expect(call<BackupList>('backup:list').generation).toBe(1);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(changes).toEqual([{ channel: 'backup:restore', change: { entities: [...ALL_ENTITIES] } }]);
    // The state before the restore was backed up first, and holds the later text.
    const undo = restored.undo!;
    expect(undo.reason).toBe('before-restore');
    expect(dumpFile(undo.path)).toBe(afterEdit);
    // Apart from the generation, the restored database is the backup.
    expect(dumpFile(made.backup!.path)).toBe(atBackup);

    // Undo the restore: the later text comes back; another generation.
    const undone = await finished(call, call<BackupJob>('backup:restore', { name: undo.name }));
    expect(undone.state).toBe('done');
    expect(entryText(call, key)).toBe('나중 내용');
    expect(call<BackupList>('backup:list').generation).toBe(2);
    // Writing goes on through the same dispatcher, into the new handle.
    const now = call<{ entry: ProgressEntry }>('progress:entry', { key }).entry;
    call('progress:save', { key, baseRevision: now.revision, patch: { nextSteps: '계속' } });
    const list = call<BackupList>('backup:list');
    expect(list.locationWarning).toBeNull(); // a temp folder on the local disk
    expect(list.backups.map((b) => b.reason).sort()).toEqual(['before-restore', 'before-restore', 'manual']);
    expect(fs.readdirSync(dataDir).filter((n) => n.includes('restoring'))).toEqual([]);
    core.close();

    // Reopened from disk as at the next start: the undone state and its generation.
    const again = start(dataDir);
    expect(entryText(again.call, key)).toBe('나중 내용');
    expect(again.call<BackupList>('backup:list').generation).toBe(2);
    again.core.close();
  });

  it('a damaged, foreign, empty or missing file is refused when opened; the file is left as it was and nothing is added', async () => {
    const { core, call, refusal } = start();
    const made = await finished(call, call<BackupJob>('backup:create'));
    const outside = tempDir();
    const saved = call<{ path: string }>('backup:saveCopy', { name: made.backup!.name, destinationDir: outside }).path;
    expect(path.dirname(saved)).toBe(outside);

    const damaged = path.join(outside, 'damaged.sqlite');
    const bytes = fs.readFileSync(saved);
    const pageSize = bytes.readUInt16BE(16);
    // Garbage over a page in the middle of the file (a table's b-tree page).
    for (let i = 0; i < pageSize; i++) bytes[pageSize * 5 + i] = (i * 37 + 11) & 0xff;
    fs.writeFileSync(damaged, bytes);
    const foreign = path.join(outside, 'other-app.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const empty = path.join(outside, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const text = path.join(outside, 'notes.sqlite');
    fs.writeFileSync(text, '회의록 '.repeat(500));
    // Whole pages, but a row that breaks a CHECK constraint (written with the checks off).
    const broken = path.join(outside, 'broken-check.sqlite');
    fs.copyFileSync(saved, broken);
    const b = new Database(broken);
    b.pragma('ignore_check_constraints = ON');
    b.prepare('UPDATE plan SET end_year = start_year - 5').run();
    b.close();
    const files = [damaged, foreign, empty, text, broken];
    const before = files.map((f) => fs.readFileSync(f));
    const listBefore = call<BackupList>('backup:list').backups.map((b) => b.name);

    const hints = files.map((f) => {
      const error = refusal('backup:open', { path: f });
      expect(error.message).toContain(f);
      return error.details?.[0]?.hint;
    });
    expect(hints).toEqual(['damaged', 'not_ours', 'damaged', 'damaged', 'damaged']);
    expect(refusal('backup:open', { path: path.join(outside, 'gone.sqlite') }).code).toBe('NOT_FOUND');
    files.forEach((f, i) => expect(fs.readFileSync(f).equals(before[i]!)).toBe(true));
    expect(fs.existsSync(`${foreign}-wal`)).toBe(false);
    expect(call<BackupList>('backup:list').backups.map((b) => b.name)).toEqual(listBefore);

    // The good copy opens, lands in the list as "opened", and can be restored.
    const opened = call<BackupInfo>('backup:open', { path: saved });
    expect(opened).toMatchObject({ reason: 'opened', createdAt: made.backup!.createdAt, plans: ['KOR-NAP-3'] });
    const restored = await finished(call, call<BackupJob>('backup:restore', { name: opened.name }));
    expect(restored.state).toBe('done');
    // A folder that is gone (a USB stick taken out): a clear refusal.
    expect(refusal('backup:saveCopy', { name: made.backup!.name, destinationDir: path.join(outside, 'usb-gone') }).message).toContain('does not exist');
    core.close();
  });

  it('a backup damaged in the backups folder is refused at restore, and the live data stays', async () => {
    const { core, call } = start();
    call('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' });
    const made = await finished(call, call<BackupJob>('backup:create'));
    const before = dump(core.db);
    const bytes = fs.readFileSync(made.backup!.path);
    bytes.fill(0x55, 4096 * 3, 4096 * 4);
    fs.writeFileSync(made.backup!.path, bytes);
    const job = await finished(call, call<BackupJob>('backup:restore', { name: made.backup!.name }));
    expect(job.state).toBe('failed');
    expect(job.error?.hint).toBe('damaged');
    expect(dump(core.db)).toBe(before);
    core.close();
  });
});

describe('the system file dialog', () => {
  it('answers the path chosen in main (Electron), null when cancelled; none outside Electron', () => {
    const dataDir = tempDir();
    const asked: string[] = [];
    const answers: (string | null)[] = ['/media/usb/nap-monitor-2026-11-30T09-00-00-000Z-daily.sqlite', null];
    const core = startAppCore({ dataDir, appVersion: '1', trustedOrigins: [ORIGIN], choosePath: (kind) => (asked.push(kind), answers.shift() ?? null) });
    expect(core.dispatcher('backup:choosePath', { kind: 'open' }, OWN)).toEqual({ ok: true, value: { available: true, path: '/media/usb/nap-monitor-2026-11-30T09-00-00-000Z-daily.sqlite' } });
    expect(core.dispatcher('backup:choosePath', { kind: 'save' }, OWN)).toEqual({ ok: true, value: { available: true, path: null } });
    expect(asked).toEqual(['open', 'save']);
    core.close();
    const plain = start();
    expect(plain.call('backup:choosePath', { kind: 'save' })).toEqual({ available: false, path: null });
    plain.core.close();
  });
});
