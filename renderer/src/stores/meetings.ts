/**
 * The Meetings screen's data: the meetings of a year, one meeting, and the
 * open follow-ups this installation acts on, as queries of the one query
 * cache (stores/query.ts), refetched when main says meetings changed; the
 * screen's state (the year, the meeting shown, a new one being written) and
 * the drafts of the meeting form, which outlive the view: a failed save, a
 * conflict or leaving the screen loses nothing typed.
 */
import { create } from 'zustand';
import type { FollowUp, FollowUpInput, FollowUpState, Meeting, MeetingDraft, MeetingKind, MeetingSummary, ParticipantInput } from '../../../contract/meetings';
import type { DataEntity } from '../../../contract/ipc';
import { client, toApiError, type ApiError } from '../api';
import { fetchQuery, setQueryData, useQuery, type QueryResult } from './query';
import { useProgressStore } from './progress';

const TAGS: readonly DataEntity[] = ['meeting', 'period', 'plan'];
const OPTIONS = { tags: TAGS } as const;

export const listKey = (periodId: number | null) => `meetings:list:${periodId ?? 'all'}`;
export const meetingKey = (uid: string) => `meetings:one:${uid}`;
export const openKey = (ownerBody: string | null) => `meetings:open:${ownerBody ?? '*'}`;

export function useMeetingList(periodId: number | null): QueryResult<MeetingSummary[]> {
  return useQuery(listKey(periodId), () => client.meetings.list(periodId), OPTIONS);
}

export function useMeeting(uid: string | null): QueryResult<Meeting> {
  return useQuery(uid === null ? null : meetingKey(uid), () => client.meetings.get(uid ?? ''), OPTIONS);
}

/** Follow-ups not closed: of one owner body, or every body's (null). */
export function useOpenFollowUps(ownerBody: string | null, enabled = true): QueryResult<FollowUp[]> {
  return useQuery(enabled ? openKey(ownerBody) : null, () => client.meetings.openFollowUps(ownerBody), OPTIONS);
}

/** A meeting main answered: shown at once wherever it is cached. */
function putMeeting(meeting: Meeting): void {
  setQueryData<Meeting>(meetingKey(meeting.uid), meeting);
}

/** What the form holds for a meeting (or the new one): the draft and the revision it started from. */
export interface FormDraft {
  draft: MeetingDraft;
  /** The meeting as the form opened it (a new one: as started), to tell which fields were typed. */
  base: MeetingDraft;
  baseRevision: number;
  /** Changed since it was loaded or saved. */
  dirty: boolean;
}

/** What the last save said, for the form to show (kept until the next save or dismissed). */
export type SaveOutcome =
  | { kind: 'saved'; uid: string; created: boolean }
  | { kind: 'failed'; error: ApiError }
  /** The meeting moved on since the form was opened: the newer one is shown; the typed draft (and what it started from) is kept to apply again. */
  | { kind: 'conflict'; kept: MeetingDraft; keptBase: MeetingDraft };

export type Selection = { kind: 'none' } | { kind: 'meeting'; uid: string } | { kind: 'new'; meetingKind: MeetingKind };

/** The draft key of a meeting, or of the new one. */
export const NEW_KEY = 'new';

export function emptyParticipant(kind: ParticipantInput['kind'] = 'body'): ParticipantInput {
  return { kind, bodyCode: null, name: '', affiliation: '', role: '' };
}

/** A meeting as the form edits it. */
export function draftOf(meeting: Meeting): MeetingDraft {
  return {
    kind: meeting.kind,
    bodyCode: meeting.bodyCode,
    periodId: meeting.periodId,
    date: meeting.date,
    title: meeting.title,
    place: meeting.place,
    participants: meeting.participants.map((p) => ({ kind: p.kind, bodyCode: p.bodyCode, name: p.name, affiliation: p.affiliation, role: p.role })),
    agenda: meeting.agenda,
    minutes: meeting.minutes,
  };
}

/**
 * The fields a user typed (those of `typed` that differ from `base`, what
 * the form started from) over a newer meeting: a change made elsewhere to a
 * field not typed here stays.
 */
export function typedOver(newer: MeetingDraft, typed: MeetingDraft, base: MeetingDraft): MeetingDraft {
  const out: Record<string, unknown> = { ...newer };
  for (const k of Object.keys(typed) as (keyof MeetingDraft)[]) {
    if (JSON.stringify(typed[k]) !== JSON.stringify(base[k])) out[k] = typed[k];
  }
  return out as MeetingDraft;
}

interface MeetingsState {
  /** The year (reporting period) whose meetings are listed; null until chosen. */
  periodId: number | null;
  selection: Selection;
  /** Drafts by meeting uid (NEW_KEY for a new one). */
  drafts: Readonly<Record<string, FormDraft>>;
  saving: boolean;
  outcome: SaveOutcome | null;

  setPeriod(periodId: number): void;
  select(selection: Selection): void;
  /** Starts (or goes back to) the draft of a new meeting of a kind. */
  startNew(kind: MeetingKind, periodId: number, bodyCode: string | null): void;
  /** The form opened a meeting: its draft from the meeting, unless one is being written. */
  openDraft(meeting: Meeting): void;
  edit(key: string, change: (draft: MeetingDraft) => MeetingDraft): void;
  /** Saves the draft; the meeting main answered is shown. Resolves with it, or null when refused (the draft stays). */
  save(key: string): Promise<Meeting | null>;
  /** After a conflict: the fields typed (those that differ from what the form started from) over the newer meeting, to save again. */
  applyKept(key: string, meeting: Meeting): void;
  discard(key: string): void;
  clearOutcome(): void;
  addDecision(meetingUid: string, text: string): Promise<Meeting>;
  addFollowUp(decisionUid: string, input: FollowUpInput): Promise<Meeting>;
  setFollowUp(uid: string, state: FollowUpState, closingNote: string | null): Promise<FollowUp>;
}

export const useMeetingsStore = create<MeetingsState>()((set, get) => ({
  periodId: null,
  selection: { kind: 'none' },
  drafts: {},
  saving: false,
  outcome: null,

  setPeriod(periodId) {
    set({ periodId });
  },

  select(selection) {
    set({ selection, outcome: null });
  },

  startNew(meetingKind, periodId, bodyCode) {
    const existing = get().drafts[NEW_KEY];
    const drafts = { ...get().drafts };
    if (!existing || existing.draft.kind !== meetingKind || !existing.dirty) {
      const draft: MeetingDraft = {
        kind: meetingKind,
        bodyCode: meetingKind === 'body' ? bodyCode : null,
        periodId,
        date: '',
        title: '',
        place: '',
        participants: [],
        agenda: '',
        minutes: '',
      };
      drafts[NEW_KEY] = { draft, base: draft, baseRevision: 0, dirty: false };
    }
    set({ drafts, selection: { kind: 'new', meetingKind }, outcome: null });
  },

  openDraft(meeting) {
    const existing = get().drafts[meeting.uid];
    // A draft being written stays; one not changed follows the meeting as main has it now.
    if (existing?.dirty) return;
    if (existing && existing.baseRevision === meeting.revision) return;
    const draft = draftOf(meeting);
    set((s) => ({ drafts: { ...s.drafts, [meeting.uid]: { draft, base: draft, baseRevision: meeting.revision, dirty: false } } }));
  },

  edit(key, change) {
    const current = get().drafts[key];
    if (!current) return;
    set((s) => ({ drafts: { ...s.drafts, [key]: { ...current, draft: change(current.draft), dirty: true } } }));
  },

  async save(key) {
    const current = get().drafts[key];
    if (!current || get().saving) return null;
    const uid = key === NEW_KEY ? null : key;
    set({ saving: true, outcome: null });
    try {
      const meeting = await client.meetings.save(uid, current.baseRevision, current.draft);
      putMeeting(meeting);
      set((s) => {
        const drafts = { ...s.drafts };
        delete drafts[NEW_KEY];
        const saved = draftOf(meeting);
        drafts[meeting.uid] = { draft: saved, base: saved, baseRevision: meeting.revision, dirty: false };
        // Typed again while it was being saved: the newer text stays, on the new revision.
        const after = s.drafts[key];
        if (after && after.draft !== current.draft) drafts[meeting.uid] = { draft: after.draft, base: saved, baseRevision: meeting.revision, dirty: true };
        return {
          drafts,
          saving: false,
          selection: { kind: 'meeting', uid: meeting.uid },
          outcome: { kind: 'saved', uid: meeting.uid, created: uid === null },
        };
      });
      void fetchQuery(listKey(get().periodId), () => client.meetings.list(get().periodId), OPTIONS);
      return meeting;
    } catch (err) {
      const error = toApiError(err);
      if (error.code === 'CONFLICT' && uid !== null) {
        // The newer meeting replaces the form; what was typed is kept to apply again.
        const kept = get().drafts[key]?.draft ?? current.draft;
        try {
          const fresh = await client.meetings.get(uid);
          putMeeting(fresh);
          const newer = draftOf(fresh);
          set((s) => ({
            saving: false,
            outcome: { kind: 'conflict', kept, keptBase: current.base },
            drafts: { ...s.drafts, [uid]: { draft: newer, base: newer, baseRevision: fresh.revision, dirty: false } },
          }));
        } catch (again) {
          set({ saving: false, outcome: { kind: 'failed', error: toApiError(again) } });
        }
        return null;
      }
      set({ saving: false, outcome: { kind: 'failed', error } });
      return null;
    }
  },

  applyKept(key, meeting) {
    const outcome = get().outcome;
    if (outcome?.kind !== 'conflict') return;
    const newer = draftOf(meeting);
    set((s) => ({ outcome: null, drafts: { ...s.drafts, [key]: { draft: typedOver(newer, outcome.kept, outcome.keptBase), base: newer, baseRevision: meeting.revision, dirty: true } } }));
  },

  discard(key) {
    set((s) => {
      const drafts = { ...s.drafts };
      delete drafts[key];
      return { drafts, outcome: null, selection: key === NEW_KEY ? { kind: 'none' } : s.selection };
    });
  },

  clearOutcome() {
    set({ outcome: null });
  },

  async addDecision(meetingUid, text) {
    const meeting = await client.meetings.addDecision(meetingUid, text);
    putMeeting(meeting);
    return meeting;
  },

  async addFollowUp(decisionUid, input) {
    const meeting = await client.meetings.addFollowUp(decisionUid, input);
    putMeeting(meeting);
    return meeting;
  },

  async setFollowUp(uid, state, closingNote) {
    // data:changed (meeting) refetches the meeting and the open follow-ups shown.
    return client.meetings.setFollowUp(uid, state, closingNote);
  },
}));

// Another identity (File → Change installation…): the drafts and the meeting shown were the one before's.
useProgressStore.subscribe((state, before) => {
  if (JSON.stringify(state.installation) === JSON.stringify(before.installation)) return;
  useMeetingsStore.setState({ selection: { kind: 'none' }, drafts: {}, saving: false, outcome: null });
});
