/**
 * Joins PDFs that Chromium printed into one, so that a pack of thousands of
 * pages can be printed in parts (Chromium's cost per page grows with the
 * document's length; docs/decisions/0014-printed-packs.md) and still be one
 * document: pages in order, one outline, one tag tree.
 *
 * It reads what Chromium's PDF writer (Skia) writes and nothing more general:
 * PDF 1.4 with one classic cross-reference table, no object streams, no
 * incremental updates, no encryption, no link annotations, a catalog with
 * Pages, MarkInfo, StructTreeRoot, Outlines, ViewerPreferences and Lang. Any
 * other file is refused with JoinRefused (the caller then prints the document
 * in one go), never joined by guess. Streams are copied byte for byte; only
 * the objects' dictionaries are rewritten:
 * - every reference renumbered by the part's offset;
 * - pages' /StructParents shifted by the marked-content keys of the parts
 *   before (one parent tree for the whole document);
 * - the tag IDs (/ID, /Headers, the ID tree's names), which Chromium numbers
 *   from the DOM of each part ("node00000061"), prefixed by the part
 *   ("p2-node00000061") so that they stay unique and table cells keep their
 *   headers;
 * - part 1's Document element holds the other parts' Document elements,
 *   each as a Part;
 * - the outlines joined: each part's top bookmarks in order, each under the
 *   last bookmark before it of a higher heading (its /SE names the heading),
 *   so that a part that begins with an objective (h3) has it under its area
 *   (h2) and the progress section (h1) in the parts before.
 */

/** A PDF this joiner does not read (not Chromium's kind): the caller prints the document in one go instead. */
export class JoinRefused extends Error {
  constructor(what: string) {
    super(`PDF join: ${what}`);
    this.name = 'JoinRefused';
  }
}

interface RawObject {
  /** The object's value (a dictionary, usually) as latin1 text, without "N 0 obj" and "endobj". */
  value: string;
  /** The stream's bytes as in the file (still encoded), or null. */
  stream: Uint8Array | null;
}

interface ParsedPdf {
  objects: Map<number, RawObject>;
  size: number;
  root: number;
  info: number | null;
}

// ---- Scanning PDF syntax (latin1 text: one character per byte)

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function skipWhite(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (WHITE.has(c)) i += 1;
    else if (c === 0x25) {
      while (i < s.length && s.charCodeAt(i) !== 0x0a && s.charCodeAt(i) !== 0x0d) i += 1;
    } else return i;
  }
}

/** The end (exclusive) of the literal string starting at s[i] === '('. */
function endOfLiteral(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j += 1) {
    const c = s.charCodeAt(j);
    if (c === 0x5c) j += 1;
    else if (c === 0x28) depth += 1;
    else if (c === 0x29) {
      depth -= 1;
      if (depth === 0) return j + 1;
    }
  }
  throw new JoinRefused('unterminated string');
}

/** The end (exclusive) of a regular token (name body, number, keyword) from i. */
function endOfToken(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (WHITE.has(c) || DELIM.has(c)) break;
    j += 1;
  }
  return j;
}

const REF = /(\d+)\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/y;

/** The end (exclusive) of the value starting at i (after white space): dictionary, array, string, name, reference, number, keyword. */
function endOfValue(s: string, i: number): number {
  i = skipWhite(s, i);
  const c = s.charCodeAt(i);
  if (c === 0x3c && s.charCodeAt(i + 1) === 0x3c) {
    let j = i + 2;
    for (;;) {
      j = skipWhite(s, j);
      if (j >= s.length) throw new JoinRefused('unterminated dictionary');
      if (s.startsWith('>>', j)) return j + 2;
      j = endOfValue(s, j);
    }
  }
  if (c === 0x5b) {
    let j = i + 1;
    for (;;) {
      j = skipWhite(s, j);
      if (j >= s.length) throw new JoinRefused('unterminated array');
      if (s.charCodeAt(j) === 0x5d) return j + 1;
      j = endOfValue(s, j);
    }
  }
  if (c === 0x28) return endOfLiteral(s, i);
  if (c === 0x3c) {
    const j = s.indexOf('>', i);
    if (j < 0) throw new JoinRefused('unterminated hex string');
    return j + 1;
  }
  if (c === 0x2f) return endOfToken(s, i + 1);
  REF.lastIndex = i;
  const ref = REF.exec(s);
  if (ref) return i + ref[0].length;
  const j = endOfToken(s, i);
  if (j === i) throw new JoinRefused(`unexpected character ${JSON.stringify(s[i])}`);
  return j;
}

/** A dictionary's entries, in order: key (with its slash) → the value's text. */
function entriesOf(dict: string): [string, string][] {
  let i = skipWhite(dict, 0);
  if (!dict.startsWith('<<', i)) throw new JoinRefused('a dictionary was expected');
  i += 2;
  const out: [string, string][] = [];
  for (;;) {
    i = skipWhite(dict, i);
    if (dict.startsWith('>>', i)) return out;
    if (dict.charCodeAt(i) !== 0x2f) throw new JoinRefused('a key was expected');
    const keyEnd = endOfToken(dict, i + 1);
    const start = skipWhite(dict, keyEnd);
    const end = endOfValue(dict, start);
    out.push([dict.slice(i, keyEnd), dict.slice(start, end)]);
    i = end;
  }
}

function dictOf(entries: readonly [string, string][]): string {
  return `<<${entries.map(([k, v]) => `${k} ${v}`).join('\n')}>>`;
}

function entry(dict: string, key: string): string | undefined {
  return entriesOf(dict).find(([k]) => k === key)?.[1];
}

/** A dictionary with some keys set (replaced in place, or added at the end) and others removed (value null). */
function withEntries(dict: string, changes: Record<string, string | null>): string {
  const entries = entriesOf(dict);
  const out: [string, string][] = [];
  const done = new Set<string>();
  for (const [k, v] of entries) {
    if (!(k in changes)) out.push([k, v]);
    else if (changes[k] !== null && !done.has(k)) {
      out.push([k, changes[k]!]);
      done.add(k);
    }
  }
  for (const [k, v] of Object.entries(changes)) if (v !== null && !done.has(k)) out.push([k, v]);
  return dictOf(out);
}

function refOf(value: string | undefined, what: string): number {
  const m = value === undefined ? null : /^(\d+)\s+0\s+R$/.exec(value.trim());
  if (!m) throw new JoinRefused(`${what} is not a reference`);
  return Number(m[1]);
}

function intOf(value: string | undefined, what: string): number {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) throw new JoinRefused(`${what} is not an integer`);
  return Number(value.trim());
}

/** The items of an array's text, each as text. */
function itemsOf(array: string): string[] {
  let i = skipWhite(array, 0);
  if (array.charCodeAt(i) !== 0x5b) throw new JoinRefused('an array was expected');
  i += 1;
  const out: string[] = [];
  for (;;) {
    i = skipWhite(array, i);
    if (array.charCodeAt(i) === 0x5d) return out;
    const end = endOfValue(array, i);
    out.push(array.slice(i, end));
    i = end;
  }
}

const ref = (n: number) => `${n} 0 R`;

// ---- Reading one file

interface PdfFile {
  bytes: Uint8Array;
  /** The file as latin1 text (one character per byte). */
  s: string;
  offsets: Map<number, number>;
  size: number;
  root: number;
  info: number | null;
}

/** The file's cross-reference table and trailer. */
function openPdf(bytes: Uint8Array): PdfFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = buffer.toString('latin1');
  if (!s.startsWith('%PDF-1.')) throw new JoinRefused('not a PDF');
  const at = s.lastIndexOf('startxref');
  if (at < 0) throw new JoinRefused('no startxref');
  const xref = Number(/startxref\s+(\d+)/.exec(s.slice(at))?.[1] ?? NaN);
  if (!Number.isInteger(xref) || !s.startsWith('xref', xref)) throw new JoinRefused('no classic cross-reference table (object streams are not read)');
  const offsets = new Map<number, number>();
  let i = skipWhite(s, xref + 4);
  while (!s.startsWith('trailer', i)) {
    const head = /^(\d+)\s+(\d+)/.exec(s.slice(i, i + 40));
    if (!head) throw new JoinRefused('damaged cross-reference table');
    const first = Number(head[1]);
    const count = Number(head[2]);
    i = skipWhite(s, i + head[0].length);
    for (let n = 0; n < count; n += 1) {
      const line = s.slice(i, i + 20);
      const m = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (!m) throw new JoinRefused('damaged cross-reference entry');
      if (m[3] === 'n') {
        if (m[2] !== '00000') throw new JoinRefused('object generations are not read');
        offsets.set(first + n, Number(m[1]));
      }
      i = skipWhite(s, i + 18);
    }
  }
  const trailerStart = skipWhite(s, i + 'trailer'.length);
  const trailer = s.slice(trailerStart, endOfValue(s, trailerStart));
  const t = entriesOf(trailer);
  for (const [k] of t) if (!['/Size', '/Root', '/Info', '/ID'].includes(k)) throw new JoinRefused(`trailer key ${k} (an updated or encrypted file) is not read`);
  const size = intOf(t.find(([k]) => k === '/Size')?.[1], 'trailer /Size');
  const root = refOf(t.find(([k]) => k === '/Root')?.[1], 'trailer /Root');
  const infoValue = t.find(([k]) => k === '/Info')?.[1];
  const info = infoValue === undefined ? null : refOf(infoValue, 'trailer /Info');
  return { bytes, s, offsets, size, root, info };
}

const HEADER = /(\d+)\s+(\d+)\s+obj\b/y;

/** One object of the file, read where the table says it is. */
function readObject(file: PdfFile, num: number): RawObject {
  const { s, bytes } = file;
  const offset = file.offsets.get(num);
  if (offset === undefined) throw new JoinRefused(`object ${num} is missing`);
  HEADER.lastIndex = offset;
  const h = HEADER.exec(s);
  if (!h || Number(h[1]) !== num) throw new JoinRefused(`object ${num} is not where the table says`);
  const start = skipWhite(s, offset + h[0].length);
  const end = endOfValue(s, start);
  const value = s.slice(start, end);
  let j = skipWhite(s, end);
  let stream: Uint8Array | null = null;
  if (s.startsWith('stream', j)) {
    j += 6;
    if (s[j] === '\r') j += 1;
    if (s[j] === '\n') j += 1;
    const length = intOf(entry(value, '/Length'), `object ${num}'s /Length`);
    stream = bytes.subarray(j, j + length);
    j = skipWhite(s, j + length);
    if (!s.startsWith('endstream', j)) throw new JoinRefused(`object ${num}'s stream is not its /Length long`);
    j = skipWhite(s, j + 9);
  }
  if (!s.startsWith('endobj', j)) throw new JoinRefused(`object ${num} has no endobj`);
  return { value, stream };
}

function parsePdf(bytes: Uint8Array): ParsedPdf {
  const file = openPdf(bytes);
  const objects = new Map<number, RawObject>();
  for (const num of file.offsets.keys()) objects.set(num, readObject(file, num));
  return { objects, size: file.size, root: file.root, info: file.info };
}

/** The number of pages of a PDF Chromium printed (its page tree's /Count). Throws JoinRefused for another kind of file. */
export function pageCount(pdf: Uint8Array): number {
  const file = openPdf(pdf);
  const pages = refOf(entry(readObject(file, file.root).value, '/Pages'), 'the catalog /Pages');
  return intOf(entry(readObject(file, pages).value, '/Count'), 'the pages /Count');
}

// ---- Rewriting an object's text

interface Rewrite {
  /** Added to every object number referred to. */
  offset: number;
  /** Added to /StructParents and /StructParent (the parent tree's keys). */
  structOffset: number;
  /** Put before every tag ID (the strings of /ID and /Headers; with names, those of /Names and /Limits too). */
  idPrefix: string;
  /** The object is a node of the ID tree: its /Names and /Limits strings are IDs. */
  names: boolean;
}

/**
 * The object's text with its references renumbered, its structure keys
 * shifted and its tag IDs prefixed. Strings other than IDs are copied as
 * they are (a title that reads "3 0 R" stays as it was).
 */
function rewrite(s: string, r: Rewrite): string {
  const out: string[] = [];
  let copied = 0;
  // The name just read, for the value that follows it; the arrays open, each with whether its strings are IDs.
  let key: string | null = null;
  const arrays: boolean[] = [];
  const idKeys = r.names ? ['/ID', '/Headers', '/Names', '/Limits'] : ['/ID', '/Headers'];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (WHITE.has(c)) {
      i += 1;
      continue;
    }
    if (c === 0x28) {
      const end = endOfLiteral(s, i);
      // An ID: the value of /ID, or a string in an array of IDs (/Headers; in the ID tree /Names and /Limits).
      if (key === '/ID' || (key === null && arrays.at(-1) === true)) {
        out.push(s.slice(copied, i + 1), r.idPrefix);
        copied = i + 1;
      }
      key = null;
      i = end;
      continue;
    }
    if (c === 0x3c) {
      if (s.charCodeAt(i + 1) === 0x3c) {
        i += 2;
        key = null;
        continue;
      }
      i = s.indexOf('>', i) + 1;
      if (i === 0) throw new JoinRefused('unterminated hex string');
      key = null;
      continue;
    }
    if (c === 0x3e) {
      i += 1;
      key = null;
      continue;
    }
    if (c === 0x5b) {
      arrays.push(key !== null && idKeys.includes(key));
      key = null;
      i += 1;
      continue;
    }
    if (c === 0x5d) {
      arrays.pop();
      key = null;
      i += 1;
      continue;
    }
    if (c === 0x2f) {
      const end = endOfToken(s, i + 1);
      key = s.slice(i, end);
      i = end;
      continue;
    }
    if (c >= 0x30 && c <= 0x39) {
      REF.lastIndex = i;
      const m = REF.exec(s);
      if (m) {
        out.push(s.slice(copied, i), `${Number(m[1]) + r.offset} ${m[2]} R`);
        i += m[0].length;
        copied = i;
        key = null;
        continue;
      }
      const end = endOfToken(s, i);
      if ((key === '/StructParents' || key === '/StructParent') && r.structOffset !== 0) {
        out.push(s.slice(copied, i), String(Number(s.slice(i, end)) + r.structOffset));
        copied = end;
      }
      key = null;
      i = end;
      continue;
    }
    i = Math.max(endOfToken(s, i), i + 1);
    key = null;
  }
  out.push(s.slice(copied));
  return out.join('');
}

// ---- Joining

interface PartPlan {
  pdf: ParsedPdf;
  offset: number;
  structOffset: number;
  pages: number;
  pagesRoot: number;
  structRoot: number;
  document: number;
  parentTree: number;
  idTree: number | null;
  outlines: number | null;
}

const CATALOG_KEYS = new Set(['/Type', '/Pages', '/MarkInfo', '/StructTreeRoot', '/Outlines', '/ViewerPreferences', '/Lang']);
const STRUCT_ROOT_KEYS = new Set(['/Type', '/K', '/ParentTree', '/ParentTreeNextKey', '/IDTree']);

function valueOf(pdf: ParsedPdf, num: number): string {
  const o = pdf.objects.get(num);
  if (!o) throw new JoinRefused(`object ${num} is missing`);
  return o.value;
}

/** A number tree's pairs (key, value text), walking its kids. */
function numberTreePairs(pdf: ParsedPdf, num: number, out: [number, string][] = [], depth = 0): [number, string][] {
  if (depth > 32) throw new JoinRefused('the parent tree is too deep');
  const e = entriesOf(valueOf(pdf, num));
  const nums = e.find(([k]) => k === '/Nums')?.[1];
  if (nums !== undefined) {
    const items = itemsOf(nums);
    for (let i = 0; i + 1 < items.length; i += 2) out.push([intOf(items[i], 'a parent tree key'), items[i + 1]!]);
  }
  const kids = e.find(([k]) => k === '/Kids')?.[1];
  if (kids !== undefined) for (const kid of itemsOf(kids)) numberTreePairs(pdf, refOf(kid, 'a parent tree kid'), out, depth + 1);
  return out;
}

/** The ID tree's nodes, from its root down (their strings are IDs, rewritten with the part's prefix). */
function idTreeNodes(pdf: ParsedPdf, num: number, out: Set<number>, depth = 0): void {
  if (depth > 32) throw new JoinRefused('the ID tree is too deep');
  out.add(num);
  const kids = entry(valueOf(pdf, num), '/Kids');
  if (kids !== undefined) for (const kid of itemsOf(kids)) idTreeNodes(pdf, refOf(kid, 'an ID tree kid'), out, depth + 1);
}

/** The outline items at one level: first, then each /Next. */
function outlineItems(pdf: ParsedPdf, first: number | null): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let n = first; n !== null; ) {
    if (seen.has(n)) throw new JoinRefused('the outline loops');
    seen.add(n);
    out.push(n);
    const next = entry(valueOf(pdf, n), '/Next');
    n = next === undefined ? null : refOf(next, 'an outline /Next');
  }
  return out;
}

/** How many items an open outline item shows below it (its /Count when positive). */
function shownBelow(dict: string): number {
  const count = entry(dict, '/Count');
  return count === undefined ? 0 : Math.max(0, intOf(count, 'an outline /Count'));
}

/**
 * One PDF of the parts, in their order. Throws JoinRefused for a file that
 * is not of the kind described above (nothing is guessed).
 */
export function joinPdfs(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) throw new JoinRefused('no parts');
  if (parts.length === 1) return parts[0]!;
  const plans: PartPlan[] = [];
  let offset = 0;
  let structOffset = 0;
  for (const part of parts) {
    const pdf = parsePdf(part);
    const catalog = entriesOf(valueOf(pdf, pdf.root));
    for (const [k] of catalog) if (!CATALOG_KEYS.has(k)) throw new JoinRefused(`catalog key ${k} is not read`);
    const get = (k: string) => catalog.find(([key]) => key === k)?.[1];
    const pagesRoot = refOf(get('/Pages'), 'the catalog /Pages');
    const structRootNum = refOf(get('/StructTreeRoot'), 'the catalog /StructTreeRoot (an untagged PDF)');
    const structRoot = entriesOf(valueOf(pdf, structRootNum));
    for (const [k] of structRoot) if (!STRUCT_ROOT_KEYS.has(k)) throw new JoinRefused(`structure root key ${k} is not read`);
    const sget = (k: string) => structRoot.find(([key]) => key === k)?.[1];
    const outlines = get('/Outlines');
    const idTree = sget('/IDTree');
    plans.push({
      pdf,
      offset,
      structOffset,
      pages: intOf(entry(valueOf(pdf, pagesRoot), '/Count'), 'the pages /Count'),
      pagesRoot,
      structRoot: structRootNum,
      document: refOf(sget('/K'), 'the structure root /K'),
      parentTree: refOf(sget('/ParentTree'), 'the structure root /ParentTree'),
      idTree: idTree === undefined ? null : refOf(idTree, 'the structure root /IDTree'),
      outlines: outlines === undefined ? null : refOf(outlines, 'the catalog /Outlines'),
    });
    offset += pdf.size;
    structOffset += intOf(sget('/ParentTreeNextKey'), 'the structure root /ParentTreeNextKey');
  }

  // Objects: each part's, renumbered; then the new catalog, pages, structure root, parent tree, ID tree and outlines.
  const total = offset;
  const written = new Map<number, { value: string; stream: Uint8Array | null }>();
  const catalogNum = total;
  const pagesNum = total + 1;
  const structNum = total + 2;
  const parentTreeNum = total + 3;
  const idTreeNum = total + 4;
  const outlinesNum = total + 5;
  const firstDocument = plans[0]!.document;
  const prefixOf = (k: number) => `p${k + 1}-`;

  for (const [k, p] of plans.entries()) {
    const idNodes = new Set<number>();
    if (p.idTree !== null) idTreeNodes(p.pdf, p.idTree, idNodes);
    // Replaced by the joined document's own (a number not written is written as null).
    const dropped = new Set([p.pdf.root, p.structRoot, p.parentTree, ...(p.outlines !== null ? [p.outlines] : []), ...(p.pdf.info !== null && k > 0 ? [p.pdf.info] : [])]);
    for (const [num, o] of p.pdf.objects) {
      if (dropped.has(num)) continue;
      written.set(num + p.offset, {
        value: rewrite(o.value, { offset: p.offset, structOffset: p.structOffset, idPrefix: prefixOf(k), names: idNodes.has(num) }),
        stream: o.stream,
      });
    }
    const pagesRoot = written.get(p.pagesRoot + p.offset)!;
    pagesRoot.value = withEntries(pagesRoot.value, { '/Parent': ref(pagesNum) });
    const doc = written.get(p.document + p.offset)!;
    doc.value = withEntries(doc.value, k === 0 ? { '/P': ref(structNum) } : { '/S': '/Part', '/P': ref(firstDocument) });
  }
  // Part 1's Document holds the other parts' (as Parts).
  const first = written.get(firstDocument)!;
  const kids = entry(first.value, '/K');
  const firstKids = kids === undefined ? [] : kids.trim().startsWith('[') ? itemsOf(kids) : [kids];
  first.value = withEntries(first.value, { '/K': `[${[...firstKids, ...plans.slice(1).map((p) => ref(p.document + p.offset))].join(' ')}]` });

  const pageCount = plans.reduce((n, p) => n + p.pages, 0);
  written.set(pagesNum, { value: dictOf([['/Type', '/Pages'], ['/Count', String(pageCount)], ['/Kids', `[${plans.map((p) => ref(p.pagesRoot + p.offset)).join(' ')}]`]]), stream: null });

  const pairs = plans.flatMap((p, k) =>
    numberTreePairs(p.pdf, p.parentTree).map(([key, v]) => `${key + p.structOffset} ${rewrite(v, { offset: p.offset, structOffset: 0, idPrefix: prefixOf(k), names: false })}`),
  );
  written.set(parentTreeNum, { value: dictOf([['/Type', '/ParentTree'], ['/Nums', `[${pairs.join(' ')}]`]]), stream: null });

  // The ID tree: each part's root becomes a kid (with its limits, which a kid must have).
  const idKids: number[] = [];
  for (const p of plans) {
    if (p.idTree === null) continue;
    const num = p.idTree + p.offset;
    const node = written.get(num)!;
    const e = entriesOf(node.value);
    const names = e.find(([key]) => key === '/Names')?.[1];
    const kidsOf = e.find(([key]) => key === '/Kids')?.[1];
    if (kidsOf !== undefined) {
      // Limits from the first and the last kid.
      const ks = itemsOf(kidsOf).map((x) => refOf(x, 'an ID tree kid'));
      const lim = (n: number) => itemsOf(entry(written.get(n)!.value, '/Limits') ?? '[]');
      const lo = lim(ks[0]!)[0];
      const hi = lim(ks.at(-1)!)[1];
      if (lo === undefined || hi === undefined) throw new JoinRefused('an ID tree kid has no /Limits');
      node.value = withEntries(node.value, { '/Limits': `[${lo} ${hi}]` });
    } else if (names !== undefined) {
      const items = itemsOf(names);
      if (items.length > 0) node.value = withEntries(node.value, { '/Limits': `[${items[0]} ${items[items.length - 2]}]` });
    }
    idKids.push(num);
  }
  if (idKids.length > 0) written.set(idTreeNum, { value: dictOf([['/Kids', `[${idKids.map(ref).join(' ')}]`]]), stream: null });

  written.set(
    structNum,
    {
      value: dictOf([
        ['/Type', '/StructTreeRoot'],
        ['/K', ref(firstDocument)],
        ['/ParentTreeNextKey', String(structOffset)],
        ['/ParentTree', ref(parentTreeNum)],
        ...(idKids.length > 0 ? ([['/IDTree', ref(idTreeNum)]] as [string, string][]) : []),
      ]),
      stream: null,
    },
  );

  // The outlines: each part's top items, in order, each under the last bookmark before it of a higher heading
  // (an area's h2 that begins a part goes under the progress section's h1 in the part before).
  const top: number[] = [];
  const set = (num: number, changes: Record<string, string | null>) => {
    const o = written.get(num)!;
    o.value = withEntries(o.value, changes);
  };
  const countOf = (num: number): number => {
    const c = entry(written.get(num)!.value, '/Count');
    const n = c === undefined ? 0 : intOf(c, 'an outline /Count');
    if (n < 0) throw new JoinRefused('a closed outline item is not joined');
    return n;
  };
  // The heading level (1 for h1) of a bookmark, from the structure element it names (Chromium's /SE: /S /H1 … /H6).
  const levelOf = (num: number): number => {
    const se = entry(written.get(num)!.value, '/SE');
    const element = se === undefined ? undefined : written.get(refOf(se, 'an outline /SE'));
    const role = element === undefined ? undefined : /^\/H([1-6])$/.exec(entry(element.value, '/S')?.trim() ?? '');
    if (!role) throw new JoinRefused('a bookmark names no heading');
    return Number(role[1]);
  };
  // The last bookmark at each depth, from the top: where the next one may go.
  let chain: { num: number; level: number }[] = [];
  const lastOf = (num: number): number | undefined => {
    const last = entry(written.get(num)!.value, '/Last');
    return last === undefined ? undefined : refOf(last, 'an outline /Last');
  };
  for (const p of plans) {
    if (p.outlines === null) continue;
    const firstItem = entry(valueOf(p.pdf, p.outlines), '/First');
    const items = outlineItems(p.pdf, firstItem === undefined ? null : refOf(firstItem, 'the outline /First')).map((n) => n + p.offset);
    for (const n of items) {
      const level = levelOf(n);
      let depth = chain.length;
      while (depth > 0 && chain[depth - 1]!.level >= level) depth -= 1;
      const host = depth === 0 ? undefined : chain[depth - 1]!.num;
      const prev = host === undefined ? top.at(-1) : lastOf(host);
      set(n, { '/Parent': ref(host ?? outlinesNum), '/Prev': prev === undefined ? null : ref(prev), '/Next': null });
      if (prev !== undefined) set(prev, { '/Next': ref(n) });
      if (host === undefined) top.push(n);
      else {
        if (prev === undefined) set(host, { '/First': ref(n) });
        set(host, { '/Last': ref(n) });
      }
      // Every bookmark above it shows it and what it shows (all open, as Chromium writes them).
      const shows = 1 + countOf(n);
      for (const above of chain.slice(0, depth)) set(above.num, { '/Count': String(countOf(above.num) + shows) });
      chain = chain.slice(0, depth);
      for (let at: number | undefined = n; at !== undefined; at = lastOf(at)) chain.push({ num: at, level: at === n ? level : levelOf(at) });
    }
  }
  const shown = top.reduce((n, item) => n + 1 + shownBelow(written.get(item)!.value), 0);
  written.set(
    outlinesNum,
    top.length === 0
      ? { value: 'null', stream: null }
      : { value: dictOf([['/Type', '/Outlines'], ['/First', ref(top[0]!)], ['/Last', ref(top.at(-1)!)], ['/Count', String(shown)]]), stream: null },
  );

  const catalog = entriesOf(valueOf(plans[0]!.pdf, plans[0]!.pdf.root)).map(([k, v]): [string, string] => [k, rewrite(v, { offset: 0, structOffset: 0, idPrefix: '', names: false })]);
  const replace: Record<string, string | null> = { '/Pages': ref(pagesNum), '/StructTreeRoot': ref(structNum), '/Outlines': top.length === 0 ? null : ref(outlinesNum) };
  written.set(catalogNum, { value: withEntries(dictOf(catalog), replace), stream: null });

  return serialize(written, outlinesNum + 1, catalogNum, plans[0]!.pdf.info);
}

function serialize(objects: Map<number, { value: string; stream: Uint8Array | null }>, size: number, root: number, info: number | null): Uint8Array {
  const chunks: Buffer[] = [];
  let at = 0;
  const push = (b: Buffer | Uint8Array) => {
    const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    chunks.push(buf);
    at += buf.byteLength;
  };
  push(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  const offsets: number[] = [];
  for (let n = 1; n < size; n += 1) {
    offsets[n] = at;
    const o = objects.get(n);
    if (!o) {
      push(Buffer.from(`${n} 0 obj\nnull\nendobj\n`, 'latin1'));
      continue;
    }
    if (o.stream === null) {
      push(Buffer.from(`${n} 0 obj\n${o.value}\nendobj\n`, 'latin1'));
    } else {
      push(Buffer.from(`${n} 0 obj\n${o.value} stream\n`, 'latin1'));
      push(o.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  }
  const xref = at;
  const lines = ['xref', `0 ${size}`, '0000000000 65535 f '];
  for (let n = 1; n < size; n += 1) lines.push(`${String(offsets[n]).padStart(10, '0')} 00000 n `);
  lines.push('trailer', `<</Size ${size}\n/Root ${root} 0 R${info === null ? '' : `\n/Info ${info} 0 R`}>>`, 'startxref', String(xref), '%%EOF', '');
  push(Buffer.from(lines.join('\n'), 'latin1'));
  return new Uint8Array(Buffer.concat(chunks, at));
}
