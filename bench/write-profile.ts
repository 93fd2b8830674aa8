/**
 * The 100× workbook write alone, for profiling (node --cpu-prof): the same
 * data as bench/exchange.ts's "Exchange at 100×" (the busiest body of the
 * generated plan with its progress filled), writeWorkbook timed against the
 * bare ExcelJS write of the same cells, in the same run.
 *   node --import tsx bench/write-profile.ts [runs]
 * WRITE_PROFILE_DATA=<file.json> caches the gathered data between runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import type { WorkbookData } from '../contract/exchange';
import { gatherWorkbook } from '../main/exchange/gather';
import { writeWorkbook } from '../main/exchange/write';
import { generatePlan } from './generate';
import { busiestBody, fillProgress } from './progress';
import { bareWrite } from './exchange';

function gather(): WorkbookData {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-wprof-'));
  const db = openDatabase(path.join(dir, 'x100.sqlite'));
  try {
    loadPlanDocument(db, generatePlan(100));
    const { planId, periodIds } = fillProgress(db);
    const body = busiestBody(db, planId);
    return gatherWorkbook(db, {
      kind: 'report',
      bodyCode: body,
      periodId: periodIds.at(-1)!,
      language: 'ko',
      writer: { installation: randomUUID(), role: 'body', body, name: `${body} 담당자` },
      writtenAt: new Date().toISOString(),
      exportId: randomUUID(),
    });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cache = process.env.WRITE_PROFILE_DATA;
const data: WorkbookData = cache && fs.existsSync(cache) ? (JSON.parse(fs.readFileSync(cache, 'utf8')) as WorkbookData) : gather();
if (cache && !fs.existsSync(cache)) fs.writeFileSync(cache, JSON.stringify(data));
const metaText = JSON.stringify(data.meta);
const runs = Number(process.argv[2] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ours: number[] = [];
const bare: number[] = [];
let bytes = 0;
for (let i = 0; i < runs + 1; i++) {
  let t0 = performance.now();
  bytes = (await writeWorkbook(data)).length;
  const a = performance.now() - t0;
  t0 = performance.now();
  await bareWrite(data, metaText);
  const b = performance.now() - t0;
  if (i > 0 || runs === 0) {
    ours.push(a);
    bare.push(b);
  }
}
console.log(
  `${data.rows.length} rows × ${data.indicatorColumns.length} indicator columns, ${(bytes / 1024 / 1024).toFixed(2)} MiB: ` +
    `ours ${median(ours).toFixed(0)} ms, bare ${median(bare).toFixed(0)} ms, ratio ${(median(ours) / median(bare)).toFixed(2)}× ` +
    `(ours ${ours.map((x) => x.toFixed(0)).join(' ')}; bare ${bare.map((x) => x.toFixed(0)).join(' ')})`,
);
