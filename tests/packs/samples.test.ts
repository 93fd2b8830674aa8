/**
 * `npm run samples` (scripts/samples.ts), run into a temporary folder: each
 * sample opens in the program a person would use (pdfinfo and pdftotext for
 * the PDFs, LibreOffice for the .docx, SheetJS for the workbook), and the
 * PNG pages are images of the report.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildSamples } from '../../scripts/samples';
import { pdfInfo, wholeText } from './pack-read';
import { tempDir } from '../support/tmp';

const SOFFICE = process.env.NAP_SOFFICE ?? 'soffice';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the samples', () => {
  it('are built from the demo database and each opens', { timeout: 400_000 }, async () => {
    const out = path.join(tempDir(), 'samples');
    const files = await buildSamples(out);
    expect(fs.readdirSync(out).sort()).toEqual(
      ['gec-report-ko.docx', 'gec-report-ko.pdf', 'gec-report-ko.xlsx', 'pack-en.pdf', 'pack-ko.pdf', ...files.pngs.map((f) => path.basename(f))].sort(),
    );

    for (const [pdf, words] of [
      [files.packs.ko, ['2023년 여성·평화·안보 국가행동계획 부처 합동 이행점검회의', '목차']],
      [files.packs.en, ['Contents']],
      [files.gec.pdf, ['양성평등위원회 보고', '시민자문단 의견']],
    ] as const) {
      const info = pdfInfo(pdf);
      expect(Number(info.Pages)).toBeGreaterThan(3);
      // White space aside: a long title wraps where the layout puts it.
      const text = wholeText(pdf).replace(/\s+/g, '');
      for (const w of words) expect(text).toContain(w.replace(/\s+/g, ''));
    }
    expect(Number(pdfInfo(files.gec.pdf).Pages)).toBe(files.gec.pages);

    // LibreOffice opens the .docx and prints it to a PDF of several pages.
    const lo = path.join(path.dirname(out), 'lo');
    execFileSync(
      SOFFICE,
      ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(path.join(path.dirname(out), 'lo-profile')).href}`, '--convert-to', 'pdf', '--outdir', lo, files.gec.docx],
      { timeout: 180_000, stdio: 'pipe' },
    );
    const fromDocx = path.join(lo, 'gec-report-ko.pdf');
    expect(Number(pdfInfo(fromDocx).Pages)).toBeGreaterThan(5);
    expect(wholeText(fromDocx)).toContain('이행점검회의 결정 사항');

    const wb = XLSX.read(fs.readFileSync(files.gec.xlsx));
    expect(wb.SheetNames.length).toBe(4);

    // The PNG pages: the cover first, then the first page of each section.
    expect(files.pngs.length).toBeGreaterThanOrEqual(8);
    expect(path.basename(files.pngs[0]!)).toBe('gec-report-ko-p1.png');
    for (const png of files.pngs) expect(fs.readFileSync(png).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
