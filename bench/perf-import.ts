/**
 * A profile aid (not part of npm run bench): times the parts of one 100× import as bench/exchange.ts
 * makes it (MOGEF's workbook into a fresh copy of MOGEF's installation, every conflict to the file),
 * beside the bare SheetJS parse. node --import tsx bench/perf-import.ts [runs]; with --cpu-prof for a profile.
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
import { generatePlan } from './generate';
import { busiestBody, fillProgress } from './progress';
import { gatherWorkbook } from '../main/exchange/gather';
import { writeWorkbook } from '../main/exchange/write';
import { readWorkbook } from '../main/exchange/read';
import { prepareImport } from '../main/exchange/merge';
import { applyImport } from '../main/exchange/apply';

const runs = Number(process.argv[2] ?? 5);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-perf-'));
const doc = generatePlan(100);
const src = openDatabase(path.join(dir, 'src.sqlite'));
loadPlanDocument(src, doc);
fillProgress(src);
const planId = src.prepare('SELECT id FROM plan ORDER BY id DESC LIMIT 1').pluck().get() as number;
const periodId = src.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year DESC LIMIT 1').pluck().get(planId) as number;
const body = busiestBody(src, planId);
const data = gatherWorkbook(src, { kind: 'report', bodyCode: body, periodId, language: 'ko', writer: { installation: randomUUID(), role: 'body', body, name: 'x' }, writtenAt: new Date().toISOString(), exportId: randomUUID() });
const bytes = await writeWorkbook(data);
src.close();
const template = path.join(dir, 'recv-template.sqlite');
const t = openDatabase(template);
loadPlanDocument(t, doc);
const who = initializeInstallation(t, { role: 'coordinator', userName: 'p' });
t.close();
const work = path.join(dir, 'recv.sqlite');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const parts: Record<'bare' | 'read' | 'prepare' | 'apply', number[]> = { bare: [], read: [], prepare: [], apply: [] };
// CPU time of this process as well (user + system, ms): steadier than the wall clock on a machine others share.
const cpu: Record<keyof typeof parts, number[]> = { bare: [], read: [], prepare: [], apply: [] };
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let i = 0; i < runs; i++) {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(work + s, { force: true });
  fs.copyFileSync(template, work);
  const recv: Db = openDatabase(work);
  let c0 = cpuNow();
  let t0 = performance.now();
  XLSX.read(bytes, { type: 'buffer', dense: true });
  parts.bare.push(performance.now() - t0);
  cpu.bare.push(cpuNow() - c0);
  c0 = cpuNow();
  t0 = performance.now();
  const read = readWorkbook(new Uint8Array(bytes), 'x.xlsx');
  const t1 = performance.now();
  const c1 = cpuNow();
  if (!read.ok) throw new Error(read.refusal.en);
  const { plan, preview } = prepareImport(recv, who, read.workbook, { name: `x${i}.xlsx`, sha256: `s${i}`, bytes: bytes.length });
  const t2 = performance.now();
  const c2 = cpuNow();
  applyImport(recv, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, who, preview.needsConfirmation);
  const t3 = performance.now();
  const c3 = cpuNow();
  cpu.read.push(c1 - c0);
  cpu.prepare.push(c2 - c1);
  cpu.apply.push(c3 - c2);
  parts.read.push(t1 - t0);
  parts.prepare.push(t2 - t1);
  parts.apply.push(t3 - t2);
  recv.close();
  console.log(`rows ${plan.rows.length}: bare ${parts.bare.at(-1)!.toFixed(0)} ms, read ${(t1 - t0).toFixed(0)} ms, prepare ${(t2 - t1).toFixed(0)} ms, apply ${(t3 - t2).toFixed(0)} ms`);
}
for (const [what, xs] of [['wall', parts], ['cpu', cpu]] as const) {
  const m = Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, median(v)])) as Record<keyof typeof parts, number>;
  const all = m.read + m.prepare + m.apply;
  console.log(`${what} medians: bare ${m.bare.toFixed(0)} ms; read ${m.read.toFixed(0)}, prepare ${m.prepare.toFixed(0)}, apply ${m.apply.toFixed(0)}; import ${all.toFixed(0)} ms = ${(all / m.bare).toFixed(2)}× bare`);
}
fs.rmSync(dir, { recursive: true, force: true });
