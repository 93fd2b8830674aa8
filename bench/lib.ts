/**
 * Small helpers for the benchmark: timing with warm-up, temp folders,
 * formatting and plain-text tables. Later sections (matrix and dashboard
 * queries, Chromium render) use the same measure/measureAsync and printTable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Stats {
  name: string;
  runs: number;
  /** Milliseconds. */
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface MeasureOptions<C, R> {
  /** Timed runs (default 5). */
  runs?: number;
  /** Untimed runs first (default 1). */
  warmup?: number;
  /** Untimed, before every run (warm-up included); its result is passed to fn. */
  setup?: () => C;
  /** Untimed, after every run, with fn's result and the setup's context. */
  teardown?: (result: R, ctx: C) => void;
}

export function statsOf(name: string, samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new Error(`measure ${name}: no runs`);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { name, runs: n, median, min: sorted[0]!, max: sorted[n - 1]!, samples };
}

/** One timed run of a case: setup and teardown are untimed. */
export interface TimedCase {
  name: string;
  /** Runs the case once and returns the milliseconds fn took. */
  once(): number;
}

export function timedCase<C = undefined, R = unknown>(
  name: string,
  fn: (ctx: C) => R,
  options: Pick<MeasureOptions<C, R>, 'setup' | 'teardown'> = {},
): TimedCase {
  const { setup, teardown } = options;
  return {
    name,
    once() {
      const ctx = (setup ? setup() : undefined) as C;
      const t0 = performance.now();
      const result = fn(ctx);
      const t1 = performance.now();
      teardown?.(result, ctx);
      return t1 - t0;
    },
  };
}

/** Runs fn warm-up + runs times; only fn itself is timed (performance.now). */
export function measure<C = undefined, R = unknown>(
  name: string,
  fn: (ctx: C) => R,
  options: MeasureOptions<C, R> = {},
): Stats {
  const [s] = measureInterleaved([timedCase(name, fn, options)], options);
  return s!;
}

/**
 * Measures several cases in rounds (A B C, A B C, …) rather than one after
 * the other, so that other load on the machine falls on all of them alike and
 * their ratios hold up better than their absolute figures.
 */
export function measureInterleaved(cases: readonly TimedCase[], options: { runs?: number; warmup?: number } = {}): Stats[] {
  const { runs = 5, warmup = 1 } = options;
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    cases.forEach((c, k) => {
      const t = c.once();
      if (i >= warmup) samples[k]!.push(t);
    });
  }
  return cases.map((c, k) => statsOf(c.name, samples[k]!));
}

/** As measure, for asynchronous work (e.g. a Chromium render). */
export async function measureAsync<C = undefined, R = unknown>(
  name: string,
  fn: (ctx: C) => Promise<R>,
  options: { runs?: number; warmup?: number; setup?: () => C | Promise<C>; teardown?: (result: R, ctx: C) => void | Promise<void> } = {},
): Promise<Stats> {
  const { runs = 5, warmup = 1, setup, teardown } = options;
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const ctx = (setup ? await setup() : undefined) as C;
    const t0 = performance.now();
    const result = await fn(ctx);
    const t1 = performance.now();
    await teardown?.(result, ctx);
    if (i >= warmup) samples.push(t1 - t0);
  }
  return statsOf(name, samples);
}

/** Runs fn once, timed. */
export function timeOnce<R>(fn: () => R): { ms: number; result: R } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** Collects garbage when node runs with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

// --- formatting -------------------------------------------------------------

export function ms(value: number): string {
  if (value < 1) return `${(value * 1000).toFixed(0)} µs`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(0)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function ratio(a: number, b: number): string {
  if (b === 0) return 'n/a';
  const r = a / b;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

// --- tables -------------------------------------------------------------------

export interface Row {
  /** What was measured. */
  label: string;
  /** The main figure, with its unit. */
  value: string;
  /** Spread (min–max) for timings. */
  spread?: string;
  /** A ratio or a short note. */
  note?: string;
}

/** A row for a timing: median as the value, min–max as the spread. */
export function timingRow(label: string, s: Stats, note?: string): Row {
  return { label, value: ms(s.median), spread: `${ms(s.min)} – ${ms(s.max)} (n=${s.runs})`, note };
}

/** Prints a titled table: label | value | spread | note. */
export function printTable(title: string, rows: readonly Row[]): void {
  const headers = ['', 'median / value', 'min – max', 'ratio / note'];
  const cells = rows.map((r) => [r.label, r.value, r.spread ?? '', r.note ?? '']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const right = [false, true, false, false];
  const line = (c: string[]) =>
    c
      .map((v, i) => (right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

// --- temp folders -----------------------------------------------------------------

/** Temp folders under os.tmpdir(); removeTempDirs() deletes every one made. */
const made: string[] = [];

export function tempDir(prefix = 'nap-bench-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Size of a SQLite file with its -wal and -shm companions, in bytes. */
export function dbFileSize(file: string): { main: number; wal: number } {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return { main: size(file), wal: size(`${file}-wal`) };
}
