/** Starts the stores and keeps them in step with main's data:changed events. */
import { client } from '../api';
import { usePlanStore } from './plan';
import { useSettingsStore } from './settings';
import { flushAllEntries, refreshEntries, useUnsavedEntries } from './progress-entry';
import { invalidate } from './query';
import { useProgressStore } from './progress';

export function startStores(): () => void {
  void useSettingsStore.getState().load();
  void usePlanStore.getState().load();
  // Who this installation is: the shell prompts for the set-up on the first start.
  void useProgressStore.getState().loadSetup();
  const offData = client.onDataChange((change) => {
    const { entities } = change;
    if (entities.includes('settings') || entities.includes('installation')) {
      void useSettingsStore.getState().load();
      if (useSettingsStore.getState().appInfo) void useSettingsStore.getState().loadAppInfo();
    }
    if (entities.includes('plan')) void usePlanStore.getState().load();
    // Another identity (File → Change installation…): the shell asks for the set-up again.
    if (entities.includes('installation')) void useProgressStore.getState().loadSetup();
    // What the views show through the query cache, and the open entries' sessions.
    invalidate(change);
    refreshEntries(change);
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
