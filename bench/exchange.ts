/**
 * The Excel exchange: consolidating the ten bodies' report workbooks of the
 * third plan at MOGEF (target ≤ 1 s in all), and at 100× scale one body's
 * workbook written (target ≤ 1.5× a bare ExcelJS write of the same cells)
 * and imported (target ≤ 2× the bare SheetJS parse of the same file), each
 * as a ratio measured in the same run, with the import's peak memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { openDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { initializeInstallation } from '../db/installation';
import { saveEntry } from '../db/entries';
import { getBodyReport } from '../db/reports';
import type { Installation } from '../contract/progress';
import type { WorkbookData } from '../contract/exchange';
import { gatherWorkbook } from '../main/exchange/gather';
import { writeWorkbook } from '../main/exchange/write';
import { readWorkbook } from '../main/exchange/read';
import { readInWorker, WORKER_BUNDLE } from '../main/exchange/read-in-worker';
import { prepareImport } from '../main/exchange/merge';
import { applyImport } from '../main/exchange/apply';
import { loadNap3 } from './generate';
import { busiestBody } from './progress';
import type { BenchContext, Section } from './context';
import { collectGarbage, count, mib, ms, ratio, statsOf, timingRow, type Row, type Stats } from './lib';

const COORDINATOR: Installation = { role: 'coordinator', userName: '벤치 조정' };

function fresh(file: string, doc: Parameters<typeof loadPlanDocument>[1], who: Installation): Db {
  const db = openDatabase(file);
  loadPlanDocument(db, doc);
  initializeInstallation(db, who);
  return db;
}

function copyDb(from: string, to: string): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(to + s, { force: true });
  fs.copyFileSync(from, to);
}

/** A body's report workbook as its installation writes it. */
async function reportWorkbook(db: Db, body: string, periodId: number): Promise<{ data: WorkbookData; bytes: Buffer }> {
  const data = gatherWorkbook(db, {
    kind: 'report',
    bodyCode: body,
    periodId,
    language: 'ko',
    writer: { installation: randomUUID(), role: 'body', body, name: `${body} 담당자` },
    writtenAt: new Date().toISOString(),
    exportId: randomUUID(),
  });
  return { data, bytes: await writeWorkbook(data) };
}

/** The worker as the application starts it: the built bundle (npm run build), not the sources through tsx. */
function workerBundle(): { file: string; source: boolean } {
  const file = path.join(import.meta.dirname, '..', 'dist', 'main', WORKER_BUNDLE);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build before npm run bench.`);
  return { file, source: false };
}

/** Read (worker or in-process), merge, apply: one import at MOGEF, every conflict to the file. */
async function importOnce(db: Db, bytes: Buffer, name: string, inWorker: boolean, apply = true): Promise<number> {
  const result = inWorker ? await readInWorker(new Uint8Array(bytes), name, { entry: workerBundle() }) : readWorkbook(new Uint8Array(bytes), name);
  if (!result.ok) throw new Error(`${name}: ${result.refusal.en}`);
  const { plan, preview } = prepareImport(db, COORDINATOR, result.workbook, { name, sha256: 'bench', bytes: bytes.length });
  if (apply) applyImport(db, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, COORDINATOR, preview.needsConfirmation);
  return plan.rows.length;
}

async function timed(runs: number, warmup: number, name: string, setup: () => void | Promise<void>, fn: () => Promise<unknown>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    await setup();
    const t0 = performance.now();
    await fn();
    const t = performance.now() - t0;
    if (i >= warmup) samples.push(t);
  }
  return statsOf(name, samples);
}

const consolidation: Section = {
  title: 'Exchange: MOGEF consolidates the ten bodies’ report workbooks of the third plan (target ≤ 1 s in all)',
  async run(ctx: BenchContext): Promise<Row[]> {
    const nap3 = loadNap3();
    // Ten body installations, each with every entry filled, each writing its report.
    const source = fresh(path.join(ctx.dir, 'x-bodies.sqlite'), nap3, COORDINATOR);
    const periodId = source.prepare('SELECT id FROM reporting_period ORDER BY year DESC LIMIT 1').pluck().get() as number;
    const bodies = source.prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id ORDER BY pb.seq').pluck().all() as string[];
    const files: { name: string; bytes: Buffer }[] = [];
    for (const body of bodies) {
      const actor: Installation = { role: 'body', bodyCode: body, userName: 'bench' };
      for (const item of getBodyReport(source, body, periodId).items) {
        saveEntry(source, { actionPlanId: item.actionPlanId, bodyCode: body, periodId }, 0, {
          completion: 'substantial',
          delayed: false,
          achievements: '여성·평화·안보 교육과정을 운영하고 관계 부처 담당자 대상 연수를 실시하였다. '.repeat(4),
          nextSteps: '다음 해에도 계속 운영한다.',
          budgetAllocated: 120_000_000,
          budgetExecuted: 98_000_000,
        }, actor, 'bench');
      }
      files.push({ name: `${body}.xlsx`, bytes: (await reportWorkbook(source, body, periodId)).bytes });
    }
    source.close();
    const template = path.join(ctx.dir, 'x-mogef-template.sqlite');
    fresh(template, nap3, COORDINATOR).close();
    const work = path.join(ctx.dir, 'x-mogef.sqlite');
    let db: Db | null = null;
    let rows = 0;
    const run = (inWorker: boolean) =>
      timed(ctx.runs, ctx.warmup, inWorker ? 'ten imports, read in the worker' : 'ten imports, read in-process', () => {
        db?.close();
        copyDb(template, work);
        db = openDatabase(work);
      }, async () => {
        rows = 0;
        for (const f of files) rows += await importOnce(db!, f.bytes, f.name, inWorker);
      });
    const worker = await run(true);
    const inProcess = await run(false);
    (db as Db | null)?.close();
    return [
      { label: 'workbooks / rows', value: `${files.length} / ${count(rows)}`, note: `${mib(files.reduce((n, f) => n + f.bytes.length, 0))} in all` },
      timingRow('ten imports (read in the kept worker, merge, apply)', worker, `${worker.median <= 1000 ? 'meets' : 'MISSES'} ≤ 1 s (${ratio(worker.median, 1000)} of target)`),
      timingRow('   the same, read in-process', inProcess, 'what the worker costs: the difference'),
    ];
  },
};

/** The same cells written by plain ExcelJS: one sheet of the rows' values and the metadata's text, no styles, no validations. */
export async function bareWrite(data: WorkbookData, metaText: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('rows');
  for (const r of data.rows) {
    const v = r.values;
    ws.addRow([r.actionPlan, r.area, r.objective, r.strategy, r.actionPlanText, r.otherBodies, v.completion, v.delayed, v.delayReason, v.achievements, v.nextSteps, v.difficulties, v.budgetAllocated, v.budgetExecuted, ...Object.values(v.indicators), v.evidence, r.lastCompletion, r.lastAchievements, r.comments]);
  }
  const meta = wb.addWorksheet('meta');
  for (let i = 0; i * 30_000 < metaText.length; i++) meta.addRow([metaText.slice(i * 30_000, (i + 1) * 30_000)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const scaled: Section = {
  title: 'Exchange at 100×: one body’s workbook written (≤ 1.5× bare ExcelJS) and imported (≤ 2× bare SheetJS parse)',
  async run(ctx: BenchContext): Promise<Row[]> {
    if (!ctx.dbFile) throw new Error('the load section did not leave a database file');
    const db = openDatabase(ctx.dbFile);
    const planId = db.prepare('SELECT id FROM plan ORDER BY id DESC LIMIT 1').pluck().get() as number;
    const periodId = db.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year DESC LIMIT 1').pluck().get(planId) as number;
    const body = busiestBody(db, planId);
    const { data, bytes } = await reportWorkbook(db, body, periodId);
    const metaText = JSON.stringify(data.meta);
    const [ours, bare] = await (async () => {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < ctx.runs + ctx.warmup; i++) {
        let t0 = performance.now();
        await writeWorkbook(data);
        const ta = performance.now() - t0;
        t0 = performance.now();
        await bareWrite(data, metaText);
        const tb = performance.now() - t0;
        if (i >= ctx.warmup) {
          a.push(ta);
          b.push(tb);
        }
      }
      return [statsOf('ours', a), statsOf('bare', b)];
    })();
    const gather = await timed(ctx.runs, ctx.warmup, 'gather', () => undefined, async () => reportWorkbook(db, body, periodId));
    db.close();

    // The receiver: the 100× plan with no entries, as MOGEF's installation; a fresh copy for each import.
    const template = path.join(ctx.dir, 'x100-mogef-template.sqlite');
    fresh(template, ctx.doc, COORDINATOR).close();
    const work = path.join(ctx.dir, 'x100-mogef.sqlite');
    let target: Db | null = null;
    const setup = () => {
      target?.close();
      copyDb(template, work);
      target = openDatabase(work);
    };
    const bareParse = await timed(ctx.runs, ctx.warmup, 'bare parse', () => undefined, async () => XLSX.read(bytes, { type: 'buffer', dense: true }));
    const readOnly = await timed(ctx.runs, ctx.warmup, 'read', () => undefined, async () => readWorkbook(new Uint8Array(bytes), 'x.xlsx'));
    const previewOnly = await timed(ctx.runs, ctx.warmup, 'preview in-process', setup, () => importOnce(target!, bytes, 'x.xlsx', false, false));
    const inProcess = await timed(ctx.runs, ctx.warmup, 'import in-process', setup, () => importOnce(target!, bytes, 'x.xlsx', false));
    const inWorker = await timed(ctx.runs, ctx.warmup, 'import in worker', setup, () => importOnce(target!, bytes, 'x.xlsx', true));
    // Peak memory of one import (the worker's heap is in this process's RSS).
    setup();
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakHeap = heapBefore;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const rows = await importOnce(target!, bytes, 'x.xlsx', true);
    clearInterval(sampler);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    (target as Db | null)?.close();
    return [
      { label: `${body}'s workbook`, value: `${count(data.rows.length)} rows`, note: `${mib(bytes.length)}; ${data.indicatorColumns.length} indicator columns; metadata ${mib(metaText.length)}` },
      timingRow('write: writeWorkbook (styles, dropdowns, protection, metadata)', ours),
      timingRow('   bare ExcelJS: the same cells, one sheet + metadata text', bare),
      { label: 'ratio write ours / bare', value: ratio(ours.median, bare.median), note: `${ours.median <= 1.5 * bare.median ? 'meets' : 'MISSES'} ≤ 1.5×` },
      timingRow('   gather + write (what an export does)', gather),
      timingRow('bare SheetJS parse of the file (XLSX.read, dense)', bareParse),
      timingRow('   readWorkbook alone (sniff, bounds, parse, rows)', readOnly, `${ratio(readOnly.median, bareParse.median)} of the bare parse`),
      timingRow('preview in-process: read + merge (nothing written)', previewOnly),
      { label: 'ratio preview / bare parse', value: ratio(previewOnly.median, bareParse.median), note: `${previewOnly.median <= 2 * bareParse.median ? 'meets' : 'MISSES'} ≤ 2×` },
      timingRow('import in-process: read + merge + apply (all rows new)', inProcess, `apply alone ≈ ${ms(inProcess.median - previewOnly.median)}: every field logged, every change kept for undo`),
      { label: 'ratio import in-process / bare parse', value: ratio(inProcess.median, bareParse.median), note: `${inProcess.median <= 2 * bareParse.median ? 'meets' : 'MISSES'} ≤ 2×` },
      timingRow('import as the application does: read in a worker', inWorker, `${ratio(inWorker.median, bareParse.median)} of the bare parse (worker start included)`),
      { label: 'peak memory of one import', value: `RSS +${mib(peakRss - rssBefore)}`, note: `heap +${mib(peakHeap - heapBefore)} (sampled every 5 ms); ${count(rows)} rows written` },
      { label: '   (timing figures above)', value: ms(0), note: 'medians of the runs' },
    ].filter((r) => r.label !== '   (timing figures above)');
  },
};

export const exchangeSections: Section[] = [consolidation, scaled];
