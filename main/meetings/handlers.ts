/**
 * The meeting channels' handlers, over db/meetings.ts. Who asks is this
 * installation's identity (read from the database on every write), never the
 * request's: db/meetings.ts refuses what the role may not do.
 */
import type { Db } from '../../db/connection';
import type { Handlers } from '../handlers';
import type { Installation } from '../../contract/progress';
import { addDecision, addFollowUp, getMeeting, listMeetings, openFollowUps, saveMeeting, setFollowUpState } from '../../db/meetings';

type MeetingChannel = Extract<keyof Handlers, `meeting:${string}`>;

export function meetingHandlers(db: Db, actor: () => Installation): Pick<Handlers, MeetingChannel> {
  return {
    'meeting:list': ({ periodId }) => listMeetings(db, { periodId }),
    'meeting:get': ({ uid }) => getMeeting(db, uid),
    'meeting:save': ({ uid, baseRevision, draft }) => saveMeeting(db, uid, baseRevision, draft, actor()),
    'meeting:addDecision': ({ meetingUid, text }) => addDecision(db, meetingUid, text, actor()),
    'meeting:addFollowUp': ({ decisionUid, followUp }) => addFollowUp(db, decisionUid, followUp, actor()),
    'meeting:setFollowUp': ({ uid, state, closingNote }) => setFollowUpState(db, uid, state, closingNote, actor()),
    'meeting:openFollowUps': ({ ownerBody }) => openFollowUps(db, { ownerBody }),
  };
}
