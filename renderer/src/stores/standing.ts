/**
 * Where the plan stands: the two matrices and the dashboard as main computes
 * them, and the matrix's mode and filters (kept here so that they survive a
 * switch of tabs). Each load is keyed (period or plan id); a late answer for
 * a key no longer wanted is dropped. A load for the key already shown keeps
 * it on screen while the new answer comes (refresh after data:changed).
 */
import { create } from 'zustand';
import type { BodyMatrix, Dashboard, PeriodMatrixRow } from '../../../contract/progress';
import { unpackBodyMatrix, unpackPeriodMatrix } from '../../../contract/matrix-codec';
import { client, toApiError, type ApiError } from '../api';
import { NO_FILTERS, type MatrixFilters, type MatrixMode } from '../model/matrix';

export interface Slot<D> {
  /** The key (period or plan id) of `data`. */
  key: number | null;
  data: D | null;
  /** The key last asked for. */
  wanted: number | null;
  loading: boolean;
  error: ApiError | null;
  /** performance.now() when `data` arrived (for the render-time instrumentation). */
  receivedAt: number;
}

const emptySlot = <D>(): Slot<D> => ({ key: null, data: null, wanted: null, loading: false, error: null, receivedAt: 0 });

type SlotName = 'bodyMatrix' | 'periodMatrix' | 'dashboard';

interface StandingState {
  mode: MatrixMode;
  filters: MatrixFilters;
  /** performance.now() of the last filter change's input event (for data-filter-ms). */
  filterChangedAt: number | null;
  bodyMatrix: Slot<BodyMatrix>;
  periodMatrix: Slot<PeriodMatrixRow[]>;
  dashboard: Slot<Dashboard>;

  setMode(mode: MatrixMode): void;
  /** Changes some filters; `at` is the time of the input event. */
  setFilters(patch: Partial<MatrixFilters>, at?: number): void;
  clearFilters(at?: number): void;
  loadBodyMatrix(periodId: number): Promise<void>;
  loadPeriodMatrix(planId: number): Promise<void>;
  loadDashboard(periodId: number): Promise<void>;
}

const seqs: Record<SlotName, number> = { bodyMatrix: 0, periodMatrix: 0, dashboard: 0 };

/** The time of an input event, on performance.now()'s clock, never in the future. */
export function eventTime(at: number | undefined): number {
  const now = performance.now();
  return at !== undefined && at > 0 && at <= now ? at : now;
}

export const useStandingStore = create<StandingState>()((set, get) => {
  /**
   * Fetches a slot's data. `decode` (unpacking a matrix) runs after receivedAt
   * is taken, so the render figure counts the renderer's own work on the answer.
   */
  async function load<N extends SlotName, A>(
    name: N,
    key: number,
    fetch: (key: number) => Promise<A>,
    decode: (answer: A) => StandingState[N]['data'],
  ) {
    const seq = ++seqs[name];
    const slot = get()[name] as Slot<unknown>;
    set({ [name]: { ...slot, wanted: key, loading: true, error: null } } as Partial<StandingState>);
    try {
      const answer = await fetch(key);
      const receivedAt = performance.now();
      if (seq !== seqs[name]) return;
      const data = decode(answer);
      set({ [name]: { key, data, wanted: key, loading: false, error: null, receivedAt } } as Partial<StandingState>);
    } catch (err) {
      if (seq !== seqs[name]) return;
      const current = get()[name] as Slot<unknown>;
      set({ [name]: { ...current, loading: false, error: toApiError(err) } } as Partial<StandingState>);
    }
  }

  return {
    mode: 'bodies',
    filters: NO_FILTERS,
    filterChangedAt: null,
    bodyMatrix: emptySlot(),
    periodMatrix: emptySlot(),
    dashboard: emptySlot(),

    setMode(mode) {
      if (mode !== get().mode) set({ mode });
    },
    setFilters(patch, at) {
      set({ filters: { ...get().filters, ...patch }, filterChangedAt: eventTime(at) });
    },
    clearFilters(at) {
      set({ filters: NO_FILTERS, filterChangedAt: eventTime(at) });
    },
    loadBodyMatrix: (periodId) => load('bodyMatrix', periodId, client.standing.bodyMatrix, unpackBodyMatrix),
    loadPeriodMatrix: (planId) => load('periodMatrix', planId, client.standing.periodMatrix, unpackPeriodMatrix),
    loadDashboard: (periodId) => load('dashboard', periodId, client.standing.dashboard, (d) => d),
  };
});

export type SlotState = 'loading' | 'ready' | 'error';

/** What a view shows of a slot for the key it wants. */
export function slotState(slot: Slot<unknown>, key: number | null): SlotState {
  if (slot.error && slot.wanted === key) return 'error';
  return key !== null && slot.key === key && slot.data !== null ? 'ready' : 'loading';
}
