/**
 * What an entry session needs of main: the five calls of the progress
 * channels. The application passes the IPC client; tests pass the real
 * dispatcher with controlled latency (tests/renderer/entry-session.test.ts).
 */
import type { EntryKey, EntryPatch, ProgressEntry } from '../../../../contract/progress';
import { client } from '../../api';

export interface EntryTransport {
  entry(key: EntryKey): Promise<{ entry: ProgressEntry; previous: ProgressEntry | null }>;
  save(key: EntryKey, baseRevision: number, patch: EntryPatch): Promise<ProgressEntry>;
  setIndicatorValue(key: EntryKey, indicatorId: number, value: number | null): Promise<ProgressEntry>;
  addEvidence(key: EntryKey, title: string, docDate: string | null, reference: string | null): Promise<ProgressEntry>;
  removeEvidence(key: EntryKey, evidenceId: number): Promise<ProgressEntry>;
}

export const ipcTransport: EntryTransport = {
  entry: (key) => client.progress.entry(key),
  save: (key, baseRevision, patch) => client.progress.save(key, baseRevision, patch),
  setIndicatorValue: (key, indicatorId, value) => client.progress.setIndicatorValue(key, indicatorId, value),
  addEvidence: (key, title, docDate, reference) => client.progress.addEvidence(key, title, docDate, reference),
  removeEvidence: (key, evidenceId) => client.progress.removeEvidence(key, evidenceId),
};
