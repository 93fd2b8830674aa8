/**
 * The data folder the command line works on: the same database file, the
 * same opening (identity check, integrity check, migrations) and the same
 * shipped plan as the application (main/app-core.ts), without Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../db/connection';
import { DatabaseOpenError } from '../db/errors';
import { loadPlanDocument } from '../db/seed';
import { SHIPPED_PLANS } from '../main/app-core';
import { databaseFile, DATA_DIR_ENV } from '../main/paths';
import { startupErrorText } from '../main/startup-error';
import { Refusal } from './refusal';

/** The folder given with --data-dir, else $NAP_MONITOR_DATA_DIR; refused if neither. */
export function dataDirOf(given: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const dir = given ?? env[DATA_DIR_ENV] ?? null;
  if (dir === null || dir.trim() === '') {
    throw new Refusal(
      '데이터 폴더를 --data-dir DIR로 알려 주세요 (또는 NAP_MONITOR_DATA_DIR).',
      'Say which data folder to use with --data-dir DIR (or NAP_MONITOR_DATA_DIR).',
    );
  }
  return path.resolve(dir);
}

/**
 * Opens the folder's database. create: make the folder and the database if
 * they are not there (setup); otherwise a folder without a database is
 * refused rather than filled with an empty one.
 */
export function openData(dir: string, { create }: { create: boolean }): Db {
  return openDataFolder(dir, { create }).db;
}

export interface OpenedData {
  db: Db;
  /** The database file was made now (setup may take it away again if it refuses). */
  created: boolean;
  /** Closes the database and, if it was made now, removes what was made (the file, its journal, the folder if new). */
  discard(): void;
}

export function openDataFolder(dir: string, { create }: { create: boolean }): OpenedData {
  const file = databaseFile(dir);
  const created = !fs.existsSync(file);
  /** The outermost folder made now, if any. */
  let firstMade: string | null = null;
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
    throw new Refusal(`${dir}은(는) 폴더가 아니라 파일입니다. 데이터 폴더를 적어 주세요.`, `${dir} is a file, not a folder: give the data folder.`);
  }
  if (!fs.existsSync(file)) {
    if (!create) {
      throw new Refusal(
        `${dir}에 NAP Monitor 데이터베이스가 없습니다. 폴더를 확인하거나 먼저 setup으로 설정하세요.`,
        `There is no NAP Monitor database in ${dir}. Check the folder, or set it up first with setup.`,
      );
    }
    try {
      firstMade = fs.mkdirSync(dir, { recursive: true }) ?? null;
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new Refusal(`데이터 폴더 ${dir}을(를) 만들 수 없습니다 (${reason}).`, `The data folder ${dir} cannot be made (${reason}).`);
    }
  }
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (err) {
    throw openRefusal(err, file);
  }
  try {
    for (const plan of SHIPPED_PLANS) loadPlanDocument(db, plan);
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    db,
    created,
    discard() {
      if (db.open) db.close();
      if (!created) return;
      for (const f of fs.readdirSync(dir)) if (f.startsWith(path.basename(file))) fs.rmSync(path.join(dir, f), { force: true });
      // The folders made now, innermost first, while empty.
      for (let d = dir; firstMade !== null && d.length >= firstMade.length; d = path.dirname(d)) {
        if (fs.readdirSync(d).length > 0) break;
        fs.rmdirSync(d);
      }
    },
  };
}

function openRefusal(err: unknown, file: string): unknown {
  if (err instanceof DatabaseOpenError) {
    // The words of the application's start-up dialog (main/startup-error.ts), each language on one line.
    const t = startupErrorText(err, path.dirname(file));
    const [koTitle, enTitle] = t.message.split('\n');
    const [koDetail, enDetail] = t.detail.split('\n\n');
    const line = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined).join(' ').replace(/\s*\n\s*/g, ' \u2014 ');
    if (koTitle === undefined || enTitle === undefined) return new Refusal(err.message, err.message);
    return new Refusal(line(koTitle, koDetail), line(enTitle, enDetail));
  }
  if (err instanceof Database.SqliteError && (err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_CORRUPT')) {
    return new Refusal(
      `${file}은(는) 데이터베이스로 읽을 수 없는 파일입니다 (손상되었거나 다른 종류의 파일). 백업에서 복원하거나 다른 데이터 폴더를 고르세요. 파일은 바뀌지 않았습니다.`,
      `${file} cannot be read as a database (damaged, or another kind of file). Restore it from a backup or choose another data folder. The file was not changed.`,
    );
  }
  if (err instanceof Database.SqliteError && (err.code === 'SQLITE_CANTOPEN' || err.code === 'SQLITE_READONLY' || err.code === 'SQLITE_PERM')) {
    return new Refusal(
      `${file}을(를) 열 수 없습니다 (${err.code}). 폴더의 권한을 확인하세요.`,
      `${file} cannot be opened (${err.code}). Check the folder's permissions.`,
    );
  }
  return err;
}
