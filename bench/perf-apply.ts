/**
 * A profile aid (not part of npm run bench): times applyImport alone on the 100× import of bench/exchange.ts
 * (MOGEF's workbook into a fresh copy of MOGEF's installation, every conflict to the file), wall and CPU time,
 * beside the bare SheetJS parse. The workbook and the receiver are made once into PERF_DIR (kept between runs).
 * node --import tsx bench/perf-apply.ts [runs]; with --cpu-prof for a profile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import * as XLSX from 'xlsx';
import { openDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { initializeInstallation } from '../db/installation';
import type { Installation } from '../contract/progress';
import { generatePlan } from './generate';
import { busiestBody, fillProgress } from './progress';
import { gatherWorkbook } from '../main/exchange/gather';
import { writeWorkbook } from '../main/exchange/write';
import { readWorkbook } from '../main/exchange/read';
import { prepareImport } from '../main/exchange/merge';
import { applyImport } from '../main/exchange/apply';

const runs = Number(process.argv[2] ?? 7);
const dir = process.env.PERF_DIR ?? path.join(os.tmpdir(), 'nap-perf-apply');
fs.mkdirSync(dir, { recursive: true });
const bytesFile = path.join(dir, 'report.xlsx');
const template = path.join(dir, 'recv-template.sqlite');
const who: Installation = { role: 'coordinator', userName: 'p' };
if (!fs.existsSync(bytesFile) || !fs.existsSync(template)) {
  const doc = generatePlan(100);
  const src = openDatabase(path.join(dir, 'src.sqlite'));
  loadPlanDocument(src, doc);
  fillProgress(src);
  const planId = src.prepare('SELECT id FROM plan ORDER BY id DESC LIMIT 1').pluck().get() as number;
  const periodId = src.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year DESC LIMIT 1').pluck().get(planId) as number;
  const body = busiestBody(src, planId);
  const data = gatherWorkbook(src, { kind: 'report', bodyCode: body, periodId, language: 'ko', writer: { installation: randomUUID(), role: 'body', body, name: 'x' }, writtenAt: new Date().toISOString(), exportId: randomUUID() });
  fs.writeFileSync(bytesFile, await writeWorkbook(data));
  src.close();
  const t = openDatabase(template);
  loadPlanDocument(t, doc);
  initializeInstallation(t, who);
  t.close();
}
const bytes = fs.readFileSync(bytesFile);
const work = path.join(dir, 'recv.sqlite');
// PERF_OLD=module.ts: also time that module's applyImportOld, interleaved (an A/B of two versions in one process).
const old = process.env.PERF_OLD ? ((await import(path.resolve(process.env.PERF_OLD))) as { applyImportOld: typeof applyImport }).applyImportOld : null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
type Part = 'bare' | 'preview' | 'apply' | 'applyOld';
const wall: Record<Part, number[]> = { bare: [], preview: [], apply: [], applyOld: [] };
const cpu: Record<Part, number[]> = { bare: [], preview: [], apply: [], applyOld: [] };
function time(part: Part, fn: () => void): void {
  const c0 = cpuNow();
  const t0 = performance.now();
  fn();
  wall[part].push(performance.now() - t0);
  cpu[part].push(cpuNow() - c0);
}
function importOnce(i: number, apply: typeof applyImport, part: 'apply' | 'applyOld'): void {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(work + s, { force: true });
  fs.copyFileSync(template, work);
  const recv: Db = openDatabase(work);
  let prepared: ReturnType<typeof prepareImport> | null = null;
  time('preview', () => {
    const read = readWorkbook(new Uint8Array(bytes), 'x.xlsx');
    if (!read.ok) throw new Error(read.refusal.en);
    prepared = prepareImport(recv, who, read.workbook, { name: `x${i}.xlsx`, sha256: `s${i}`, bytes: bytes.length });
  });
  const { plan, preview } = prepared!;
  const logBefore = recv.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
  time(part, () => apply(recv, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, who, preview.needsConfirmation));
  const logRows = (recv.prepare('SELECT count(*) FROM change_log').pluck().get() as number) - logBefore;
  const changes = recv.prepare('SELECT count(*) FROM exchange_change').pluck().get() as number;
  if (i === 0) {
    console.log(`rows ${plan.rows.length}, change_log +${logRows}, exchange_change ${changes}; WAL ${(fs.statSync(work + '-wal').size / 2 ** 20).toFixed(1)} MiB after the apply`);
  }
  recv.close();
}
for (let i = 0; i < runs; i++) {
  time('bare', () => XLSX.read(bytes, { type: 'buffer', dense: true }));
  if (old && i % 2 === 1) importOnce(i, old, 'applyOld');
  importOnce(i, applyImport, 'apply');
  if (old && i % 2 === 0) importOnce(i, old, 'applyOld');
}
for (const [what, xs] of [['wall', wall], ['cpu', cpu]] as const) {
  for (const [stat, f] of [['median', median], ['min', min]] as const) {
    const m = Object.fromEntries(Object.entries(xs).filter(([, v]) => v.length > 0).map(([k, v]) => [k, f(v)])) as Partial<Record<Part, number>>;
    const r = (n: number) => `${(n / m.bare!).toFixed(2)}×`;
    console.log(
      `${what} ${stat}: bare ${m.bare!.toFixed(0)} ms; preview ${m.preview!.toFixed(0)} (${r(m.preview!)}); apply ${m.apply!.toFixed(0)} (${r(m.apply!)}); import ${r(m.preview! + m.apply!)}` +
        (m.applyOld !== undefined ? `; old apply ${m.applyOld.toFixed(0)} (${r(m.applyOld)}), import ${r(m.preview! + m.applyOld)}` : ''),
    );
  }
}
