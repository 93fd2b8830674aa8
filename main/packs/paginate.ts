/**
 * A table of contents whose page numbers are right, in Chromium, which has
 * no target-counter(): print once, read where each section starts from the
 * PDF's outline (the bookmarks Chromium writes from the headings), fill the
 * numbers into the contents (laid out so that its length cannot change),
 * print again and check that they still hold (else once more).
 * See docs/decisions/0014-printed-packs.md.
 */
import type { Printer } from './print';
import { throwIfCancelled } from './print';
import { printDocument } from './parts';

export interface PrintedSection {
  id: string;
  title: string;
  /** The page (1-based) where the section starts. */
  page: number;
}

export interface PrintedDocument {
  pdf: Uint8Array;
  pages: number;
  sections: PrintedSection[];
  /** How many parts the last print was printed in (1: in one go; parts.ts). */
  parts: number;
}

export interface PrintOptions {
  landscape: boolean;
  signal?: AbortSignal;
  /** A part's most HTML when printed in parts (parts.ts PART_HTML_BYTES unless given; tests give less). */
  partBytes?: number;
  /** Told how far the prints have come (0 to 1). */
  onProgress?: (done: number) => void;
}

/** The most prints of one document: the first, the one with the numbers, and one more if they moved. */
export const MAX_PASSES = 3;


const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The text of an HTML fragment as a heading's bookmark reads: tags dropped, entities decoded, white space folded. */
export function headingText(fragment: string): string {
  return fold(decodeEntities(fragment.replace(/<[^>]*>/g, ' ')));
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#') && lower !== '#39') return String.fromCodePoint(parseInt(lower.slice(1), 10));
      return ENTITIES[lower] ?? whole;
    });
}

/**
 * Whether a bookmark's title is a heading's. White space does not count:
 * Chromium's outline takes the heading's text as laid out, and drops the
 * space where a line wraps ("합동 이행" on two lines reads "합동이행"). And
 * Chromium (seen in 156) sometimes writes each text node of a heading twice
 * ("BetaBeta", "Gamma Gamma boldbold") when the heading's page break was laid
 * out twice; such a title is the heading's too.
 */
export function titleMatches(bookmark: string, heading: SectionHeading): boolean {
  const title = squeeze(bookmark);
  if (title === squeeze(heading.title)) return true;
  for (let times = 2; times <= 3; times += 1) {
    if (title === squeeze(heading.pieces.map((piece) => piece.repeat(times)).join(''))) return true;
  }
  return false;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** A section of a document to print: its id, its h1's text, and that text's pieces (its text nodes). */
export interface SectionHeading {
  id: string;
  title: string;
  pieces: string[];
}

/**
 * The document's sections in order: each `<section class="doc-section" id="…">`
 * and the text of its first h1.
 */
export function sectionHeadings(html: string): SectionHeading[] {
  const out: SectionHeading[] = [];
  const open = /<section\b[^>]*\bclass="doc-section[^"]*"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
    if (!id) continue;
    const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html.slice(m.index + m[0].length));
    if (!h1) continue;
    const inner = h1[1] ?? '';
    const pieces = inner.split(/<[^>]*>/).map((piece) => decodeEntities(piece)).filter((piece) => piece !== '');
    out.push({ id, title: headingText(inner), pieces });
  }
  return out;
}

/** One bookmark of a PDF: its title, its page (1-based) and its depth (0: top level). */
export interface Bookmark {
  title: string;
  page: number;
  depth: number;
}

type PdfDocumentProxy = {
  numPages: number;
  getOutline(): Promise<OutlineNode[] | null>;
  getDestination(name: string): Promise<unknown[] | null>;
  getPageIndex(ref: unknown): Promise<number>;
  destroy(): Promise<void>;
};
type OutlineNode = { title: string; dest: string | unknown[] | null; items: OutlineNode[] };

/** Opens a PDF with pdf.js (Node's legacy build; fonts not loaded, no eval). The caller destroys it. */
export async function openPdf(pdf: Uint8Array): Promise<PdfDocumentProxy> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
    getDocument(src: object): { promise: Promise<PdfDocumentProxy> };
  };
  // pdf.js takes the buffer over: give it a copy so the caller keeps the PDF.
  return pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The PDF's page count and its bookmarks in document order (depth first), each with the page it points to. */
export async function readOutline(pdf: Uint8Array): Promise<{ pages: number; bookmarks: Bookmark[] }> {
  const doc = await openPdf(pdf);
  try {
    const bookmarks: Bookmark[] = [];
    const walk = async (nodes: OutlineNode[], depth: number): Promise<void> => {
      for (const node of nodes) {
        let dest = node.dest;
        if (typeof dest === 'string') dest = await doc.getDestination(dest);
        if (Array.isArray(dest) && dest[0] !== undefined) {
          const target = dest[0];
          const index = typeof target === 'number' ? target : await doc.getPageIndex(target);
          bookmarks.push({ title: fold(node.title), page: index + 1, depth });
        }
        await walk(node.items ?? [], depth + 1);
      }
    };
    await walk((await doc.getOutline()) ?? [], 0);
    return { pages: doc.numPages, bookmarks };
  } finally {
    await doc.destroy();
  }
}

/**
 * Where each section starts: the sections in order matched with the
 * bookmarks in order by title (each section takes the next bookmark that
 * bears its h1's text). A section without its bookmark is an error: the
 * printer did not write the outline, and the contents would be wrong.
 */
export function sectionPages(sections: readonly SectionHeading[], bookmarks: readonly Bookmark[]): PrintedSection[] {
  const out: PrintedSection[] = [];
  let at = 0;
  for (const section of sections) {
    let found = -1;
    for (let i = at; i < bookmarks.length; i += 1) {
      const mark = bookmarks[i];
      if (mark && titleMatches(mark.title, section)) {
        found = i;
        break;
      }
    }
    const mark = bookmarks[found];
    if (!mark) {
      throw new Error(
        `인쇄한 PDF에 "${section.title}" 절의 책갈피가 없어 목차의 쪽 번호를 알 수 없습니다. 인쇄기가 문서 개요(outline)를 쓰는지 확인하십시오. / ` +
          `The printed PDF has no bookmark for the section "${section.title}", so the contents' page numbers are unknown. Check that the printer writes the document outline.`,
      );
    }
    out.push({ id: section.id, title: section.title, page: mark.page });
    at = found + 1;
  }
  return out;
}

/**
 * Prints a document whose contents lists its sections with their pages.
 * build(null) is the document with the contents' numbers left blank; build(pages)
 * has them filled in (section id → page). The contents must be laid out so
 * that its length does not depend on the numbers (style.ts: a fixed-width
 * column). Prints at most MAX_PASSES times; throws if the numbers still move.
 */
export async function printWithContents(
  build: (pages: ReadonlyMap<string, number> | null) => string,
  printer: Printer,
  { landscape, signal, partBytes, onProgress }: PrintOptions,
): Promise<PrintedDocument> {
  let pages: ReadonlyMap<string, number> | null = null;
  // The whole document's number of pages, for the footers of a document printed in parts (parts.ts); null before the first print.
  let total: number | null = null;
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    throwIfCancelled(signal);
    const html = build(pages);
    const sections = sectionHeadings(html);
    // (Chromium writes the outline from the tagged structure: even the first print is a full one.)
    const printed = await printDocument(html, printer, {
      landscape,
      total,
      ...(signal ? { signal } : {}),
      ...(partBytes !== undefined ? { partBytes } : {}),
      // Two prints as a rule: the first half of the way, then the second.
      ...(onProgress ? { onPart: (done: number, of: number) => onProgress(Math.min(1, (pass - 1 + done / of) / 2)) } : {}),
    });
    const pdf = printed.pdf;
    throwIfCancelled(signal);
    const outline = await readOutline(pdf);
    const read = sectionPages(sections, outline.bookmarks);
    const readMap = new Map(read.map((s) => [s.id, s.page]));
    // Done when the numbers printed are the pages read back (or the document has none to fill in),
    // and, printed in parts, when the footers said the number of pages there are.
    const numbersHold = pages === null ? build(readMap) === html : sameMap(pages, readMap);
    const totalHolds = printed.parts === 1 || printed.totalPrinted === outline.pages;
    if (numbersHold && totalHolds) return { pdf, pages: outline.pages, sections: read, parts: printed.parts };
    pages = readMap;
    total = outline.pages;
  }
  throw new Error(
    `목차의 쪽 번호가 ${MAX_PASSES}번 인쇄한 뒤에도 맞지 않습니다. 목차의 쪽 번호 칸이 고정 폭인지 확인하십시오. / ` +
      `The contents' page numbers still moved after ${MAX_PASSES} prints. Check that the contents' page-number column has a fixed width.`,
  );
}

function sameMap(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
