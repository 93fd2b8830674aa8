/**
 * The Meetings screen's calls to main: the meeting:* and pack:* channels of
 * contract/ipc.ts, through the preload API (window.napMonitor.meetings and
 * window.napMonitor.packs, built by preload/api.ts createApi). Each call
 * unwraps its Result and throws an ApiError, as renderer/src/api.ts does for
 * the other channels. Only types come from the contract.
 */
import type { NapMonitorApi } from '../../../../preload/api';
import type { Result } from '../../../../contract/result';
import type { FollowUpInput, FollowUpState, MeetingDraft, PackOptions } from '../../../../contract/meetings';
import { ApiError } from '../../api';

function bridge(): NapMonitorApi {
  const api = (window as Partial<Window>).napMonitor;
  if (!api) throw new ApiError('NO_API', 'window.napMonitor is not available: the renderer was opened without its preload.');
  return api;
}

function bridgeOf<K extends 'meetings' | 'packs'>(name: K): NapMonitorApi[K] {
  return bridge()[name];
}

async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('TRANSPORT', `The call to the main process failed: ${(err as Error)?.message ?? String(err)}`);
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new ApiError('TRANSPORT', 'The main process answered with something that is not a Result.');
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new ApiError(code, message, details ?? []);
}

export const meetingsClient = {
  list: (periodId: number | null) => unwrap(() => bridgeOf('meetings').list({ periodId })),
  get: (uid: string) => unwrap(() => bridgeOf('meetings').get({ uid })),
  save: (uid: string | null, baseRevision: number, draft: MeetingDraft) => unwrap(() => bridgeOf('meetings').save({ uid, baseRevision, draft })),
  addDecision: (meetingUid: string, text: string) => unwrap(() => bridgeOf('meetings').addDecision({ meetingUid, text })),
  addFollowUp: (decisionUid: string, followUp: FollowUpInput) => unwrap(() => bridgeOf('meetings').addFollowUp({ decisionUid, followUp })),
  setFollowUp: (uid: string, state: FollowUpState, closingNote: string | null) => unwrap(() => bridgeOf('meetings').setFollowUp({ uid, state, closingNote })),
  openFollowUps: (ownerBody: string | null) => unwrap(() => bridgeOf('meetings').openFollowUps({ ownerBody })),
};

export const packsClient = {
  build: (options: PackOptions, path: string) => unwrap(() => bridgeOf('packs').build({ options, path })),
  buildReport: (periodId: number, language: 'ko' | 'en', dir: string) => unwrap(() => bridgeOf('packs').buildReport({ periodId, language, dir })),
  job: (id: number) => unwrap(() => bridgeOf('packs').job({ id })),
  cancel: (id: number) => unwrap(() => bridgeOf('packs').cancel({ id })),
  preview: (path: string) => unwrap(() => bridgeOf('packs').preview({ path })),
  print: (options: PackOptions) => unwrap(() => bridgeOf('packs').print({ options })),
  choosePath: (kind: 'pdf' | 'folder') => unwrap(() => bridgeOf('packs').choosePath({ kind })),
};
