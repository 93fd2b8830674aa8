/** The meeting channels' handlers, over db/meetings.ts. */
import type { Db } from '../../db/connection';
import type { Handlers } from '../handlers';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';

type MeetingChannel = Extract<keyof Handlers, `meeting:${string}`>;

export function meetingHandlers(db: Db, actor: () => Installation): Pick<Handlers, MeetingChannel> {
  void db;
  void actor;
  const later = (): never => {
    throw new DomainError('NOT_FOUND', 'Meetings are not built yet.');
  };
  return {
    'meeting:list': later,
    'meeting:get': later,
    'meeting:save': later,
    'meeting:addDecision': later,
    'meeting:addFollowUp': later,
    'meeting:setFollowUp': later,
    'meeting:openFollowUps': later,
  };
}
