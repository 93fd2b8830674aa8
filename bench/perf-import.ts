/** A profile aid (not part of npm run bench): times the parts of one 100× import. node --import tsx bench/perf-import.ts */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { initializeInstallation } from '../db/installation';
import { generatePlan } from './generate';
import { fillProgress } from './progress';
import { gatherWorkbook } from '../main/exchange/gather';
import { writeWorkbook } from '../main/exchange/write';
import { readWorkbook } from '../main/exchange/read';
import { prepareImport } from '../main/exchange/merge';
import { applyImport } from '../main/exchange/apply';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-perf-'));
const doc = generatePlan(100);
const src = openDatabase(path.join(dir, 'src.sqlite'));
loadPlanDocument(src, doc);
fillProgress(src);
const planId = src.prepare('SELECT id FROM plan ORDER BY id DESC LIMIT 1').pluck().get() as number;
const periodId = src.prepare('SELECT id FROM reporting_period WHERE plan_id = ? ORDER BY year DESC LIMIT 1').pluck().get(planId) as number;
const body = 'MOGEF';
const data = gatherWorkbook(src, { kind: 'report', bodyCode: body, periodId, language: 'ko', writer: { installation: randomUUID(), role: 'body', body, name: 'x' }, writtenAt: new Date().toISOString(), exportId: randomUUID() });
const bytes = await writeWorkbook(data);
const recv = openDatabase(path.join(dir, 'recv.sqlite'));
loadPlanDocument(recv, doc);
const who = initializeInstallation(recv, { role: 'coordinator', userName: 'p' });
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  const read = readWorkbook(new Uint8Array(bytes), 'x.xlsx');
  const t1 = performance.now();
  if (!read.ok) throw new Error(read.refusal.en);
  const { plan, preview } = prepareImport(recv, who, read.workbook, { name: `x${i}.xlsx`, sha256: `s${i}`, bytes: bytes.length });
  const t2 = performance.now();
  if (i === 0) applyImport(recv, plan, { take: 'file', picks: [], confirm: [...preview.needsConfirmation] }, who, preview.needsConfirmation);
  const t3 = performance.now();
  console.log(`rows ${plan.rows.length}: read ${(t1 - t0).toFixed(0)} ms, prepare ${(t2 - t1).toFixed(0)} ms, apply ${(t3 - t2).toFixed(0)} ms`);
}
fs.rmSync(dir, { recursive: true, force: true });
