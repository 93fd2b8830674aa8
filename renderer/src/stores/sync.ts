/** Starts the stores and keeps them in step with main's data:changed events. */
import { client } from '../api';
import { usePlanStore } from './plan';
import { useSettingsStore } from './settings';
import { flushAllEntries, useUnsavedEntries } from './progress-entry';
import { useProgressStore } from './progress';

export function startStores(): () => void {
  void useSettingsStore.getState().load();
  void usePlanStore.getState().load();
  // Who this installation is: the shell prompts for the set-up on the first start.
  void useProgressStore.getState().loadSetup();
  const offData = client.onDataChanged((scope) => {
    if (scope === 'settings' || scope === 'all') {
      void useSettingsStore.getState().load();
      if (useSettingsStore.getState().appInfo) void useSettingsStore.getState().loadAppInfo();
    }
    if (scope === 'plan' || scope === 'all') void usePlanStore.getState().load();
    // 'progress': nothing shown yet depends on it.
  });
  const offNavigate = client.onNavigate((view) => useSettingsStore.getState().setView(view));
  // The window is closing: send every pending autosave, then tell main how many entries are still unsaved.
  const offClose = client.onCloseRequested(() => {
    void flushAllEntries()
      .catch(() => undefined)
      .then(() => client.readyToClose(useUnsavedEntries.getState().unsaved.length));
  });
  return () => {
    offData();
    offNavigate();
    offClose();
  };
}
