/**
 * Builds the annual report to the Gender Equality Committee (action plan
 * 11.2.1) for a period, into a folder: the PDF (printed with its contents'
 * page numbers read back, main/packs/paginate.ts), the .docx staff can still
 * edit, and the figures as an .xlsx. Every file is written whole and durably
 * (db/durable.ts writeFileDurably) and never over an existing file: a name
 * taken gets " (2)", " (3)" … Progress is reported from 0 to 1; a cancelled
 * build (signal) stops between steps with PrintCancelled and leaves no file
 * of its own behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../db/connection';
import { writeFileDurably } from '../../../db/durable';
import type { Language } from '../../../contract/domain';
import { DomainError } from '../../../contract/result';
import type { Printer } from '../print';
import { throwIfCancelled } from '../print';
import { printWithContents, type PrintedSection } from '../paginate';
import { gecReportData } from './data';
import { gecReportHtml } from './html';
import { gecReportDocx } from './docx';
import { gecReportXlsx } from './xlsx';

export interface GecReportOptions {
  periodId: number;
  language: Language;
  /** The folder the three files go into (it must exist). */
  dir: string;
}

export interface GecReportFiles {
  pdf: string;
  docx: string;
  xlsx: string;
  pages: number;
  sections: PrintedSection[];
}

/** The file names of a year's report: gec-report-2023-ko.pdf, .docx, .xlsx. */
export function gecFileBase(year: number, language: Language): string {
  return `gec-report-${year}-${language}`;
}

/**
 * A free name for `base.ext` in `dir`: the name itself, or "base (2).ext" …
 * Names already taken by this build (`taken`) count as used.
 */
function freeName(dir: string, base: string, ext: string): string {
  for (let n = 1; n < 10_000; n += 1) {
    const file = path.join(dir, `${n === 1 ? base : `${base} (${n})`}.${ext}`);
    if (!fs.existsSync(file)) return file;
  }
  throw new DomainError('CONFLICT', `${dir} 폴더에 ${base}.${ext} 이름의 파일이 너무 많습니다. 다른 폴더를 고르십시오. / The folder ${dir} holds too many files named ${base}.${ext}. Choose another folder.`);
}

/** Writes a file without ever replacing one: refused (EEXIST) if the name was taken since it was chosen. */
function writeNew(file: string, bytes: Uint8Array): void {
  // Reserve the name first (exclusive create), then write the content durably over our own empty file.
  fs.closeSync(fs.openSync(file, 'wx'));
  try {
    writeFileDurably(file, bytes);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/**
 * Builds the report of one period in one language into `dir`, through the
 * printer given (Electron's hidden window, or Chromium for the command line
 * and the tests). Answers the three paths, the PDF's page count and where
 * each section starts.
 */
export async function buildGecReport(
  db: Db,
  { periodId, language, dir }: GecReportOptions,
  printer: Printer,
  onProgress?: (p: number) => void,
  signal?: AbortSignal,
): Promise<GecReportFiles> {
  const progress = (p: number) => onProgress?.(p);
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new DomainError('BAD_REQUEST', `보고서를 저장할 폴더 ${dir}이(가) 없습니다. 있는 폴더를 고르십시오. / The folder ${dir} to save the report in does not exist. Choose a folder that exists.`, [
      { path: 'dir' },
    ]);
  }
  progress(0);
  throwIfCancelled(signal);
  const data = gecReportData(db, periodId, language);
  progress(0.1);

  // Everything is made in memory first; files are written only when all three exist.
  const printed = await printWithContents((pages) => gecReportHtml(data, pages), printer, signal ? { landscape: false, signal } : { landscape: false });
  progress(0.7);
  throwIfCancelled(signal);
  const docx = await gecReportDocx(data);
  progress(0.8);
  throwIfCancelled(signal);
  const xlsx = await gecReportXlsx(data);
  progress(0.9);
  throwIfCancelled(signal);

  const base = gecFileBase(data.year, language);
  const files = { pdf: freeName(dir, base, 'pdf'), docx: freeName(dir, base, 'docx'), xlsx: freeName(dir, base, 'xlsx') };
  const written: string[] = [];
  try {
    for (const [file, bytes] of [
      [files.pdf, printed.pdf],
      [files.docx, docx],
      [files.xlsx, xlsx],
    ] as const) {
      writeNew(file, bytes);
      written.push(file);
    }
  } catch (err) {
    for (const file of written) fs.rmSync(file, { force: true });
    throw err;
  }
  progress(1);
  return { ...files, pages: printed.pages, sections: printed.sections };
}
