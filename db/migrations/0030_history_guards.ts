/**
 * 0030: nothing a user made is hard-deleted or rewritten behind the history.
 *
 * - report_event is append-only;
 * - report, indicator_value and consolidated_override rows are never
 *   deleted; progress_entry (no delete since 0020) is never replaced either;
 * - evidence, entry_comment, panel_comment and indicator are never deleted,
 *   and after creation only removed_at changes, once (NULL to a time);
 * - consolidated_override keeps who removed an override and why.
 *
 * INSERT OR REPLACE deletes the conflicting row without firing delete
 * triggers (unless PRAGMA recursive_triggers is on), so each guarded table
 * also refuses an insert that replaces a row:
 * - tables keyed by id check the id BEFORE INSERT (the application never
 *   inserts them with an id of its own);
 * - tables keyed by their columns (report, progress_entry, indicator_value,
 *   consolidated_override) are written by upserts and INSERT OR IGNORE, and a
 *   BEFORE INSERT trigger fires for those too, even when they end up updating
 *   or ignoring. So each records the keys it has held (<table>_key,
 *   append-only) and refuses, AFTER INSERT, a row whose key it held already:
 *   an upsert's update or an ignored insert never fires AFTER INSERT; a
 *   REPLACE does. A row cannot move to another key either.
 * change_log (append-only since 0020) gets the id guard too.
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

/** The keys a table has held, filled from its rows; a REPLACE of one is refused, and no row changes its key. */
const noReplaceByKey = (table: string, what: string, key: readonly string[]) => {
  const cols = key.join(', ');
  const same = key.map((c) => `${c} = NEW.${c}`).join(' AND ');
  const moved = ['rowid', ...key].map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
  return /* sql */ `
CREATE TABLE ${table}_key (
  ${key.map((c) => `${c} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (${cols})
) STRICT, WITHOUT ROWID;
INSERT INTO ${table}_key (${cols}) SELECT ${cols} FROM ${table};
CREATE TRIGGER ${table}_no_replace AFTER INSERT ON ${table}
BEGIN
  SELECT RAISE(ABORT, '${what} are never replaced') WHERE EXISTS (SELECT 1 FROM ${table}_key WHERE ${same});
  INSERT INTO ${table}_key (${cols}) VALUES (${key.map((c) => `NEW.${c}`).join(', ')});
END;
CREATE TRIGGER ${table}_keeps_key BEFORE UPDATE ON ${table} WHEN ${moved}
  BEGIN SELECT RAISE(ABORT, '${what} keep their key'); END;
CREATE TRIGGER ${table}_key_no_update BEFORE UPDATE ON ${table}_key
  BEGIN SELECT RAISE(ABORT, '${table}_key is append-only'); END;
CREATE TRIGGER ${table}_key_no_delete BEFORE DELETE ON ${table}_key
  BEGIN SELECT RAISE(ABORT, '${table}_key is append-only'); END;`;
};

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
${noReplaceByKey('report', 'reports', ['body_id', 'period_id'])}
${noReplaceByKey('progress_entry', 'progress entries', ['action_plan_id', 'body_id', 'period_id'])}
${noDelete('indicator_value', 'indicator values')}
${noReplaceByKey('indicator_value', 'indicator values', ['indicator_id', 'body_id', 'period_id'])}
${noDelete('consolidated_override', 'overrides')}
${noReplaceByKey('consolidated_override', 'overrides', ['action_plan_id', 'period_id'])}

${kept.map((k) => [noDelete(k.table, k.what), noReplaceById(k.table, k.what), contentFixed(k.table, k.what, k.columns)].join('\n')).join('\n')}
`;
