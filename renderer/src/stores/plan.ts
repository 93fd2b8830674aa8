/**
 * The plan being looked at: the list of plans, the selected plan's outline,
 * the search (text and body filter, answered by main) and the selected
 * action plan. All data comes from the API; nothing here knows SQL.
 */
import { create } from 'zustand';
import type { PlanOutline, PlanSummary } from '../../../contract/domain';
import { client, toApiError, type ApiError } from '../api';
import { indexActions, type ActionEntry } from '../model/outline';

export const SEARCH_DEBOUNCE_MS = 200;

interface PlanState {
  plans: PlanSummary[];
  planId: number | null;
  outline: PlanOutline | null;
  /** Action plans of the outline by id, with their strategy, objective and area. */
  index: ReadonlyMap<number, ActionEntry>;
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  searchText: string;
  /** Body code of the filter, '' for all bodies. */
  bodyCode: string;
  /** Ids of the action plans matching the search; null when there is no search. */
  matchingIds: ReadonlySet<number> | null;
  /** A search is waiting for its debounce or its answer. */
  searchPending: boolean;
  searchError: ApiError | null;
  selectedActionId: number | null;

  /** Loads (or reloads) the plans and the selected plan's outline. */
  load(): Promise<void>;
  selectPlan(planId: number): Promise<void>;
  setSearchText(text: string): void;
  setBodyCode(bodyCode: string): void;
  clearFilters(): void;
  /** Runs the current search now (also the retry after a failed search). */
  search(): Promise<void>;
  selectAction(actionId: number | null): void;
}

let loadSeq = 0;
let searchSeq = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;

function hasFilter(text: string, bodyCode: string): boolean {
  return text.trim().length > 0 || bodyCode !== '';
}

export const usePlanStore = create<PlanState>()((set, get) => ({
  plans: [],
  planId: null,
  outline: null,
  index: new Map(),
  status: 'loading',
  error: null,
  searchText: '',
  bodyCode: '',
  matchingIds: null,
  searchPending: false,
  searchError: null,
  selectedActionId: null,

  async load() {
    const seq = ++loadSeq;
    set({ status: 'loading', error: null });
    try {
      const plans = await client.listPlans();
      if (seq !== loadSeq) return;
      const current = get().planId;
      const planId = plans.some((p) => p.id === current) ? current : (plans[0]?.id ?? null);
      const outline = planId === null ? null : await client.planOutline(planId);
      if (seq !== loadSeq) return;
      const index = outline ? indexActions(outline) : new Map<number, ActionEntry>();
      const selected = get().selectedActionId;
      set({
        plans,
        planId,
        outline,
        index,
        selectedActionId: selected !== null && index.has(selected) ? selected : null,
        status: 'ready',
      });
      const { searchText, bodyCode } = get();
      if (hasFilter(searchText, bodyCode)) await get().search();
    } catch (err) {
      if (seq === loadSeq) set({ status: 'error', error: toApiError(err) });
    }
  },

  async selectPlan(planId) {
    if (planId === get().planId) return;
    set({ planId, selectedActionId: null, matchingIds: null });
    await get().load();
  },

  setSearchText(text) {
    set({ searchText: text, searchPending: true, searchError: null });
    clearTimeout(debounce);
    // Clearing the search needs no answer from main: show everything at once.
    if (!hasFilter(text, get().bodyCode)) void get().search();
    else debounce = setTimeout(() => void get().search(), SEARCH_DEBOUNCE_MS);
  },

  setBodyCode(bodyCode) {
    set({ bodyCode, searchPending: true, searchError: null });
    clearTimeout(debounce);
    void get().search();
  },

  clearFilters() {
    clearTimeout(debounce);
    searchSeq += 1; // any search in flight is now stale
    set({ searchText: '', bodyCode: '', matchingIds: null, searchPending: false, searchError: null });
  },

  async search() {
    clearTimeout(debounce);
    const seq = ++searchSeq;
    const { planId, searchText, bodyCode } = get();
    if (planId === null || !hasFilter(searchText, bodyCode)) {
      set({ matchingIds: null, searchPending: false, searchError: null });
      return;
    }
    set({ searchPending: true, searchError: null });
    try {
      const ids = await client.searchPlan(planId, searchText, bodyCode === '' ? null : bodyCode);
      if (seq !== searchSeq) return;
      set({ matchingIds: new Set(ids), searchPending: false });
    } catch (err) {
      if (seq === searchSeq) set({ searchPending: false, searchError: toApiError(err) });
    }
  },

  selectAction(actionId) {
    set({ selectedActionId: actionId });
  },
}));
