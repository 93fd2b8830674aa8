/**
 * 0060: monitoring meetings (issue 9; contract/meetings.ts, db/meetings.ts).
 *
 * - meeting: one monitoring meeting (MOGEF's inter-ministerial meeting, a
 *   body's own meeting with external experts, a civic advisory panel
 *   session) with its uid and origin installation (docs/decisions/0011), the
 *   period it reviews, date, title, place, participants, agenda, minutes and
 *   a revision (optimistic concurrency of a save).
 *   Participants are a JSON array in the meeting's row, not a child table:
 *   they are always written whole with the meeting (every save carries the
 *   whole draft, and the meeting's revision covers them), read whole, travel
 *   whole in a workbook's metadata, and nothing queries them one by one; one
 *   column keeps one before/after in the history and no rows to reconcile on
 *   an import. The JSON is checked to be an array here and each participant
 *   by db/meetings.ts (bodies by code against implementing_body).
 * - meeting_decision: a decision of a meeting, append-only (never changed or
 *   deleted once made).
 * - follow_up: an action a decision asks of an owner body (on an action plan
 *   of the meeting's plan, by a due date), with its state; only its state,
 *   closing note, closing time and who moved it last change after it is made.
 *   A closed follow-up has a closing note and a closing time; reopened, both
 *   are cleared (the history keeps them).
 *
 * Body codes are stored as codes (the natural key, the same in every
 * installation), with a foreign key to implementing_body(code); an action
 * plan by its local id (a code names an action plan only with its plan).
 *
 * Nothing here is ever deleted or replaced (INSERT OR REPLACE deletes
 * without firing delete triggers, so an insert that would replace a row by
 * id or uid is refused first); uid, origin and what a row was made with never
 * change; a meeting's revision only grows, and a change of its content must
 * raise it. Every change also reaches change_log, written by db/meetings.ts
 * with the actor and the value before.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */
import { UUID_GLOB } from './0040_identity';

const DATE_GLOB = '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';

const noDelete = (table: string, what: string) => /* sql */ `
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} are never deleted'); END;`;

/** Refuses an insert that would replace a row (same id or same uid): REPLACE deletes without delete triggers. */
const noReplace = (table: string, what: string) => /* sql */ `
CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
  WHEN EXISTS (SELECT 1 FROM ${table} WHERE id = NEW.id OR uid = NEW.uid)
  BEGIN SELECT RAISE(ABORT, '${what} are never replaced'); END;`;

/** The columns a row keeps from its making. */
const fixed = (table: string, what: string, columns: readonly string[]) => /* sql */ `
CREATE TRIGGER ${table}_fixed BEFORE UPDATE ON ${table}
  WHEN ${columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
  BEGIN SELECT RAISE(ABORT, '${what} keep their identity and what they were made with'); END;`;

/** The meeting's own fields: a change of any of them raises the revision. */
export const MEETING_CONTENT = ['kind', 'body_code', 'period_id', 'date', 'title', 'place', 'participants', 'agenda', 'minutes'] as const;

export const sql = /* sql */ `
CREATE TABLE meeting (
  id            INTEGER PRIMARY KEY,
  uid           TEXT NOT NULL UNIQUE CHECK (uid GLOB '${UUID_GLOB}'),
  origin        TEXT NOT NULL CHECK (origin GLOB '${UUID_GLOB}'),
  kind          TEXT NOT NULL CHECK (kind IN ('inter_ministerial', 'body', 'civic_panel')),
  body_code     TEXT REFERENCES implementing_body(code),
  period_id     INTEGER NOT NULL REFERENCES reporting_period(id),
  date          TEXT NOT NULL CHECK (date GLOB '${DATE_GLOB}'),
  title         TEXT NOT NULL CHECK (title <> ''),
  place         TEXT NOT NULL,
  participants  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(participants) AND json_type(participants) = 'array'),
  agenda        TEXT NOT NULL DEFAULT '',
  minutes       TEXT NOT NULL DEFAULT '',
  revision      INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  -- A body's own meeting names its body; MOGEF's and the panel's name none.
  CHECK ((kind = 'body') = (body_code IS NOT NULL))
) STRICT;
CREATE INDEX meeting_by_period ON meeting(period_id, date);
${noDelete('meeting', 'meetings')}
${noReplace('meeting', 'meetings')}
${fixed('meeting', 'meetings', ['id', 'uid', 'origin', 'created_by', 'created_at'])}
CREATE TRIGGER meeting_revision BEFORE UPDATE ON meeting
  WHEN NEW.revision < OLD.revision
    OR ((${MEETING_CONTENT.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}) AND NEW.revision <= OLD.revision)
  BEGIN SELECT RAISE(ABORT, 'a meeting''s revision only grows, and each change of it raises it'); END;

CREATE TABLE meeting_decision (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE CHECK (uid GLOB '${UUID_GLOB}'),
  origin      TEXT NOT NULL CHECK (origin GLOB '${UUID_GLOB}'),
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
  text        TEXT NOT NULL CHECK (text <> ''),
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_decision_by_meeting ON meeting_decision(meeting_id, id);
${noDelete('meeting_decision', 'decisions')}
${noReplace('meeting_decision', 'decisions')}
CREATE TRIGGER meeting_decision_no_update BEFORE UPDATE ON meeting_decision
  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

CREATE TABLE follow_up (
  id              INTEGER PRIMARY KEY,
  uid             TEXT NOT NULL UNIQUE CHECK (uid GLOB '${UUID_GLOB}'),
  origin          TEXT NOT NULL CHECK (origin GLOB '${UUID_GLOB}'),
  decision_id     INTEGER NOT NULL REFERENCES meeting_decision(id),
  owner_body      TEXT NOT NULL REFERENCES implementing_body(code),
  action_plan_id  INTEGER REFERENCES action_plan(id),
  text            TEXT NOT NULL CHECK (text <> ''),
  due_date        TEXT CHECK (due_date IS NULL OR due_date GLOB '${DATE_GLOB}'),
  state           TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'in_progress', 'closed')),
  closing_note    TEXT,
  closed_at       TEXT,
  -- The installation that last moved the state (the owner body's or MOGEF's): what goes back in a workbook.
  state_by        TEXT NOT NULL CHECK (state_by GLOB '${UUID_GLOB}'),
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((state = 'closed') = (closing_note IS NOT NULL AND closing_note <> ''))
) STRICT;
CREATE INDEX follow_up_by_decision ON follow_up(decision_id, id);
CREATE INDEX follow_up_open_by_owner ON follow_up(owner_body, due_date) WHERE state <> 'closed';
${noDelete('follow_up', 'follow-ups')}
${noReplace('follow_up', 'follow-ups')}
${fixed('follow_up', 'follow-ups', ['id', 'uid', 'origin', 'decision_id', 'owner_body', 'action_plan_id', 'text', 'due_date', 'created_by', 'created_at'])}
`;
