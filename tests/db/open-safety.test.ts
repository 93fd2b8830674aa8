/**
 * Opening safely (issue 8; docs/decisions/0010-opening-safely.md), through
 * the application's own start on real files: a refused database, its -wal
 * and -shm are left byte for byte as they were; nothing that holds data is
 * taken for "no database yet"; every refusal has a code, the file and what to
 * do; index/table mismatches are caught; a -wal from another copy is not
 * replayed; a clean close leaves no -wal.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError, type DatabaseOpenCode } from '../../db/errors';
import { LATEST_VERSION } from '../../db/migrations';
import os from 'node:os';
import { closeDatabase, openDatabase, sessionFile } from '../../db/connection';
import { contentDigest } from '../../db/seal';
import { loadPlanDocument } from '../../db/seed';
import { generatePlan } from '../../bench/generate';
import { fillProgress } from '../../bench/progress';
import { fillThirdPlan } from '../backup/support';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';
import { dumpOfFile, filledDataDir, folderHashes, logicalDump, OWN, start, mofaKeys } from '../support/db-files';

/** Starts the application on dataDir and expects a refusal with `code`, the folder unchanged and no new database. */
function expectRefused(dataDir: string, code: DatabaseOpenCode, fileAtFault?: string): DatabaseOpenError {
  const before = folderHashes(dataDir);
  let error: unknown;
  try {
    start(dataDir).close();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${code}`).toBeInstanceOf(DatabaseOpenError);
  const e = error as DatabaseOpenError;
  expect(e.code).toBe(code);
  if (fileAtFault) expect(e.file).toBe(fileAtFault);
  // What happened, where, what to do; never SQLite's words alone.
  expect(e.message).toContain(databaseFile(dataDir));
  expect(e.message).toMatch(/restore a backup|Install the newer version|Choose another data folder|move .* to another folder|Put the database file back/i);
  expect(e.message).toMatch(/left as (it is|they are)/);
  expect(e.message).not.toMatch(/malformed|SQLITE_|disk image/);
  expect(folderHashes(dataDir)).toEqual(before);
  return e;
}

/** A filled folder in the state a killed process leaves: the database with its -wal and -shm, copied while open. */
function crashedCopy(from: string, to: string, edit = true): void {
  const core = start(from);
  if (edit) {
    const [key] = mofaKeys(core);
    const loaded = core.dispatcher('progress:entry', { key }, OWN);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const revision = (loaded.value as { entry: { revision: number } }).entry.revision;
    const saved = core.dispatcher('progress:save', { key, baseRevision: revision, patch: { achievements: '충돌 직전의 편집' } }, OWN);
    if (!saved.ok) throw new Error(saved.error.message);
  }
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
  core.close();
}

function flip(file: string, offset: number, mask = 0xff): void {
  const buf = fs.readFileSync(file);
  buf[offset] = buf[offset]! ^ mask;
  fs.writeFileSync(file, buf);
}

describe('a refused database is left byte for byte as it was', () => {
  it('another application’s SQLite file is not switched to WAL', () => {
    const dir = tempDir();
    const raw = new Database(databaseFile(dir));
    raw.exec('CREATE TABLE other (x); INSERT INTO other VALUES (1)');
    raw.close();
    const e = expectRefused(dir, 'DB_FOREIGN');
    expect(e.message).toMatch(/not a NAP Monitor database/);
    expect(fs.readFileSync(databaseFile(dir))[18]).toBe(1); // still rollback journal, not WAL
    expect(fs.existsSync(`${databaseFile(dir)}-wal`)).toBe(false);
  });

  it('a newer version’s database with a -wal is not checkpointed into', () => {
    const src = tempDir();
    filledDataDir(src, 5);
    const raw = new Database(databaseFile(src));
    raw.pragma(`user_version = ${LATEST_VERSION + 10}`);
    raw.close();
    fs.rmSync(sessionFile(databaseFile(src)));
    // A later session of the newer version that was killed: its -wal holds a change.
    const dir = tempDir();
    const live = new Database(databaseFile(src));
    live.exec('CREATE TABLE newer_feature (x); INSERT INTO newer_feature VALUES (1)');
    for (const name of fs.readdirSync(src)) fs.copyFileSync(path.join(src, name), path.join(dir, name));
    live.close();
    expect(fs.existsSync(`${databaseFile(dir)}-wal`)).toBe(true);
    const e = expectRefused(dir, 'DB_NEWER');
    expect(e.message).toMatch(/newer version of NAP Monitor/);
    expect(e.details.found).toBe(LATEST_VERSION + 10);
  });

  it('a damaged database with a -wal and -shm beside it is not checkpointed into', () => {
    const src = tempDir();
    filledDataDir(src, 30);
    const dir = tempDir();
    crashedCopy(src, dir);
    const file = databaseFile(dir);
    const pageSize = fs.readFileSync(file).readUInt16BE(16);
    // The header of the page that holds the objectives (no edit touches it, so the -wal has no copy of it).
    const probe = new Database(databaseFile(src), { readonly: true });
    const root = probe.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'objective'").pluck().get() as number;
    probe.close();
    for (let i = 0; i < 8; i++) flip(file, (root - 1) * pageSize + i);
    expect(fs.existsSync(`${file}-shm`)).toBe(true);
    const e = expectRefused(dir, 'DB_DAMAGED', file);
    expect(e.message).toMatch(/damaged/);
  });

  it('index entries that do not match their table are caught (quick_check lets them through)', () => {
    const dir = tempDir();
    filledDataDir(dir, 5);
    const file = databaseFile(dir);
    fs.rmSync(sessionFile(file));
    const raw = new Database(file);
    raw.unsafeMode(true);
    raw.pragma('writable_schema = ON');
    raw.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX objective_area ON objective(number, area_id)' WHERE name = 'objective_area'").run();
    raw.pragma(`schema_version = ${(raw.pragma('schema_version', { simple: true }) as number) + 1}`);
    raw.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('quick_check', { simple: true })).toBe('ok');
    check.close();
    expectRefused(dir, 'DB_DAMAGED');
  });
});

describe('nothing that holds data is taken for a first start', () => {
  it('an empty database file', () => {
    const dir = tempDir();
    fs.writeFileSync(databaseFile(dir), '');
    expectRefused(dir, 'DB_EMPTY');
  });

  it('a 1-byte database file', () => {
    const dir = tempDir();
    fs.writeFileSync(databaseFile(dir), 'S');
    expectRefused(dir, 'DB_EMPTY');
  });

  it('a -wal with no database file', () => {
    const src = tempDir();
    filledDataDir(src, 3);
    const dir = tempDir();
    crashedCopy(src, dir);
    fs.rmSync(databaseFile(dir));
    const e = expectRefused(dir, 'DB_WAL_WITHOUT_DB', `${databaseFile(dir)}-wal`);
    expect(fs.existsSync(databaseFile(dir))).toBe(false);
    expect(e.message).toMatch(/missing/);
  });

  it('a -wal and -shm beside an empty database file', () => {
    const src = tempDir();
    filledDataDir(src, 3);
    const dir = tempDir();
    crashedCopy(src, dir);
    fs.writeFileSync(databaseFile(dir), '');
    expectRefused(dir, 'DB_EMPTY');
  });

  it('only a folder with neither a database file nor a -wal starts afresh', () => {
    const dir = tempDir();
    const core = start(dir);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    core.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['nap-monitor.sqlite', 'nap-monitor.sqlite.session.json']);
  });
});

describe('every refusal says what happened, where and what to do', () => {
  it('a flipped header byte says damaged, not "newer version"', () => {
    for (const offset of [16, 17, 18, 19, 21, 60]) {
      const dir = tempDir();
      filledDataDir(dir, 3);
      fs.rmSync(sessionFile(databaseFile(dir)));
      flip(databaseFile(dir), offset, offset === 60 ? 0x40 : 0xff);
      const e = expectRefused(dir, 'DB_DAMAGED');
      expect(e.message, `byte ${offset}`).not.toMatch(/newer/);
    }
  });

  it('a file changed after a clean close is refused, even where SQLite sees nothing wrong', () => {
    const dir = tempDir();
    filledDataDir(dir, 30);
    const file = databaseFile(dir);
    const text = fs.readFileSync(file);
    const at = text.indexOf(Buffer.from('추진실적 7:'));
    expect(at).toBeGreaterThan(0);
    text[at + 1] = text[at + 1]! ^ 0x01;
    fs.writeFileSync(file, text);
    const e = expectRefused(dir, 'DB_CHANGED_OUTSIDE');
    expect(e.message).toContain(sessionFile(file));
  });
});

describe('a -wal from another copy of the same database is not replayed over it', () => {
  it('beside a cleanly closed copy', () => {
    const a = tempDir();
    filledDataDir(a, 10);
    const b = tempDir();
    for (const name of fs.readdirSync(a)) fs.copyFileSync(path.join(a, name), path.join(b, name));
    const crashedB = tempDir();
    crashedCopy(b, crashedB);
    fs.copyFileSync(`${databaseFile(crashedB)}-wal`, `${databaseFile(a)}-wal`);
    expectRefused(a, 'DB_WAL_FOREIGN', `${databaseFile(a)}-wal`);
  });

  it('in place of the copy’s own -wal after a crash', () => {
    const a = tempDir();
    filledDataDir(a, 10);
    const b = tempDir();
    for (const name of fs.readdirSync(a)) fs.copyFileSync(path.join(a, name), path.join(b, name));
    const crashedA = tempDir();
    crashedCopy(a, crashedA);
    const crashedB = tempDir();
    crashedCopy(b, crashedB);
    fs.copyFileSync(`${databaseFile(crashedB)}-wal`, `${databaseFile(crashedA)}-wal`);
    fs.rmSync(`${databaseFile(crashedA)}-shm`);
    expectRefused(crashedA, 'DB_WAL_FOREIGN');
  });

  it('its own -wal after a crash is replayed, with the edit in it', () => {
    const a = tempDir();
    filledDataDir(a, 10);
    const crashed = tempDir();
    crashedCopy(a, crashed);
    const core = start(crashed);
    expect(core.db.prepare("SELECT count(*) FROM progress_entry WHERE achievements = '충돌 직전의 편집'").pluck().get()).toBe(1);
    core.close();
  });
});

describe('a clean close', () => {
  it('checkpoints and truncates the -wal, and leaves none', () => {
    const dir = tempDir();
    filledDataDir(dir, 10);
    expect(fs.existsSync(`${databaseFile(dir)}-wal`)).toBe(false);
    const record = JSON.parse(fs.readFileSync(sessionFile(databaseFile(dir)), 'utf8')) as { state: string };
    expect(record.state).toBe('closed');
    expect(dumpOfFile(databaseFile(dir))).toContain('추진실적 9');
  });
});

describe('starts killed half-way', () => {
  it('a start killed between its first write and the session record opens (its -wal holds only page 1)', () => {
    const dir = tempDir();
    filledDataDir(dir, 5);
    const file = databaseFile(dir);
    const crashed = tempDir();
    const raw = new Database(file);
    raw.pragma(`user_version = ${raw.pragma('user_version', { simple: true }) as number}`);
    for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(crashed, name));
    raw.close();
    expect(fs.statSync(`${databaseFile(crashed)}-wal`).size).toBeGreaterThan(32);
    const core = start(crashed);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    core.close();
  });

  it('a first start killed while building the database leaves no half-made file in its place', () => {
    const dir = tempDir();
    const file = databaseFile(dir);
    fs.writeFileSync(`${file}.creating`, 'half');
    const core = start(dir);
    core.close();
    expect(fs.existsSync(`${file}.creating`)).toBe(false);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('after an unclean shutdown, rows pointing at missing rows are caught (foreign_key_check)', () => {
    const src = tempDir();
    filledDataDir(src, 3);
    const dir = tempDir();
    crashedCopy(src, dir);
    fs.rmSync(sessionFile(databaseFile(dir)));
    const raw = new Database(databaseFile(dir));
    raw.pragma('foreign_keys = OFF');
    raw.prepare('INSERT INTO reporting_period (plan_id, year, label) VALUES (999, 2099, ?)').run('2099');
    const crashed = tempDir();
    for (const name of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, name), path.join(crashed, name));
    raw.close();
    const e = expectRefused(crashed, 'DB_DAMAGED');
    expect(e.message).toMatch(/point at rows that are not there/);
  });
});

/**
 * The seal inside the file (db/seal.ts): a cleanly closed database holds a
 * digest of its content, so a byte flipped inside a text value is caught even
 * when the file comes without its session record (moved here alone). A
 * session's first write removes it, so a killed session leaves none that
 * would no longer match; a copy made with VACUUM INTO keeps a valid one.
 * Prints what the seal costs.
 */
describe('the seal of a clean close', () => {
  const sealOf = (db: Database.Database) => db.prepare("SELECT value FROM app_setting WHERE key = 'seal'").pluck().get() as string | undefined;
  const alone = (dir: string) => fs.rmSync(sessionFile(databaseFile(dir)));

  it('a byte flipped inside a text value of a file without its session record is refused', () => {
    const dir = tempDir();
    filledDataDir(dir, 30);
    alone(dir);
    const file = databaseFile(dir);
    const clean = fs.readFileSync(file);
    const before = dumpOfFile(file);
    // An occurrence in a live row (a stale copy in free space changes nothing): SQLite's checks pass, the rows differ.
    let found = false;
    for (let at = clean.indexOf(Buffer.from('추진실적 7:')); at >= 0 && !found; at = clean.indexOf(Buffer.from('추진실적 7:'), at + 1)) {
      const text = Buffer.from(clean);
      text[at + 1] = text[at + 1]! ^ 0x01;
      fs.writeFileSync(file, text);
      found = dumpOfFile(file) !== before;
    }
    expect(found).toBe(true);
    const e = expectRefused(dir, 'DB_DAMAGED');
    expect(e.message).toMatch(/no longer what it held when NAP Monitor last closed it/);
  });

  it('is written at a clean close, removed by the next session and written again at its close', () => {
    const dir = tempDir();
    filledDataDir(dir, 5);
    const raw = new Database(databaseFile(dir), { readonly: true });
    const seal = JSON.parse(sealOf(raw)!) as { format: number; sha256: string };
    raw.close();
    expect(seal).toMatchObject({ format: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    alone(dir);
    const core = start(dir);
    expect(sealOf(core.db)).toBeUndefined();
    core.close();
    const again = new Database(databaseFile(dir), { readonly: true });
    expect(sealOf(again)).toBeDefined();
    again.close();
  });

  it('a session killed after an edit leaves no seal that would no longer match: it opens, without its record too', () => {
    const base = tempDir();
    filledDataDir(base, 10);
    const crashed = tempDir();
    crashedCopy(base, crashed);
    alone(crashed);
    const core = start(crashed);
    try {
      expect(core.db.prepare('SELECT count(*) FROM progress_entry WHERE achievements = ?').pluck().get('충돌 직전의 편집')).toBe(1);
    } finally {
      core.close();
    }
  });

  it('a copy made with VACUUM INTO of a cleanly closed file keeps a valid seal, and opens alone', () => {
    const dir = tempDir();
    filledDataDir(dir, 10);
    const copyDir = tempDir();
    const src = new Database(databaseFile(dir), { readonly: true });
    src.prepare('VACUUM INTO ?').run(databaseFile(copyDir));
    src.close();
    const expected = dumpOfFile(databaseFile(dir));
    const core = start(copyDir);
    try {
      expect(logicalDump(core.db)).toBe(expected);
    } finally {
      core.close();
    }
  });

  it('costs: writing it at close and checking it at open, on a filled database and at 10×', () => {
    const lines: string[] = [];
    const measure = (label: string, dir: string) => {
      const file = databaseFile(dir);
      const db = new Database(file, { readonly: true });
      const t0 = performance.now();
      contentDigest(db);
      const digest = performance.now() - t0;
      db.close();
      const opens = (withRecord: boolean) => {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          if (!withRecord) alone(dir);
          const t = performance.now();
          start(dir).close();
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[1]!;
      };
      const withRecord = opens(true);
      const without = opens(false);
      lines.push(
        `  ${label}: ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MiB; digest ${digest.toFixed(1)} ms; ` +
          `start and clean close (medians of 3) ${withRecord.toFixed(0)} ms with the session record (seal written, not checked), ` +
          `${without.toFixed(0)} ms without it (seal checked too: +${(without - withRecord).toFixed(0)} ms)`,
      );
    };
    const filled = tempDir();
    const core = start(filled);
    const r = core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, OWN);
    if (!r.ok) throw new Error(r.error.message);
    fillThirdPlan(core.db);
    core.close();
    measure('third plan, every body and year filled', filled);
    const scaled = tempDir();
    const db = openDatabase(databaseFile(scaled));
    loadPlanDocument(db, generatePlan(10));
    fillProgress(db);
    closeDatabase(db);
    measure('10× the third plan, filled (bench/progress.ts fillProgress)', scaled);
    console.log(`the seal's cost (load ${os.loadavg()[0]!.toFixed(1)}):\n${lines.join('\n')}`);
  }, 120_000);
});
