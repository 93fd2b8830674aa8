/**
 * npm run bench: figures and ratios for a plan 100 times the third plan.
 * Not a test: nothing here fails on a slow figure, but any error exits
 * non-zero.
 *
 * The benchmark is a list of sections (SECTIONS below), each returning table
 * rows; they share a BenchContext (the generated document, a temp folder, the
 * loaded 100× database file). Later sections (matrix and dashboard queries,
 * Chromium render) are further entries that use ctx.dbFile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { PlanDocument } from '../seeds/schema';
import { bareInsert, createBare, flattenPlan, insertRows, rowCount } from './baseline';
import { describePlan, generatePlan, splitScale } from './generate';
import type { BenchContext, Section } from './context';
import { progressSections } from './progress';
import { renderSection } from './render';
import { exchangeSections } from './exchange';
import { packSections } from './packs';
import {
  collectGarbage, count, dbFileSize, measure, measureInterleaved, mib, ms, printTable, ratio, removeTempDirs, tempDir, timedCase,
  timeOnce, timingRow, type Stats,
} from './lib';

const SCALE = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** JIT warm-up: the load path settles after two or three loads. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);

let fileCounter = 0;
function newDbFile(ctx: BenchContext, stem: string): string {
  return path.join(ctx.dir, `${stem}-${++fileCounter}.sqlite`);
}

function removeDbFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/** Rows in every table of a database file (opened read-only). */
function totalRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return tables.reduce((n, t) => n + (db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number), 0);
  } finally {
    db.close();
  }
}

function betterSqliteVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../node_modules/better-sqlite3/package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

// --- sections ------------------------------------------------------------------

const machine: Section = {
  title: 'Machine',
  run() {
    const cpus = os.cpus();
    const mem = new Database(':memory:');
    const sqlite = mem.prepare('select sqlite_version()').pluck().get() as string;
    mem.close();
    return [
      { label: 'node', value: process.version, note: `${process.platform} ${process.arch}, V8 ${process.versions.v8}` },
      { label: 'CPU', value: `${cpus.length} logical`, note: cpus[0]?.model.trim() ?? 'unknown' },
      { label: 'memory', value: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`, note: 'total' },
      { label: 'SQLite', value: sqlite, note: `better-sqlite3 ${betterSqliteVersion()}` },
      { label: 'temp folder', value: os.tmpdir(), note: 'database files are written here (page cache warm)' },
      { label: 'runs', value: String(RUNS), note: `timed runs per figure after ${WARMUP} warm-up runs (BENCH_RUNS, BENCH_WARMUP)` },
      { label: 'load average', value: os.loadavg().map((l) => l.toFixed(2)).join(' '), note: '1, 5, 15 min: other work on the machine adds noise' },
    ];
  },
};

const plan: Section = {
  title: `Generated plan document (${SCALE}× the third plan)`,
  run(ctx) {
    const shape = describePlan(ctx.doc);
    const { objectiveCopies, actionCopies } = splitScale(ctx.scale);
    const parse = measure('parse', () => PlanDocument.parse(ctx.doc), { runs: ctx.runs, warmup: ctx.warmup });
    const json = JSON.stringify(ctx.doc);
    return [
      { label: 'areas / objectives / strategies', value: `${shape.areas} / ${shape.objectives} / ${shape.strategies}`,
        note: `objectives ×${objectiveCopies}, strategies follow their objective` },
      { label: 'action plans', value: count(shape.actionPlans), note: `${actionCopies}× per strategy, × ${objectiveCopies} objective copies` },
      { label: 'bodies / reporting periods', value: `${shape.bodies} / ${shape.periods}` },
      { label: 'body assignments', value: count(shape.assignments), note: `${shape.allAssignments} action plans with ALL` },
      { label: 'texts with Korean', value: count(shape.koreanTexts), note: `${count(shape.textChars)} text characters in all` },
      { label: 'document as JSON', value: mib(Buffer.byteLength(json)) },
      timingRow('PlanDocument.parse (zod)', parse, 'part of every load below'),
    ];
  },
};

/** d. Memory: one seed load in a fresh state (also warms up the load path). */
const memory: Section = {
  title: 'Memory around one seed load (process.memoryUsage)',
  run(ctx) {
    collectGarbage();
    const before = process.memoryUsage();
    const file = newDbFile(ctx, 'memory');
    const db = openDatabase(file);
    loadPlanDocument(db, ctx.doc);
    const after = process.memoryUsage();
    const peakRss = process.resourceUsage().maxRSS * 1024; // KiB on every platform Node supports
    db.close();
    removeDbFile(file);
    collectGarbage();
    const settled = process.memoryUsage();
    const gc = typeof (globalThis as { gc?: unknown }).gc === 'function';
    return [
      { label: 'RSS after the load', value: mib(after.rss), note: `+${mib(after.rss - before.rss)} over before the load` },
      { label: 'peak RSS (process so far)', value: mib(peakRss), note: 'resourceUsage().maxRSS' },
      { label: 'heap used after the load', value: mib(after.heapUsed),
        note: `+${mib(after.heapUsed - before.heapUsed)} over before; heap total ${mib(after.heapTotal)}` },
      { label: 'heap used after close + gc', value: mib(settled.heapUsed), note: gc ? 'the document stays in memory' : 'no --expose-gc: not collected' },
      { label: 'external + array buffers', value: mib(after.external + after.arrayBuffers), note: 'after the load' },
    ];
  },
};

/** a + b. Creating the database: ours against bare better-sqlite3. */
const load: Section = {
  title: 'Creating the database: openDatabase (new file, migrate) + loadPlanDocument, then close',
  run(ctx) {
    const { runs, warmup } = ctx;
    const fresh = () => newDbFile(ctx, 'load');
    const closeAndRemove = (db: Db, file: string) => {
      db.close();
      removeDbFile(file);
    };

    const rows = flattenPlan(ctx.doc); // b.: the same rows, computed before the clock starts
    // Measured in rounds (see measureInterleaved): ours and bare see the same
    // machine load, so the ratios are steadier than the absolute figures.
    const [migrateOnly, loadOnly, bareInsertOnly, ours, bare] = measureInterleaved(
      [
        timedCase('migrate', (file: string) => openDatabase(file), { setup: fresh, teardown: closeAndRemove }),
        timedCase(
          'load only',
          ({ db }: { db: Db; file: string }) => {
            loadPlanDocument(db, ctx.doc);
          },
          {
            setup: () => {
              const file = fresh();
              return { db: openDatabase(file), file };
            },
            teardown: (_r, c) => closeAndRemove(c.db, c.file),
          },
        ),
        timedCase('bare insert only', ({ db }: { db: Database.Database; file: string }) => insertRows(db, rows), {
          setup: () => {
            const file = newDbFile(ctx, 'bare');
            return { db: createBare(file), file };
          },
          teardown: (_r, c) => {
            c.db.close();
            removeDbFile(c.file);
          },
        }),
        timedCase(
          'ours',
          (file: string) => {
            const db = openDatabase(file);
            loadPlanDocument(db, ctx.doc);
            db.close();
          },
          { setup: fresh, teardown: (_r, file) => removeDbFile(file) },
        ),
        timedCase(
          'bare',
          (file: string) => {
            bareInsert(file, rows).close();
          },
          { setup: () => newDbFile(ctx, 'bare'), teardown: (_r, file) => removeDbFile(file) },
        ),
      ],
      { runs, warmup },
    ) as [Stats, Stats, Stats, Stats, Stats];

    // Keep one loaded database for the sections that follow, and check that
    // both paths wrote the same number of rows.
    const file = newDbFile(ctx, 'plan-x100');
    const db = openDatabase(file);
    loadPlanDocument(db, ctx.doc);
    db.close();
    ctx.dbFile = file;
    const bareFile = newDbFile(ctx, 'bare-check');
    bareInsert(bareFile, rows).close();
    // What a migrated database holds before any plan (the installation's own id …) is not the plan's.
    const emptyFile = newDbFile(ctx, 'empty-check');
    openDatabase(emptyFile).close();
    const oursRows = totalRows(file) - totalRows(emptyFile);
    removeDbFile(emptyFile);
    const bareRows = totalRows(bareFile);
    removeDbFile(bareFile);
    if (oursRows !== bareRows || bareRows !== rowCount(rows)) {
      throw new Error(`row counts differ: ours ${oursRows}, bare ${bareRows}, expected ${rowCount(rows)}`);
    }

    return [
      { label: 'rows written', value: count(oursRows), note: 'ours = bare, all tables' },
      timingRow('openDatabase, new file (create + migrate) + close', migrateOnly),
      timingRow('loadPlanDocument into a migrated database', loadOnly, 'parse + one IMMEDIATE transaction'),
      timingRow('a. ours: create + migrate + load + close', ours, 'the figure to compare'),
      timingRow('b. bare better-sqlite3: create + same rows + close', bare, 'plain tables, PK only, WAL + synchronous=FULL'),
      timingRow('   bare: the insert transaction only', bareInsertOnly, 'prepared rows, one transaction'),
      { label: 'ratio ours / bare (a / b)', value: ratio(ours.median, bare.median), note: 'medians, whole creation' },
      { label: 'ratio ours / bare, load only', value: ratio(loadOnly.median, bareInsertOnly.median),
        note: 'loadPlanDocument / bare insert transaction' },
    ];
  },
};

/** c. Opening the existing 100× database. */
const open: Section = {
  title: `Opening the existing ${SCALE}× database`,
  run(ctx) {
    const file = ctx.dbFile;
    if (!file) throw new Error('the load section did not leave a database file');
    const size = dbFileSize(file);
    const close = (db: Db) => db.close();
    const [withCheck, withoutCheck] = measureInterleaved(
      [
        timedCase('quick_check', () => openDatabase(file), { teardown: close }),
        timedCase('no check', () => openDatabase(file, { quickCheck: false }), { teardown: close }),
      ],
      { runs: ctx.runs, warmup: ctx.warmup },
    ) as [Stats, Stats];
    return [
      { label: 'file size', value: mib(size.main), note: `${count(size.main)} bytes; WAL ${mib(size.wal)} after close` },
      timingRow('c. openDatabase(file), with PRAGMA quick_check', withCheck, 'file in the page cache'),
      timingRow('   openDatabase(file, { quickCheck: false })', withoutCheck),
      { label: 'ratio with / without quick_check', value: ratio(withCheck.median, withoutCheck.median), note: 'medians' },
    ];
  },
};

// The Chromium section needs the built renderer and Debian's chromium; BENCH_SKIP_RENDER=1 leaves it out.
const ALL_SECTIONS: Section[] = [machine, plan, memory, load, open, ...progressSections, ...exchangeSections, ...(process.env.BENCH_SKIP_RENDER ? [] : [renderSection]), ...packSections];
// BENCH_ONLY=exchange: the sections whose title holds that word, after the ones that make the 100× database.
const ONLY = process.env.BENCH_ONLY?.toLowerCase() ?? null;
const SECTIONS = ONLY === null ? ALL_SECTIONS : ALL_SECTIONS.filter((s) => [machine, load, ...progressSections].includes(s) || s.title.toLowerCase().includes(ONLY));

// --- main -------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log(`NAP Monitor benchmark: a plan ${SCALE}× the third plan`);
  const generated = timeOnce(() => generatePlan(SCALE));
  console.log(`generated the plan document in ${ms(generated.ms)} (seeded, deterministic)`);
  const ctx: BenchContext = { scale: SCALE, runs: RUNS, warmup: WARMUP, dir: tempDir(), doc: generated.result };
  for (const section of SECTIONS) {
    printTable(section.title, await section.run(ctx));
  }
  console.log(`\ndone in ${ms(performance.now() - t0)}`);
}

try {
  await main();
} catch (err) {
  console.error('\nbenchmark failed:', err);
  process.exitCode = 1;
} finally {
  removeTempDirs();
}
