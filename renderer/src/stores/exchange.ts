/**
 * The Exchange view's import: reading a workbook is a job in main (a worker
 * parses it), followed here about every 200 ms until it is done, failed or
 * cancelled; its preview is held with the user's choices (a value per
 * conflicting cell, the confirmations ticked, the outcomes shown) until it is
 * applied or discarded. The store outlives the view: leaving the screen while
 * a file is read does not lose it. The history of imports is a query of the
 * one query cache, refetched when an import or its undo changes data.
 */
import { create } from 'zustand';
import type { ApplyChoices, ColumnMapping, FieldChange, ImportPreview, ImportRecord, Notice, PreviewRow, RowOutcome } from '../../../contract/exchange';
import type { ResponseOf } from '../../../contract/ipc';
import { client, toApiError, type ApiError } from '../api';
import { useProgressStore } from './progress';
import { fetchQuery, useQuery, type QueryResult } from './query';

export type ExchangeJob = ResponseOf<'exchange:job'>;
export type Confirmation = ApplyChoices['confirm'][number];
export type Side = 'file' | 'mine';

export const ROW_OUTCOMES: readonly RowOutcome[] = ['new', 'changed', 'conflict', 'rejected', 'unchanged'];
/** Unchanged rows are hidden at first: the preview shows what the import does. */
export const DEFAULT_SHOWN: readonly RowOutcome[] = ['new', 'changed', 'conflict', 'rejected'];
export const JOB_POLL_MS = 200;

/** What the import screen says after a step, said again in the language of the moment. */
export type ImportNotice =
  | { kind: 'failed'; notice: Notice | null; error: ApiError | null; path?: string }
  | { kind: 'cancelled' }
  | { kind: 'discarded' }
  | { kind: 'applied'; record: ImportRecord }
  | { kind: 'applyFailed'; error: ApiError };

interface ExchangeState {
  /** The file being read (its job, running) or read last. */
  job: ExchangeJob | null;
  preview: ImportPreview | null;
  /** A value chosen per conflicting cell, by pickKey(actionPlan, field). */
  picks: Readonly<Record<string, Side>>;
  /** The side last chosen for every conflict at once (sent as ApplyChoices.take). */
  bulk: Side | null;
  confirmed: readonly Confirmation[];
  shown: readonly RowOutcome[];
  applying: boolean;
  notice: ImportNotice | null;
  /** The year the report view asked to write the report workbook of (then the view scrolls there). */
  reportPeriodId: number | null;

  /**
   * body and year: for a workbook without NAP Monitor's information sheet (made by hand), which report it is;
   * mapping: for one with headers of its own, which column holds which field (null: found by its headers).
   */
  startPreview(path: string, identity?: { body: string | null; year: number | null; mapping?: ColumnMapping | null }): Promise<void>;
  cancel(): Promise<void>;
  discard(): Promise<void>;
  apply(): Promise<ImportRecord | null>;
  pick(actionPlan: string, field: string, side: Side): void;
  pickAll(side: Side): void;
  toggleConfirm(which: Confirmation, on: boolean): void;
  toggleShown(outcome: RowOutcome): void;
  clearNotice(): void;
  askReportExport(periodId: number | null): void;
}

export function pickKey(actionPlan: string, field: string): string {
  return `${actionPlan}\u0000${field}`;
}

/** Every conflicting cell of a preview, as (row, field). */
export function conflicts(preview: ImportPreview): { row: PreviewRow; field: FieldChange }[] {
  const out: { row: PreviewRow; field: FieldChange }[] = [];
  for (const row of preview.rows) for (const field of row.fields) if (field.outcome === 'conflict') out.push({ row, field });
  return out;
}

/** Conflicting cells with no value chosen yet. */
export function unsettled(preview: ImportPreview, picks: Readonly<Record<string, Side>>): number {
  return conflicts(preview).filter(({ row, field }) => picks[pickKey(row.actionPlan, field.field)] === undefined).length;
}

/** What apply sends: every conflicting cell's pick, the side last chosen for all, the confirmations ticked. */
export function choicesOf(preview: ImportPreview, picks: Readonly<Record<string, Side>>, bulk: Side | null, confirmed: readonly Confirmation[]): ApplyChoices {
  return {
    take: bulk,
    picks: conflicts(preview).flatMap(({ row, field }) => {
      const take = picks[pickKey(row.actionPlan, field.field)];
      return take ? [{ actionPlan: row.actionPlan, field: field.field, take }] : [];
    }),
    confirm: preview.needsConfirmation.filter((c) => confirmed.includes(c)),
  };
}

/**
 * Follows a job main started (writing workbooks) until it is no longer
 * running, telling each answer; resolves with the last one.
 */
export async function settleJob(job: ExchangeJob, onUpdate: (job: ExchangeJob) => void = () => {}): Promise<ExchangeJob> {
  let current = job;
  onUpdate(current);
  while (current.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    current = await client.exchange.job(current.id);
    onUpdate(current);
  }
  return current;
}

let pollTimer: ReturnType<typeof setTimeout> | undefined;
/** Bumped by every new read, cancel and discard: a late answer about an older job is dropped. */
let jobSeq = 0;

const fresh = { picks: {}, bulk: null, confirmed: [], shown: DEFAULT_SHOWN, applying: false } as const;

export const useExchangeStore = create<ExchangeState>()((set, get) => {
  const follow = (seq: number, job: ExchangeJob) => {
    if (seq !== jobSeq) return;
    if (job.state === 'running') {
      set({ job });
      clearTimeout(pollTimer);
      pollTimer = setTimeout(() => {
        client.exchange.job(job.id).then(
          (next) => follow(seq, next),
          (err: unknown) => {
            if (seq === jobSeq) set({ job: null, notice: { kind: 'failed', notice: null, error: toApiError(err) } });
          },
        );
      }, JOB_POLL_MS);
      return;
    }
    if (job.state === 'done' && job.preview) set({ job, preview: job.preview, ...fresh, notice: null });
    else if (job.state === 'cancelled') set({ job: null, notice: { kind: 'cancelled' } });
    else set({ job: null, notice: { kind: 'failed', notice: job.error, error: null } });
  };

  return {
    job: null,
    preview: null,
    ...fresh,
    notice: null,
    reportPeriodId: null,

    async startPreview(path, identity) {
      const seq = ++jobSeq;
      clearTimeout(pollTimer);
      set({ notice: null, job: null });
      try {
        const job = await client.exchange.preview(path, identity?.body ?? null, identity?.year ?? null, identity?.mapping ?? null);
        follow(seq, job);
      } catch (err) {
        if (seq === jobSeq) set({ job: null, notice: { kind: 'failed', notice: null, error: toApiError(err), path } });
      }
    },

    async cancel() {
      const job = get().job;
      if (!job || job.state !== 'running') return;
      const seq = ++jobSeq;
      clearTimeout(pollTimer);
      try {
        const answer = await client.exchange.cancel(job.id);
        // A job that finished before the cancel arrived is shown as it finished.
        if (seq === jobSeq) follow(seq, answer.state === 'running' ? { ...answer, state: 'cancelled' } : answer);
      } catch (err) {
        if (seq === jobSeq) set({ job: null, notice: { kind: 'failed', notice: null, error: toApiError(err) } });
      }
    },

    async discard() {
      const preview = get().preview;
      jobSeq += 1;
      set({ preview: null, job: null, ...fresh, notice: { kind: 'discarded' } });
      if (preview) await client.exchange.discard(preview.token).catch(() => undefined);
    },

    async apply() {
      const { preview, picks, bulk, confirmed } = get();
      if (!preview || get().applying) return null;
      set({ applying: true, notice: null });
      try {
        const record = await client.exchange.apply(preview.token, choicesOf(preview, picks, bulk, confirmed));
        set({ preview: null, job: null, ...fresh, notice: { kind: 'applied', record } });
        void reloadImports();
        return record;
      } catch (err) {
        set({ applying: false, notice: { kind: 'applyFailed', error: toApiError(err) } });
        return null;
      }
    },

    pick(actionPlan, field, side) {
      set((s) => ({ picks: { ...s.picks, [pickKey(actionPlan, field)]: side } }));
    },

    pickAll(side) {
      const preview = get().preview;
      if (!preview) return;
      const picks: Record<string, Side> = {};
      for (const { row, field } of conflicts(preview)) picks[pickKey(row.actionPlan, field.field)] = side;
      set({ picks, bulk: side });
    },

    toggleConfirm(which, on) {
      set((s) => ({ confirmed: on ? [...new Set([...s.confirmed, which])] : s.confirmed.filter((c) => c !== which) }));
    },

    toggleShown(outcome) {
      set((s) => ({ shown: s.shown.includes(outcome) ? s.shown.filter((o) => o !== outcome) : [...s.shown, outcome] }));
    },

    clearNotice() {
      set({ notice: null });
    },

    askReportExport(periodId) {
      set({ reportPeriodId: periodId });
    },
  };
});

// Another identity (File → Change installation…): a preview prepared for the one before is not this one's.
useProgressStore.subscribe((state, before) => {
  if (JSON.stringify(state.installation) === JSON.stringify(before.installation)) return;
  jobSeq += 1;
  clearTimeout(pollTimer);
  const { preview } = useExchangeStore.getState();
  if (preview) void client.exchange.discard(preview.token).catch(() => undefined);
  useExchangeStore.setState({ job: null, preview: null, ...fresh, notice: null, reportPeriodId: null });
});

// ---- the history of imports

const IMPORTS_KEY = 'exchange:imports';
/** What an import and its undo change (CHANGES in contract/ipc.ts): a change of these refetches the history. */
const IMPORTS_OPTIONS = { tags: ['entry', 'report', 'review', 'indicator', 'installation'] } as const;
const fetchImports = () => client.exchange.imports();

export function useImports(): QueryResult<ImportRecord[]> {
  return useQuery(IMPORTS_KEY, fetchImports, IMPORTS_OPTIONS);
}

export function reloadImports(): Promise<void> {
  return fetchQuery(IMPORTS_KEY, fetchImports, IMPORTS_OPTIONS);
}

/** Undoes an import; throws the ApiError (a cell changed since names itself in the details). */
export async function undoImport(importId: number): Promise<ImportRecord> {
  const record = await client.exchange.undo(importId);
  await reloadImports();
  return record;
}
