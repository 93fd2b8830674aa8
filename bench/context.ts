/** What the benchmark's sections share. */
import type { PlanDocumentInput } from '../seeds/schema';
import type { Row } from './lib';

export interface BenchContext {
  scale: number;
  runs: number;
  warmup: number;
  /** Temp folder, removed at the end. */
  dir: string;
  doc: PlanDocumentInput;
  /** The 100× database, migrated and loaded (set by the load section). */
  dbFile?: string;
}

export interface Section {
  title: string;
  run(ctx: BenchContext): Row[] | Promise<Row[]>;
}

