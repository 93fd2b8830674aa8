/**
 * Navigation inside the Progress view, shared by its tabs: which tab is
 * shown, and which entry is open (the matrix opens an entry with a click).
 */
import { create } from 'zustand';
import type { EntryKey } from '../../../contract/progress';

export type ProgressTab = 'mine' | 'review' | 'matrix' | 'dashboard';

interface NavigationState {
  tab: ProgressTab;
  /** The reporting period the Progress views show. */
  periodId: number | null;
  /** The entry open in the entry form, if any. */
  openEntry: EntryKey | null;
  setTab(tab: ProgressTab): void;
  setPeriod(periodId: number): void;
  open(key: EntryKey): void;
  close(): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  tab: 'mine',
  periodId: null,
  openEntry: null,
  setTab: (tab) => set({ tab, openEntry: null }),
  setPeriod: (periodId) => set({ periodId, openEntry: null }),
  open: (key) => set({ openEntry: key, periodId: key.periodId }),
  close: () => set({ openEntry: null }),
}));
