/**
 * Where the plan stands: the two matrices and the dashboard as main computes
 * them, as queries of the one query cache (stores/query.ts: keyed by period
 * or plan, refetched after data:changed while shown), and the matrix's mode
 * and filters (kept here so that they survive a switch of tabs).
 */
import { create } from 'zustand';
import type { BodyMatrix, Dashboard, PeriodMatrixRow } from '../../../contract/progress';
import { unpackBodyMatrix, unpackPeriodMatrix } from '../../../contract/matrix-codec';
import { client } from '../api';
import { useQuery, type QueryResult } from './query';
import { NO_FILTERS, type MatrixFilters, type MatrixMode } from '../model/matrix';

/** What the matrices and the dashboard show: every kind of data but the settings and the plan's text. */
const STANDING_TAGS = ['entry', 'report', 'review', 'indicator', 'period', 'plan'] as const;

/** The action plans × bodies matrix of a period (packed on the wire, unpacked once it arrives). */
export function useBodyMatrix(periodId: number | null): QueryResult<BodyMatrix> {
  return useQuery(periodId === null ? null : `matrix:bodies:${periodId}`, () => client.standing.bodyMatrix(periodId ?? 0), {
    tags: STANDING_TAGS,
    decode: unpackBodyMatrix,
  });
}

/** The action plans × periods matrix of a plan (null: not shown). */
export function usePeriodMatrix(planId: number | null): QueryResult<PeriodMatrixRow[]> {
  return useQuery(planId === null ? null : `matrix:periods:${planId}`, () => client.standing.periodMatrix(planId ?? 0), {
    tags: STANDING_TAGS,
    decode: unpackPeriodMatrix,
  });
}

/** The dashboard of a period. */
export function useDashboard(periodId: number | null): QueryResult<Dashboard> {
  return useQuery(periodId === null ? null : `dashboard:${periodId}`, () => client.standing.dashboard(periodId ?? 0), { tags: STANDING_TAGS });
}

interface StandingState {
  mode: MatrixMode;
  filters: MatrixFilters;
  /** performance.now() of the last filter change's input event (for data-filter-ms). */
  filterChangedAt: number | null;

  setMode(mode: MatrixMode): void;
  /** Changes some filters; `at` is the time of the input event. */
  setFilters(patch: Partial<MatrixFilters>, at?: number): void;
  clearFilters(at?: number): void;
}

/** The time of an input event, on performance.now()'s clock, never in the future. */
export function eventTime(at: number | undefined): number {
  const now = performance.now();
  return at !== undefined && at > 0 && at <= now ? at : now;
}

export const useStandingStore = create<StandingState>()((set, get) => ({
  mode: 'bodies',
  filters: NO_FILTERS,
  filterChangedAt: null,

  setMode(mode) {
    if (mode !== get().mode) set({ mode });
  },
  setFilters(patch, at) {
    set({ filters: { ...get().filters, ...patch }, filterChangedAt: eventTime(at) });
  },
  clearFilters(at) {
    set({ filters: NO_FILTERS, filterChangedAt: eventTime(at) });
  },
}));
