/**
 * The report to the Gender Equality Committee, built from the demo database
 * (tests/support/demo.ts) and printed in real Chromium, read back by other
 * programs: the PDF with pdftotext (sections on the pages the build says,
 * figures, Korean text), the .docx unzipped (word/document.xml: headings,
 * repeated header rows, page numbers, Malgun Gothic as East Asian font, A4)
 * and through LibreOffice (its text), the .xlsx with SheetJS (numbers are
 * numbers, totals are the sums). The expected figures are counted here from
 * the database with SQL, not taken from the report's own data.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import { makeDemoDatabase, type DemoInfo } from '../support/demo';
import { pageTexts, pdfInfo, wholeText } from './pack-read';
import { closeDatabase, openDatabase, type Db } from '../../db/connection';
import { buildGecReport, type GecReportFiles } from '../../main/packs/gec';
import { gecReportData } from '../../main/packs/gec/data';
import { gecReportHtml } from '../../main/packs/gec/html';
import { gecSheetNames } from '../../main/packs/gec/xlsx';
import { PrintCancelled } from '../../main/packs/print';
import { createChromiumPrinter, type ChromiumPrinter } from '../../cli/chromium-printer';
import { formatWon as screenWon } from '../../renderer/src/format';
import { DomainError } from '../../contract/result';

const SOFFICE = process.env.NAP_SOFFICE ?? 'soffice';

/** White space as the readers give it back: Intl's no-break space is a space in pdftotext's and LibreOffice's text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
/** A won amount as the screens write it (renderer/src/format.ts), its spaces plain. */
const formatWon = (language: 'ko' | 'en', value: number) => plain(screenWon(language, value));

let root: string;
let db: Db;
let demo: DemoInfo;
let chromium: ChromiumPrinter;
const built: Record<'ko' | 'en', GecReportFiles> = {} as never;

/** What the database says, counted with SQL here (not through the report's code). */
function expected(periodId: number) {
  const budget = db
    .prepare('SELECT sum(budget_allocated) AS allocated, sum(budget_executed) AS executed FROM progress_entry WHERE period_id = ?')
    .get(periodId) as { allocated: number; executed: number };
  const panel = db.prepare('SELECT text FROM panel_comment WHERE period_id = ? AND removed_at IS NULL ORDER BY id').pluck().all(periodId) as string[];
  const codes = db.prepare('SELECT code FROM action_plan ORDER BY id').pluck().all() as string[];
  const difficulty = db.prepare('SELECT difficulties FROM progress_entry WHERE period_id = ? AND difficulties IS NOT NULL ORDER BY id LIMIT 1').pluck().get(periodId) as string;
  return { budget, panel, codes, difficulty };
}

/** LibreOffice's text of a document (it opens the .docx as Hancom or Word would, and saves it as text). */
function libreOfficeText(file: string): string {
  const out = path.join(root, `lo-${path.basename(file)}`);
  execFileSync(
    SOFFICE,
    ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(path.join(root, 'lo-profile')).href}`, '--convert-to', 'txt:Text', '--outdir', out, file],
    { timeout: 180_000, stdio: 'pipe' },
  );
  return plain(fs.readFileSync(path.join(out, `${path.basename(file, '.docx')}.txt`), 'utf8'));
}

/** The text of a .docx's document.xml: its w:t runs, a line per paragraph. */
async function docxXml(file: string): Promise<{ xml: string; text: string; footer: string; styles: string }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  const styles = await zip.file('word/styles.xml')!.async('string');
  const text = xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
  return { xml, text: plain(text), footer: footers.join(''), styles };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-gec-'));
  demo = makeDemoDatabase(path.join(root, 'nap-monitor.sqlite'));
  db = openDatabase(path.join(root, 'nap-monitor.sqlite'));
  chromium = await createChromiumPrinter();
  for (const language of ['ko', 'en'] as const) {
    const dir = path.join(root, language);
    fs.mkdirSync(dir);
    const progress: number[] = [];
    built[language] = await buildGecReport(db, { periodId: demo.period[2023], language, dir }, chromium.printer, (p) => progress.push(p));
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  }
}, 300_000);

afterAll(async () => {
  await chromium?.close();
  if (db) closeDatabase(db);
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the report to the Gender Equality Committee', () => {
  it('names its files by year and language, and reads its figures from the database', () => {
    expect(path.basename(built.ko.pdf)).toBe('gec-report-2023-ko.pdf');
    expect(path.basename(built.ko.docx)).toBe('gec-report-2023-ko.docx');
    expect(path.basename(built.en.xlsx)).toBe('gec-report-2023-en.xlsx');
    const data = gecReportData(db, demo.period[2023], 'ko');
    const want = expected(demo.period[2023]);
    expect(data.totals.budget.allocated).toBe(want.budget.allocated);
    expect(data.totals.budget.executed).toBe(want.budget.executed);
    expect(data.totals.actionPlans).toBe(50);
    expect(Object.values(data.totals.counts).reduce((a, b) => a + b, 0)).toBe(50);
    expect(data.panelComments.map((c) => c.text).sort()).toEqual([...want.panel].sort());
    expect(data.meetings).toHaveLength(1);
    expect(data.meetings[0]!.decisions.length).toBe(3);
    // The override of 7.2.1 in 2023 is the action plan's level, with its reason.
    const ap = data.areas.flatMap((a) => a.objectives.flatMap((o) => o.actionPlans)).find((x) => x.code === '7.2.1')!;
    expect(ap.level).toBe('limited');
    expect(ap.override?.reason).toMatch(/시민자문단/);
  });

  it('prints a PDF whose sections start on the pages it says, with the figures and Korean text', () => {
    const { pdf, sections, pages } = built.ko;
    expect(Number(pdfInfo(pdf).Pages)).toBe(pages);
    expect(pages).toBeGreaterThan(8);
    const texts = pageTexts(pdf, pages);
    expect(sections.map((s) => s.id)).toEqual(['contents', 'summary', 'areas', 'bodies', 'indicators', 'budget', 'panel', 'meetings']);
    for (const s of sections) {
      // The section's heading is on its page, right after the running header, and the contents lists the page.
      expect(texts[s.page - 1]!.split('\n').slice(0, 4).join('\n')).toContain(s.title);
      if (s.id !== 'contents') expect(texts[1]).toMatch(new RegExp(`${s.title}\\s+${s.page}\\s*\\n`));
    }
    const all = plain(wholeText(pdf));
    const want = expected(demo.period[2023]);
    expect(all).toContain(formatWon('ko', want.budget.allocated));
    expect(all).toContain(formatWon('ko', want.budget.executed));
    expect(all).toContain(want.panel[0]!);
    for (const code of want.codes) expect(all).toContain(code);
    expect(all).toContain('양성평등위원회 보고');
    expect(all).toContain('2023년 여성·평화·안보 국가행동계획 부처 합동 이행점검회의');
    expect(all).toMatch(/\d+ \/ \d+/);
    // The summary's count of action plans per level: the effective levels of the 50, as the matrix has them.
    const data = gecReportData(db, demo.period[2023], 'ko');
    const summary = texts[sections[1]!.page - 1]!;
    expect(summary).toMatch(new RegExp(`완료\\s+${data.totals.counts.completed}\\s+`));
    expect(summary).toMatch(/합계\s+50\s+100%/);
  });

  it('writes a .docx with heading styles, repeated header rows, page numbers, Malgun Gothic and A4, holding the figures', async () => {
    const { xml, text, footer, styles } = await docxXml(built.ko.docx);
    const want = expected(demo.period[2023]);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(styles).toMatch(/w:eastAsia="Malgun Gothic"/);
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="ko-KR"/);
    // Fixed column widths (Hancom and LibreOffice ignore percentages on cells).
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    for (const title of ['요약', '영역·목표별 이행 결과', '기관별 이행 결과', '성과 지표 달성 현황', '예산 편성 및 집행', '시민자문단 의견', '이행점검회의 결정 사항']) {
      expect(text).toContain(title);
    }
    expect(text).toContain(formatWon('ko', want.budget.allocated));
    expect(text).toContain(want.panel[0]!);
    expect(text).toContain(`애로 사항: ${want.difficulty}`);
    const data = gecReportData(db, demo.period[2023], 'ko');
    expect(text).toMatch(new RegExp(`완료\\n${data.totals.counts.completed}\\n`));
  });

  it('opens the .docx in LibreOffice, with the headings and figures', () => {
    const text = libreOfficeText(built.ko.docx);
    const want = expected(demo.period[2023]);
    expect(text).toContain('이행점검회의 결정 사항');
    expect(text).toContain(formatWon('ko', want.budget.allocated));
    expect(text).toContain(want.panel.at(-1)!);
    expect(text).toContain('종합 평가 보고서 작성 및 양성평등위원회 보고');
  }, 200_000);

  it('writes the figures as a workbook: numbers as numbers, totals equal to the sums', () => {
    const wb = XLSX.read(fs.readFileSync(built.ko.xlsx));
    const names = gecSheetNames('ko');
    expect(wb.SheetNames).toEqual([names.objectives, names.bodies, names.indicators, names.budget]);
    const want = expected(demo.period[2023]);

    const budget = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[names.budget]!, { header: 1, raw: true });
    const rows = budget.slice(1, -1);
    const total = budget.at(-1)!;
    expect(rows).toHaveLength(11);
    for (const r of rows) {
      expect(typeof r[2]).toBe('number');
      expect(typeof r[3]).toBe('number');
    }
    expect(total[2]).toBe(rows.reduce((s, r) => s + (r[2] as number), 0));
    expect(total[3]).toBe(rows.reduce((s, r) => s + (r[3] as number), 0));
    expect(total[2]).toBe(want.budget.allocated);
    expect(total[3]).toBe(want.budget.executed);
    expect(total[4]).toBeCloseTo(want.budget.executed / want.budget.allocated, 10);
    // The cell is a formula and formatted as money.
    const cell = wb.Sheets[names.budget]![`C${budget.length}`] as XLSX.CellObject;
    expect(cell.t).toBe('n');
    expect(cell.f).toBe(`SUM(C2:C${budget.length - 1})`);

    const bodies = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[names.bodies]!, { header: 1, raw: true });
    expect(bodies.slice(1, -1).map((r) => r[0])).toEqual(['MOGEF', 'MOE', 'MOFA', 'MOU', 'MOJ', 'MND', 'MOIS', 'KNPA', 'KOICA', 'NUAC']);
    const assignments = bodies.slice(1, -1).map((r) => r[3] as number);
    expect(assignments.every((n) => typeof n === 'number')).toBe(true);
    expect(bodies.at(-1)![3]).toBe(119);

    const objectives = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[names.objectives]!, { header: 1, raw: true });
    expect(objectives.at(-1)![9]).toBe(50);
    const indicators = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[names.indicators]!, { header: 1, raw: true });
    expect(indicators).toHaveLength(12);
    expect(indicators.slice(1).every((r) => typeof r[5] === 'number' && typeof r[6] === 'number')).toBe(true);
  });

  it('is written in English too', async () => {
    const { pdf, pages, sections } = built.en;
    const texts = pageTexts(pdf, pages);
    for (const s of sections) expect(texts[s.page - 1]).toContain(s.title);
    const all = plain(wholeText(pdf));
    const want = expected(demo.period[2023]);
    expect(all).toContain('Report to the Gender Equality Committee');
    expect(all).toContain(formatWon('en', want.budget.allocated));
    expect(all).toContain('Comments of the civic advisory panel');
    const { text } = await docxXml(built.en.docx);
    expect(text).toContain('Results by area and objective');
    expect(text).toContain(formatWon('en', want.budget.executed));
    const wb = XLSX.read(fs.readFileSync(built.en.xlsx));
    expect(wb.SheetNames).toEqual(Object.values(gecSheetNames('en')));
  });

  it('escapes every text from the database in its HTML', () => {
    const data = gecReportData(db, demo.period[2023], 'ko');
    data.panelComments[0]!.text = '<img src=x onerror="alert(1)"> & </section>';
    const html = gecReportHtml(data, null);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/section&gt;');
  });

  it('never writes over a file; a second build takes new names, a cancelled one writes nothing', async () => {
    const dir = path.join(root, 'ko');
    const before = fs.readFileSync(built.ko.pdf);
    const again = await buildGecReport(db, { periodId: demo.period[2022], language: 'ko', dir }, chromium.printer);
    expect(path.basename(again.pdf)).toBe('gec-report-2022-ko.pdf');
    const third = await buildGecReport(db, { periodId: demo.period[2023], language: 'ko', dir }, chromium.printer);
    expect(path.basename(third.pdf)).toBe('gec-report-2023-ko (2).pdf');
    expect(path.basename(third.docx)).toBe('gec-report-2023-ko (2).docx');
    expect(fs.readFileSync(built.ko.pdf).equals(before)).toBe(true);

    const listed = fs.readdirSync(dir).sort();
    const controller = new AbortController();
    const cancelled = buildGecReport(db, { periodId: demo.period[2021], language: 'ko', dir }, chromium.printer, (p) => {
      if (p >= 0.1) controller.abort();
    }, controller.signal);
    await expect(cancelled).rejects.toBeInstanceOf(PrintCancelled);
    expect(fs.readdirSync(dir).sort()).toEqual(listed);
  }, 120_000);

  it('refuses a folder that does not exist and a period that does not, in Korean and English', async () => {
    const missing = buildGecReport(db, { periodId: demo.period[2023], language: 'ko', dir: path.join(root, 'nowhere') }, chromium.printer);
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toThrow(/폴더 .* 없습니다.*The folder .* does not exist/);
    await expect(buildGecReport(db, { periodId: 999, language: 'en', dir: root }, chromium.printer)).rejects.toThrow(/보고 기간 999.*There is no reporting period 999/);
    expect(fs.readdirSync(root).filter((f) => f.startsWith('gec-report'))).toEqual([]);
  });
});
