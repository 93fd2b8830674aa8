/**
 * The printing pipeline (main/packs/print.ts, style.ts, paginate.ts and
 * cli/chromium-printer.ts) in real Chromium: a document of several sections
 * printed, read back per page with pdftotext and pdfinfo, and its outline
 * with pdf.js.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../cli/chromium-printer';
import { documentStyle } from '../../main/packs/style';
import { printWithContents, readOutline, sectionHeadings, sectionPages, titleMatches } from '../../main/packs/paginate';
import { PRINT_CSP, PrintCancelled } from '../../main/packs/print';
import { pageTexts, pdfFile, pdfInfo } from './pack-read';

let chromium: ChromiumPrinter;
beforeAll(async () => {
  chromium = await createChromiumPrinter();
}, 60_000);
afterAll(async () => {
  await chromium.close();
});

const HOSTILE = '제3차 국가행동계획 · "회의" </style><script>alert(1)</script> \\ 2024-03-05';
/** Section i has 25 × (i + 1) table rows: sections of 1, 2, 3 and 4 pages or so. */
const SECTIONS = ['alpha', 'beta', 'gamma', 'delta'];
const TITLES: Record<string, string> = { alpha: '가. 진행 상황 Progress', beta: '나. 논의 사항', gamma: '다. 후속 조치 & <결정>', delta: '라. 부록 Annex' };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function build(pages: ReadonlyMap<string, number> | null, landscape = false, contentsLines = 0): string {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, k) => `<tr><td class="num">${k + 1}</td><td lang="ko">한국어 본문 ${k + 1}: 성평등 이행 점검</td><td>text ${k + 1}</td></tr>`).join('');
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<style>${documentStyle({ orientation: landscape ? 'landscape' : 'portrait', language: 'ko', runningHeader: HOSTILE })}</style></head><body>
<section class="doc-section doc-cover" id="cover"><h1>표지 Cover</h1><p>국가행동계획</p></section>
<section class="doc-section" id="contents"><h1>목차 Contents</h1><nav class="contents"><ol>
${SECTIONS.map((id) => `<li><span class="toc-title">${escape(TITLES[id] ?? id)}</span><span class="toc-page">${pages?.get(id) ?? ''}</span></li>`).join('')}
${pages ? Array.from({ length: contentsLines }, () => '<li>extra line</li>'.repeat(40)).join('') : ''}
</ol></nav></section>
${SECTIONS.map((id, i) => `<section class="doc-section" id="${id}"><h1>${escape(TITLES[id] ?? id)}</h1><h2>소제목 ${i + 1}</h2><table><thead><tr><th class="num">#</th><th>내용</th><th>Text</th></tr></thead><tbody>${rows(25 * (i + 1))}</tbody></table></section>`).join('\n')}
</body></html>`;
}

describe('printWithContents in Chromium', () => {
  it('fills in the contents with the pages where the sections start, numbers each page "n / N" and writes bookmarks', async () => {
    const result = await printWithContents((pages) => build(pages), chromium.printer, { landscape: false });
    const file = pdfFile(result.pdf);
    const info = pdfInfo(file);
    expect(Number(info['Pages'])).toBe(result.pages);
    expect(info['Tagged']).toBe('yes');
    expect(info['Page size']).toMatch(/\(A4\)/);
    expect(info['Page size']).toMatch(/^594\.\d+ x 841/);
    expect(result.pages).toBeGreaterThanOrEqual(8);
    const texts = pageTexts(file, result.pages);

    // Every page but the cover: the running header (hostile text printed as text) and "n / N".
    texts.forEach((text, i) => {
      expect(text).toContain(`${i + 1} / ${result.pages}`);
      if (i > 0) expect(text).toContain('</style><script>alert(1)</script>');
      else expect(text).not.toContain('국가행동계획 · ');
    });

    // Each section starts on the page the contents says, and its title is the first line there.
    expect(result.sections.map((s) => s.id)).toEqual(['cover', 'contents', ...SECTIONS]);
    const contentsPage = texts[1] ?? '';
    for (const id of SECTIONS) {
      const section = result.sections.find((s) => s.id === id);
      expect(section).toBeDefined();
      const page = section?.page ?? 0;
      expect(texts[page - 1]).toContain(TITLES[id]?.replace(/\s+/g, ' ').split(' ')[1] ?? '');
      expect(texts[page - 2] ?? '').not.toContain(`소제목 ${SECTIONS.indexOf(id) + 1}`);
      // The contents line: the title then the page number at the end.
      const line = contentsPage.split('\n').find((l) => l.includes(TITLES[id]?.split(' ')[1] ?? '?')) ?? '';
      expect(line.trim().endsWith(` ${page}`), `contents line "${line}" ends with ${page}`).toBe(true);
    }
    // Sections start on new pages, in order.
    const starts = result.sections.map((s) => s.page);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(starts).size).toBe(starts.length);

    // Bookmarks, read by pdf.js: every section's h1, and the h2 under it.
    const outline = await readOutline(result.pdf);
    for (const section of result.sections) expect(outline.bookmarks.some((b) => b.page === section.page && b.depth === 0)).toBe(true);
    expect(outline.bookmarks.filter((b) => b.depth === 1).length).toBe(SECTIONS.length);

    // Korean text is extractable; the table head repeats on the pages a table continues on.
    const lastSection = result.sections.at(-1)?.page ?? 0;
    expect(texts[lastSection]).toContain('내용');
    expect(texts[lastSection]).toContain('한국어 본문');
    expect(chromium.refusedRequests).toEqual([]);
  }, 90_000);

  it('prints A4 landscape when asked', async () => {
    const result = await printWithContents((pages) => build(pages, true), chromium.printer, { landscape: true });
    expect(pdfInfo(pdfFile(result.pdf))['Page size']).toMatch(/^841\.\d+ x 594\.\d+ pts \(A4\)/);
  }, 90_000);

  it('refuses when the contents changes length with its numbers (the numbers would never hold)', async () => {
    await expect(printWithContents((pages) => build(pages, false, (pages?.get('delta') ?? 0) % 3 + 1), chromium.printer, { landscape: false })).rejects.toThrow(
      /still moved after 3 prints/,
    );
  }, 120_000);

  it('stops with PrintCancelled when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(printWithContents((pages) => build(pages), chromium.printer, { landscape: false, signal: controller.signal })).rejects.toBeInstanceOf(PrintCancelled);
  });
});

describe('reading sections back', () => {
  it('finds each section\'s h1 and matches it with Chromium\'s doubled bookmark titles', () => {
    const sections = sectionHeadings('<section class="doc-section" id="a"><h2>x</h2><h1>Gamma <b>bold</b> &amp; co</h1></section><section class="doc-section" id="b"><h1>나</h1></section>');
    expect(sections.map((s) => [s.id, s.title])).toEqual([
      ['a', 'Gamma bold & co'],
      ['b', '나'],
    ]);
    const [a] = sections;
    if (!a) throw new Error('no section');
    expect(titleMatches('Gamma bold & co', a)).toBe(true);
    expect(titleMatches('Gamma Gamma boldbold & co & co', a)).toBe(true);
    expect(titleMatches('Gamma bold', a)).toBe(false);
    expect(titleMatches('Gammabold &co', a)).toBe(true);
    expect(() => sectionPages(sections, [{ title: 'Gamma bold & co', page: 3, depth: 0 }])).toThrow(/no bookmark for the section "나"/);
    expect(sectionPages(sections, [{ title: 'Gamma bold & co', page: 3, depth: 0 }, { title: '나나', page: 5, depth: 0 }]).map((s) => s.page)).toEqual([3, 5]);
  });
});
