/**
 * A pack printed in parts and joined (main/packs/parts.ts, pdf-join.ts) is
 * the pack printed in one go: the demo's inter-ministerial pack printed by
 * real Chromium both ways, with parts made small so that it is cut into
 * many, and read back with pdftotext (page by page), pdfinfo and pdf.js
 * (bookmarks, the tag tree of each page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoDatabase } from '../support/demo';
import { openDatabase, closeDatabase } from '../../db/connection';
import { createChromiumPrinter, type ChromiumPrinter } from '../../cli/chromium-printer';
import { loadPackData, type PackData } from '../../main/packs/data';
import { buildPackHtml, runningHeader } from '../../main/packs/html';
import { openPdf, printWithContents, readOutline, type PrintedDocument } from '../../main/packs/paginate';
import { PART_BREAK, printDocument } from '../../main/packs/parts';
import { joinPdfs, JoinRefused, pageCount } from '../../main/packs/pdf-join';
import { PrintCancelled, PRINT_CSP, type Printer } from '../../main/packs/print';
import { documentStyle } from '../../main/packs/style';
import { PACK_SECTIONS } from '../../contract/meetings';
import { pageTexts, pdfFile, pdfInfo } from './pack-read';

const OPTIONS = { sections: [...PACK_SECTIONS], language: 'ko' as const, orientation: 'portrait' as const };

let dir: string;
let chromium: ChromiumPrinter;
let data: PackData;
let whole: PrintedDocument;
let parted: PrintedDocument;
let prints = 0;

const counting: Printer = (html, o) => {
  prints += 1;
  return chromium.printer(html, o);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'nap-parts-'));
  const demo = makeDemoDatabase(path.join(dir, 'demo.sqlite'));
  const db = openDatabase(path.join(dir, 'demo.sqlite'));
  data = loadPackData(db, { meetingUid: demo.meetings.at(-1)!.uid, bodyCode: null });
  closeDatabase(db);
  chromium = await createChromiumPrinter();
  const build = (pages: ReadonlyMap<string, number> | null) => buildPackHtml(data, OPTIONS, pages);
  whole = await printWithContents(build, chromium.printer, { landscape: false });
  // Parts of at most 20 kB of HTML: the pack (about 150 kB) is cut in many, an area of the progress section in a part of its own.
  parted = await printWithContents(build, counting, { landscape: false, partBytes: 20_000 });
}, 300_000);

afterAll(async () => {
  await chromium?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a pack printed in parts', () => {
  it('is cut between sections and between the progress section’s objectives, each starting on a new page', () => {
    const html = buildPackHtml(data, OPTIONS, null);
    const objectives = data.areas.reduce((n, a) => n + a.objectives.length, 0);
    expect(objectives).toBeGreaterThan(data.areas.length);
    expect(html.split(PART_BREAK).length - 1).toBe(OPTIONS.sections.length - 1 + objectives - 1);
    expect(whole.parts).toBe(1);
    expect(parted.parts).toBeGreaterThanOrEqual(6);
  });

  it('has the pages of the pack printed in one go: the same text on each page, "n / N" going on across the parts', () => {
    expect(parted.pages).toBe(whole.pages);
    expect(parted.sections).toEqual(whole.sections);
    const a = pageTexts(pdfFile(whole.pdf, 'whole.pdf'), whole.pages);
    const b = pageTexts(pdfFile(parted.pdf, 'parted.pdf'), parted.pages);
    expect(b).toEqual(a);
    const header = runningHeader(data, 'ko');
    b.forEach((text, i) => {
      expect(text).toContain(`${i + 1} / ${parted.pages}`);
      // The running header on every page but the cover's, the first page of each part too.
      if (i === 0) expect(text).not.toContain(header);
      else expect(text).toContain(header);
    });
    // Two rounds of prints (the first without the contents' numbers and the total), each in parts.
    expect(prints).toBe(2 * parted.parts);
  });

  it('has one outline: every bookmark at its page and depth, the areas and objectives under the progress section', async () => {
    const a = await readOutline(whole.pdf);
    const b = await readOutline(parted.pdf);
    expect(b.pages).toBe(a.pages);
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    // (Chromium sometimes writes a heading's text twice in a bookmark; the first heading of a part never: compare without it.)
    const undouble = (t: string) => (t.length % 2 === 0 && t.slice(0, t.length / 2) === t.slice(t.length / 2) ? t.slice(0, t.length / 2) : t);
    expect(b.bookmarks.map((m) => ({ ...m, title: undouble(squeeze(m.title)) }))).toEqual(a.bookmarks.map((m) => ({ ...m, title: undouble(squeeze(m.title)) })));
    const progress = whole.sections.find((s) => s.id === 'progress')!;
    const areas = b.bookmarks.filter((m) => m.depth === 1 && m.page >= progress.page && m.page < whole.sections.find((s) => s.id === 'issues')!.page);
    expect(areas.length).toBeGreaterThanOrEqual(data.areas.length);
    // The outline's count of bookmarks shown (all open), as the whole print's: what a viewer sizes its panel by.
    const shown = (pdf: Uint8Array) => Number(/\/Type \/Outlines\n\/First \d+ 0 R\n\/Last \d+ 0 R\n\/Count (\d+)/.exec(Buffer.from(pdf).toString('latin1'))?.[1]);
    expect(shown(whole.pdf)).toBe(a.bookmarks.length);
    expect(shown(parted.pdf)).toBe(b.bookmarks.length);
    expect(b.bookmarks.filter((m) => m.depth === 2 && m.page >= progress.page).length).toBeGreaterThanOrEqual(data.areas.reduce((n, a) => n + a.objectives.length, 0));
  });

  it('is one tagged document: each page’s tags as in the pack printed in one go, the parts under one Document, IDs unique', async () => {
    expect(pdfInfo(pdfFile(parted.pdf, 'tagged.pdf'))['Tagged']).toBe('yes');
    const [a, b] = await Promise.all([openPdf(whole.pdf), openPdf(parted.pdf)]);
    type Node = { role?: string; type?: string; children?: Node[] };
    // A page's tag tree, its elements' roles in order (the Part that holds each later part left out; not the content
    // pieces: Chromium splits a document's first heading's text in two).
    const roles = (n: Node | null, out: string[] = []): string[] => {
      if (!n) return out;
      if (n.role && n.role !== 'Part') out.push(n.role);
      for (const c of n.children ?? []) roles(c, out);
      return out;
    };
    const starts = new Set(whole.sections.map((s) => s.page));
    const withoutTrailingHeading = (r: string[]): string[] => {
      const i = r.lastIndexOf('H1');
      return i > 0 && r[i - 1] === 'NonStruct' && r.slice(i + 1).every((x) => x === 'NonStruct') ? r.slice(0, i - 1) : r;
    };
    try {
      for (let p = 1; p <= whole.pages; p += 1) {
        const [x, y] = await Promise.all([
          (a as unknown as { getPage(n: number): Promise<{ getStructTree(): Promise<Node | null> }> }).getPage(p).then((pg) => pg.getStructTree()),
          (b as unknown as { getPage(n: number): Promise<{ getStructTree(): Promise<Node | null> }> }).getPage(p).then((pg) => pg.getStructTree()),
        ]);
        const rx = roles(x);
        expect(rx.length, `page ${p} has tags`).toBeGreaterThan(3);
        // Chromium at times tags a section's heading a second time at the foot of the page before it (laid out twice,
        // as paginate.ts titleMatches says), in either print: left out of the comparison there.
        const before = starts.has(p + 1) ? withoutTrailingHeading : (r: string[]) => r;
        expect(before(roles(y)), `page ${p}`).toEqual(before(rx));
      }
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
    const text = Buffer.from(parted.pdf).toString('latin1');
    const ids = [...text.matchAll(/\/ID \(([^)]*)\)/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
    // Every /Headers names an ID there is.
    const known = new Set(ids);
    for (const m of text.matchAll(/\/Headers \[([^\]]*)\]/g)) for (const h of m[1]!.matchAll(/\(([^)]*)\)/g)) expect(known.has(h[1]!)).toBe(true);
    expect(text.match(/\/S \/Document\b/g)?.length).toBe(1);
    expect(text.match(/\/S \/Part\b/g)?.length).toBe(parted.parts - 1);
  });
});

/** A small document: four sections of tables, cut anywhere between them. */
function small(title: string): string {
  const rows = (n: number) => Array.from({ length: n }, (_, k) => `<tr><td>${k + 1}</td><td>행 ${k + 1}</td></tr>`).join('');
  const sections = [1, 2, 3, 4].map((i) => `<section class="doc-section" id="s${i}"><h1>Part ${i} 0 R (${i})</h1><table><thead><tr><th>#</th><th>내용</th></tr></thead><tbody>${rows(30 * i)}</tbody></table></section>`);
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}"><title>${title}</title><style>${documentStyle({ orientation: 'portrait', language: 'ko', runningHeader: 'header' })}</style></head><body>${sections.join(PART_BREAK)}</body></html>`;
}

describe('printDocument and joinPdfs', () => {
  it('copies strings as they are: a title and headings that read like references', async () => {
    const html = small('Plan 1 0 R (draft) \\ 2 0 R');
    const printed = await printDocument(html, chromium.printer, { landscape: false, total: null, partBytes: 2_000 });
    expect(printed.parts).toBe(4);
    const file = pdfFile(printed.pdf, 'refs.pdf');
    expect(pdfInfo(file)['Title']).toBe('Plan 1 0 R (draft) \\ 2 0 R');
    const outline = await readOutline(printed.pdf);
    expect(outline.bookmarks.filter((b) => b.depth === 0).map((b) => b.title.replace(/\s+/g, ''))).toEqual([1, 2, 3, 4].map((i) => `Part${i}0R(${i})`));
    expect(pageCount(printed.pdf)).toBe(outline.pages);
  }, 120_000);

  it('prints in one go when a part is not a PDF of the kind it joins (an updated file), and stops between parts when cancelled', async () => {
    const html = small('fallback');
    let calls = 0;
    // A printer whose PDFs end in an incremental update: the joiner refuses them, the document is printed whole.
    const updating: Printer = async (h, o) => {
      calls += 1;
      const pdf = Buffer.from(await chromium.printer(h, o));
      const xref = /startxref\s+(\d+)/.exec(pdf.toString('latin1').slice(-64))![1];
      // (An update that changes nothing: a new table of no objects, pointing back at the first.)
      const tail = `\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size 2 /Root 1 0 R /Prev ${xref}>>\nstartxref\n${pdf.length + 1}\n%%EOF\n`;
      return new Uint8Array(Buffer.concat([pdf, Buffer.from(tail, 'latin1')]));
    };
    const printed = await printDocument(html, updating, { landscape: false, total: null, partBytes: 2_000 });
    expect(printed.parts).toBe(1);
    // The first part, refused, then the whole.
    expect(calls).toBe(2);
    expect(() => joinPdfs([printed.pdf, printed.pdf])).toThrow(JoinRefused);

    const controller = new AbortController();
    let printedParts = 0;
    const cancelling: Printer = async (h, o) => {
      const pdf = await chromium.printer(h, o);
      printedParts += 1;
      if (printedParts === 2) controller.abort();
      return pdf;
    };
    await expect(printDocument(html, cancelling, { landscape: false, total: null, partBytes: 2_000, signal: controller.signal })).rejects.toBeInstanceOf(PrintCancelled);
    expect(printedParts).toBe(2);
  }, 120_000);
});
