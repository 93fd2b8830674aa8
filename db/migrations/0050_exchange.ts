/**
 * 0050: the exchange's records (issue 7; docs/decisions/0013).
 *
 * - exchange_export: every workbook this installation wrote, by its export
 *   id, with the values of its rows as they left (JSON: action-plan code →
 *   RowValues). When the file comes back filled in by hand, the merge's base
 *   is this, never the file's own metadata.
 * - exchange_import: every import applied: the file (name, SHA-256, size),
 *   what it said it was (kind, plan, body, year, export id, writer), who
 *   imported it and when, the counts, the values it brought (received: the
 *   base of the next exchange with that body), and, once, who undid it.
 * - exchange_change: what each import changed, in order, with the value
 *   before and after, so that undo puts back exactly what was there.
 *
 * All three are append-only: nothing is deleted; an export never changes;
 * an import changes only undone_at/undone_by, once.
 *
 * Shipped: never edit. Fix forward with a new migration.
 */
import { UUID_GLOB } from './0040_identity';

export const sql = /* sql */ `
CREATE TABLE exchange_export (
  export_id   TEXT PRIMARY KEY CHECK (export_id GLOB '${UUID_GLOB}'),
  kind        TEXT NOT NULL CHECK (kind IN ('request', 'report')),
  plan_code   TEXT NOT NULL,
  body_code   TEXT NOT NULL,
  year        INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  written_by  TEXT NOT NULL,
  written_at  TEXT NOT NULL,
  base        TEXT NOT NULL CHECK (json_valid(base))
) STRICT;
CREATE INDEX exchange_export_by_report ON exchange_export(plan_code, body_code, year, written_at);
CREATE TRIGGER exchange_export_no_update BEFORE UPDATE ON exchange_export
  BEGIN SELECT RAISE(ABORT, 'an export record never changes'); END;
CREATE TRIGGER exchange_export_no_delete BEFORE DELETE ON exchange_export
  BEGIN SELECT RAISE(ABORT, 'an export record is never deleted'); END;

CREATE TABLE exchange_import (
  id                   INTEGER PRIMARY KEY,
  file_name            TEXT NOT NULL,
  sha256               TEXT NOT NULL,
  bytes                INTEGER NOT NULL,
  kind                 TEXT CHECK (kind IS NULL OR kind IN ('request', 'report')),
  plan_code            TEXT NOT NULL,
  body_code            TEXT NOT NULL,
  year                 INTEGER NOT NULL,
  export_id            TEXT,
  writer_installation  TEXT,
  writer_name          TEXT,
  written_at           TEXT,
  imported_by          TEXT NOT NULL,
  imported_at          TEXT NOT NULL,
  counts               TEXT NOT NULL CHECK (json_valid(counts)),
  received             TEXT NOT NULL CHECK (json_valid(received)),
  undone_at            TEXT,
  undone_by            TEXT
) STRICT;
CREATE INDEX exchange_import_by_report ON exchange_import(plan_code, body_code, year, id);
CREATE INDEX exchange_import_by_export ON exchange_import(export_id);
CREATE TRIGGER exchange_import_no_delete BEFORE DELETE ON exchange_import
  BEGIN SELECT RAISE(ABORT, 'an import record is never deleted'); END;
CREATE TRIGGER exchange_import_fixed BEFORE UPDATE ON exchange_import
  WHEN NEW.id IS NOT OLD.id OR NEW.file_name IS NOT OLD.file_name OR NEW.sha256 IS NOT OLD.sha256 OR NEW.bytes IS NOT OLD.bytes
    OR NEW.kind IS NOT OLD.kind OR NEW.plan_code IS NOT OLD.plan_code OR NEW.body_code IS NOT OLD.body_code OR NEW.year IS NOT OLD.year
    OR NEW.export_id IS NOT OLD.export_id OR NEW.writer_installation IS NOT OLD.writer_installation OR NEW.writer_name IS NOT OLD.writer_name
    OR NEW.written_at IS NOT OLD.written_at OR NEW.imported_by IS NOT OLD.imported_by OR NEW.imported_at IS NOT OLD.imported_at
    OR NEW.counts IS NOT OLD.counts OR NEW.received IS NOT OLD.received
    OR (OLD.undone_at IS NOT NULL AND (NEW.undone_at IS NOT OLD.undone_at OR NEW.undone_by IS NOT OLD.undone_by))
  BEGIN SELECT RAISE(ABORT, 'an import record changes only when it is undone, once'); END;

CREATE TABLE exchange_change (
  import_id  INTEGER NOT NULL REFERENCES exchange_import(id),
  seq        INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  target     TEXT NOT NULL CHECK (json_valid(target)),
  before     TEXT,
  after      TEXT,
  PRIMARY KEY (import_id, seq)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER exchange_change_no_update BEFORE UPDATE ON exchange_change
  BEGIN SELECT RAISE(ABORT, 'exchange_change is append-only'); END;
CREATE TRIGGER exchange_change_no_delete BEFORE DELETE ON exchange_change
  BEGIN SELECT RAISE(ABORT, 'exchange_change is append-only'); END;
`;
