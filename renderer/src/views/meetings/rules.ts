/**
 * Who may do what with meetings here: the pure rules of contract/meetings.ts
 * that main's handlers enforce (canCreateMeeting, canChangeMeeting,
 * canSetFollowUp), put the way the screen asks them. MOGEF's coordinator
 * records the inter-ministerial meetings and the civic advisory panel's
 * sessions, a body its own meetings with external experts; a meeting is
 * changed only where it was made; a follow-up is moved on by its owner body
 * or by MOGEF.
 */
import type { Installation } from '../../../../contract/progress';
import { canChangeMeeting, canCreateMeeting, canSetFollowUp, MEETING_KINDS, type FollowUp, type MeetingKind, type MeetingSummary } from '../../../../contract/meetings';

/** The body a new meeting of this kind is for, made here: a body's own; null for MOGEF's and the panel's. */
export function bodyOfNew(installation: Installation | null, kind: MeetingKind): string | null {
  return kind === 'body' && installation?.role === 'body' ? installation.bodyCode : null;
}

/** The kinds of meeting this installation may create, in the order offered. */
export function creatableKinds(installation: Installation | null): MeetingKind[] {
  return MEETING_KINDS.filter((kind) => canCreateMeeting(installation, kind, bodyOfNew(installation, kind)));
}

/** Whether this installation may change the meeting (its fields, decisions, follow-ups). */
export function mayChangeMeeting(installation: Installation | null, meeting: Pick<MeetingSummary, 'kind' | 'bodyCode' | 'ownHere'>): boolean {
  return canChangeMeeting(installation, meeting);
}

/** Whether this installation may move the follow-up on (its owner body, or MOGEF). */
export function mayMoveFollowUp(installation: Installation | null, followUp: Pick<FollowUp, 'ownerBody'>): boolean {
  return canSetFollowUp(installation, followUp);
}

/** The body whose open follow-ups this installation acts on; null: every body's (MOGEF). */
export function followUpOwnerOf(installation: Installation): string | null {
  return installation.role === 'body' ? installation.bodyCode : null;
}
