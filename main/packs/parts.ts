/**
 * Printing a long document in parts. Chromium's time per page grows with the
 * length of the document it prints (at 100× the third plan, 3,800 pages, it
 * takes twice as long a page as at 30×; docs/decisions/0014-printed-packs.md),
 * so a document longer than PART_HTML_BYTES of HTML is printed a few hundred
 * pages at a time and the PDFs are joined (pdf-join.ts): the cost stays the
 * same per page however long the pack.
 *
 * A document says where it may be cut: between blocks that each start on a
 * new page (PART_BREAK), so that the pages of the parts are the pages of the
 * whole. Each part is the whole document's head with its body's blocks; its
 * page numbers go on from the parts before (the page counter set in its
 * style) and say the whole document's number of pages, once known.
 */
import { joinPdfs, JoinRefused, pageCount } from './pdf-join';
import { throwIfCancelled, type Printer } from './print';

/** Between two blocks of a document, each starting on a new page: the document may be printed in parts there. */
export const PART_BREAK = '<!--nap:part-->';
/** A part's most HTML, about 350 pages (Chromium's cost per page already grows from 1 MB to 4 MB of one print; decision 0014). */
export const PART_HTML_BYTES = 1536 * 1024;

interface Block {
  html: string;
}

interface SplitDocument {
  /** Up to and with the <body> tag. */
  head: string;
  blocks: Block[];
  /** From </body> on. */
  tail: string;
}

const MARKER = /<!--nap:part-->/g;

function split(html: string): SplitDocument | null {
  const bodyOpen = /<body\b[^>]*>/.exec(html);
  const bodyClose = html.lastIndexOf('</body>');
  if (!bodyOpen || bodyClose < 0 || !html.slice(0, bodyOpen.index).includes('</head>')) return null;
  const start = bodyOpen.index + bodyOpen[0].length;
  const body = html.slice(start, bodyClose);
  const blocks: Block[] = [];
  let from = 0;
  for (const m of body.matchAll(MARKER)) {
    blocks.push({ html: body.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  blocks.push({ html: body.slice(from) });
  return { head: html.slice(0, start), blocks, tail: html.slice(bodyClose) };
}

/** The blocks in parts of at most `limit` characters (a longer block alone), in order. */
function group(blocks: readonly Block[], limit: number): Block[][] {
  const parts: Block[][] = [];
  let size = 0;
  for (const b of blocks) {
    const last = parts.at(-1);
    if (last && size + b.html.length <= limit) {
      last.push(b);
      size += b.html.length;
    } else {
      parts.push([b]);
      size = b.html.length;
    }
  }
  return parts;
}

/** A part's own style: its page counter goes on from the parts before; the total is the whole document's (else the part's own, on a first print). */
function numbering(firstPage: number, total: number | null): string {
  const footer = total === null ? '' : `@page { @bottom-center { content: counter(page) " / ${total}"; } }`;
  return `<style>html { counter-reset: page ${firstPage - 1}; }${footer}</style>`;
}

export interface PrintedParts {
  pdf: Uint8Array;
  /** How many parts it was printed in (1: in one go). */
  parts: number;
  /** The total its footers say when printed in parts (null: each part's own, or printed in one go). */
  totalPrinted: number | null;
}

/**
 * Prints a document: in one go when it is short or says nowhere where it
 * may be cut; else in parts, joined. total: the whole document's number of
 * pages for the footers (known from an earlier print), null on a first
 * print. onPart is told each part printed (done, of parts).
 */
export async function printDocument(
  html: string,
  printer: Printer,
  options: { landscape: boolean; signal?: AbortSignal; total: number | null; partBytes?: number; onPart?: (done: number, of: number) => void },
): Promise<PrintedParts> {
  const { landscape, signal, total } = options;
  const print = (h: string) => printer(h, signal ? { landscape, signal } : { landscape });
  const doc = html.length > (options.partBytes ?? PART_HTML_BYTES) ? split(html) : null;
  const parts = doc ? group(doc.blocks, options.partBytes ?? PART_HTML_BYTES) : [];
  if (!doc || parts.length < 2) {
    const pdf = await print(html);
    options.onPart?.(1, 1);
    return { pdf, parts: 1, totalPrinted: null };
  }
  try {
    const printed: Uint8Array[] = [];
    let firstPage = 1;
    for (const part of parts) {
      throwIfCancelled(signal);
      const partHead = doc.head.replace('</head>', () => `${numbering(firstPage, total)}</head>`);
      const pdf = await print(`${partHead}${part.map((b) => b.html).join('')}${doc.tail}`);
      printed.push(pdf);
      firstPage += pageCount(pdf);
      options.onPart?.(printed.length, parts.length);
    }
    throwIfCancelled(signal);
    return { pdf: joinPdfs(printed), parts: parts.length, totalPrinted: total };
  } catch (err) {
    if (!(err instanceof JoinRefused)) throw err;
    // Not a PDF of the kind the joiner reads (another printer): the document in one go, as before.
    return { pdf: await print(html), parts: 1, totalPrinted: null };
  }
}
