/**
 * The samples a person can open (docs/samples/), rebuilt from the demo
 * database (tests/support/demo.ts) by `npm run samples`:
 *   - pack-ko.pdf, pack-en.pdf: the full pack of MOGEF's 2023
 *     inter-ministerial monitoring meeting (every section, all bodies, A4
 *     portrait), through main/packs (loadPackData, buildPackHtml,
 *     printWithContents) as the application builds it;
 *   - gec-report-ko.pdf, .docx, .xlsx: the 2023 report to the Gender
 *     Equality Committee (main/packs/gec buildGecReport);
 *   - gec-report-ko-p<N>.png: pages of that report (pdftoppm), to look at
 *     without a PDF viewer.
 * Printed with Chromium (cli/chromium-printer.ts), the engine of the
 * application's hidden print window.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeDatabase, openDatabase } from '../db/connection';
import { listMeetings } from '../db/meetings';
import { PACK_SECTIONS } from '../contract/meetings';
import type { Language } from '../contract/domain';
import { loadPackData } from '../main/packs/data';
import { buildPackHtml } from '../main/packs/html';
import { printWithContents } from '../main/packs/paginate';
import { buildGecReport } from '../main/packs/gec/index';
import { createChromiumPrinter } from '../cli/chromium-printer';
import { makeDemoDatabase } from '../tests/support/demo';

export interface SampleFiles {
  packs: Record<Language, string>;
  gec: { pdf: string; docx: string; xlsx: string; pages: number };
  pngs: string[];
}

/** The report's pages kept as images: the cover, the contents, the summary and the first page of each other section. */
function pagesToShow(sections: readonly { id: string; page: number }[]): number[] {
  return [...new Set([1, ...sections.map((s) => s.page)])].sort((a, b) => a - b);
}

/**
 * Builds every sample into `outDir` (made if missing; files of the same
 * names there are replaced: the samples are rebuilt as a whole). The demo
 * database is made in a temporary folder and removed after.
 */
export async function buildSamples(outDir: string): Promise<SampleFiles> {
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-samples-'));
  const chromium = await createChromiumPrinter();
  const file = path.join(work, 'nap-monitor.sqlite');
  const demo = makeDemoDatabase(file);
  const db = openDatabase(file);
  try {
    const meeting = listMeetings(db, { periodId: demo.period[2023] }).find((m) => m.kind === 'inter_ministerial');
    if (!meeting) throw new Error('The demo database has no 2023 inter-ministerial meeting.');
    const packs = {} as Record<Language, string>;
    for (const language of ['ko', 'en'] as const) {
      const data = loadPackData(db, { meetingUid: meeting.uid, bodyCode: null });
      const options = { sections: PACK_SECTIONS, language, orientation: 'portrait' as const };
      const printed = await printWithContents((pages) => buildPackHtml(data, options, pages), chromium.printer, { landscape: false });
      packs[language] = path.join(outDir, `pack-${language}.pdf`);
      fs.writeFileSync(packs[language], printed.pdf);
    }

    const dir = path.join(work, 'gec');
    fs.mkdirSync(dir);
    const report = await buildGecReport(db, { periodId: demo.period[2023], language: 'ko', dir }, chromium.printer);
    const gec = {
      pdf: path.join(outDir, 'gec-report-ko.pdf'),
      docx: path.join(outDir, 'gec-report-ko.docx'),
      xlsx: path.join(outDir, 'gec-report-ko.xlsx'),
      pages: report.pages,
    };
    fs.copyFileSync(report.pdf, gec.pdf);
    fs.copyFileSync(report.docx, gec.docx);
    fs.copyFileSync(report.xlsx, gec.xlsx);

    for (const old of fs.readdirSync(outDir).filter((f) => /^gec-report-ko-p\d+\.png$/.test(f))) fs.rmSync(path.join(outDir, old));
    const pngs = pagesToShow(report.sections).map((page) => {
      const base = path.join(outDir, `gec-report-ko-p${page}`);
      execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '70', '-png', '-singlefile', gec.pdf, base]);
      return `${base}.png`;
    });
    return { packs, gec, pngs };
  } finally {
    closeDatabase(db);
    await chromium.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(fileURLToPath(new URL('../docs/samples', import.meta.url)));
  const files = await buildSamples(out);
  for (const f of [files.packs.ko, files.packs.en, files.gec.pdf, files.gec.docx, files.gec.xlsx, ...files.pngs]) {
    console.log(`${path.relative(process.cwd(), f)}\t${fs.statSync(f).size} bytes`);
  }
}
