/**
 * Damaged files (issue 8), opened through the application's own start
 * (startAppCore): copies of a real filled database with bytes flipped in the
 * header, on the schema page and on random pages, cut short, or with a stale
 * -wal beside them. Each copy must be refused with a message (code, the file,
 * what to do; the folder byte for byte unchanged) or open intact
 * (integrity_check ok and every row equal to the original's). No crash, no
 * file deleted. Prints the counts.
 *
 * Two families: copies as this version leaves them (with the session record
 * of a clean close, db/connection.ts), and copies without it (a database
 * moved here alone), where SQLite's own checks and the seal inside the file
 * (db/seal.ts) must see the damage: a byte flipped inside a text value passes
 * integrity_check, so copies are also flipped there on purpose. Both families
 * must have 0 copies opened with other data.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError, type DatabaseOpenCode } from '../../db/errors';
import { sessionFile } from '../../db/connection';
import { databaseFile } from '../../main/paths';
import { tempDir } from '../support/tmp';
import { dumpOfFile, filledDataDir, folderHashes, logicalDump, mofaKeys, OWN, start } from '../support/db-files';
import { mulberry32 } from '../../bench/generate';

type Outcome = 'refused' | 'intact' | 'altered' | 'crashed';

interface Case {
  name: string;
  family: 'with record' | 'without record';
  /** Makes the damaged folder from a copy of the base folder. */
  damage: (dir: string) => void;
  /** The dump an intact open must equal. */
  expected: string;
  base: string;
}

function copyFolder(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
}

function flipAt(file: string, offset: number, mask: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, offset);
    b[0] = b[0]! ^ mask;
    fs.writeSync(fd, b, 0, 1, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** The folder as a process killed after one more edit leaves it (database, -wal, -shm, session record). */
function crashed(from: string, to: string, text: string): void {
  copyFolder(from, to);
  const core = start(to);
  const [key] = mofaKeys(core);
  const loaded = core.dispatcher('progress:entry', { key }, OWN);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const revision = (loaded.value as { entry: { revision: number } }).entry.revision;
  const saved = core.dispatcher('progress:save', { key, baseRevision: revision, patch: { achievements: text } }, OWN);
  if (!saved.ok) throw new Error(saved.error.message);
  const snapshot = `${to}.snap`;
  copyFolder(to, snapshot);
  core.close();
  fs.rmSync(to, { recursive: true });
  fs.renameSync(snapshot, to);
}

function run(c: Case, dir: string): { outcome: Outcome; detail: string; unchanged: boolean; deleted: string[]; code?: DatabaseOpenCode } {
  copyFolder(c.base, dir);
  c.damage(dir);
  const before = folderHashes(dir);
  const names = fs.readdirSync(dir);
  try {
    const core = start(dir);
    try {
      const ok = core.db.pragma('integrity_check', { simple: true }) === 'ok';
      const same = logicalDump(core.db) === c.expected;
      return { outcome: ok && same ? 'intact' : 'altered', detail: ok ? 'rows differ' : 'integrity_check failed', unchanged: true, deleted: [] };
    } finally {
      core.close();
    }
  } catch (err) {
    const deleted = names.filter((n) => !fs.existsSync(path.join(dir, n)));
    if (!(err instanceof DatabaseOpenError)) return { outcome: 'crashed', detail: String(err), unchanged: false, deleted };
    const file = databaseFile(dir);
    const clear =
      err.message.includes(file) &&
      /left as (it is|they are)/.test(err.message) &&
      /restore a backup|newer version|another folder|another data folder|delete .*session/i.test(err.message) &&
      !/malformed|SQLITE_|disk image/.test(err.message);
    const unchanged = JSON.stringify(folderHashes(dir)) === JSON.stringify(before);
    return { outcome: clear ? 'refused' : 'crashed', detail: `${err.code}: ${err.message}`, unchanged, deleted, code: err.code };
  }
}

describe('damaged files', () => {
  it('are refused with a message or open intact: no crash, no deletion, refused files unchanged', { timeout: 120_000 }, () => {
    const t0 = Date.now();
    const seed = 20261201;
    const rnd = mulberry32(seed);
    const work = tempDir('nap-damaged-');
    const clean = path.join(work, 'clean');
    filledDataDir(clean, 60);
    const file = (dir: string) => databaseFile(dir);
    const cleanDump = dumpOfFile(file(clean));
    const bare = path.join(work, 'bare');
    copyFolder(clean, bare);
    fs.rmSync(sessionFile(file(bare)));
    const buf = fs.readFileSync(file(clean));
    const pageSize = buf.readUInt16BE(16);
    const pages = buf.length / pageSize;
    const probe = new Database(file(clean), { readonly: true });
    const schemaRoots = probe.prepare("SELECT rootpage FROM sqlite_schema WHERE rootpage > 1").pluck().all() as number[];
    probe.close();

    // States with a -wal: a killed session, and another copy's killed session.
    const crashedA = path.join(work, 'crashedA');
    crashed(clean, crashedA, '충돌 A');
    const crashedADump = dumpOfFile(file(crashedA), true);
    const crashedB = path.join(work, 'crashedB');
    crashed(clean, crashedB, '충돌 B');
    const older = path.join(work, 'older');
    crashed(clean, older, '오래된 세션');
    // The copy moved on after the older session's -wal was taken.
    const movedOn = path.join(work, 'movedOn');
    copyFolder(clean, movedOn);
    const core = start(movedOn);
    core.close();
    fs.copyFileSync(`${file(crashedA)}-wal`, path.join(work, 'crashedA.wal'));

    const cases: Case[] = [];
    const flipCase = (family: Case['family'], where: string, offset: number) => {
      const mask = 1 + Math.floor(rnd() * 255);
      cases.push({
        name: `${family}: flip ${where} byte ${offset} ^ 0x${mask.toString(16)}`,
        family,
        base: family === 'with record' ? clean : bare,
        expected: cleanDump,
        damage: (dir) => flipAt(file(dir), offset, mask),
      });
    };
    for (const family of ['without record', 'with record'] as const) {
      const n = family === 'without record' ? 1 : 4;
      for (let offset = 0; offset < 100; offset += n) flipCase(family, 'header', offset);
      for (let i = 0; i < (family === 'without record' ? 40 : 10); i++) flipCase(family, 'schema page', 100 + Math.floor(rnd() * (pageSize - 100)));
      for (let i = 0; i < (family === 'without record' ? 20 : 5); i++) {
        const root = schemaRoots[Math.floor(rnd() * schemaRoots.length)]!;
        flipCase(family, `table/index root page ${root}`, (root - 1) * pageSize + Math.floor(rnd() * 12));
      }
      for (let i = 0; i < (family === 'without record' ? 40 : 15); i++) {
        const page = 2 + Math.floor(rnd() * (pages - 1));
        flipCase(family, `page ${page}`, (page - 1) * pageSize + Math.floor(rnd() * pageSize));
      }
    }
    // Inside the words of a saved entry (a table page's text value): SQLite's own checks cannot see these; the seal does.
    const marker = Buffer.from('추진실적', 'utf8');
    const inText: number[] = [];
    for (let at = buf.indexOf(marker); at >= 0; at = buf.indexOf(marker, at + 1)) inText.push(at);
    expect(inText.length).toBeGreaterThan(10);
    for (const family of ['without record', 'with record'] as const) {
      for (let i = 0; i < (family === 'without record' ? 20 : 5); i++) {
        flipCase(family, 'inside a text value', inText[Math.floor(rnd() * inText.length)]! + Math.floor(rnd() * 40));
      }
    }
    for (const length of [0, 1, 50, 99, 100, 512, pageSize, pageSize + 1, 2 * pageSize, buf.length - pageSize, buf.length - 1, Math.floor(buf.length / 2)]) {
      for (const family of ['without record', 'with record'] as const) {
        cases.push({
          name: `${family}: cut to ${length} bytes`,
          family,
          base: family === 'with record' ? clean : bare,
          expected: cleanDump,
          damage: (dir) => fs.truncateSync(file(dir), length),
        });
      }
    }
    // Stale -wal files beside a database.
    const walCase = (name: string, base: string, expected: string, walFrom: string, shm = false) =>
      cases.push({
        name,
        family: 'with record',
        base,
        expected,
        damage: (dir) => {
          fs.copyFileSync(walFrom, `${file(dir)}-wal`);
          if (shm) fs.copyFileSync(`${file(crashedB)}-shm`, `${file(dir)}-shm`);
        },
      });
    for (let i = 0; i < 3; i++) {
      walCase(`another copy's -wal beside a cleanly closed copy (${i})`, clean, cleanDump, `${file(crashedB)}-wal`, i === 1);
      walCase(`another copy's -wal in place of the copy's own after a crash (${i})`, crashedA, crashedADump, `${file(crashedB)}-wal`, i === 2);
      walCase(`an older session's -wal beside the copy that moved on (${i})`, movedOn, cleanDump, `${file(older)}-wal`);
      walCase(`the copy's own -wal after a crash, intact (${i})`, crashedA, crashedADump, path.join(work, 'crashedA.wal'));
    }
    // A killed session's folder with its database damaged.
    for (let i = 0; i < 5; i++) {
      const page = 2 + Math.floor(rnd() * (pages - 1));
      const offset = (page - 1) * pageSize + Math.floor(rnd() * 8);
      cases.push({ name: `crashed: flip page ${page} header`, family: 'with record', base: crashedA, expected: crashedADump, damage: (dir) => flipAt(file(dir), offset, 0xff) });
    }

    const counts: Record<string, Record<Outcome, number>> = {};
    const codes: Record<string, number> = {};
    const bySeal: Record<string, number> = {};
    const problems: string[] = [];
    let deletions = 0;
    let changedOnRefusal = 0;
    for (const [i, c] of cases.entries()) {
      const dir = path.join(work, `case-${i}`);
      const r = run(c, dir);
      const family = (counts[c.family] ??= { refused: 0, intact: 0, altered: 0, crashed: 0 });
      family[r.outcome]++;
      if (r.code) codes[r.code] = (codes[r.code] ?? 0) + 1;
      if (r.outcome === 'refused' && r.detail.includes('when NAP Monitor last closed it')) bySeal[c.family] = (bySeal[c.family] ?? 0) + 1;
      deletions += r.deleted.length;
      if (r.outcome === 'refused' && !r.unchanged) changedOnRefusal++;
      if (r.outcome === 'crashed' || r.outcome === 'altered' || r.deleted.length > 0 || (r.outcome === 'refused' && !r.unchanged)) {
        problems.push(`${c.name} → ${r.outcome}: ${r.detail}`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `damaged files: ${cases.length} copies (seed ${seed}) in ${seconds} s\n` +
        Object.entries(counts)
          .map(([f, c]) => `  ${f}: ${c.refused} refused with a message, ${c.intact} intact, ${c.altered} opened with other data, ${c.crashed} crashes`)
          .join('\n') +
        `\n  deletions ${deletions}, refused but changed ${changedOnRefusal}\n  refusals by code: ${JSON.stringify(codes)}; of them by the seal alone: ${JSON.stringify(bySeal)}` +
        (problems.length ? `\n  ${problems.join('\n  ')}` : ''),
    );
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(deletions).toBe(0);
    expect(changedOnRefusal).toBe(0);
    // 100% detected or shown intact, in both families: not one copy opens with other data.
    for (const c of Object.values(counts)) {
      expect(c.crashed).toBe(0);
      expect(c.altered).toBe(0);
    }
    expect(problems).toEqual([]);
  });
});
