/**
 * The printed documents' common style (packs and the committee report):
 * A4 pages with CSS paged-media margin boxes, which Chromium (≥ 131) prints
 * itself: a running header (plan, meeting, date) and the footer "3 / 41"
 * (counter(page) " / " counter(pages)); sections on new pages; table heads
 * repeated on every page, rows kept whole; Korean fonts first.
 * See docs/decisions/0014-printed-packs.md.
 */
import type { Language } from '../../contract/domain';

export interface DocumentStyleOptions {
  orientation: 'portrait' | 'landscape';
  language: Language;
  /** The running header's text (e.g. "제3차 국가행동계획 · 2024 이행점검회의 · 2024-03-05"); printed on every page but the first. */
  runningHeader: string;
}

/** The fonts of every printed document: Korean first (Noto on Linux, Malgun Gothic on Windows). */
export const DOCUMENT_FONTS = '"Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif';

/**
 * A CSS string literal of any text: quotes, backslashes and line breaks
 * escaped, and "<" written as \3c so that no "</style>" can end the style
 * element the CSS sits in.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\' || ch === '<' || ch === '>' || ch === '&' || code < 0x20 || code === 0x7f) {
      out += `\\${code.toString(16)} `;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/**
 * The CSS text of a printed document: page size and margins, the running
 * header and the page numbers in @page margin boxes (no header on the cover:
 * the element of class doc-cover, a named page, so that a document printed
 * in parts (parts.ts) has the header on each part's first page), the
 * base typography, sections on new pages, tables whose head repeats and
 * whose rows do not split, and the contents' page-number column of fixed
 * width (so that filling the numbers in cannot move a page break).
 */
export function documentStyle({ orientation, language, runningHeader }: DocumentStyleOptions): string {
  const size = orientation === 'landscape' ? 'A4 landscape' : 'A4 portrait';
  const quote = language === 'ko' ? '' : 'hyphens: auto;';
  return `
@page {
  size: ${size};
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(runningHeader)}; font: 8pt ${DOCUMENT_FONTS}; color: #4a5058; vertical-align: bottom; padding-bottom: 3mm; border-bottom: 0.4pt solid #9aa1a9; }
  @top-right { content: ""; border-bottom: 0.4pt solid #9aa1a9; }
  @bottom-center { content: counter(page) " / " counter(pages); font: 8.5pt ${DOCUMENT_FONTS}; color: #30353b; }
}
@page doc-cover {
  @top-left { content: none; border: none; }
  @top-right { content: none; border: none; }
}
.doc-cover { page: doc-cover; }
* { box-sizing: border-box; }
html { font-family: ${DOCUMENT_FONTS}; font-size: 9.5pt; line-height: 1.45; color: #111418; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; ${quote} overflow-wrap: anywhere; word-break: ${language === 'ko' ? 'keep-all' : 'normal'}; }
.doc-section { break-before: page; }
.doc-section:first-of-type { break-before: auto; }
h1 { font-size: 16pt; line-height: 1.25; margin: 0 0 5mm; padding-bottom: 2mm; border-bottom: 1.2pt solid #1d3557; color: #1d3557; break-after: avoid; }
h2 { font-size: 12.5pt; margin: 6mm 0 2.5mm; color: #1d3557; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 2mm; break-after: avoid; }
h4 { font-size: 9.5pt; margin: 3mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr, figure, .keep { break-inside: avoid; }
th, td { border: 0.5pt solid #8f979f; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #e8edf3; font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.muted { color: #4a5058; }
.pre { white-space: pre-wrap; }
figure { margin: 0 0 5mm; }
figcaption { font-size: 8.5pt; color: #30353b; margin-top: 1mm; }
svg { max-width: 100%; height: auto; }
nav.contents ol { list-style: none; margin: 0; padding: 0; }
nav.contents li { display: flex; align-items: baseline; gap: 2mm; padding: 1.4mm 0; border-bottom: 0.4pt dotted #9aa1a9; break-inside: avoid; }
nav.contents .toc-title { flex: 1 1 auto; }
nav.contents .toc-page { flex: 0 0 12mm; width: 12mm; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; }
`;
}
