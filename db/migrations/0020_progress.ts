/**
 * 0020: progress reporting. One progress entry per action plan × body ×
 * reporting period; the report of a body for a period with its workflow
 * state and every transition; MOGEF's comments, civic advisory panel
 * comments, indicators with targets and reported values, evidence, the
 * consolidated-level overrides, and a change log that keeps every change
 * (who, when, field, before, after). Nothing here is hard-deleted: rows that
 * a user removes get a removed_at.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */
export const sql = /* sql */ `
ALTER TABLE reporting_period ADD COLUMN locked_at TEXT;
ALTER TABLE reporting_period ADD COLUMN locked_by TEXT;

CREATE TABLE progress_entry (
  id                INTEGER PRIMARY KEY,
  action_plan_id    INTEGER NOT NULL REFERENCES action_plan(id),
  body_id           INTEGER NOT NULL REFERENCES implementing_body(id),
  period_id         INTEGER NOT NULL REFERENCES reporting_period(id),
  completion        TEXT CHECK (completion IN ('not_started', 'limited', 'substantial', 'completed', 'no_evidence')),
  delayed           INTEGER CHECK (delayed IN (0, 1)),
  delay_reason      TEXT,
  achievements      TEXT,
  next_steps        TEXT,
  difficulties      TEXT,
  budget_allocated  INTEGER CHECK (budget_allocated >= 0),
  budget_executed   INTEGER CHECK (budget_executed >= 0),
  revision          INTEGER NOT NULL DEFAULT 0,
  updated_by        TEXT,
  updated_at        TEXT,
  UNIQUE (action_plan_id, body_id, period_id)
) STRICT;
-- Covers the matrix and dashboard: their queries read levels from this index
-- alone, never the wide rows with their texts.
CREATE INDEX progress_entry_levels ON progress_entry(period_id, action_plan_id, body_id, completion, delayed);

-- The consolidated level's inputs per action plan and period, kept by the
-- triggers below in the same transaction as every change of an entry, so
-- that the matrices and the dashboard read 5,000 narrow rows instead of
-- aggregating 150,000 entries. lowest_rank: the least advanced level on the
-- scale (0 not started … 3 completed), NULL if none; see db/consolidate.ts.
CREATE TABLE action_plan_level (
  action_plan_id  INTEGER NOT NULL REFERENCES action_plan(id),
  period_id       INTEGER NOT NULL REFERENCES reporting_period(id),
  lowest_rank     INTEGER,
  no_evidence     INTEGER NOT NULL,
  delayed         INTEGER NOT NULL,
  reported        INTEGER NOT NULL,
  PRIMARY KEY (action_plan_id, period_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER progress_entry_level_after_insert AFTER INSERT ON progress_entry
BEGIN
  INSERT INTO action_plan_level (action_plan_id, period_id, lowest_rank, no_evidence, delayed, reported)
  SELECT NEW.action_plan_id, NEW.period_id,
         min(CASE completion WHEN 'not_started' THEN 0 WHEN 'limited' THEN 1 WHEN 'substantial' THEN 2 WHEN 'completed' THEN 3 END),
         coalesce(max(completion = 'no_evidence'), 0), coalesce(max(delayed), 0), count(completion)
  FROM progress_entry WHERE action_plan_id = NEW.action_plan_id AND period_id = NEW.period_id
  -- An upsert, not INSERT OR REPLACE: an outer statement's conflict clause would override OR REPLACE.
  ON CONFLICT (action_plan_id, period_id) DO UPDATE SET lowest_rank = excluded.lowest_rank,
    no_evidence = excluded.no_evidence, delayed = excluded.delayed, reported = excluded.reported;
END;

CREATE TRIGGER progress_entry_level_after_update AFTER UPDATE OF completion, delayed ON progress_entry
BEGIN
  INSERT INTO action_plan_level (action_plan_id, period_id, lowest_rank, no_evidence, delayed, reported)
  SELECT NEW.action_plan_id, NEW.period_id,
         min(CASE completion WHEN 'not_started' THEN 0 WHEN 'limited' THEN 1 WHEN 'substantial' THEN 2 WHEN 'completed' THEN 3 END),
         coalesce(max(completion = 'no_evidence'), 0), coalesce(max(delayed), 0), count(completion)
  FROM progress_entry WHERE action_plan_id = NEW.action_plan_id AND period_id = NEW.period_id
  -- An upsert, not INSERT OR REPLACE: an outer statement's conflict clause would override OR REPLACE.
  ON CONFLICT (action_plan_id, period_id) DO UPDATE SET lowest_rank = excluded.lowest_rank,
    no_evidence = excluded.no_evidence, delayed = excluded.delayed, reported = excluded.reported;
END;

CREATE TABLE report (
  body_id     INTEGER NOT NULL REFERENCES implementing_body(id),
  period_id   INTEGER NOT NULL REFERENCES reporting_period(id),
  status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  updated_by  TEXT,
  updated_at  TEXT,
  PRIMARY KEY (body_id, period_id)
) STRICT;

CREATE TABLE report_event (
  id           INTEGER PRIMARY KEY,
  body_id      INTEGER NOT NULL REFERENCES implementing_body(id),
  period_id    INTEGER NOT NULL REFERENCES reporting_period(id),
  from_status  TEXT NOT NULL,
  to_status    TEXT NOT NULL,
  reason       TEXT,
  actor        TEXT NOT NULL,
  at           TEXT NOT NULL
) STRICT;
CREATE INDEX report_event_by_report ON report_event(body_id, period_id, id);

CREATE TABLE entry_comment (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER NOT NULL REFERENCES progress_entry(id),
  text        TEXT NOT NULL,
  author      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT
) STRICT;
CREATE INDEX entry_comment_by_entry ON entry_comment(entry_id);

CREATE TABLE panel_comment (
  id              INTEGER PRIMARY KEY,
  action_plan_id  INTEGER NOT NULL REFERENCES action_plan(id),
  period_id       INTEGER NOT NULL REFERENCES reporting_period(id),
  text            TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  removed_at      TEXT
) STRICT;
CREATE INDEX panel_comment_by_action ON panel_comment(action_plan_id, period_id);

CREATE TABLE consolidated_override (
  action_plan_id  INTEGER NOT NULL REFERENCES action_plan(id),
  period_id       INTEGER NOT NULL REFERENCES reporting_period(id),
  completion      TEXT NOT NULL CHECK (completion IN ('not_started', 'limited', 'substantial', 'completed', 'no_evidence')),
  reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  set_by          TEXT NOT NULL,
  set_at          TEXT NOT NULL,
  removed_at      TEXT,
  PRIMARY KEY (action_plan_id, period_id)
) STRICT;

CREATE TABLE indicator (
  id              INTEGER PRIMARY KEY,
  action_plan_id  INTEGER NOT NULL REFERENCES action_plan(id),
  name_en         TEXT NOT NULL,
  name_ko         TEXT NOT NULL,
  unit            TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL CHECK (kind IN ('number', 'percent', 'yes_no')),
  baseline        REAL,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  removed_at      TEXT
) STRICT;
CREATE INDEX indicator_by_action ON indicator(action_plan_id);

CREATE TABLE indicator_target (
  indicator_id  INTEGER NOT NULL REFERENCES indicator(id),
  period_id     INTEGER NOT NULL REFERENCES reporting_period(id),
  target        REAL NOT NULL,
  PRIMARY KEY (indicator_id, period_id)
) STRICT;

CREATE TABLE indicator_value (
  indicator_id  INTEGER NOT NULL REFERENCES indicator(id),
  body_id       INTEGER NOT NULL REFERENCES implementing_body(id),
  period_id     INTEGER NOT NULL REFERENCES reporting_period(id),
  value         REAL,
  updated_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (indicator_id, body_id, period_id)
) STRICT;

CREATE TABLE evidence (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER NOT NULL REFERENCES progress_entry(id),
  title       TEXT NOT NULL,
  doc_date    TEXT,
  reference   TEXT,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT
) STRICT;
CREATE INDEX evidence_by_entry ON evidence(entry_id);

-- Every change to what a user enters: entries, indicator values, evidence,
-- comments, overrides, report states. before/after are JSON values.
CREATE TABLE change_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER NOT NULL,
  field       TEXT NOT NULL,
  before      TEXT,
  after       TEXT
) STRICT;
CREATE INDEX change_log_by_entity ON change_log(entity, entity_id, id);

-- The history is append-only.
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
  BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
-- Entries are never hard-deleted.
CREATE TRIGGER progress_entry_no_delete BEFORE DELETE ON progress_entry
  BEGIN SELECT RAISE(ABORT, 'progress entries are never deleted'); END;
`;
