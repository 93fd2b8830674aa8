import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { APPLICATION_ID, closeDatabase, openDatabase, schemaVersion, sessionFile } from '../../db/connection';
import { DatabaseOpenError } from '../../db/errors';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { tempDbFile } from '../support/tmp';

describe('openDatabase', () => {
  it('creates a new file with our pragmas, identity and the latest schema', () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL: a commit survives power loss.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reopens an existing database without migrating again', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer application, and leaves it unchanged', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1000}`);
    raw.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).problem).toBe('TOO_NEW');
    expect((error as DatabaseOpenError).code).toBe('DB_NEWER');
    expect((error as DatabaseOpenError).details.found).toBe(LATEST_VERSION + 1000);
    expect((error as Error).message).toMatch(/newer version of NAP Monitor/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file that belongs to another application', () => {
    const file = tempDbFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE other (x)');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/is not a NAP Monitor database/);
    // Not switched to WAL, no -wal or -shm made beside it.
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);
  });

  it('adopts an SQLite file with nothing in it as a new database', () => {
    const file = tempDbFile();
    new Database(file).exec('VACUUM');
    const db = openDatabase(file);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('closeDatabase truncates the -wal, removes it and notes the file', () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    db.exec('CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)');
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    closeDatabase(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(JSON.parse(fs.readFileSync(sessionFile(file), 'utf8'))).toMatchObject({ state: 'closed' });
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(tempDbFile());
    expect(() => db.prepare('INSERT INTO reporting_period (plan_id, year, label) VALUES (999, 2021, ?)').run('2021')).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('stops at the failing migration and leaves the database at the version before it', () => {
    const file = tempDbFile();
    const broken = [...migrations, { version: LATEST_VERSION + 10, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM missing_table;' }];
    openDatabase(file).close();
    expect(() => openDatabase(file, { registry: broken })).toThrow(/failed.*unchanged at schema/s);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('has migrations numbered upward with gaps', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const v of versions) expect(v % 10).toBe(0);
  });
});
