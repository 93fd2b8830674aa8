/**
 * The exchange as the application and the command line use it: writing
 * workbooks, reading one (in a worker) into a preview, applying, undoing,
 * the import history. Long work runs as jobs the interface follows
 * (exchange:job) and can cancel; main never waits on a file.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import type { ApplyChoices, ColumnMapping, ImportPreview, ImportRecord, Notice, ReadResult, WorkbookKind } from '../../contract/exchange';
import { LIMITS } from '../../contract/exchange';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import { actorName } from '../../db/history';
import { installationId } from '../../db/identity';
import { leadBodyCode } from '../../db/plan';
import { getSettings } from '../../db/settings';
import { reportingBody } from '../../db/workflow';
import { recordExport } from '../../db/exchange';
import { writeFileDurably } from '../../db/durable';
import { gatherWorkbook } from './gather';
import { workbookFileName, writeWorkbook } from './write';
import { readInWorker } from './read-in-worker';
import { ImportRefusal, prepareImport, type ImportPlan, type PrepareOptions } from './merge';
import { applyImport, importHistory, undoImport } from './apply';

export interface ExchangeJobState {
  id: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  step: Notice | null;
  files: { bodyCode: string; path: string; rows: number }[] | null;
  preview: ImportPreview | null;
  error: Notice | null;
}

export interface ExchangeService {
  exportRequests(req: { periodId: number; bodyCodes: string[]; dir: string }, actor: Installation): ExchangeJobState;
  exportReport(req: { periodId: number; dir: string }, actor: Installation): ExchangeJobState;
  preview(req: { path: string; mapping?: ColumnMapping | null } & PrepareOptions, actor: Installation): ExchangeJobState;
  job(id: number): ExchangeJobState;
  cancel(id: number): ExchangeJobState;
  /** Resolves when the job has ended (the command line and tests). */
  settled(id: number): Promise<ExchangeJobState>;
  apply(token: string, choices: ApplyChoices, actor: Installation): ImportRecord;
  discard(token: string): void;
  imports(): ImportRecord[];
  undo(importId: number, actor: Installation): ImportRecord;
}

export interface ExchangeServiceOptions {
  getDb: () => Db;
  /** A verified backup before an import is applied (main/backup). */
  backupBeforeImport?: () => void;
  /** The clock (tests). */
  now?: () => Date;
}

interface Job extends ExchangeJobState {
  abort: AbortController;
  done: Promise<void>;
}

interface Prepared {
  plan: ImportPlan;
  preview: ImportPreview;
}

const step = (ko: string, en: string): Notice => ({ ko, en, where: null });

export function createExchangeService(options: ExchangeServiceOptions): ExchangeService {
  const jobs = new Map<number, Job>();
  const prepared = new Map<string, Prepared>();
  let nextId = 1;
  const now = options.now ?? (() => new Date());

  const view = (j: Job): ExchangeJobState => ({ id: j.id, state: j.state, progress: j.progress, step: j.step, files: j.files, preview: j.preview, error: j.error });

  function start(first: Notice, work: (job: Job) => Promise<void>): ExchangeJobState {
    const job = { id: nextId++, state: 'running', progress: 0, step: first, files: null, preview: null, error: null, abort: new AbortController() } as unknown as Job;
    jobs.set(job.id, job);
    // Keep the last 50 jobs.
    for (const id of jobs.keys()) if (jobs.size > 50 && id !== job.id) jobs.delete(id);
    job.done = (async () => {
      try {
        await work(job);
        if (job.state === 'running') {
          job.state = 'done';
          job.progress = 1;
          job.step = null;
        }
      } catch (err) {
        if (job.abort.signal.aborted || (err instanceof Error && err.name === 'AbortError')) {
          job.state = 'cancelled';
        } else {
          job.state = 'failed';
          job.error = noticeOf(err);
        }
        job.step = null;
      }
    })();
    return view(job);
  }

  function exportJob(kind: WorkbookKind, bodyCodes: string[], periodId: number, dir: string, actor: Installation): ExchangeJobState {
    const db = options.getDb();
    const period = db.prepare('SELECT id, plan_id AS planId, year FROM reporting_period WHERE id = ?').get(periodId) as { id: number; planId: number; year: number } | undefined;
    if (!period) throw new DomainError('NOT_FOUND', `There is no reporting period ${periodId}.`, [{ path: 'periodId' }]);
    if (kind === 'request' && actor.role !== 'coordinator') throw new DomainError('FORBIDDEN', 'Only MOGEF’s installation writes request workbooks.', [{ path: 'bodyCodes', hint: 'wrong_role' }]);
    for (const code of bodyCodes) {
      if (!db.prepare('SELECT 1 FROM plan_body pb JOIN implementing_body b ON b.id = pb.body_id WHERE pb.plan_id = ? AND b.code = ?').get(period.planId, code)) {
        throw new DomainError('NOT_FOUND', `${code} is not a body of that period’s plan.`, [{ path: 'bodyCodes' }]);
      }
    }
    checkFolder(dir);
    return start(step('파일을 쓰는 중', 'Writing the workbooks'), async (job) => {
      const files: ExchangeJobState['files'] = [];
      for (const [i, bodyCode] of bodyCodes.entries()) {
        if (job.abort.signal.aborted) throw abortError();
        job.step = step(`${bodyCode} 파일을 쓰는 중`, `Writing ${bodyCode}’s workbook`);
        const db = options.getDb();
        const exportId = randomUUID();
        const writtenAt = now().toISOString();
        const data = gatherWorkbook(db, {
          kind,
          bodyCode,
          periodId,
          language: getSettings(db).language,
          writer: { installation: installationId(db), role: actor.role, body: actor.role === 'body' ? actor.bodyCode : null, name: actorName(actor) },
          writtenAt,
          exportId,
        });
        const buffer = await writeWorkbook(data);
        const name = freeName(dir, workbookFileName(data.meta));
        const file = path.join(dir, name);
        writeFileDurably(file, buffer);
        recordExport(options.getDb(), {
          exportId,
          kind,
          plan: data.meta.plan,
          body: bodyCode,
          year: data.meta.year,
          fileName: name,
          sha256: createHash('sha256').update(buffer).digest('hex'),
          writtenBy: actorName(actor),
          writtenAt,
          base: data.meta.base,
        });
        files.push({ bodyCode, path: file, rows: data.rows.length });
        job.files = [...files];
        job.progress = (i + 1) / bodyCodes.length;
      }
    });
  }

  return {
    exportRequests: (req, actor) => exportJob('request', req.bodyCodes, req.periodId, req.dir, actor),
    exportReport: (req, actor) => {
      const db = options.getDb();
      const planId = db.prepare('SELECT plan_id FROM reporting_period WHERE id = ?').pluck().get(req.periodId) as number | undefined;
      if (planId === undefined) throw new DomainError('NOT_FOUND', `There is no reporting period ${req.periodId}.`, [{ path: 'periodId' }]);
      const body = reportingBody(actor, leadBodyCode(db, planId));
      if (body === null) throw new DomainError('FORBIDDEN', 'This installation reports for no body of that plan.', [{ path: 'periodId', hint: 'wrong_role' }]);
      return exportJob('report', [body], req.periodId, req.dir, actor);
    },
    preview: (req, actor) => {
      const file = req.path;
      const name = path.basename(file);
      let size: number;
      try {
        const st = fs.statSync(file);
        if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        size = st.size;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        throw new DomainError('NOT_FOUND', `The file ${name} cannot be opened (${code || 'unknown'}).`, [{ path: 'path', hint: code === 'EISDIR' ? 'not_file' : 'not_found' }]);
      }
      return start(step('파일을 읽는 중', 'Reading the file'), async (job) => {
        if (size > LIMITS.fileBytes) {
          throw new ImportRefusal({
            ko: `${name}은(는) 너무 큽니다 (${Math.round(size / 1024 / 1024)}MB, 최대 ${LIMITS.fileBytes / 1024 / 1024}MB). 보고 시트만 남겨 다시 저장해 보내 달라고 하세요.`,
            en: `${name} is too large (${Math.round(size / 1024 / 1024)} MB; at most ${LIMITS.fileBytes / 1024 / 1024} MB): ask for the report sheet alone, saved again.`,
            where: name,
          });
        }
        const bytes = fs.readFileSync(file);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        job.progress = 0.1;
        const result: ReadResult = await readInWorker(new Uint8Array(bytes), name, { signal: job.abort.signal, mapping: req.mapping ?? null });
        if (job.abort.signal.aborted) throw abortError();
        if (!result.ok) throw new ImportRefusal({ ko: result.refusal.ko, en: result.refusal.en, where: result.refusal.where });
        job.progress = 0.7;
        job.step = step('이 컴퓨터의 자료와 비교하는 중', 'Comparing with the data here');
        const { preview, plan } = prepareImport(options.getDb(), actor, result.workbook, { name, sha256, bytes: bytes.length }, { body: req.body ?? null, year: req.year ?? null });
        const token = randomUUID();
        const full: ImportPreview = { ...preview, token };
        prepared.set(token, { plan, preview: full });
        for (const t of prepared.keys()) if (prepared.size > 20 && t !== token) prepared.delete(t);
        job.preview = full;
      });
    },
    job: (id) => {
      const j = jobs.get(id);
      if (!j) throw new DomainError('NOT_FOUND', `There is no exchange job ${id}.`, [{ path: 'id' }]);
      return view(j);
    },
    cancel: (id) => {
      const j = jobs.get(id);
      if (!j) throw new DomainError('NOT_FOUND', `There is no exchange job ${id}.`, [{ path: 'id' }]);
      if (j.state === 'running') j.abort.abort();
      return view(j);
    },
    settled: async (id) => {
      const j = jobs.get(id);
      if (!j) throw new DomainError('NOT_FOUND', `There is no exchange job ${id}.`, [{ path: 'id' }]);
      await j.done;
      return view(j);
    },
    apply: (token, choices, actor) => {
      const p = prepared.get(token);
      if (!p) throw new DomainError('NOT_FOUND', 'This preview is no longer held: preview the file again.', [{ path: 'token', hint: 'stale_preview' }]);
      options.backupBeforeImport?.();
      const record = applyImport(options.getDb(), p.plan, choices, actor, p.preview.needsConfirmation);
      prepared.delete(token);
      return record;
    },
    discard: (token) => {
      prepared.delete(token);
    },
    imports: () => importHistory(options.getDb()),
    undo: (importId, actor) => {
      options.backupBeforeImport?.();
      return undoImport(options.getDb(), importId, actor);
    },
  };
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

function noticeOf(err: unknown): Notice {
  if (err instanceof ImportRefusal) return err.notice;
  if (err instanceof DomainError) return { ko: `가져올 수 없습니다: ${err.message}`, en: err.message, where: null };
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return { ko: '디스크가 가득 차 파일을 쓸 수 없습니다. 공간을 비우고 다시 하세요.', en: 'The disk is full: free some space and try again.', where: null };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { ko: '그 폴더에 쓸 수 없습니다. 다른 폴더를 고르세요.', en: 'That folder cannot be written to: choose another.', where: null };
  console.error('exchange job failed', e);
  return { ko: `예기치 못한 오류가 났습니다: ${e.message}`, en: `Unexpected error: ${e.message}`, where: null };
}

function checkFolder(dir: string): void {
  let ok: boolean;
  try {
    ok = fs.statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new DomainError('NOT_FOUND', `The folder ${dir} does not exist.`, [{ path: 'dir', hint: 'no_folder' }]);
}

/** The name, or with -2, -3 … before the extension when a file of that name is there already (never overwrite one). */
function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${stem}-${i}${ext}`;
    if (!fs.existsSync(path.join(dir, candidate))) return candidate;
  }
}
