/**
 * The application's own state: interface language (remembered in the
 * database by main), the current view, and the app info for Settings.
 */
import { create } from 'zustand';
import type { AppInfo, Language, View } from '../../../contract/domain';
import { client, toApiError, type ApiError } from '../api';

export type { View };
/** The views in the order of the navigation. */
export const VIEWS: readonly View[] = ['plan', 'progress', 'exchange', 'meetings', 'settings'];

interface SettingsState {
  language: Language;
  /** True once the stored language has been read (or reading it failed). */
  loaded: boolean;
  view: View;
  appInfo: AppInfo | null;
  error: ApiError | null;
  /** Reads the stored settings; safe to call again (data:changed). */
  load(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  setView(view: View): void;
  loadAppInfo(): Promise<void>;
  clearError(): void;
}

/** Language changes not yet confirmed by main; a refetch must not undo them. */
let pendingLanguageChanges = 0;

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  language: 'ko',
  loaded: false,
  view: 'plan',
  appInfo: null,
  error: null,

  async load() {
    try {
      const settings = await client.getSettings();
      if (pendingLanguageChanges === 0) set({ language: settings.language });
      set({ loaded: true });
    } catch (err) {
      set({ loaded: true, error: toApiError(err) });
    }
  },

  async setLanguage(language) {
    const previous = get().language;
    if (previous === language) return;
    set({ language, error: null });
    pendingLanguageChanges += 1;
    try {
      const settings = await client.setLanguage(language);
      if (pendingLanguageChanges === 1) set({ language: settings.language });
    } catch (err) {
      if (pendingLanguageChanges === 1) set({ language: previous });
      set({ error: toApiError(err) });
    } finally {
      pendingLanguageChanges -= 1;
    }
  },

  setView(view) {
    if (VIEWS.includes(view)) set({ view });
  },

  async loadAppInfo() {
    try {
      set({ appInfo: await client.appInfo() });
    } catch (err) {
      set({ error: toApiError(err) });
    }
  },

  clearError() {
    set({ error: null });
  },
}));
