/**
 * 0010: the plan. A National Action Plan cycle with its hierarchy (areas →
 * objectives → strategies → action plans), the implementing bodies, which
 * bodies carry which action plan, and the plan's reporting periods.
 *
 * Bodies are shared across plans (a ministry outlives a plan); plan_body says
 * which of them take part in a plan. Texts carry a `reconstructed` flag and a
 * note where the source document was damaged. Monitoring entries, reviews,
 * meetings and imports will reference action_plan, implementing_body and
 * reporting_period by id; nothing here is ever hard-deleted once referenced.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */
export const sql = /* sql */ `
CREATE TABLE plan (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  title_en    TEXT NOT NULL,
  title_ko    TEXT NOT NULL,
  start_year  INTEGER NOT NULL,
  end_year    INTEGER NOT NULL,
  source      TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (end_year >= start_year)
) STRICT;

CREATE TABLE reporting_period (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plan(id),
  year     INTEGER NOT NULL,
  label    TEXT NOT NULL,
  UNIQUE (plan_id, year)
) STRICT;

CREATE TABLE implementing_body (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  name_en  TEXT NOT NULL,
  name_ko  TEXT NOT NULL,
  note_en  TEXT
) STRICT;

CREATE TABLE plan_body (
  plan_id  INTEGER NOT NULL REFERENCES plan(id),
  body_id  INTEGER NOT NULL REFERENCES implementing_body(id),
  seq      INTEGER NOT NULL,
  is_lead  INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
  PRIMARY KEY (plan_id, body_id),
  UNIQUE (plan_id, seq)
) STRICT;
-- At most one lead body per plan.
CREATE UNIQUE INDEX plan_body_one_lead ON plan_body(plan_id) WHERE is_lead = 1;

CREATE TABLE area (
  id                     INTEGER PRIMARY KEY,
  plan_id                INTEGER NOT NULL REFERENCES plan(id),
  seq                    INTEGER NOT NULL,
  name_en                TEXT NOT NULL,
  name_ko                TEXT NOT NULL,
  name_ko_reconstructed  INTEGER NOT NULL DEFAULT 0 CHECK (name_ko_reconstructed IN (0, 1)),
  UNIQUE (plan_id, seq)
) STRICT;

CREATE TABLE objective (
  id             INTEGER PRIMARY KEY,
  area_id        INTEGER NOT NULL REFERENCES area(id),
  number         INTEGER NOT NULL,
  text_en        TEXT NOT NULL,
  text_ko        TEXT,
  reconstructed  INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
  source_note    TEXT
) STRICT;
CREATE INDEX objective_area ON objective(area_id, number);

CREATE TABLE strategy (
  id             INTEGER PRIMARY KEY,
  objective_id   INTEGER NOT NULL REFERENCES objective(id),
  code           TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  text_en        TEXT NOT NULL,
  text_ko        TEXT,
  reconstructed  INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
  source_note    TEXT,
  UNIQUE (objective_id, seq)
) STRICT;

CREATE TABLE action_plan (
  id                    INTEGER PRIMARY KEY,
  plan_id               INTEGER NOT NULL REFERENCES plan(id),
  strategy_id           INTEGER NOT NULL REFERENCES strategy(id),
  code                  TEXT NOT NULL,
  seq                   INTEGER NOT NULL,
  text_en               TEXT NOT NULL,
  text_ko               TEXT,
  reconstructed         INTEGER NOT NULL DEFAULT 0 CHECK (reconstructed IN (0, 1)),
  bodies_reconstructed  INTEGER NOT NULL DEFAULT 0 CHECK (bodies_reconstructed IN (0, 1)),
  source_note           TEXT,
  UNIQUE (plan_id, code),
  UNIQUE (strategy_id, seq)
) STRICT;

CREATE TABLE action_plan_body (
  action_plan_id  INTEGER NOT NULL REFERENCES action_plan(id),
  body_id         INTEGER NOT NULL REFERENCES implementing_body(id),
  PRIMARY KEY (action_plan_id, body_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_plan_body_by_body ON action_plan_body(body_id, action_plan_id);

-- Small key/value settings of this installation (language, and later the
-- body this installation reports for). Values are JSON text.
CREATE TABLE app_setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) STRICT;
`;
