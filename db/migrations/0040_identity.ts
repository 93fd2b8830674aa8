/**
 * 0040: identity across installations (issue 7). Nothing a user makes is
 * identified by a local integer outside this database any more:
 *
 * - installation_identity: this installation's random id (a version-4 UUID),
 *   made once, here, with the database (a new database runs every migration
 *   at its creation), never changed or deleted. It names the database, not
 *   the role chosen in it: changing the installation's body keeps it.
 * - every row that more than one installation can make gets a stable uid (a
 *   version-4 UUID, lower case) and its origin (the id of the installation
 *   that made it): progress_entry, evidence, entry_comment, panel_comment,
 *   indicator, report_event, consolidated_override. Existing rows get a
 *   random uid and this installation as origin (they were all made here: no
 *   import existed before). A row written without them (an older writer, a
 *   test, the bench) gets them filled in by its table's AFTER INSERT
 *   trigger, so none is ever NULL after its statement; once set, neither
 *   changes. uid is UNIQUE per table.
 * - change_log.actor_installation: the installation of the actor of each
 *   change; existing rows get this installation; a new row must say it.
 *
 * Migration 0030's guards stay as they were, with one exception made and
 * closed in the same step: report_event refused every UPDATE and change_log
 * too (0020); their backfill needs one, so both triggers are dropped,
 * the rows filled, and the triggers made again: change_log's as it was,
 * report_event's refusing every change but the one-time fill of uid and
 * origin. content_fixed (0030) lists the columns it fixes, not uid or origin,
 * so the other tables' backfill passes it; identity_fixed below fixes those.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */

/** A random version-4 UUID in SQL (SQLite's randomblob: its CSPRNG seeded by the system). */
const UUID = /* sql */ `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

const HEX = '[0-9a-f]';
/** GLOB of a lower-case UUID: 8-4-4-4-12 hexadecimal digits. */
export const UUID_GLOB = [8, 4, 4, 4, 12].map((n) => HEX.repeat(n)).join('-');

const LOCAL = '(SELECT id FROM installation_identity)';

/** The tables whose rows carry uid and origin (report_event handled apart for its guard). */
export const IDENTIFIED_TABLES = [
  'progress_entry',
  'evidence',
  'entry_comment',
  'panel_comment',
  'indicator',
  'report_event',
  'consolidated_override',
] as const;

const identity = (table: string) => /* sql */ `
ALTER TABLE ${table} ADD COLUMN uid TEXT CHECK (uid IS NULL OR uid GLOB '${UUID_GLOB}');
ALTER TABLE ${table} ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin GLOB '${UUID_GLOB}');`;

const backfill = (table: string) => /* sql */ `
UPDATE ${table} SET uid = ${UUID}, origin = ${LOCAL};
CREATE UNIQUE INDEX ${table}_uid ON ${table}(uid);
CREATE TRIGGER ${table}_identity_filled AFTER INSERT ON ${table} WHEN NEW.uid IS NULL OR NEW.origin IS NULL
BEGIN
  UPDATE ${table} SET uid = coalesce(NEW.uid, ${UUID}), origin = coalesce(NEW.origin, ${LOCAL}) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER ${table}_identity_fixed BEFORE UPDATE ON ${table}
  WHEN (OLD.uid IS NOT NULL AND NEW.uid IS NOT OLD.uid) OR (OLD.origin IS NOT NULL AND NEW.origin IS NOT OLD.origin)
  BEGIN SELECT RAISE(ABORT, 'a row keeps its uid and origin'); END;`;

const REPORT_EVENT_COLUMNS = ['id', 'body_id', 'period_id', 'from_status', 'to_status', 'reason', 'actor', 'at'];

export const sql = /* sql */ `
CREATE TABLE installation_identity (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  id          TEXT NOT NULL CHECK (id GLOB '${UUID_GLOB}'),
  created_at  TEXT NOT NULL
) STRICT;
INSERT INTO installation_identity (singleton, id, created_at) VALUES (1, ${UUID}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
CREATE TRIGGER installation_identity_no_update BEFORE UPDATE ON installation_identity
  BEGIN SELECT RAISE(ABORT, 'the installation id never changes'); END;
CREATE TRIGGER installation_identity_no_delete BEFORE DELETE ON installation_identity
  BEGIN SELECT RAISE(ABORT, 'the installation id never changes'); END;

${IDENTIFIED_TABLES.map(identity).join('\n')}

-- report_event (0030) refuses every update: dropped for the backfill, made again at once.
DROP TRIGGER report_event_no_update;
${IDENTIFIED_TABLES.map(backfill).join('\n')}
CREATE TRIGGER report_event_no_update BEFORE UPDATE ON report_event
  WHEN ${REPORT_EVENT_COLUMNS.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
    OR (OLD.uid IS NOT NULL AND NEW.uid IS NOT OLD.uid) OR (OLD.origin IS NOT NULL AND NEW.origin IS NOT OLD.origin)
  BEGIN SELECT RAISE(ABORT, 'report_event is append-only'); END;

-- change_log (0020) refuses every update: the same, for the actor's installation.
ALTER TABLE change_log ADD COLUMN actor_installation TEXT CHECK (actor_installation IS NULL OR actor_installation GLOB '${UUID_GLOB}');
DROP TRIGGER change_log_no_update;
UPDATE change_log SET actor_installation = ${LOCAL};
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_actor_installation BEFORE INSERT ON change_log WHEN NEW.actor_installation IS NULL
  BEGIN SELECT RAISE(ABORT, 'a change names the installation of its actor'); END;
`;
