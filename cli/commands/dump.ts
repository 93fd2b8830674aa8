/**
 * dump --json [--out FILE]: the database's logical content (db/dump.ts) on
 * stdout, or into FILE (npm run prints its own lines on stdout first: a
 * script uses --out, or npm run -s).
 */
import { dumpJson } from '../../db/dump';
import { writeFileDurably } from '../../db/durable';
import { expectOnly, flag, stringOption, type Parsed } from '../args';
import { dataDirOf, openData } from '../data';
import { Refusal } from '../refusal';
import type { Command, Io } from './index';

export const dump: Command = {
  name: 'dump',
  run(parsed: Parsed, io: Io): void {
    expectOnly(parsed, ['json', 'out']);
    const out = stringOption(parsed, 'out');
    if (!flag(parsed, 'json')) throw new Refusal('dump는 지금 JSON으로만 씁니다: --json을 붙이세요.', 'dump writes JSON only: add --json.');
    const db = openData(dataDirOf(parsed.dataDir), { create: false });
    try {
      const text = dumpJson(db);
      if (out === null) io.out(text);
      else writeOut(out, text);
    } finally {
      db.close();
    }
  },
};

/** Writes the file whole or not at all (db/durable.ts). */
function writeOut(file: string, text: string): void {
  try {
    writeFileDurably(file, text);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new Refusal(`${file}에 쓸 수 없습니다 (${reason}). 폴더와 권한을 확인하세요.`, `Cannot write ${file} (${reason}). Check the folder and its permissions.`);
  }
}
