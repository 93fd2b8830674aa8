/**
 * The open entries' sessions: one per entry, kept while the form is open or
 * while it has work main has not acknowledged; flushed together before a
 * submit, when the window hides and when it closes.
 */
import { create } from 'zustand';
import type { EntryKey, ProgressEntry } from '../../../../contract/progress';
import type { DataChange } from '../../api';
import { EntrySession, entryId, type SaveState, type SessionHooks } from './session';
import { ipcTransport, type EntryTransport } from './transport';

const sessions = new Map<string, EntrySession>();

export interface UnsavedEntry {
  id: string;
  key: EntryKey;
  saveState: SaveState;
}

/** The entries with work not yet acknowledged by main, for a warning outside the form. */
export const useUnsavedEntries = create<{ unsaved: readonly UnsavedEntry[] }>()(() => ({ unsaved: [] }));

function publishUnsaved(): void {
  const unsaved: UnsavedEntry[] = [];
  for (const s of sessions.values()) {
    const snap = s.getSnapshot();
    if (snap.saveState !== 'saved') unsaved.push({ id: s.id, key: s.key, saveState: snap.saveState });
  }
  const current = useUnsavedEntries.getState().unsaved;
  const same =
    current.length === unsaved.length && current.every((u, i) => u.id === unsaved[i]?.id && u.saveState === unsaved[i]?.saveState);
  if (!same) useUnsavedEntries.setState({ unsaved });
}

const answerListeners = new Set<(entry: ProgressEntry) => void>();

/** Tells the listener every entry main answers with (autosaves, comments): views patch what they show from it. */
export function onEntryAnswer(listener: (entry: ProgressEntry) => void): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

const hooks: SessionHooks = {
  changed: publishUnsaved,
  answered: (entry) => {
    for (const l of answerListeners) l(entry);
  },
  retain: (session) => sessions.set(session.id, session),
  release: (session) => {
    if (sessions.get(session.id) !== session) return;
    sessions.delete(session.id);
    publishUnsaved();
  },
};

let transport: EntryTransport = ipcTransport;

/** The sessions' way to main (tests of the renderer in Node pass the real dispatcher). */
export function useEntryTransport(next: EntryTransport): void {
  transport = next;
}

/** The session of an entry (one per entry; it outlives the form while it has unsaved work). */
export function sessionFor(key: EntryKey): EntrySession {
  const id = entryId(key);
  let session = sessions.get(id);
  if (!session) {
    session = new EntrySession({ actionPlanId: key.actionPlanId, bodyCode: key.bodyCode, periodId: key.periodId }, transport, hooks);
    sessions.set(id, session);
    installWindowHooks();
  }
  return session;
}

/** Sends what every session has pending (before a submit, when the window hides). */
export function flushAllEntries(): Promise<void> {
  return Promise.all([...sessions.values()].map((s) => s.flush())).then(() => undefined);
}

/** Refreshes the sessions after main reported a change (none that already hold it). */
export function refreshEntries(change?: DataChange): void {
  if (change && !change.entities.some((e) => e === 'entry' || e === 'report' || e === 'period' || e === 'indicator' || e === 'installation')) return;
  for (const s of sessions.values()) s.refresh(change?.entry);
}

let hooksInstalled = false;

function installWindowHooks(): void {
  if (hooksInstalled || typeof window === 'undefined') return;
  hooksInstalled = true;
  window.addEventListener('pagehide', () => void flushAllEntries());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAllEntries();
  });
}
