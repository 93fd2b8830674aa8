/**
 * The reader off the main thread: readInWorker from the sources (a worker on
 * worker.ts through tsx), the built worker (dist/main/exchange-worker.cjs,
 * `npm run build`) started with plain worker_threads, and readInWorker as
 * bundled beside it; the time limit, the heap limit and an abort.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../../contract/exchange';
import { readWorkbook } from '../../main/exchange/read';
import { WORKER_BUNDLE, endIdleWorker, readInWorker, workerEntry, workersStarted } from '../../main/exchange/read-in-worker';
import { FIXTURES, makeWorkbook, standardRows } from '../../scripts/make-exchange-fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = path.join(root, 'dist/main', WORKER_BUNDLE);
const standard = () => new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'standard.xlsx')));
const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function requireBuilt(): void {
  if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does), then run this test again.`);
}

/** A workbook of 2,500 rows of three long texts (some 3,240 characters each by default; 190 KB on disk, 18 MB of shared strings). */
async function bigWorkbook(repeat = 120): Promise<Uint8Array> {
  const body = '분쟁지역 여성 지원 사업의 추진 실적입니다. '.repeat(repeat);
  const rows = Array.from({ length: 2_500 }, (_, i) => ({
    ...standardRows()[0]!,
    code: `9.${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
    achievements: `${i} ${body}`,
    nextSteps: `${i} ${body}`,
    difficulties: `${i} ${body}`,
  }));
  return makeWorkbook({ rows, meta: 'absent' });
}

describe('readInWorker from the sources', () => {
  it('answers what readWorkbook answers in-process, and takes the bytes without a copy', async () => {
    const expected = readWorkbook(standard(), 'standard.xlsx');
    const bytes = standard();
    const result = await readInWorker(bytes, 'standard.xlsx');
    expect(result).toEqual(expected);
    expect(result.ok).toBe(true);
    // Transferred: the caller's array is detached.
    expect(bytes.byteLength).toBe(0);
  });

  it('copies bytes that are only part of a buffer, and leaves them as they were', async () => {
    const whole = standard();
    const framed = new Uint8Array(whole.length + 16);
    framed.set(whole, 8);
    const view = framed.subarray(8, 8 + whole.length);
    const result = await readInWorker(view, 'framed.xlsx');
    expect(result.ok).toBe(true);
    expect(view.byteLength).toBe(whole.length);
    expect(view.every((b, i) => b === whole[i])).toBe(true);
  });

  it('refusals come back as refusals', async () => {
    const result = await readInWorker(new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'macros.xlsx'))), 'macros.xlsx');
    expect(result).toMatchObject({ ok: false, refusal: { code: 'macros' } });
  });

  it('out of time: the worker is ended, the answer is a timeout refusal naming the file', async () => {
    // A worker that has to start (a kept one may answer within the millisecond).
    await endIdleWorker();
    const result = await readInWorker(standard(), 'slow.xlsx', { timeoutMs: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.refusal.code).toBe('timeout');
      expect(result.refusal.ko).toContain('slow.xlsx');
      expect(result.refusal.en).toContain('slow.xlsx');
    }
  });

  it('out of heap: too_large, the worker ended; the same file reads with the default heap, a small file with the small heap', { timeout: 90_000 }, async () => {
    const small = await readInWorker(standard(), 'small.xlsx', { heapMb: 32 });
    expect(small.ok).toBe(true);
    // 800,000 numbers (6 MB on disk): the cells read from the sheet fill the heap, and the worker is ended, not kept.
    const numbers = XLSX.utils.aoa_to_sheet(Array.from({ length: 40_000 }, (_, r) => Array.from({ length: 20 }, (_, c) => r * 20 + c + 0.5)));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, numbers, 'numbers');
    const many = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
    await endIdleWorker();
    const before = workersStarted();
    const starved = await readInWorker(many.slice(), 'many.xlsx', { heapMb: 88 });
    expect(starved).toMatchObject({ ok: false, refusal: { code: 'too_large' } });
    if (!starved.ok) expect(starved.refusal.en).toContain('memory');
    expect((await readInWorker(standard(), 'next.xlsx', { heapMb: 88 })).ok).toBe(true);
    expect(workersStarted() - before).toBe(2);
    // Read with the default heap (it is no report: it has no header row).
    expect(await readInWorker(many.slice(), 'many.xlsx')).toMatchObject({ ok: false, refusal: { code: 'no_rows_sheet' } });
    await endIdleWorker();
  });

  it('a part larger than the heap left is refused before it is decoded, and the process lives', { timeout: 60_000 }, async () => {
    // Decoding a part is one allocation outside JavaScript: beyond the worker's limit it aborts the whole
    // process (no ERR_WORKER_OUT_OF_MEMORY). ooxml.ts checkRoom refuses it first, as an answer: the worker is kept.
    const huge = await bigWorkbook(480);
    await endIdleWorker();
    const before = workersStarted();
    const refused = await readInWorker(huge.slice(), 'huge.xlsx', { heapMb: 32 });
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'too_large' } });
    if (!refused.ok) expect(refused.refusal.ko).toContain('메모리');
    expect((await readInWorker(standard(), 'next.xlsx', { heapMb: 32 })).ok).toBe(true);
    expect(workersStarted() - before).toBe(1);
    const fed = await readInWorker(huge.slice(), 'huge.xlsx');
    expect(fed.ok && fed.workbook.rows.length).toBe(2_500);
    await endIdleWorker();
  });

  it('keeps one worker for the next file, and never one that timed out or ran out of heap', { timeout: 60_000 }, async () => {
    await endIdleWorker();
    const first = workersStarted();
    for (let i = 0; i < 3; i++) expect((await readInWorker(standard(), `again-${i}.xlsx`)).ok).toBe(true);
    expect(workersStarted() - first).toBe(1);
    // A timeout ends the worker (one that has to start, so that it is late): the next file gets a new one, and reads.
    await endIdleWorker();
    expect(await readInWorker(standard(), 'slow.xlsx', { timeoutMs: 1 })).toMatchObject({ ok: false, refusal: { code: 'timeout' } });
    expect(workersStarted() - first).toBe(2);
    expect((await readInWorker(standard(), 'after.xlsx')).ok).toBe(true);
    expect(workersStarted() - first).toBe(3);
    await endIdleWorker();
  });

  it('an abort ends the worker and rejects with an AbortError; an aborted signal starts none', async () => {
    const controller = new AbortController();
    const pending = readInWorker(standard(), 'cancelled.xlsx', { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(readInWorker(standard(), 'x.xlsx', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the built worker (dist/main/exchange-worker.cjs)', () => {
  it('is found beside the bundle, and worker.ts beside the sources', () => {
    expect(workerEntry('/app/resources/dist/main/main.cjs')).toEqual({ file: '/app/resources/dist/main/exchange-worker.cjs', source: false });
    expect(workerEntry('/repo/main/exchange/read-in-worker.ts')).toEqual({ file: '/repo/main/exchange/worker.ts', source: true });
  });

  it('reads a workbook when started with plain worker_threads', async () => {
    requireBuilt();
    const bytes = standard();
    const worker = new Worker(built, { workerData: { bytes, fileName: 'standard.xlsx' } });
    const result = await new Promise<ReadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(result).toEqual(readWorkbook(standard(), 'standard.xlsx'));
  });

  it('takes its job as a message when started without workerData', async () => {
    requireBuilt();
    const worker = new Worker(built);
    const result = new Promise<ReadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage({ bytes: standard(), fileName: 'standard.xlsx' });
    expect((await result).ok).toBe(true);
    await worker.terminate();
  });

  it('readInWorker bundled into a CJS main finds the worker beside it (plain node, no tsx)', { timeout: 60_000 }, async () => {
    requireBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-bundle-'));
    temps.push(dir);
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(
      entry,
      `import fs from 'node:fs';\nimport { readInWorker } from ${JSON.stringify(path.join(root, 'main/exchange/read-in-worker.ts'))};\n` +
        `readInWorker(new Uint8Array(fs.readFileSync(process.argv[2])), 'standard.xlsx').then((r) => console.log(JSON.stringify(r.ok ? r.workbook.rows.map((x) => x.code) : r.refusal.code)));\n`,
    );
    const result = await build({ absWorkingDir: root, entryPoints: [entry], outfile: path.join(dir, 'main.cjs'), bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'silent', write: true });
    expect(result.warnings).toEqual([]);
    fs.copyFileSync(built, path.join(dir, WORKER_BUNDLE));
    const out = execFileSync(process.execPath, [path.join(dir, 'main.cjs'), path.join(FIXTURES, 'standard.xlsx')], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['1.1.1', '1.1.2', '2.1.1']);
  });

  it('ExcelJS bundled into a CJS main (as dist/main/main.cjs bundles it) writes a workbook the bundled reader reads back', { timeout: 60_000 }, async () => {
    requireBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-exchange-bundle-'));
    temps.push(dir);
    const entry = path.join(dir, 'entry.ts');
    const meta = {
      format: 'nap-monitor-workbook', version: 1, kind: 'report', language: 'ko', plan: 'KOR-NAP-3', body: 'MOFA', year: 2023,
      writer: { installation: '11111111-1111-4111-8111-111111111111', role: 'body', body: 'MOFA', name: '김외교 (MOFA)' },
      writtenAt: '2026-12-01T00:00:00.000Z', exportId: '22222222-2222-4222-8222-222222222222', status: 'draft', returnedReason: null, rows: ['1.1.1'],
      base: { '1.1.1': { completion: 'completed', delayed: false, delayReason: null, achievements: '실적 =1+1', nextSteps: null, difficulties: null, budgetAllocated: 5_000_000, budgetExecuted: null, indicators: {}, evidence: '' } },
      indicators: [], comments: [], events: [],
    };
    const data = { meta, title: '제목', bodyName: '외교부', indicatorColumns: [], rows: [{ actionPlan: '1.1.1', area: '영역', objective: '목표', strategy: '전략', actionPlanText: '행동계획', otherBodies: '', values: meta.base['1.1.1'], lastCompletion: null, lastAchievements: null, comments: '' }] };
    fs.writeFileSync(
      entry,
      `import { writeWorkbook } from ${JSON.stringify(path.join(root, 'main/exchange/write.ts'))};
import { readInWorker } from ${JSON.stringify(path.join(root, 'main/exchange/read-in-worker.ts'))};
` +
        `void (async () => { const bytes = await writeWorkbook(${JSON.stringify(data)} as never); const r = await readInWorker(new Uint8Array(bytes), 'written.xlsx');
` +
        `console.log(JSON.stringify(r.ok ? { rows: r.workbook.rows.map((x) => x.code), meta: r.workbook.meta?.exportId, text: r.workbook.rows[0]?.cells.achievements?.value } : r.refusal.code)); })();\n`,
    );
    const result = await build({ absWorkingDir: root, entryPoints: [entry], outfile: path.join(dir, 'main.cjs'), bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'silent', write: true });
    expect(result.warnings).toEqual([]);
    fs.copyFileSync(built, path.join(dir, WORKER_BUNDLE));
    const out = execFileSync(process.execPath, [path.join(dir, 'main.cjs')], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ rows: ['1.1.1'], meta: meta.exportId, text: '실적 =1+1' });
  });
});
