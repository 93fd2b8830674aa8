/**
 * The reader on mutated workbooks: bytes flipped, files cut short, the XML
 * inside the zip edited (numbers changed, tags deleted, garbage inserted)
 * and re-zipped with JSZip, sizes and offsets lying in the zip's headers.
 * Fixed seed. readWorkbook never throws, and each answer is a well-formed
 * ReadWorkbook or a refusal with a known code and both messages. In-process
 * (no worker per case), so it stays fast; only the legacy .xls cases go
 * through the worker (below).
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/connection';
import { writeWorkbook } from '../../main/exchange/write';
import { mofaFixture } from './support-write';
import { FIXED_COLUMNS, REFUSAL_CODES, type ReadResult, type ReadWorkbook } from '../../contract/exchange';
import { readWorkbook, zipEntries } from '../../main/exchange/read';
import { readInWorker } from '../../main/exchange/read-in-worker';
import { FIXTURES } from '../../scripts/make-exchange-fixtures';
import { mulberry32 } from '../../bench/generate';

interface Seed {
  name: string;
  bytes: Uint8Array;
  zip: boolean;
}

const load = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const SEEDS: Seed[] = ['standard.xlsx', 'text-numbers.xlsx', 'merged.xlsx', 'title-inserted.xlsx', 'no-meta.xlsx', 'libreoffice-standard.ods'].map((name) => ({
  name,
  bytes: load(name),
  zip: true,
}));
/**
 * Legacy .xls goes through the worker, as in the application: SheetJS' BIFF
 * parser can spend gigabytes on a damaged .xls (a flipped byte in the
 * compound file's FAT did: case 788 of an earlier run, 4 GB and the test
 * process died), which only the worker's heap limit bounds.
 */
const XLS_CASES = 12;

beforeAll(async () => {
  // The application's own writer's output: data validations, protection, long Korean texts.
  const { t, data } = mofaFixture();
  SEEDS.push({ name: 'written.xlsx', bytes: new Uint8Array(await writeWorkbook(data)), zip: true });
  closeDatabase(t.db);
});
const CASES = 1_000;


type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, list: readonly T[]): T => list[int(rand, list.length)]!;

function flipBytes(rand: Rand, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0, n = 1 + int(rand, 20); i < n; i += 1) out[int(rand, out.length)] = int(rand, 256);
  return out;
}

function truncate(rand: Rand, bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, int(rand, bytes.length));
}

const GARBAGE = ['<', '>', '&', '&amp;', '"', '<c r="ZZZ99999999"><v>1</v></c>', '<row r="0">', '</sheetData>', '\u0000', '가나다', '<?xml', ']]>', 'r="A0"', 't="e"', '<v>NaN</v>', '9'.repeat(400)];

function editXml(rand: Rand, xml: string): string {
  switch (int(rand, 5)) {
    case 0: {
      // A number changed: a row or cell reference, a count, a value.
      const numbers = [...xml.matchAll(/\d+/g)];
      if (numbers.length === 0) return xml;
      const m = pick(rand, numbers);
      const replacement = pick(rand, ['0', '-1', '1048577', '99999999999', '16385', String(int(rand, 100_000)), '1e308', '']);
      return xml.slice(0, m.index) + replacement + xml.slice(m.index! + m[0].length);
    }
    case 1: {
      // A tag deleted.
      const tags = [...xml.matchAll(/<[^>]+>/g)];
      if (tags.length === 0) return xml;
      const m = pick(rand, tags);
      return xml.slice(0, m.index) + xml.slice(m.index! + m[0].length);
    }
    case 2: {
      const at = int(rand, xml.length + 1);
      return xml.slice(0, at) + pick(rand, GARBAGE) + xml.slice(at);
    }
    case 3: {
      // A stretch cut out.
      const at = int(rand, xml.length);
      return xml.slice(0, at) + xml.slice(at + 1 + int(rand, 400));
    }
    default: {
      // A stretch repeated.
      const at = int(rand, xml.length);
      const piece = xml.slice(at, at + 1 + int(rand, 300));
      return xml.slice(0, at) + piece.repeat(1 + int(rand, 5)) + xml.slice(at);
    }
  }
}

async function editZip(rand: Rand, bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n));
  for (let i = 0, n = 1 + int(rand, 3); i < n; i += 1) {
    const name = pick(rand, names);
    const xml = await zip.file(name)!.async('string');
    zip.file(name, editXml(rand, xml));
  }
  if (rand() < 0.1) zip.remove(pick(rand, names));
  return zip.generateAsync({ type: 'uint8array', compression: rand() < 0.5 ? 'DEFLATE' : 'STORE' });
}

/** A size, an offset or a count in the zip's headers set to a lie. */
function lieInHeaders(rand: Rand, bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const entries = zipEntries(bytes, 'seed');
  const lie = () => pick(rand, [0, 1, 0xffffffff, 0x7fffffff, int(rand, 1 << 20), int(rand, out.length * 2)]);
  const central: number[] = [];
  for (let i = 0; i + 4 <= out.length; i += 1) if (view.getUint32(i, true) === 0x02014b50) central.push(i);
  const eocd = out.length - 22;
  switch (int(rand, 5)) {
    case 0: // uncompressed size in the directory
      view.setUint32(pick(rand, central) + 24, lie(), true);
      break;
    case 1: // compressed size in the directory
      view.setUint32(pick(rand, central) + 20, lie(), true);
      break;
    case 2: // local header offset
      view.setUint32(pick(rand, central) + 42, lie(), true);
      break;
    case 3: {
      // sizes in a local header
      const e = pick(rand, entries);
      view.setUint32(e.localOffset + 18 + 4 * int(rand, 2), lie(), true);
      break;
    }
    default: // the end record: count, directory size or offset
      if (rand() < 0.5) view.setUint16(eocd + 8 + 2 * int(rand, 2), int(rand, 0x10000), true);
      else view.setUint32(eocd + 12 + 4 * int(rand, 2), lie(), true);
  }
  return out;
}

const KEY = new RegExp(`^(${FIXED_COLUMNS.join('|')}|indicator:.+)$`);

function assertWellFormed(result: ReadResult, fileName: string): void {
  if (!result.ok) {
    expect(REFUSAL_CODES).toContain(result.refusal.code);
    expect(result.refusal.ko.length).toBeGreaterThan(0);
    expect(result.refusal.en.length).toBeGreaterThan(0);
    expect(result.refusal.en).toContain(fileName);
    return;
  }
  const wb: ReadWorkbook = result.workbook;
  expect(wb.sheetNames.every((n) => typeof n === 'string')).toBe(true);
  expect(wb.sheetNames).toContain(wb.rowsSheet);
  expect([null, 'absent', 'checksum', 'invalid']).toContain(wb.metaProblem);
  expect(wb.meta === null).toBe(wb.metaProblem !== null);
  expect(Number.isInteger(wb.headerRow) && wb.headerRow >= 1).toBe(true);
  expect(wb.columns.some((c) => c.key === 'code')).toBe(true);
  for (const c of wb.columns) expect(`${c.key} ${c.column}`).toMatch(/^\S+ [A-Z]{1,3}$/);
  for (const c of wb.columns) expect(c.key).toMatch(KEY);
  for (const r of wb.rows) {
    expect(Number.isInteger(r.rowNumber) && r.rowNumber > wb.headerRow).toBe(true);
    expect(r.code).not.toBe('');
    expect(typeof r.hidden).toBe('boolean');
    for (const cell of Object.values(r.cells)) {
      expect(cell!.address).toMatch(/^[A-Z]{1,3}\d+$/);
      const v = cell!.value;
      expect(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))).toBe(true);
    }
  }
  for (const r of wb.ignoredRows) expect(Number.isInteger(r.rowNumber) && r.text.length > 0).toBe(true);
  if (wb.submit) expect(wb.submit.address).toMatch(/^[A-Z]{1,3}\d+$/);
  // Plain data: it crosses a worker's boundary as it is.
  expect(structuredClone(wb)).toEqual(wb);
}

describe('fuzz: mutated workbooks', () => {
  it(`${CASES} mutated workbooks: never a throw, always a well-formed answer`, { timeout: 120_000 }, async () => {
    const rand = mulberry32(20260115);
    const seen: Record<string, number> = {};
    const started = performance.now();
    for (let n = 0; n < CASES; n += 1) {
      const seed = pick(rand, SEEDS);
      const kind = pick(rand, ['flip', 'truncate', 'xml', 'xml', 'headers'] as const);
      const bytes =
        kind === 'flip' ? flipBytes(rand, seed.bytes) : kind === 'truncate' ? truncate(rand, seed.bytes) : kind === 'headers' ? lieInHeaders(rand, seed.bytes) : await editZip(rand, seed.bytes);
      const fileName = `case-${n}-${kind}-${seed.name}`;
      let result: ReadResult;
      try {
        result = readWorkbook(bytes, fileName);
      } catch (e) {
        throw new Error(`case ${n} (${kind} of ${seed.name}) threw: ${String(e)}`, { cause: e });
      }
      assertWellFormed(result, fileName);
      const outcome = result.ok ? `ok/${result.workbook.metaProblem ?? 'meta'}` : result.refusal.code;
      seen[`${kind}:${outcome}`] = (seen[`${kind}:${outcome}`] ?? 0) + 1;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz: ${CASES} cases in ${seconds.toFixed(1)} s`, JSON.stringify(seen));
    // The mutations reach both sides: some read, some refused for damage.
    expect(Object.keys(seen).some((k) => k.includes(':ok/'))).toBe(true);
    expect(Object.keys(seen).some((k) => k.endsWith(':damaged'))).toBe(true);
  });

  it(`${XLS_CASES} mutated legacy .xls files through the worker: always a well-formed answer (too_large or timeout included)`, { timeout: 120_000 }, async () => {
    const rand = mulberry32(19970101);
    const seed = load('libreoffice-standard.xls');
    const seen: Record<string, number> = {};
    const started = performance.now();
    for (let n = 0; n < XLS_CASES; n += 1) {
      const kind = pick(rand, ['flip', 'flip', 'truncate'] as const);
      const bytes = kind === 'flip' ? flipBytes(rand, seed) : truncate(rand, seed);
      const fileName = `xls-${n}-${kind}.xls`;
      const result = await readInWorker(bytes, fileName, { heapMb: 128, timeoutMs: 10_000 });
      assertWellFormed(result, fileName);
      const outcome = result.ok ? 'ok' : result.refusal.code;
      seen[`${kind}:${outcome}`] = (seen[`${kind}:${outcome}`] ?? 0) + 1;
    }
    console.log(`fuzz (.xls, worker): ${XLS_CASES} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`, JSON.stringify(seen));
  });
});
