/**
 * 0030: nothing a user made is hard-deleted or rewritten behind the history.
 *
 * - report_event is append-only; report, indicator_value and
 *   consolidated_override rows are never deleted;
 * - evidence, entry_comment, panel_comment and indicator are never deleted,
 *   and after creation only removed_at changes, once (NULL to a time);
 * - progress_entry (no delete since 0020) cannot be replaced either;
 * - consolidated_override keeps who removed an override and why.
 *
 * INSERT OR REPLACE deletes the conflicting row without firing delete
 * triggers (unless PRAGMA recursive_triggers is on), so every guarded table
 * also refuses an insert that would replace a row. Tables keyed by id check
 * the id BEFORE INSERT. indicator_value and consolidated_override check their
 * key BEFORE INSERT too: their writers insert or update explicitly (a BEFORE
 * INSERT trigger also fires for an upsert that ends up updating). report is
 * written by an upsert, so it records the keys it has held (report_key; the
 * same for progress_entry, progress_entry_key) and
 * refuses, AFTER INSERT, a row whose key it held already: an upsert's update
 * never fires AFTER INSERT, a REPLACE does. change_log (append-only since
 * 0020) gets the same insert guard.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */
const noDelete = (table: string, what: string) => /* sql */ `
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} are never deleted'); END;`;

const noReplaceById = (table: string, what: string) => /* sql */ `
CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
  WHEN EXISTS (SELECT 1 FROM ${table} WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, '${what} are never replaced'); END;`;

/** Only removed_at may change, and only from NULL. */
const contentFixed = (table: string, what: string, columns: readonly string[]) => /* sql */ `
CREATE TRIGGER ${table}_content_fixed BEFORE UPDATE ON ${table}
  WHEN ${columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ')}
    OR (OLD.removed_at IS NOT NULL AND NEW.removed_at IS NOT OLD.removed_at)
  BEGIN SELECT RAISE(ABORT, '${what} are not changed after they are made (only removed, once)'); END;`;

const kept = [
  { table: 'evidence', what: 'evidence items', columns: ['id', 'entry_id', 'title', 'doc_date', 'reference', 'created_by', 'created_at'] },
  { table: 'entry_comment', what: 'comments', columns: ['id', 'entry_id', 'text', 'author', 'created_at'] },
  { table: 'panel_comment', what: 'panel comments', columns: ['id', 'action_plan_id', 'period_id', 'text', 'recorded_by', 'created_at'] },
  {
    table: 'indicator',
    what: 'indicators',
    columns: ['id', 'action_plan_id', 'name_en', 'name_ko', 'unit', 'kind', 'baseline', 'created_by', 'created_at'],
  },
] as const;

export const sql = /* sql */ `
ALTER TABLE consolidated_override ADD COLUMN removed_by TEXT;
ALTER TABLE consolidated_override ADD COLUMN removed_reason TEXT;

CREATE TRIGGER report_event_no_update BEFORE UPDATE ON report_event
  BEGIN SELECT RAISE(ABORT, 'report_event is append-only'); END;
CREATE TRIGGER report_event_no_delete BEFORE DELETE ON report_event
  BEGIN SELECT RAISE(ABORT, 'report_event is append-only'); END;
CREATE TRIGGER report_event_no_replace BEFORE INSERT ON report_event
  WHEN EXISTS (SELECT 1 FROM report_event WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'report_event is append-only'); END;

CREATE TRIGGER change_log_no_replace BEFORE INSERT ON change_log
  WHEN EXISTS (SELECT 1 FROM change_log WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

${noDelete('report', 'reports')}
-- Every key report has held; see the header.
CREATE TABLE report_key (
  body_id    INTEGER NOT NULL,
  period_id  INTEGER NOT NULL,
  PRIMARY KEY (body_id, period_id)
) STRICT, WITHOUT ROWID;
INSERT INTO report_key (body_id, period_id) SELECT body_id, period_id FROM report;
CREATE TRIGGER report_no_replace AFTER INSERT ON report
BEGIN
  SELECT RAISE(ABORT, 'reports are never replaced')
    WHERE EXISTS (SELECT 1 FROM report_key WHERE body_id = NEW.body_id AND period_id = NEW.period_id);
  INSERT INTO report_key (body_id, period_id) VALUES (NEW.body_id, NEW.period_id);
END;
CREATE TRIGGER report_key_fixed_update BEFORE UPDATE ON report_key
  BEGIN SELECT RAISE(ABORT, 'report_key is append-only'); END;
CREATE TRIGGER report_key_fixed_delete BEFORE DELETE ON report_key
  BEGIN SELECT RAISE(ABORT, 'report_key is append-only'); END;
CREATE TRIGGER report_key_fixed_report BEFORE UPDATE OF body_id, period_id ON report
  WHEN NEW.body_id IS NOT OLD.body_id OR NEW.period_id IS NOT OLD.period_id
  BEGIN SELECT RAISE(ABORT, 'a report keeps its body and period'); END;

-- progress_entry has refused deletes since 0020, but a REPLACE on its
-- (action plan, body, period) key deletes without that trigger: the same key
-- record as report's.
CREATE TABLE progress_entry_key (
  action_plan_id  INTEGER NOT NULL,
  body_id         INTEGER NOT NULL,
  period_id       INTEGER NOT NULL,
  PRIMARY KEY (action_plan_id, body_id, period_id)
) STRICT, WITHOUT ROWID;
INSERT INTO progress_entry_key (action_plan_id, body_id, period_id) SELECT action_plan_id, body_id, period_id FROM progress_entry;
CREATE TRIGGER progress_entry_no_replace AFTER INSERT ON progress_entry
BEGIN
  SELECT RAISE(ABORT, 'progress entries are never replaced')
    WHERE EXISTS (SELECT 1 FROM progress_entry_key WHERE action_plan_id = NEW.action_plan_id AND body_id = NEW.body_id AND period_id = NEW.period_id);
  INSERT INTO progress_entry_key (action_plan_id, body_id, period_id) VALUES (NEW.action_plan_id, NEW.body_id, NEW.period_id);
END;
CREATE TRIGGER progress_entry_key_fixed_update BEFORE UPDATE ON progress_entry_key
  BEGIN SELECT RAISE(ABORT, 'progress_entry_key is append-only'); END;
CREATE TRIGGER progress_entry_key_fixed_delete BEFORE DELETE ON progress_entry_key
  BEGIN SELECT RAISE(ABORT, 'progress_entry_key is append-only'); END;
CREATE TRIGGER progress_entry_keeps_key BEFORE UPDATE OF id, action_plan_id, body_id, period_id ON progress_entry
  WHEN NEW.id IS NOT OLD.id OR NEW.action_plan_id IS NOT OLD.action_plan_id OR NEW.body_id IS NOT OLD.body_id OR NEW.period_id IS NOT OLD.period_id
  BEGIN SELECT RAISE(ABORT, 'a progress entry keeps its action plan, body and period'); END;

${noDelete('indicator_value', 'indicator values')}
CREATE TRIGGER indicator_value_no_replace BEFORE INSERT ON indicator_value
  WHEN EXISTS (SELECT 1 FROM indicator_value WHERE indicator_id = NEW.indicator_id AND body_id = NEW.body_id AND period_id = NEW.period_id)
  BEGIN SELECT RAISE(ABORT, 'indicator values are never replaced'); END;

${noDelete('consolidated_override', 'overrides')}
CREATE TRIGGER consolidated_override_no_replace BEFORE INSERT ON consolidated_override
  WHEN EXISTS (SELECT 1 FROM consolidated_override WHERE action_plan_id = NEW.action_plan_id AND period_id = NEW.period_id)
  BEGIN SELECT RAISE(ABORT, 'overrides are never replaced'); END;

${kept.map((k) => [noDelete(k.table, k.what), noReplaceById(k.table, k.what), contentFixed(k.table, k.what, k.columns)].join('\n')).join('\n')}
`;
