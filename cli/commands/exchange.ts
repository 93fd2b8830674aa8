/**
 * The exchange on the command line, over the same service the application
 * uses (main/exchange/service.ts):
 *   export request --body CODE --year Y --out FILE | export request --all --year Y --out-dir DIR
 *   export report --year Y --out FILE
 *   import FILE [--json] [--apply [--take file|mine] [--confirm]] [--body CODE --year Y]
 *   imports [--json]
 *   undo ID
 * A refusal says why in Korean and English (exit 2), as the interface words it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { requireInstallation } from '../../db/installation';
import { DomainError } from '../../contract/result';
import { ColumnMapping, FIXED_COLUMNS, type ImportPreview, type ImportRecord } from '../../contract/exchange';
import { backupDir, makeBackupSync } from '../../main/backup/backups';
import { createExchangeService, type ExchangeJobState, type ExchangeService } from '../../main/exchange/service';
import { expectOnly, flag, stringOption, type Parsed } from '../args';
import { dataDirOf, openData } from '../data';
import { Refusal } from '../refusal';
import type { Command, Io } from './index';

const VERSION = process.env.npm_package_version ?? '0.1.0';

function withService<T>(parsed: Parsed, run: (s: ExchangeService, db: Db) => Promise<T>): Promise<T> {
  const dir = dataDirOf(parsed.dataDir);
  const db = openData(dir, { create: false });
  const service = createExchangeService({
    getDb: () => db,
    backupBeforeImport: () => {
      makeBackupSync(db, backupDir(dir), 'before-import', { appVersion: VERSION, now: () => new Date() });
    },
  });
  return run(service, db)
    .catch((err: unknown) => {
      throw refusalOf(err);
    })
    .finally(() => db.close());
}

function refusalOf(err: unknown): unknown {
  if (err instanceof DomainError) {
    const hint = err.details?.[0]?.hint;
    if (err.code === 'FORBIDDEN' && hint === 'wrong_role') return new Refusal('이 설치에서는 할 수 없는 일입니다 (요청 파일은 여성가족부 총괄 설치에서 씁니다).', err.message);
    if (hint === 'unsettled') return new Refusal('서로 다른 값이 남아 있습니다. --take file(파일 값) 또는 --take mine(이 컴퓨터 값)을 붙이세요.', `${err.message} Add --take file or --take mine.`);
    if (hint?.startsWith('confirm:')) return new Refusal(`확인이 필요합니다 (${hint.slice(8)}). 확인했다면 --confirm을 붙이세요.`, `${err.message} Add --confirm once you have checked.`);
    if (hint === 'changed_since') return new Refusal('가져온 뒤 바뀐 값이 있어 되돌릴 수 없습니다.', err.message);
    if (hint === 'undone') return new Refusal('이미 되돌린 가져오기입니다.', err.message);
    if (hint === 'disk_full') return new Refusal('디스크가 가득 차 가져오기 전 백업을 만들 수 없어 아무것도 바꾸지 않았습니다. 공간을 비운 뒤 다시 하세요.', err.message);
    if (hint === 'no_folder') return new Refusal('그 폴더가 없습니다. 폴더를 확인하세요.', err.message);
    if (hint === 'not_found' || hint === 'not_file') return new Refusal('파일을 열 수 없습니다. 경로를 확인하세요.', err.message);
    return new Refusal(`할 수 없습니다: ${err.message}`, err.message);
  }
  return err;
}

async function settle(service: ExchangeService, job: ExchangeJobState): Promise<ExchangeJobState> {
  const done = await service.settled(job.id);
  if (done.state === 'failed' && done.error) throw new Refusal(done.error.ko + (done.error.where ? ` (${done.error.where})` : ''), done.error.en);
  return done;
}

function yearPeriod(db: Db, year: string | null): number {
  if (year === null) throw new Refusal('--year 연도를 적어 주세요.', 'Give the year with --year Y.');
  const y = Number(year);
  const id = db.prepare('SELECT id FROM reporting_period WHERE year = ? ORDER BY plan_id DESC LIMIT 1').pluck().get(y) as number | undefined;
  if (id === undefined) {
    const years = (db.prepare('SELECT year FROM reporting_period ORDER BY year').pluck().all() as number[]).join(', ');
    throw new Refusal(`${year}년은 점검 연도가 아닙니다. 연도: ${years}`, `${year} is not a reporting year. Years: ${years}`);
  }
  return id;
}

/** Writes into a temporary folder, then moves the file to where --out says. */
function moveTo(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
    fs.rmSync(from, { force: true });
  }
}

export const exportCommand: Command = {
  name: 'export',
  run: (parsed: Parsed, io: Io) =>
    withService(parsed, async (service, db) => {
      const what = parsed.positional[0];
      const actor = requireInstallation(db);
      if (what === 'request') {
        expectOnly(parsed, ['body', 'year', 'out', 'all', 'out-dir'], 1);
        const periodId = yearPeriod(db, stringOption(parsed, 'year'));
        if (flag(parsed, 'all')) {
          const dir = stringOption(parsed, 'out-dir');
          if (dir === null) throw new Refusal('--all에는 --out-dir 폴더가 필요합니다.', '--all needs --out-dir DIR.');
          fs.mkdirSync(dir, { recursive: true });
          const codes = db
            .prepare('SELECT b.code FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id JOIN reporting_period rp ON rp.plan_id = pb.plan_id WHERE rp.id = ? ORDER BY pb.seq')
            .pluck()
            .all(periodId) as string[];
          const job = await settle(service, service.exportRequests({ periodId, bodyCodes: codes, dir: path.resolve(dir) }, actor));
          for (const f of job.files ?? []) io.out(`${f.bodyCode}\t${f.rows}\t${f.path}\n`);
          return;
        }
        const body = stringOption(parsed, 'body');
        const out = stringOption(parsed, 'out');
        if (body === null || out === null) throw new Refusal('--body 기관코드와 --out 파일을 적어 주세요 (또는 --all --out-dir 폴더).', 'Give --body CODE and --out FILE (or --all --out-dir DIR).');
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-export-'));
        const job = await settle(service, service.exportRequests({ periodId, bodyCodes: [body], dir: tmp }, actor));
        moveTo(job.files![0]!.path, out);
        fs.rmSync(tmp, { recursive: true, force: true });
        io.out(`${body}\t${job.files![0]!.rows}\t${path.resolve(out)}\n`);
        return;
      }
      if (what === 'report') {
        expectOnly(parsed, ['year', 'out'], 1);
        const periodId = yearPeriod(db, stringOption(parsed, 'year'));
        const out = stringOption(parsed, 'out');
        if (out === null) throw new Refusal('--out 파일을 적어 주세요.', 'Give --out FILE.');
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-export-'));
        const job = await settle(service, service.exportReport({ periodId, dir: tmp }, actor));
        moveTo(job.files![0]!.path, out);
        fs.rmSync(tmp, { recursive: true, force: true });
        io.out(`${job.files![0]!.bodyCode}\t${job.files![0]!.rows}\t${path.resolve(out)}\n`);
        return;
      }
      throw new Refusal('export request 또는 export report로 적어 주세요.', 'Write export request or export report.');
    }),
};

export const importCommand: Command = {
  name: 'import',
  run: (parsed: Parsed, io: Io) =>
    withService(parsed, async (service, db) => {
      expectOnly(parsed, ['json', 'apply', 'take', 'confirm', 'body', 'year', 'map', 'header-row', 'sheet'], 1);
      const file = parsed.positional[0];
      if (file === undefined) throw new Refusal('가져올 파일을 적어 주세요: import FILE', 'Give the file to import: import FILE');
      const take = stringOption(parsed, 'take');
      if (take !== null && take !== 'file' && take !== 'mine') throw new Refusal('--take에는 file 또는 mine을 적어 주세요.', '--take is file or mine.');
      const year = stringOption(parsed, 'year');
      const actor = requireInstallation(db);
      const mapping = mappingOf(parsed);
      const job = await settle(
        service,
        service.preview({ path: path.resolve(file), body: stringOption(parsed, 'body'), year: year === null ? null : Number(year), mapping }, actor),
      );
      const preview = job.preview!;
      if (!flag(parsed, 'apply')) {
        io.out(flag(parsed, 'json') ? `${JSON.stringify(preview, null, 2)}\n` : describePreview(preview));
        return;
      }
      const record = service.apply(preview.token, { take: take as 'file' | 'mine' | null, picks: [], confirm: flag(parsed, 'confirm') ? [...preview.needsConfirmation] : [] }, actor);
      io.out(flag(parsed, 'json') ? `${JSON.stringify(record, null, 2)}\n` : `${describeRecord(record)}\n`);
    }),
};

/** --map A=code,C=completion,… [--header-row N] [--sheet NAME]: the column-mapping step for a workbook without our headers. */
function mappingOf(parsed: Parsed): ColumnMapping | null {
  const map = stringOption(parsed, 'map');
  const headerRow = stringOption(parsed, 'header-row');
  const sheet = stringOption(parsed, 'sheet');
  if (map === null && headerRow === null && sheet === null) return null;
  const columns: Record<string, string> = {};
  for (const pair of (map ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [letter, field] = pair.split('=').map((x) => x.trim());
    columns[(letter ?? '').toUpperCase()] = field ?? '';
  }
  const parsedMapping = ColumnMapping.safeParse({ sheet, headerRow: headerRow === null ? null : Number(headerRow), columns });
  if (!parsedMapping.success) {
    throw new Refusal(
      `--map은 "열=항목"을 쉼표로 적습니다 (예: A=code,C=completion,D=achievements). 항목: ${FIXED_COLUMNS.join(', ')}. --header-row는 머리글이 있는 행 번호입니다.`,
      `--map is "column=field" pairs with commas (e.g. A=code,C=completion,D=achievements). Fields: ${FIXED_COLUMNS.join(', ')}. --header-row is the number of the header row.`,
    );
  }
  return parsedMapping.data;
}

export const importsCommand: Command = {
  name: 'imports',
  run: (parsed: Parsed, io: Io) =>
    withService(parsed, async (service) => {
      expectOnly(parsed, ['json']);
      const list = service.imports();
      if (flag(parsed, 'json')) io.out(`${JSON.stringify(list, null, 2)}\n`);
      else for (const r of list) io.out(`${describeRecord(r)}\n`);
    }),
};

export const undoCommand: Command = {
  name: 'undo',
  run: (parsed: Parsed, io: Io) =>
    withService(parsed, async (service, db) => {
      expectOnly(parsed, [], 1);
      const id = Number(parsed.positional[0]);
      if (!Number.isInteger(id) || id < 1) throw new Refusal('되돌릴 가져오기 번호를 적어 주세요: undo ID (imports로 봅니다).', 'Give the number of the import to undo: undo ID (see imports).');
      const record = service.undo(id, requireInstallation(db));
      io.out(`${describeRecord(record)}\n`);
    }),
};

function describeRecord(r: ImportRecord): string {
  const counts = Object.entries(r.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${r.id}\t${r.importedAt}\t${r.kind ?? '-'}\t${r.body} ${r.year}\t${r.fileName}\t${counts}${r.undoneAt ? `\tundone ${r.undoneAt}` : ''}`;
}

function describePreview(p: ImportPreview): string {
  const lines = [
    `${p.file.name} (${p.kind ?? 'workbook'}; ${p.plan} ${p.body} ${p.year}${p.writer ? `; ${p.writer.name}, ${p.writer.writtenAt}` : ''})`,
    `new ${p.counts.new}, changed ${p.counts.changed}, unchanged ${p.counts.unchanged}, conflict ${p.counts.conflict}, rejected ${p.counts.rejected}`,
  ];
  if (p.alreadyImported) lines.push('이미 가져온 파일입니다 / already imported');
  for (const c of p.needsConfirmation) lines.push(`확인 필요 / needs confirmation: ${c}`);
  for (const w of p.warnings) lines.push(`! ${w.ko}${w.where ? ` [${w.where}]` : ''}`);
  for (const r of p.rows) {
    if (r.outcome === 'unchanged' && r.fields.length === 0) continue;
    lines.push(`${r.actionPlan}\t${r.outcome}${r.reason ? `\t${r.reason.ko}` : ''}`);
    for (const f of r.fields) {
      const cut = (s: string | null) => (s === null ? '∅' : s.length > 60 ? `${s.slice(0, 60)}…` : s);
      lines.push(`  ${f.label.ko}\t${f.outcome}\t${cut(f.mine)} → ${cut(f.file)}${f.reason ? `\t${f.reason.ko} [${f.cell ?? ''}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
