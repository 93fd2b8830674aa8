/**
 * What the start-up error dialog says when the database is refused
 * (db/connection.ts): in Korean and English, what happened, where the file is
 * and what to do. Plain Node, so the tests read the same words Electron shows.
 */
import { DatabaseOpenError, type DatabaseOpenCode } from '../db/errors';

export interface StartupErrorText {
  title: string;
  message: string;
  detail: string;
}

const TEXT: Record<DatabaseOpenCode, (f: { db: string; at: string; found?: number; known?: number }) => { ko: [string, string]; en: [string, string] }> = {
  DB_DAMAGED: ({ at }) => ({
    ko: ['데이터베이스 파일이 손상되어 열 수 없습니다.', `파일: ${at}\n백업에서 복원하세요. 파일은 그대로 두었습니다(아무것도 지우거나 바꾸지 않음).`],
    en: ['The database file is damaged and cannot be opened.', `File: ${at}\nRestore a backup. The file was left as it is (nothing deleted or changed).`],
  }),
  DB_FOREIGN: ({ at }) => ({
    ko: ['이 파일은 NAP Monitor 데이터베이스가 아닙니다.', `파일: ${at}\n다른 프로그램의 파일이거나 앞부분이 손상되었습니다. 데이터가 있던 곳이라면 백업에서 복원하고, 아니라면 파일을 다른 곳으로 옮기세요. 파일은 그대로 두었습니다.`],
    en: ['This file is not a NAP Monitor database.', `File: ${at}\nIt belongs to another program, or its beginning is damaged. If your data was here, restore a backup; otherwise move the file away. The file was left as it is.`],
  }),
  DB_NEWER: ({ at, found, known }) => ({
    ko: ['더 새로운 버전의 NAP Monitor가 쓴 데이터베이스입니다.', `파일: ${at}\n(형식 ${found ?? '?'}, 이 버전은 ${known ?? '?'}까지) 새 버전을 설치해서 여세요. 새 버전을 쓴 적이 없다면 파일이 손상된 것이니 백업에서 복원하세요. 파일은 그대로 두었습니다.`],
    en: ['The database was written by a newer version of NAP Monitor.', `File: ${at}\n(schema ${found ?? '?'}; this version knows up to ${known ?? '?'}) Install the newer version to open it. If no newer version was ever used here, the file is damaged: restore a backup. The file was left as it is.`],
  }),
  DB_EMPTY: ({ at }) => ({
    ko: ['데이터베이스 파일이 비어 있거나 잘려 있습니다.', `파일: ${at}\n새 데이터베이스를 만들지 않았습니다. 백업에서 복원하세요. 파일은 그대로 두었습니다.`],
    en: ['The database file is empty or cut short.', `File: ${at}\nNo new database was made in its place. Restore a backup. The file was left as it is.`],
  }),
  DB_WAL_WITHOUT_DB: ({ db, at }) => ({
    ko: ['데이터베이스 파일이 없는데, 최근 변경 기록(-wal)만 남아 있습니다.', `없는 파일: ${db}\n남은 기록: ${at}\n새 데이터베이스를 만들지 않았습니다. 데이터베이스 파일을 제자리에 되돌리거나 백업에서 복원하세요. 기록 파일은 그대로 두었습니다.`],
    en: ['The database file is missing, but its journal of recent changes (-wal) is there.', `Missing: ${db}\nJournal: ${at}\nNo new database was made. Put the database file back, or restore a backup. The journal was left as it is.`],
  }),
  DB_WAL_FOREIGN: ({ db, at }) => ({
    ko: ['데이터베이스 옆의 변경 기록(-wal)이 이 데이터베이스의 것이 아닙니다.', `데이터베이스: ${db}\n기록: ${at}\n다른 사본에서 복사된 것으로 보여 적용하지 않았습니다. 지금의 데이터베이스를 열려면 ${at} 파일(과 -shm 파일)을 다른 폴더로 옮긴 뒤 다시 시작하거나, 백업에서 복원하세요. 두 파일 모두 그대로 두었습니다.`],
    en: ['The journal of recent changes (-wal) beside the database does not belong to it.', `Database: ${db}\nJournal: ${at}\nIt seems copied from another copy, so it was not applied. To open the database as it is, move ${at} (and the -shm file) to another folder and start again, or restore a backup. Both files were left as they are.`],
  }),
  DB_CHANGED_OUTSIDE: ({ at }) => ({
    ko: ['데이터베이스 파일이 NAP Monitor가 마지막으로 닫은 뒤에 바뀌었습니다.', `파일: ${at}\n다른 프로그램, 다른 파일을 덮어쓴 복사, 또는 디스크 손상 때문입니다. 직접 이 파일을 넣었다면 옆의 ${at}.session.json 파일을 지우고 다시 시작하세요. 아니라면 백업에서 복원하세요. 파일은 그대로 두었습니다.`],
    en: ['The database file changed after NAP Monitor last closed it.', `File: ${at}\nAnother program, a file copied over it, or damage to the disk changed it. If you put this file there yourself, delete ${at}.session.json beside it and start again; otherwise restore a backup. The file was left as it is.`],
  }),
  DB_UNREADABLE: ({ at }) => ({
    ko: ['데이터베이스 파일을 읽을 수 없습니다.', `파일: ${at}\n디스크가 연결되어 있는지, 폴더를 읽을 권한이 있는지 확인한 뒤 다시 시작하세요. 파일은 그대로 두었습니다.`],
    en: ['The database file could not be read.', `File: ${at}\nCheck that the disk is connected and that you may read the folder, then start again. The file was left as it is.`],
  }),
  DB_MIGRATION_FAILED: ({ at, found }) => ({
    ko: ['데이터베이스를 이 버전의 형식으로 바꾸지 못했습니다.', `파일: ${at}\n데이터베이스는 이전 형식(${found ?? '?'}) 그대로이며 지워진 것은 없습니다. 이전 버전으로 계속 쓰거나 지원 담당자에게 알려 주세요.`],
    en: ['The database could not be updated to this version.', `File: ${at}\nIt is unchanged at schema ${found ?? '?'}; nothing was deleted. Keep using the previous version, or tell your support contact.`],
  }),
};

/** The dialog's words for an error thrown at start; any other error is shown by its message, with the data folder. */
export function startupErrorText(err: unknown, dataDir: string): StartupErrorText {
  if (err instanceof DatabaseOpenError) {
    const t = TEXT[err.code]({ db: err.details.database, at: err.file, ...(err.details.found !== undefined ? { found: err.details.found } : {}), ...(err.details.known !== undefined ? { known: err.details.known } : {}) });
    return { title: 'NAP Monitor', message: `${t.ko[0]}\n${t.en[0]}`, detail: `${t.ko[1]}\n\n${t.en[1]}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    title: 'NAP Monitor',
    message: 'NAP Monitor를 시작하지 못했습니다.\nNAP Monitor could not start.',
    detail: `데이터 폴더 / Data folder: ${dataDir}\n\n${message}`,
  };
}

/** Refusals after which the newest good backup may take the refused file's place (kept aside): not a newer version's file, not a failed update. */
const RECOVERABLE: ReadonlySet<DatabaseOpenCode> = new Set<DatabaseOpenCode>([
  'DB_DAMAGED',
  'DB_FOREIGN',
  'DB_EMPTY',
  'DB_WAL_WITHOUT_DB',
  'DB_WAL_FOREIGN',
  'DB_CHANGED_OUTSIDE',
  'DB_UNREADABLE',
]);

export function recoverableByBackup(err: unknown): boolean {
  return err instanceof DatabaseOpenError && RECOVERABLE.has(err.code);
}

export interface RecoveryOffer extends StartupErrorText {
  /** The dialog's buttons: quit (0) or restore (1). */
  buttons: [string, string];
}

/** The start-up dialog when a good backup exists: the refusal, then what restoring it does. */
export function recoveryOfferText(err: unknown, dataDir: string, backup: { createdAt: string; entries: number }): RecoveryOffer {
  const base = startupErrorText(err, dataDir);
  const when = backup.createdAt.replace('T', ' ').slice(0, 16);
  return {
    ...base,
    detail:
      `${base.detail}\n\n` +
      `${when} (UTC) 백업(항목 ${backup.entries}개)으로 복원할 수 있습니다. 그 뒤의 변경은 백업에 없습니다. 열 수 없던 파일은 지우지 않고 이름 끝에 ".damaged-날짜"를 붙여 같은 폴더에 남겨 둡니다.\n` +
      `You can restore the backup of ${when} (UTC, ${backup.entries} entries). Changes made after it are not in it. The file that could not be opened is not deleted: it stays in the same folder with ".damaged-<date>" added to its name.`,
    buttons: ['Quit / 종료', 'Restore the backup / 백업으로 복원'],
  };
}
