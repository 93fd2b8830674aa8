/**
 * Monitoring meetings and their printed packs, across the boundary.
 *
 * A meeting (objective 11 of the plan) is MOGEF's inter-ministerial meeting,
 * a body's own meeting with external experts, or a session of the civic
 * advisory panel. It reviews one reporting period, has participants, an
 * agenda, minutes and decisions; a decision can carry follow-up actions owned
 * by a body, open until closed. Meetings, decisions and follow-ups are made
 * in more than one installation and travel in workbooks, so each has a uid
 * and its origin installation (docs/decisions/0011-identity-across-installations.md).
 *
 * A pack is the printed document of a meeting: chosen sections, scope (all
 * bodies or one), language and orientation. Building it is a job (main/packs/).
 */
import { z } from 'zod';
import { Id, Language, Notice } from './domain';
import { BodyCodeField, IsoDate, LongText, Requests } from './progress';
import { cleanText, REASON_MAX } from './rules';

export const MEETING_KINDS = ['inter_ministerial', 'body', 'civic_panel'] as const;
/** inter_ministerial: MOGEF with every body and the civic advisory panel; body: a body's own meeting with external experts; civic_panel: a session of the civic advisory panel. */
export const MeetingKind = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const PARTICIPANT_KINDS = ['body', 'civic_advisor', 'expert'] as const;
export const ParticipantKind = z.enum(PARTICIPANT_KINDS);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const FOLLOW_UP_STATES = ['open', 'in_progress', 'closed'] as const;
export const FollowUpState = z.enum(FOLLOW_UP_STATES);
export type FollowUpState = z.infer<typeof FollowUpState>;

/** A uid of a row made in some installation (UUID v4 text). */
export const Uid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
export type Uid = z.infer<typeof Uid>;

const ShortText = (max: number) => Requests.evidenceReference.pipe(z.string().max(max));

/** A participant as a user types it: for a body, its code; for anyone, name, affiliation and role. */
export const ParticipantInput = z
  .object({
    kind: ParticipantKind,
    /** The body a participant represents (kind body); null otherwise. */
    bodyCode: BodyCodeField.nullable().default(null),
    name: ShortText(200),
    affiliation: ShortText(200),
    role: ShortText(200),
  })
  .strict();
export type ParticipantInput = z.input<typeof ParticipantInput>;

export const Participant = z.object({
  kind: ParticipantKind,
  bodyCode: z.string().nullable(),
  name: z.string(),
  affiliation: z.string(),
  role: z.string(),
});
export type Participant = z.infer<typeof Participant>;

/** What a user fills in for a meeting (every save carries the whole draft; participants as a list). */
export const MeetingDraft = z
  .object({
    kind: MeetingKind,
    /** The body whose own meeting it is (kind body); null for MOGEF's and the panel's. */
    bodyCode: BodyCodeField.nullable().default(null),
    periodId: Id,
    date: IsoDate,
    title: ShortText(300),
    place: ShortText(300),
    participants: z.array(ParticipantInput).max(300),
    agenda: LongText,
    minutes: LongText,
  })
  .strict();
export type MeetingDraft = z.input<typeof MeetingDraft>;

export const FollowUp = z.object({
  uid: Uid,
  decisionUid: Uid,
  meetingUid: Uid,
  meetingKind: MeetingKind,
  meetingDate: z.string(),
  meetingTitle: z.string(),
  /** The body that owns the action. */
  ownerBody: z.string(),
  /** The action plan it concerns (its natural code, e.g. "5.1.4"), or null. */
  actionPlanCode: z.string().nullable(),
  text: z.string(),
  dueDate: z.string().nullable(),
  state: FollowUpState,
  closingNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const Decision = z.object({
  uid: Uid,
  text: z.string(),
  createdAt: z.string(),
  followUps: z.array(FollowUp),
});
export type Decision = z.infer<typeof Decision>;

export const MeetingSummary = z.object({
  uid: Uid,
  kind: MeetingKind,
  bodyCode: z.string().nullable(),
  periodId: Id,
  year: z.number().int(),
  date: z.string(),
  title: z.string(),
  place: z.string(),
  decisions: z.number().int().min(0),
  openFollowUps: z.number().int().min(0),
  /** Made in this installation (it may change it) or arrived in a workbook (read only here). */
  ownHere: z.boolean(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Meeting = MeetingSummary.extend({
  participants: z.array(Participant),
  agenda: z.string(),
  minutes: z.string(),
  decisions: z.array(Decision),
  /** Revision of the meeting's own fields (optimistic concurrency of meeting:save). */
  revision: z.number().int().min(0),
  origin: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

export const FollowUpInput = z
  .object({
    ownerBody: BodyCodeField,
    actionPlanCode: z.string().regex(/^\d{1,2}(\.\d{1,2}){2}$/).nullable().default(null),
    text: Requests.comment,
    dueDate: IsoDate.nullable().default(null),
  })
  .strict();
export type FollowUpInput = z.input<typeof FollowUpInput>;

/**
 * Meetings as they travel in a workbook's metadata: a body's own meetings in its
 * report workbook; MOGEF's meetings (with their decisions and follow-ups, and
 * the states of follow-ups a body closed) in the request workbook.
 * Matched by uid; each side changes only what it owns.
 */
export const MeetingsPayload = z.object({
  meetings: z
    .array(
      Meeting.omit({ ownHere: true, openFollowUps: true, decisions: true }).extend({
        decisions: z.array(Decision),
        /** The plan of the period it reviews (periodId is the sender's local id: the receiver finds the period by planCode and year). */
        planCode: z.string().min(1).max(100),
      }),
    )
    .max(1000),
  /** Follow-ups whose state the owner body changed (its closing note), for MOGEF. */
  followUpStates: z
    .array(z.object({ uid: Uid, state: FollowUpState, closingNote: z.string().nullable(), closedAt: z.string().nullable(), updatedAt: z.string() }))
    .max(10000),
});
export type MeetingsPayload = z.infer<typeof MeetingsPayload>;

// ---------------------------------------------------------------- packs

export const PACK_SECTIONS = [
  'cover',
  'contents',
  'agenda',
  'participants',
  'summary',
  'progress',
  'issues',
  'follow_ups',
  'annex',
] as const;
export const PackSection = z.enum(PACK_SECTIONS);
export type PackSection = z.infer<typeof PackSection>;

export const PackOptions = z
  .object({
    meetingUid: Uid,
    sections: z.array(PackSection).min(1).max(PACK_SECTIONS.length),
    /** All bodies (MOGEF's meeting) or one body (its own meeting). */
    bodyCode: BodyCodeField.nullable().default(null),
    language: Language,
    orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  })
  .strict();
export type PackOptions = z.input<typeof PackOptions>;

/** What a built document is: its pages, where each section starts, and where it was saved. */
export const BuiltDocument = z.object({
  path: z.string().nullable(),
  pages: z.number().int().min(0),
  sections: z.array(z.object({ id: z.string(), title: z.string(), page: z.number().int().min(1) })),
  bytes: z.number().int().min(0),
});
export type BuiltDocument = z.infer<typeof BuiltDocument>;

/** A pack or report being built, followed by pack:job. */
export const PackJob = z.object({
  id: z.number().int(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: z.number(),
  step: Notice.nullable(),
  result: BuiltDocument.nullable(),
  error: Notice.nullable(),
});
export type PackJob = z.infer<typeof PackJob>;

export const CLOSING_NOTE_MAX = REASON_MAX;

// ---------------------------------------------------------------- who may do what (main enforces these; the renderer shows the same)

/** Who asks: an installation's role (its user's name does not matter here; an Installation is one). */
export type MeetingActor = { role: 'coordinator' } | { role: 'body'; bodyCode: string };

/**
 * Why a meeting write is refused, or null when allowed:
 * not_set_up (no role chosen yet), wrong_kind (the coordinator records only
 * inter_ministerial and civic_panel meetings; a body only its own 'body'
 * meetings), other_body (a body's meeting for another body), not_own_here
 * (the meeting was made in another installation and arrived in a workbook:
 * read only here).
 */
export type MeetingRefusal = 'not_set_up' | 'wrong_kind' | 'other_body' | 'not_own_here';

/** Why this installation may not record a meeting of that kind (for that body), or null. */
export function createMeetingRefusal(installation: MeetingActor | null, kind: MeetingKind, bodyCode: string | null): MeetingRefusal | null {
  if (!installation) return 'not_set_up';
  if (installation.role === 'coordinator') return kind === 'inter_ministerial' || kind === 'civic_panel' ? null : 'wrong_kind';
  if (kind !== 'body') return 'wrong_kind';
  return bodyCode === installation.bodyCode ? null : 'other_body';
}

/** MOGEF records inter-ministerial meetings and civic advisory panel sessions; a body records only its own meetings (kind body, its own code). */
export function canCreateMeeting(installation: MeetingActor | null, kind: MeetingKind, bodyCode: string | null): boolean {
  return createMeetingRefusal(installation, kind, bodyCode) === null;
}

/** Why this installation may not change a meeting (its fields, decisions, follow-ups), or null. */
export function changeMeetingRefusal(
  installation: MeetingActor | null,
  meeting: Pick<MeetingSummary, 'kind' | 'bodyCode' | 'ownHere'>,
): MeetingRefusal | null {
  if (!installation) return 'not_set_up';
  if (!meeting.ownHere) return 'not_own_here';
  return createMeetingRefusal(installation, meeting.kind, meeting.bodyCode);
}

/**
 * A meeting, its decisions and follow-ups are changed only in the
 * installation that made it (ownHere), and only by the role that may record
 * such a meeting (an installation set up again for another role reads it only).
 */
export function canChangeMeeting(installation: MeetingActor | null, meeting: Pick<MeetingSummary, 'kind' | 'bodyCode' | 'ownHere'>): boolean {
  return changeMeetingRefusal(installation, meeting) === null;
}

/** A follow-up's state is moved by its owner body's installation or by MOGEF's, wherever the meeting was made. */
export function canSetFollowUp(installation: MeetingActor | null, followUp: Pick<FollowUp, 'ownerBody'>): boolean {
  if (!installation) return false;
  return installation.role === 'coordinator' || installation.bodyCode === followUp.ownerBody;
}

/** Why a state and closing note cannot be set together, or null: closing needs a note; a note goes only with closing. */
export function followUpStateProblem(state: FollowUpState, closingNote: string | null): 'closing_note_required' | 'closing_note_only_when_closed' | null {
  const note = cleanText(closingNote);
  if (state === 'closed') return note === null ? 'closing_note_required' : null;
  return note === null ? null : 'closing_note_only_when_closed';
}
