/**
 * Building meeting packs and the committee report, as the application and
 * the command line use it. A build is a job (pack:job follows it, pack:cancel
 * stops it through an AbortSignal); main never waits on the printer. The
 * pack's PDF is written whole and durably (db/durable.ts), never over an
 * existing file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { writeFileDurably } from '../../db/durable';
import type { Notice } from '../../contract/exchange';
import type { BuiltDocument, PackJob, PackOptions } from '../../contract/meetings';
import { PackOptions as PackOptionsSchema } from '../../contract/meetings';
import type { Language } from '../../contract/domain';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import { loadPackData } from './data';
import { buildPackHtml } from './html';
import { printWithContents } from './paginate';
import { PrintCancelled, throwIfCancelled, type Printer } from './print';
import { buildGecReport } from './gec/index';

export interface PackService {
  /** Starts building a meeting's pack into `path` (a .pdf that must not exist yet). */
  build(req: { options: PackOptions; path: string }, actor: Installation): PackJob;
  /** Starts building the annual report to the Gender Equality Committee into a folder (main/packs/gec/). */
  buildReport(req: { periodId: number; language: Language; dir: string }, actor: Installation): PackJob;
  job(id: number): PackJob;
  cancel(id: number): PackJob;
  /** Resolves when the job has ended (the command line and tests). */
  settled(id: number): Promise<PackJob>;
  /** The pack's HTML as printed (contents' numbers included): Electron's print dialog prints it. */
  printable(options: PackOptions, actor: Installation, signal?: AbortSignal): Promise<{ html: string; landscape: boolean }>;
  /** Electron's preview and print windows (main/electron/print.ts); absent elsewhere. */
  windows?: PackWindows;
}

/** What only Electron's main can do with a pack: show a PDF in a window, open the system's print dialog. */
export interface PackWindows {
  /** Opens the PDF at path in a preview window (Chromium's PDF viewer). */
  preview(path: string): void;
  /** Prints the pack through the system's print dialog. */
  print(options: PackOptions, actor: Installation): void;
}

export interface PackServiceOptions {
  getDb: () => Db;
  /** What prints HTML to PDF: Electron's hidden window, or Chromium (command line, tests). */
  printer: Printer;
  windows?: PackWindows;
}

interface Job extends PackJob {
  abort: AbortController;
  done: Promise<void>;
}

const step = (ko: string, en: string): Notice => ({ ko, en, where: null });

/**
 * Who may build what: MOGEF any pack; a body only its own (scoped to it:
 * its installation holds only its own entries). The report to the committee
 * is MOGEF's.
 */
function checkScope(options: PackOptions, actor: Installation): void {
  if (actor.role === 'coordinator') return;
  if (options.bodyCode !== actor.bodyCode) {
    throw new DomainError(
      'FORBIDDEN',
      `기관 설치본은 자기 기관(${actor.bodyCode})의 자료만 인쇄할 수 있습니다. 범위를 ${actor.bodyCode}로 고르십시오. / A body's installation prints only its own body's data (${actor.bodyCode}): choose ${actor.bodyCode} as the scope.`,
      [{ path: 'options.bodyCode' }],
    );
  }
}

/** Refuses a path that is not a .pdf in an existing folder, or names a file that exists (a pack never replaces a file). */
function checkTarget(file: string): void {
  if (!/\.pdf$/i.test(file)) {
    throw new DomainError('BAD_REQUEST', `저장할 파일 이름이 .pdf로 끝나야 합니다: ${file} / The file to save must end in .pdf: ${file}`, [{ path: 'path' }]);
  }
  const dir = path.dirname(file);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DomainError('BAD_REQUEST', `저장할 폴더 ${dir}이(가) 없습니다. 있는 폴더를 고르십시오. / The folder ${dir} does not exist: choose a folder that exists.`, [{ path: 'path' }]);
  }
  if (fs.existsSync(file)) {
    throw new DomainError('CONFLICT', `${file} 파일이 이미 있습니다. 다른 이름을 고르십시오(기존 파일은 바꾸지 않습니다). / The file ${file} already exists: choose another name (an existing file is never replaced).`, [
      { path: 'path', hint: 'exists' },
    ]);
  }
}

/** Writes a new file durably, refused (CONFLICT) if the name was taken meanwhile. */
function writeNew(file: string, bytes: Uint8Array): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') checkTarget(file);
    throw err;
  }
  fs.closeSync(fd);
  try {
    writeFileDurably(file, bytes);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

export function createPackService(options: PackServiceOptions): PackService {
  const jobs = new Map<number, Job>();
  let nextId = 1;

  const view = (j: Job): PackJob => ({ id: j.id, state: j.state, progress: j.progress, step: j.step, result: j.result, error: j.error });

  function start(first: Notice, work: (job: Job) => Promise<BuiltDocument>): PackJob {
    const job = { id: nextId++, state: 'running', progress: 0, step: first, result: null, error: null, abort: new AbortController() } as unknown as Job;
    jobs.set(job.id, job);
    for (const id of jobs.keys()) if (jobs.size > 50 && id !== job.id) jobs.delete(id);
    job.done = (async () => {
      try {
        const result = await work(job);
        throwIfCancelled(job.abort.signal);
        job.result = result;
        job.state = 'done';
        job.progress = 1;
      } catch (err) {
        if (job.abort.signal.aborted || err instanceof PrintCancelled) {
          job.state = 'cancelled';
        } else {
          job.state = 'failed';
          job.error = noticeOf(err);
        }
      } finally {
        job.step = null;
      }
    })();
    return view(job);
  }

  const prepare = (raw: PackOptions, actor: Installation) => {
    const parsed = PackOptionsSchema.parse(raw);
    checkScope(parsed, actor);
    const data = loadPackData(options.getDb(), { meetingUid: parsed.meetingUid, bodyCode: parsed.bodyCode });
    const htmlOptions = { sections: parsed.sections, language: parsed.language, orientation: parsed.orientation };
    return { parsed, data, htmlOptions, landscape: parsed.orientation === 'landscape' };
  };

  const find = (id: number): Job => {
    const j = jobs.get(id);
    if (!j) throw new DomainError('NOT_FOUND', `인쇄 작업 ${id}이(가) 없습니다. / There is no pack job ${id}.`, [{ path: 'id' }]);
    return j;
  };

  return {
    ...(options.windows ? { windows: options.windows } : {}),
    build: ({ options: raw, path: file }, actor) => {
      checkTarget(file);
      // Read now (refusals answer at once, and the data is as it stood when asked).
      const { data, htmlOptions, landscape } = prepare(raw, actor);
      return start(step('자료를 인쇄하는 중', 'Printing the pack'), async (job) => {
        job.progress = 0.1;
        const printed = await printWithContents((pages) => buildPackHtml(data, htmlOptions, pages), options.printer, {
          landscape,
          signal: job.abort.signal,
          onProgress: (done) => (job.progress = 0.1 + 0.8 * done),
        });
        throwIfCancelled(job.abort.signal);
        job.progress = 0.9;
        job.step = step('파일을 쓰는 중', 'Writing the file');
        writeNew(file, printed.pdf);
        return { path: file, pages: printed.pages, sections: printed.sections, bytes: printed.pdf.byteLength };
      });
    },
    buildReport: ({ periodId, language, dir }, actor) => {
      if (actor.role !== 'coordinator') {
        throw new DomainError('FORBIDDEN', '성평등위원회 보고서는 여성가족부 설치본에서만 만듭니다. / Only MOGEF’s installation builds the report to the Gender Equality Committee.');
      }
      return start(step('보고서를 만드는 중', 'Building the report'), async (job) => {
        const files = await buildGecReport(options.getDb(), { periodId, language, dir }, options.printer, (p) => (job.progress = p), job.abort.signal);
        return { path: files.pdf, pages: files.pages, sections: files.sections, bytes: fs.statSync(files.pdf).size };
      });
    },
    job: (id) => view(find(id)),
    cancel: (id) => {
      const j = find(id);
      if (j.state === 'running') j.abort.abort();
      return view(j);
    },
    settled: async (id) => {
      const j = find(id);
      await j.done;
      return view(j);
    },
    printable: async (raw, actor, signal) => {
      const { data, htmlOptions, landscape } = prepare(raw, actor);
      const printed = await printWithContents((pages) => buildPackHtml(data, htmlOptions, pages), options.printer, signal ? { landscape, signal } : { landscape });
      const pages = new Map(printed.sections.map((s) => [s.id, s.page]));
      return { html: buildPackHtml(data, htmlOptions, pages), landscape };
    },
  };
}

function noticeOf(err: unknown): Notice {
  if (err instanceof DomainError) {
    const [ko, en] = err.message.includes(' / ') ? err.message.split(' / ', 2) : [`만들 수 없습니다: ${err.message}`, err.message];
    return { ko: ko ?? err.message, en: en ?? err.message, where: err.details?.[0]?.path ?? null };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return { ko: '디스크가 가득 차 파일을 쓸 수 없습니다. 공간을 비우고 다시 하십시오.', en: 'The disk is full: free some space and try again.', where: null };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { ko: '그 폴더에 쓸 수 없습니다. 다른 폴더를 고르십시오.', en: 'That folder cannot be written to: choose another.', where: null };
  const [ko, en] = e.message.includes(' / ') ? e.message.split(' / ', 2) : [`예기치 못한 오류가 났습니다: ${e.message}`, `Unexpected error: ${e.message}`];
  return { ko: ko ?? e.message, en: en ?? e.message, where: null };
}
