/**
 * setup --coordinator --name N | setup --body CODE --name N: the set-up the
 * application asks for at its first start, through the same core function
 * (db/installation.ts). Setting up again as the same identity is done
 * already (a script may run twice); as another one, refused: the
 * application's menu changes an installation, after a confirmation.
 */
import { ZodError } from 'zod';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import { USER_NAME_MAX } from '../../contract/rules';
import { getInstallation, initializeInstallation, installationInfo } from '../../db/installation';
import type { Db } from '../../db/connection';
import { expectOnly, flag, stringOption, type Parsed } from '../args';
import { dataDirOf, openDataFolder } from '../data';
import { Refusal } from '../refusal';
import type { Command, Io } from './index';

function requested(parsed: Parsed): Installation {
  expectOnly(parsed, ['coordinator', 'body', 'name']);
  const coordinator = flag(parsed, 'coordinator');
  const body = stringOption(parsed, 'body');
  const name = stringOption(parsed, 'name');
  if (coordinator === (body !== null)) {
    throw new Refusal(
      'setup에는 --coordinator(여성가족부 총괄) 또는 --body 기관코드 중 하나만 적어 주세요.',
      'setup takes one of --coordinator (MOGEF, the coordinator) or --body CODE.',
    );
  }
  if (name === null) throw new Refusal('--name 이름으로 이 설치의 사용자 이름을 적어 주세요.', 'Give the name of this installation\u2019s user with --name NAME.');
  return body === null ? { role: 'coordinator', userName: name } : { role: 'body', bodyCode: body, userName: name };
}

function describe(db: Db, i: Installation): { ko: string; en: string } {
  if (i.role === 'coordinator') return { ko: `여성가족부 총괄 설치 (사용자 ${i.userName})`, en: `MOGEF's coordinator installation (user ${i.userName})` };
  const names = db.prepare('SELECT name_ko AS ko, name_en AS en FROM implementing_body WHERE code = ?').get(i.bodyCode) as { ko: string; en: string } | undefined;
  return {
    ko: `${names?.ko ?? i.bodyCode}(${i.bodyCode}) 보고용 설치 (사용자 ${i.userName})`,
    en: `the installation of ${names?.en ?? i.bodyCode} (${i.bodyCode}) (user ${i.userName})`,
  };
}

function same(a: Installation, b: Installation): boolean {
  return JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
}

function refusalOf(err: unknown, db: Db, wanted: Installation): unknown {
  if (err instanceof ZodError) {
    const path = err.issues[0]?.path[0];
    if (path === 'bodyCode') {
      return new Refusal('기관 코드는 MOFA, MND처럼 영문 대문자와 숫자입니다.', 'A body code is capital letters and digits, such as MOFA or MND.');
    }
    return new Refusal(
      `사용자 이름을 적어 주세요 (${USER_NAME_MAX}자 이하).`,
      `Give the user's name (at most ${USER_NAME_MAX} characters).`,
    );
  }
  if (err instanceof DomainError && err.code === 'NOT_FOUND' && wanted.role === 'body') {
    const codes = (db.prepare('SELECT code FROM implementing_body ORDER BY code').pluck().all() as string[]).join(', ');
    return new Refusal(`${wanted.bodyCode}(이)라는 기관이 없습니다. 기관 코드: ${codes}`, `There is no implementing body ${wanted.bodyCode}. Body codes: ${codes}`);
  }
  return err;
}

export const setup: Command = {
  name: 'setup',
  run(parsed: Parsed, io: Io): void {
    const wanted = requested(parsed);
    const opened = openDataFolder(dataDirOf(parsed.dataDir), { create: true });
    const db = opened.db;
    let done = false;
    try {
      const current = getInstallation(db);
      if (current) {
        const now = describe(db, current);
        if (same(current, wanted)) {
          io.out(`이미 ${now.ko}로 설정되어 있습니다. 설치 ID ${installationInfo(db).id}\nAlready set up as ${now.en}. Installation id ${installationInfo(db).id}\n`);
          done = true;
          return;
        }
        throw new Refusal(
          `이 데이터 폴더는 이미 ${now.ko}로 설정되어 있습니다. 바꾸려면 앱의 메뉴 ‘파일 → 설치 정보 변경…’을 사용하세요. 아무것도 바뀌지 않았습니다.`,
          `This data folder is already set up as ${now.en}. To change it, use File → Change installation… in the application. Nothing was changed.`,
        );
      }
      try {
        initializeInstallation(db, wanted);
      } catch (err) {
        throw refusalOf(err, db, wanted);
      }
      const made = describe(db, getInstallation(db) ?? wanted);
      const id = installationInfo(db).id;
      io.out(`${made.ko}로 설정했습니다. 설치 ID ${id}\nSet up as ${made.en}. Installation id ${id}\n`);
      done = true;
    } finally {
      // A refused set-up of a new folder leaves nothing behind.
      if (done || !opened.created) db.close();
      else opened.discard();
    }
  },
};
