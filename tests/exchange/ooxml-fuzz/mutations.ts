/**
 * XML-level mutations of a workbook's parts, of the kinds other spreadsheet
 * programs (and hand edits) write. Each returns a description (part, variant,
 * snippet before → after) or null where it does not apply.
 */
import { MAIN } from './common';

export type Rng = () => number;
export function mulberry32(a: number): Rng {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Ctx {
  parts: Map<string, string | Uint8Array>;
  sheets: string[]; // worksheet part names, in the workbook's order
  sst: string | null;
  styles: string | null;
  wb: string;
  rng: Rng;
}

export interface Desc {
  part: string;
  variant: string;
  before: string;
  after: string;
}

export interface Mutation {
  name: string;
  weight: number;
  apply(ctx: Ctx): Desc | null;
}

// ---- helpers

const int = (ctx: Ctx, n: number) => Math.floor(ctx.rng() * n);
function pick<T>(ctx: Ctx, xs: readonly T[]): T {
  return xs[int(ctx, xs.length)]!;
}
const chance = (ctx: Ctx, p: number) => ctx.rng() < p;
function str(ctx: Ctx, name: string): string {
  const v = ctx.parts.get(name);
  if (typeof v !== 'string') throw new Error(`part ${name} is not text`);
  return v;
}

interface Hit {
  at: number;
  text: string;
}
function all(xml: string, re: RegExp): Hit[] {
  const out: Hit[] = [];
  for (const m of xml.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) out.push({ at: m.index!, text: m[0] });
  return out;
}
function splice(xml: string, at: number, len: number, text: string): string {
  return xml.slice(0, at) + text + xml.slice(at + len);
}
function clip(s: string, n = 260): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

const CELL = /<c\b[^>]*?\/>|<c\b[^>]*>[\s\S]*?<\/c>/g;
const ROW = /<row\b[^>]*?\/>|<row\b[^>]*>[\s\S]*?<\/row>/g;

function sheetData(xml: string): { at: number; end: number } | null {
  const s = xml.indexOf('<sheetData');
  if (s < 0) return null;
  const o = xml.indexOf('>', s);
  if (xml[o - 1] === '/') return null;
  const e = xml.indexOf('</sheetData>', o);
  return e < 0 ? null : { at: o + 1, end: e };
}

/** A random worksheet part, and a random cell (matching filter) in it. */
function pickCell(ctx: Ctx, filter: (cell: string) => boolean = () => true): { part: string; xml: string; hit: Hit } | null {
  const order = [...ctx.sheets].sort(() => ctx.rng() - 0.5);
  for (const part of order) {
    const xml = str(ctx, part);
    const cells = all(xml, CELL).filter((h) => filter(h.text));
    if (cells.length) return { part, xml, hit: pick(ctx, cells) };
  }
  return null;
}
function pickRow(ctx: Ctx, filter: (row: string) => boolean = () => true): { part: string; xml: string; hit: Hit } | null {
  const order = [...ctx.sheets].sort(() => ctx.rng() - 0.5);
  for (const part of order) {
    const xml = str(ctx, part);
    const rows = all(xml, ROW).filter((h) => filter(h.text));
    if (rows.length) return { part, xml, hit: pick(ctx, rows) };
  }
  return null;
}

function openTag(el: string): string {
  return el.slice(0, el.indexOf('>') + 1);
}
function attrOf(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}
function setAttr(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (value === null) return tag.replace(re, '');
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return tag.slice(0, end) + ` ${name}="${value}"` + tag.slice(end);
}
function replaceCell(ctx: Ctx, c: { part: string; xml: string; hit: Hit }, next: string, variant: string): Desc {
  ctx.parts.set(c.part, splice(c.xml, c.hit.at, c.hit.text.length, next));
  return { part: c.part, variant, before: clip(c.hit.text), after: clip(next) };
}
function valueOf(cell: string): string | undefined {
  return /<v>([\s\S]*?)<\/v>/.exec(cell)?.[1];
}
function withValue(cell: string, v: string | null): string {
  const tag = openTag(cell);
  const selfClosing = tag.endsWith('/>');
  const open = selfClosing ? tag.slice(0, -2) + '>' : tag;
  const inner = selfClosing ? '' : cell.slice(tag.length, cell.lastIndexOf('</c>'));
  const rest = inner.replace(/<v>[\s\S]*?<\/v>|<v\/>/, '').replace(/<is>[\s\S]*?<\/is>/, '');
  return `${open}${rest}${v === null ? '' : v}</c>`;
}
const isNumberCell = (c: string) => !/\st\s*=\s*["'](?!n["'])/.test(openTag(c)) && valueOf(c) !== undefined;
const isStringCell = (c: string) => /\st="s"/.test(openTag(c)) && valueOf(c) !== undefined;
const colName = (n: number) => {
  let s = '';
  for (n++; n; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

const WS = [' ', '  ', '\n', '\r\n', '\t', '\n  ', ' \n\t '];

function sharedItems(ctx: Ctx): { xml: string; items: Hit[] } | null {
  if (!ctx.sst) return null;
  const xml = str(ctx, ctx.sst);
  return { xml, items: all(xml, /<si>[\s\S]*?<\/si>/g) };
}
function siText(si: string): string | null {
  const m = /^<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>$/.exec(si);
  return m ? m[1]! : null;
}

/** Pretty-printing: whitespace between tags, never inside a text element's content (t, v, f). */
function pretty(xml: string, nl: string, indent: string): string {
  let depth = 0;
  return xml.replace(/>(?=<)/g, (m, at: number) => {
    const open = xml.lastIndexOf('<', at);
    const tag = xml.slice(open, at + 1);
    if (/^<(?:\w+:)?(?:t|v|f)\b[^/]*>$/.test(tag) && !tag.endsWith('/>')) return m; // empty text element: <t></t> stays
    const next = xml.slice(at + 1, at + 3);
    if (tag.startsWith('</')) depth--;
    else if (!tag.endsWith('/>') && !tag.startsWith('<?') && !tag.startsWith('<!')) depth++;
    const d = next.startsWith('</') ? depth - 1 : depth;
    return '>' + nl + indent.repeat(Math.max(0, Math.min(d, 6)));
  });
}

function prefixAll(xml: string, root: string, only: RegExp | null): string {
  // Prefix every element but the root (and the declaration), binding x: to the main namespace on the root.
  const out = xml.replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, (m, slash: string, name: string) => {
    if (name === root) return m;
    if (only && !only.test(name)) return m;
    return `<${slash}x:${name}`;
  });
  return out.replace(new RegExp(`<${root}\\b`), `<${root} xmlns:x="${MAIN}"`);
}

// ---- the mutations

const NUMBERS = ['1e3', '1E3', '.5', '-0', '+5', ' 5', '5 ', ' 5 ', '\n5\n', '0x10', 'Infinity', '-Infinity', 'NaN', '1,5', '1.5.5', '00012', '1.0', '12345678901234567890', '1e400', '-1e-400', '4.9e-324', '٣', '5abc', '\u00a05', '\u30005', '\ufeff5', '5\u00a0', '&#53;', '&#x35;', '&#x2D;1', '<![CDATA[5]]>', '<![CDATA[]]>', '_x0035_', '0.1', '1e-7', '123456789.123456789', '-', '.', 'e5', '1_000', '½'];
const BOOLS = ['1', '0', 'true', 'false', 'TRUE', 'True', ' 1', '1 ', 'yes', '', '2', '&#49;', '<![CDATA[1]]>'];
const ERRS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#GETTING_DATA', '#SPILL!', '#CALC!', '#WTF?', ' #N/A', '#n/a', '', '&#35;N/A', '<![CDATA[#REF!]]>', '<![CDATA[]]>'];
const CODES = ['0%', '0.00%', 'yyyy-mm-dd', 'm/d/yy h:mm', '#,##0"원"', '#,##0.00\\ "€"', 'd.m', '[>=100]0;0', '0.00E+00', '@', '[$-409]mmm d, yyyy', '"x"0', 'General', '[Red]0.00', '0;-0;;@', '# ?/?', 'hh:mm:ss AM/PM', '[h]:mm', '000000', '#,##0_);(#,##0)', ';;;', '0.0,,"M"', 'dd/mm/yyyy', '[$-F800]dddd, mmmm dd, yyyy', 'yyyy"年"m"月"d"日"', '0.0%;[Red]-0.0%', '#,##0;[Red]-#,##0', 'GENERAL', 'mm:ss.0'];
const BUILTIN = [1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49, 5, 6, 7, 8, 23, 27, 30, 31, 36, 41, 42, 43, 44, 50, 55, 57, 58, 59, 62, 67, 69, 71, 76, 81, 82, 100, 163];

export const MUTATIONS: Mutation[] = [
  // ---------- worksheets
  {
    name: 'cell-attr-quotes',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx);
      if (!c) return null;
      const tag = openTag(c.hit.text);
      const all = chance(ctx, 0.5);
      let done = false;
      const next = tag.replace(/="([^"]*)"/g, (m, v: string) => (all || !done ? ((done = true), `='${v}'`) : m));
      return replaceCell(ctx, c, next + c.hit.text.slice(tag.length), all ? 'all' : 'one');
    },
  },
  {
    name: 'cell-attr-order',
    weight: 2,
    apply(ctx) {
      const c = pickCell(ctx, (x) => (openTag(x).match(/=/g) ?? []).length > 1);
      if (!c) return null;
      const tag = openTag(c.hit.text);
      const close = tag.endsWith('/>') ? '/>' : '>';
      const attrs = tag.slice(2, tag.length - close.length).match(/\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*')/g) ?? [];
      const next = '<c' + [...attrs].reverse().join('') + close;
      return replaceCell(ctx, c, next + c.hit.text.slice(tag.length), 'reversed');
    },
  },
  {
    name: 'tag-whitespace',
    weight: 6,
    apply(ctx) {
      const where = pick(ctx, ['c-after-name', 'c-before-close', 'c-around-eq', 'c-between', 'v-after-name', 'v-close', 'row-after-name', 'row-around-eq', 'is-after-name', 'row-before-close'] as const);
      const ws = pick(ctx, WS);
      if (where.startsWith('row')) {
        const r = pickRow(ctx, (x) => /\sr=/.test(openTag(x)));
        if (!r) return null;
        const tag = openTag(r.hit.text);
        // eslint-disable-next-line no-useless-assignment -- the value kept where no variant applies
        let next = tag;
        if (where === 'row-after-name') next = tag.replace(/^<row /, `<row${ws}`);
        else if (where === 'row-around-eq') next = tag.replace(/\s(\w+)="/, (_, n: string) => ` ${n}${ws}=${ws}"`);
        else next = tag.replace(/(\/?>)$/, `${ws}$1`);
        ctx.parts.set(r.part, splice(r.xml, r.hit.at, tag.length, next));
        return { part: r.part, variant: `${where}:${JSON.stringify(ws)}`, before: clip(r.hit.text, 120), after: clip(next + r.hit.text.slice(tag.length), 120) };
      }
      if (where.startsWith('v')) {
        const c = pickCell(ctx, (x) => x.includes('<v>'));
        if (!c) return null;
        const next = where === 'v-after-name' ? c.hit.text.replace('<v>', `<v${ws}>`) : c.hit.text.replace('</v>', `</v${ws}>`);
        return replaceCell(ctx, c, next, `${where}:${JSON.stringify(ws)}`);
      }
      if (where === 'is-after-name') {
        const c = pickCell(ctx, (x) => x.includes('<is>'));
        if (!c) return null;
        return replaceCell(ctx, c, c.hit.text.replace('<is>', `<is${ws}>`), `${where}:${JSON.stringify(ws)}`);
      }
      const c = pickCell(ctx);
      if (!c) return null;
      const tag = openTag(c.hit.text);
      // eslint-disable-next-line no-useless-assignment -- the value kept where no variant applies
      let next = tag;
      if (where === 'c-after-name') next = tag.replace(/^<c\s+/, `<c${ws}`);
      else if (where === 'c-before-close') next = tag.replace(/(\/?>)$/, `${ws}$1`);
      else if (where === 'c-around-eq') {
        const which = pick(ctx, ['r', 't', 's']);
        next = tag.replace(new RegExp(`\\s${which}="`), ` ${which}${ws}=${pick(ctx, [ws, '', ' '])}"`);
      } else next = tag.replace(/"\s+(?=\w)/g, `"${ws}`);
      if (next === tag) return null;
      return replaceCell(ctx, c, next + c.hit.text.slice(tag.length), `${where}:${JSON.stringify(ws)}`);
    },
  },
  {
    name: 'drop-t',
    weight: 2,
    apply(ctx) {
      const c = pickCell(ctx, (x) => /\st="/.test(openTag(x)));
      if (!c) return null;
      const tag = openTag(c.hit.text);
      return replaceCell(ctx, c, setAttr(tag, 't', null) + c.hit.text.slice(tag.length), `t=${attrOf(tag, 't')}`);
    },
  },
  {
    name: 'empty-v',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx, (x) => x.includes('<v>'));
      if (!c) return null;
      const v = pick(ctx, ['<v/>', '<v></v>', '<v> </v>', '<v />', '<v><![CDATA[]]></v>', '<v>\n</v>', null]);
      const t = attrOf(openTag(c.hit.text), 't') ?? 'n';
      return replaceCell(ctx, c, withValue(c.hit.text, v), `t=${t}:${JSON.stringify(v)}`);
    },
  },
  {
    name: 'to-inline',
    weight: 4,
    apply(ctx) {
      const sst = sharedItems(ctx);
      if (!sst || !sst.items.length) return null;
      const c = pickCell(ctx, isStringCell);
      if (!c) return null;
      const i = parseInt(valueOf(c.hit.text)!, 10);
      const si = sst.items[i];
      if (!si) return null;
      const inner = si.text.slice(4, -5);
      const form = pick(ctx, ['is', 'is-ws', 'is-space', 'is-v', 'is-empty', 'is-blank', 'is-self', 'is-prefixed-t', 'plain-text']);
      const tag = openTag(c.hit.text);
      const open = setAttr(tag.endsWith('/>') ? tag.slice(0, -2) + '>' : tag, 't', 'inlineStr');
      let body = `<is>${inner}</is>`;
      if (form === 'is-ws') body = `<is>\n  ${inner}\n</is>`;
      else if (form === 'is-space') body = `<is >${inner}</is>`;
      else if (form === 'is-v') body = `<v>${siText(si.text) ?? 'x'}</v>`;
      else if (form === 'is-empty') body = '<is></is>';
      else if (form === 'is-blank') body = pick(ctx, ['<is> </is>', '<is>\n</is>', '<is>\r\n  </is>']);
      else if (form === 'is-self') body = '<is/>';
      else if (form === 'is-prefixed-t') body = `<is>${inner.replace(/<(\/?)t\b/g, '<$1x:t')}</is>`;
      else if (form === 'plain-text') body = `<is><t>${siText(si.text) ?? 'x'}</t></is>`;
      return replaceCell(ctx, c, `${open}${body}</c>`, form);
    },
  },
  {
    name: 'odd-number',
    weight: 6,
    apply(ctx) {
      const c = pickCell(ctx, (x) => isNumberCell(x) || isStringCell(x));
      if (!c) return null;
      const v = pick(ctx, NUMBERS);
      const tag = openTag(c.hit.text);
      const open = setAttr(tag.endsWith('/>') ? tag.slice(0, -2) + '>' : tag, 't', chance(ctx, 0.3) ? 'n' : null);
      const styled = chance(ctx, 0.3) && ctx.styles ? open : open;
      return replaceCell(ctx, c, withValue(styled + c.hit.text.slice(tag.length), `<v>${v}</v>`), JSON.stringify(v));
    },
  },
  {
    name: 'string-index',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx, isStringCell);
      if (!c) return null;
      const i = valueOf(c.hit.text)!;
      const v = pick(ctx, [` ${i}`, `${i} `, `0${i}`, `${i}.0`, `${i}.9`, `+${i}`, `-0`, `${i}e0`, '1e1', `&#${48 + (Number(i) % 10)};`, `\u00a0${i}`, `\u3000${i}`, '99999', '-1', '', 'x']);
      return replaceCell(ctx, c, withValue(c.hit.text, `<v>${v}</v>`), JSON.stringify(v));
    },
  },
  {
    name: 'bool-cell',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx);
      if (!c) return null;
      const v = pick(ctx, BOOLS);
      const tag = openTag(c.hit.text);
      const open = setAttr(tag.endsWith('/>') ? tag.slice(0, -2) + '>' : tag, 't', 'b');
      return replaceCell(ctx, c, withValue(open + '</c>', v === '' && chance(ctx, 0.5) ? null : `<v>${v}</v>`), JSON.stringify(v));
    },
  },
  {
    name: 'error-cell',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx);
      if (!c) return null;
      const v = pick(ctx, ERRS);
      const tag = openTag(c.hit.text);
      const open = setAttr(tag.endsWith('/>') ? tag.slice(0, -2) + '>' : tag, 't', 'e');
      return replaceCell(ctx, c, withValue(open + '</c>', `<f>1/0</f><v>${v}</v>`), JSON.stringify(v));
    },
  },
  {
    name: 'style-ref',
    weight: 4,
    apply(ctx) {
      const c = pickCell(ctx, isNumberCell);
      if (!c) return null;
      const xfs = ctx.styles ? all(str(ctx, ctx.styles).slice(str(ctx, ctx.styles).indexOf('<cellXfs')), /<xf\b/g).length : 0;
      const k = xfs > 1 ? 1 + int(ctx, xfs - 1) : 0;
      const v = pick(ctx, [String(k), String(k), ` ${k}`, `${k} `, `0${k}`, `${k}.0`, `+${k}`, String(xfs), String(xfs + 5), '-1', '', 'x', '1e0']);
      const tag = openTag(c.hit.text);
      return replaceCell(ctx, c, setAttr(tag, 's', v) + c.hit.text.slice(tag.length), JSON.stringify(v));
    },
  },
  {
    name: 'crlf',
    weight: 2,
    apply(ctx) {
      const part = pick(ctx, [...ctx.sheets, ...(ctx.sst ? [ctx.sst] : [])]);
      const xml = str(ctx, part);
      const form = pick(ctx, ['all-lf-to-crlf', 'between-tags-crlf', 'between-tags-cr']);
      // eslint-disable-next-line no-useless-assignment -- the value kept where no variant applies
      let next = xml;
      if (form === 'all-lf-to-crlf') next = xml.replace(/\r?\n/g, '\r\n');
      else next = pretty(xml, form === 'between-tags-cr' ? '\r' : '\r\n', '');
      if (next === xml) return null;
      ctx.parts.set(part, next);
      return { part, variant: form, before: clip(xml.slice(xml.indexOf('<sheetData') >= 0 ? xml.indexOf('<sheetData') : 0), 160), after: clip(next.slice(next.indexOf('<sheetData') >= 0 ? next.indexOf('<sheetData') : 0), 160) };
    },
  },
  {
    name: 'pretty-print',
    weight: 3,
    apply(ctx) {
      const part = pick(ctx, [...ctx.sheets, ...(ctx.sst ? [ctx.sst] : []), ...(ctx.styles ? [ctx.styles] : []), ctx.wb]);
      const xml = str(ctx, part);
      const nl = pick(ctx, ['\n', '\r\n']);
      const indent = pick(ctx, ['  ', '\t', '']);
      const next = pretty(xml, nl, indent);
      if (next === xml) return null;
      ctx.parts.set(part, next);
      return { part, variant: `${JSON.stringify(nl)}${JSON.stringify(indent)}`, before: clip(xml, 200), after: clip(next, 300) };
    },
  },
  {
    name: 'row-no-r',
    weight: 4,
    apply(ctx) {
      const form = pick(ctx, ['one', 'all', 'all-and-cells-keep']);
      if (form === 'one') {
        const r = pickRow(ctx, (x) => /\sr="/.test(openTag(x)));
        if (!r) return null;
        const tag = openTag(r.hit.text);
        const next = setAttr(tag, 'r', null);
        ctx.parts.set(r.part, splice(r.xml, r.hit.at, tag.length, next));
        return { part: r.part, variant: form, before: clip(r.hit.text, 160), after: clip(next + r.hit.text.slice(tag.length), 160) };
      }
      const part = pick(ctx, ctx.sheets);
      const xml = str(ctx, part);
      const next = xml.replace(/<row\b[^>]*>/g, (t) => setAttr(t, 'r', null));
      if (next === xml) return null;
      ctx.parts.set(part, next);
      return { part, variant: form, before: clip(xml.slice(xml.indexOf('<sheetData')), 300), after: clip(next.slice(next.indexOf('<sheetData')), 300) };
    },
  },
  {
    name: 'cell-row-mismatch',
    weight: 2,
    apply(ctx) {
      const c = pickCell(ctx, (x) => /\sr="[A-Z]+\d+"/.test(openTag(x)));
      if (!c) return null;
      const tag = openTag(c.hit.text);
      const ref = attrOf(tag, 'r')!;
      const [, col = 'A', row = '1'] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const v = pick(ctx, [`${col}${Number(row) + 1}`, `${col}${Number(row) + 40}`, `${col}${Math.max(1, Number(row) - 1)}`, `${col}`, `${col}0`, `$${col}$${row}`, `${col.toLowerCase()}${row}`, `${col}${row} `, ` ${col}${row}`, `${col}0${row}`]);
      return replaceCell(ctx, c, setAttr(tag, 'r', v) + c.hit.text.slice(tag.length), JSON.stringify(v).replace(/[A-Z]+/, 'COL').replace(/\d+/, 'N'));
    },
  },
  {
    name: 'shuffle-cells',
    weight: 2,
    apply(ctx) {
      const r = pickRow(ctx, (x) => (x.match(/<c\b/g) ?? []).length > 1);
      if (!r) return null;
      const tag = openTag(r.hit.text);
      const cells = all(r.hit.text, CELL).map((h) => h.text);
      const shuffled = [...cells].sort(() => ctx.rng() - 0.5);
      const next = tag + shuffled.join('') + '</row>';
      ctx.parts.set(r.part, splice(r.xml, r.hit.at, r.hit.text.length, next));
      return { part: r.part, variant: 'shuffle', before: clip(r.hit.text, 200), after: clip(next, 200) };
    },
  },
  {
    name: 'dup-cell',
    weight: 3,
    apply(ctx) {
      const c = pickCell(ctx);
      if (!c) return null;
      const tag = openTag(c.hit.text);
      const ref = attrOf(tag, 'r');
      if (!ref) return null;
      const form = pick(ctx, ['same', 'stub', 'stub-styled', 'stub-typed', 'other-value', 'empty-v', 'before-stub']);
      const dup =
        form === 'same' ? c.hit.text
        : form === 'stub' || form === 'before-stub' ? `<c r="${ref}"/>`
        : form === 'stub-styled' ? `<c r="${ref}" s="0"/>`
        : form === 'stub-typed' ? `<c r="${ref}" t="s"/>`
        : form === 'empty-v' ? `<c r="${ref}"><v></v></c>`
        : `<c r="${ref}"><v>42</v></c>`;
      const next = form === 'before-stub' ? dup + c.hit.text : c.hit.text + dup;
      return replaceCell(ctx, c, next, form);
    },
  },
  {
    name: 'self-closing-row',
    weight: 3,
    apply(ctx) {
      const part = pick(ctx, ctx.sheets);
      const xml = str(ctx, part);
      const sd = sheetData(xml);
      if (!sd) return null;
      const rows = all(xml.slice(sd.at, sd.end), ROW);
      const used = new Set(rows.map((h) => Number(attrOf(openTag(h.text), 'r'))));
      let n = 1 + int(ctx, rows.length + 3);
      while (used.has(n)) n++;
      const hidden = pick(ctx, ['', ' hidden="1"', ' hidden="true"', " hidden='1'", ' hidden = "1"', ' hidden="TRUE"', ' hidden="0"', ' customHeight="1" ht="0" hidden="1"']);
      const noR = chance(ctx, 0.2);
      const row = pick(ctx, [`<row${noR ? '' : ` r="${n}"`}${hidden}/>`, `<row${noR ? '' : ` r="${n}"`}${hidden} />`, `<row${noR ? '' : ` r="${n}"`}${hidden}></row>`]);
      // Insert in row order (before the first row with a larger r), or at the end.
      const after = rows.find((h) => Number(attrOf(openTag(h.text), 'r')) > n);
      const at = after ? sd.at + after.at : sd.end;
      ctx.parts.set(part, splice(xml, at, 0, row));
      return { part, variant: `${noR ? 'no-r' : 'r'}:${hidden.trim() || 'plain'}:${after ? 'mid' : 'end'}`, before: clip(xml.slice(at - 60, at + 60), 140), after: clip(row + xml.slice(at, at + 60), 140) };
    },
  },
  {
    name: 'hidden-attr',
    weight: 3,
    apply(ctx) {
      const r = pickRow(ctx, (x) => !x.endsWith('/>'));
      if (!r) return null;
      const tag = openTag(r.hit.text);
      const v = pick(ctx, ['1', 'true', 'TRUE', 'True', '0', 'false', ' 1', '1 ', 'yes', '']);
      const form = pick(ctx, ['dq', 'sq', 'spaced', 'newline', 'tab-before', 'dup', 'prefixed', 'upper-name']);
      const base = setAttr(tag, 'hidden', null);
      const end = base.length - 1;
      const attr =
        form === 'sq' ? ` hidden='${v}'`
        : form === 'spaced' ? ` hidden = "${v}"`
        : form === 'newline' ? `\nhidden\n=\n"${v}"`
        : form === 'tab-before' ? `\thidden="${v}"`
        : form === 'dup' ? ` hidden="0" hidden="${v}"`
        : form === 'prefixed' ? ` x:hidden="${v}"`
        : form === 'upper-name' ? ` Hidden="${v}"`
        : ` hidden="${v}"`;
      const next = base.slice(0, end) + attr + base.slice(end);
      ctx.parts.set(r.part, splice(r.xml, r.hit.at, tag.length, next));
      return { part: r.part, variant: `${form}:${JSON.stringify(v)}`, before: clip(tag, 160), after: clip(next, 160) };
    },
  },
  {
    name: 'new-cell',
    weight: 5,
    apply(ctx) {
      const r = pickRow(ctx, (x) => !x.endsWith('/>') && /\sr="\d+"/.test(openTag(x)));
      if (!r) return null;
      const tag = openTag(r.hit.text);
      const rowN = attrOf(tag, 'r')!;
      const col = colName(30 + int(ctx, 200));
      const ref = `${col}${rowN}`;
      const kind = pick(ctx, ['n', 'n-nt', 's', 's-oob', 'str', 'str-empty', 'inline', 'inline-rich', 'b', 'e', 'd', 'no-v', 'f-only', 'z', 'upper-t', 'empty-t']);
      const sstLen = sharedItems(ctx)?.items.length ?? 0;
      const cell =
        kind === 'n' ? `<c r="${ref}" t="n"><v>${pick(ctx, NUMBERS)}</v></c>`
        : kind === 'n-nt' ? `<c r="${ref}"><v>${pick(ctx, NUMBERS)}</v></c>`
        : kind === 's' ? `<c r="${ref}" t="s"><v>${sstLen ? int(ctx, sstLen) : 0}</v></c>`
        : kind === 's-oob' ? `<c r="${ref}" t="s"><v>${sstLen}</v></c>`
        : kind === 'str' ? `<c r="${ref}" t="str"><f>"x"</f><v>x &amp;amp; y</v></c>`
        : kind === 'str-empty' ? `<c r="${ref}" t="str"><f>""</f></c>`
        : kind === 'inline' ? `<c r="${ref}" t="inlineStr"><is><t>${pick(ctx, ['in &amp; line', 'a&#10;b', ' sp ', '&QUOT;q&QUOT;', '_x0041__X0042_', '<![CDATA[<b>]]>', 'x\r\ny'])}</t></is></c>`
        : kind === 'inline-rich' ? `<c r="${ref}" t="inlineStr"><is><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>ph</t></rPh></is></c>`
        : kind === 'b' ? `<c r="${ref}" t="b"><v>${pick(ctx, BOOLS)}</v></c>`
        : kind === 'e' ? `<c r="${ref}" t="e"><v>${pick(ctx, ERRS)}</v></c>`
        : kind === 'd' ? `<c r="${ref}" t="d"><v>2024-01-02T00:00:00Z</v></c>`
        : kind === 'no-v' ? `<c r="${ref}" s="0"></c>`
        : kind === 'f-only' ? `<c r="${ref}"><f>1+1</f></c>`
        : kind === 'z' ? `<c r="${ref}" t="z"><v>1</v></c>`
        : kind === 'upper-t' ? `<c r="${ref}" t="S"><v>0</v></c>`
        : `<c r="${ref}" t=""><v>1</v></c>`;
      const next = r.hit.text.slice(0, -'</row>'.length) + cell + '</row>';
      ctx.parts.set(r.part, splice(r.xml, r.hit.at, r.hit.text.length, next));
      return { part: r.part, variant: kind, before: '', after: cell };
    },
  },
  {
    name: 'sheetpr-dimension',
    weight: 2,
    apply(ctx) {
      const part = pick(ctx, ctx.sheets);
      const xml = str(ctx, part);
      const at = xml.indexOf('<sheetData');
      if (at < 0) return null;
      const ins = pick(ctx, [
        '<sheetPr><outlinePr summaryBelow="0"/></sheetPr>',
        '<sheetPr codeName="Sheet1"/>',
        '<sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr>',
        '<sheetPr codeName="&amp;x"><tabColor rgb="FFFF0000"/></sheetPr>',
        '<dimension ref="A1:ZZ999"/>',
        '<dimension ref="A1"/>',
        "<dimension ref='B2:C3'/>",
        '<dimension ref=""/>',
        '<sheetFormatPr defaultRowHeight="15" zeroHeight="true"/>',
        '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>',
        '<cols><col min="1" max="2" width="10" customWidth="1" hidden="1"/></cols>',
      ]);
      const next = splice(xml.replace(/<dimension\b[^>]*\/>/, ins.startsWith('<dimension') ? '' : '$&'), xml.replace(/<dimension\b[^>]*\/>/, ins.startsWith('<dimension') ? '' : '$&').indexOf('<sheetData'), 0, ins);
      ctx.parts.set(part, next);
      return { part, variant: ins.slice(0, 20), before: '', after: ins };
    },
  },
  {
    name: 'comment-or-pi',
    weight: 6,
    apply(ctx) {
      const part = pick(ctx, ctx.sheets);
      const xml = str(ctx, part);
      const sd = sheetData(xml);
      if (!sd) return null;
      const what = pick(ctx, ['<!-- note -->', '<!---->', '<!-- <c r="ZZ1"><v>9</v></c> -->', '<!-- </row> -->', '<?pi data?>', '<?mso-application progid="Excel.Sheet"?>', '<!-- a > b -->', '<!--\n-->']);
      const where = pick(ctx, ['sheetData-start', 'before-row', 'after-row-open', 'between-cells', 'in-cell-before-v', 'in-v-after', 'in-v-before', 'sheetData-end']);
      const body = xml.slice(sd.at, sd.end);
      let at = -1;
      if (where === 'sheetData-start') at = sd.at;
      else if (where === 'sheetData-end') at = sd.end;
      else if (where === 'before-row') {
        const rows = all(body, /<row\b/g);
        if (rows.length) at = sd.at + pick(ctx, rows).at;
      } else if (where === 'after-row-open') {
        const rows = all(body, /<row\b[^>]*[^/]>/g);
        if (rows.length) { const h = pick(ctx, rows); at = sd.at + h.at + h.text.length; }
      } else if (where === 'between-cells') {
        const cs = all(body, /<\/c>(?=<c\b)/g);
        if (cs.length) { const h = pick(ctx, cs); at = sd.at + h.at + 4; }
      } else if (where === 'in-cell-before-v') {
        const vs = all(body, /<v>/g);
        if (vs.length) at = sd.at + pick(ctx, vs).at;
      } else if (where === 'in-v-after') {
        const vs = all(body, /<\/v>/g);
        if (vs.length) at = sd.at + pick(ctx, vs).at;
      } else {
        const vs = all(body, /<v>/g);
        if (vs.length) at = sd.at + pick(ctx, vs).at + 3;
      }
      if (at < 0) return null;
      ctx.parts.set(part, splice(xml, at, 0, what));
      return { part, variant: `${where}:${what.slice(0, 12)}`, before: clip(xml.slice(Math.max(0, at - 80), at + 80), 170), after: clip(xml.slice(Math.max(0, at - 80), at) + what + xml.slice(at, at + 80), 200) };
    },
  },
  {
    name: 'prefix-ns',
    weight: 3,
    apply(ctx) {
      const kind = pick(ctx, ['worksheet-children', 'sheetData-only', 'row-c-v', 'v-only', 'c-only', 'sst-children', 'sst-t-only', 'styles-children', 'workbook-children']);
      let part: string | null;
      let root: string;
      let only: RegExp | null = null;
      if (kind.startsWith('sst')) { part = ctx.sst; root = 'sst'; if (kind === 'sst-t-only') only = /^t$/; }
      else if (kind === 'styles-children') { part = ctx.styles; root = 'styleSheet'; }
      else if (kind === 'workbook-children') { part = ctx.wb; root = 'workbook'; }
      else {
        part = pick(ctx, ctx.sheets);
        root = 'worksheet';
        if (kind === 'sheetData-only') only = /^(sheetData|row|c|v|f|is|t|r|rPr|rPh|b)$/;
        else if (kind === 'row-c-v') only = /^(row|c|v)$/;
        else if (kind === 'v-only') only = /^v$/;
        else if (kind === 'c-only') only = /^c$/;
      }
      if (!part) return null;
      const xml = str(ctx, part);
      const next = prefixAll(xml, root, only);
      ctx.parts.set(part, next);
      return { part, variant: kind, before: clip(xml.slice(xml.indexOf(`<${root}`)), 220), after: clip(next.slice(next.indexOf(`<${root}`)), 300) };
    },
  },
  {
    name: 'attr-prefix',
    weight: 1,
    apply(ctx) {
      const c = pickCell(ctx, (x) => /\st="/.test(openTag(x)));
      if (!c) return null;
      const tag = openTag(c.hit.text);
      const which = pick(ctx, ['t', 's', 'r']);
      if (!new RegExp(`\\s${which}="`).test(tag)) return null;
      const next = tag.replace(new RegExp(`\\s${which}="`), ` x:${which}="`);
      ctx.parts.set(c.part, splice(c.xml, c.hit.at, tag.length, next).replace(/<worksheet\b/, `<worksheet xmlns:x="${MAIN}"`));
      return { part: c.part, variant: which, before: tag, after: next };
    },
  },
  {
    name: 'prolog',
    weight: 2,
    apply(ctx) {
      const part = pick(ctx, [...ctx.sheets, ...(ctx.sst ? [ctx.sst] : []), ...(ctx.styles ? [ctx.styles] : []), ctx.wb]);
      const xml = str(ctx, part);
      const body = xml.replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, '');
      const form = pick(ctx, ['no-decl', 'sq-decl', 'bom', 'decl-comment', 'decl-pi', 'decl-doctype', 'comment-unclosed', 'ws-before-root', 'latin1-decl']);
      const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
      const next =
        form === 'no-decl' ? body
        : form === 'sq-decl' ? `<?xml version='1.0' encoding='utf-8'?>\n${body}`
        : form === 'bom' ? `\uFEFF${decl}\n${body}`
        : form === 'decl-comment' ? `${decl}\n<!-- written by hand -->\n${body}`
        : form === 'decl-pi' ? `${decl}<?mso-application progid="Excel.Sheet"?>${body}`
        : form === 'decl-doctype' ? `${decl}<!DOCTYPE x>${body}`
        : form === 'comment-unclosed' ? `${decl}\n<!-- ${body}`
        : form === 'ws-before-root' ? `${decl}\n\n\t${body}`
        : `<?xml version="1.0" encoding="ISO-8859-1"?>${body}`;
      ctx.parts.set(part, next);
      return { part, variant: form, before: clip(xml, 120), after: clip(next, 120) };
    },
  },

  // ---------- shared strings
  {
    name: 'sst-rich',
    weight: 4,
    apply(ctx) {
      const s = sharedItems(ctx);
      if (!s) return null;
      const plain = s.items.filter((h) => siText(h.text) !== null && siText(h.text)!.length > 1);
      if (!plain.length) return null;
      const h = pick(ctx, plain);
      const text = siText(h.text)!;
      // Split at a point not inside an entity.
      let cut = 1 + int(ctx, text.length - 1);
      const amp = text.lastIndexOf('&', cut - 1);
      if (amp >= 0 && text.indexOf(';', amp) >= cut) cut = text.indexOf(';', amp) + 1;
      const a = text.slice(0, cut);
      const b = text.slice(cut);
      const form = pick(ctx, ['runs', 'runs-rpr', 'runs-ws', 'runs-rph', 'runs-rph-self', 'runs-empty-t', 'runs-prefixed', 'runs-r-attr', 'runs-comment']);
      const sp = ' xml:space="preserve"';
      let next = `<si><r><t${sp}>${a}</t></r><r><t${sp}>${b}</t></r></si>`;
      if (form === 'runs-rpr') next = `<si><r><rPr><b/><sz val="11"/><color rgb="FF000000"/><rFont val="Calibri"/><family val="2"/><charset val="129"/></rPr><t${sp}>${a}</t></r><r><rPr><i/><vertAlign val="superscript"/></rPr><t${sp}>${b}</t></r></si>`;
      else if (form === 'runs-ws') next = `<si>\n  <r>\n    <t${sp}>${a}</t>\n  </r>\n  <r><t${sp}>${b}</t></r>\n</si>`;
      else if (form === 'runs-rph') next = `<si><r><t${sp}>${a}</t></r><r><t${sp}>${b}</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`;
      else if (form === 'runs-rph-self') next = `<si><r><t${sp}>${a}</t></r><rPh sb="0" eb="0"/><r><t${sp}>${b}</t></r></si>`;
      else if (form === 'runs-empty-t') next = `<si><r><t${sp}>${a}</t></r><r><t/></r><r><t${sp}>${b}</t></r></si>`;
      else if (form === 'runs-prefixed') next = `<si><x:r><x:t${sp}>${a}</x:t></x:r><r><t${sp}>${b}</t></r></si>`;
      else if (form === 'runs-r-attr') next = `<si><r foo="1"><t${sp}>${a}</t></r><r ><t${sp}>${b}</t></r></si>`;
      else if (form === 'runs-comment') next = `<si><r><t${sp}>${a}</t></r><!-- x --><r><t${sp}>${b}</t></r></si>`;
      let xml = splice(s.xml, h.at, h.text.length, next);
      if (form === 'runs-prefixed') xml = xml.replace(/<sst\b/, `<sst xmlns:x="${MAIN}"`);
      ctx.parts.set(ctx.sst!, xml);
      return { part: ctx.sst!, variant: form, before: clip(h.text), after: clip(next) };
    },
  },
  {
    name: 'sst-text-escape',
    weight: 6,
    apply(ctx) {
      const s = sharedItems(ctx);
      if (!s) return null;
      const plain = s.items.filter((h) => siText(h.text) !== null);
      if (!plain.length) return null;
      const h = pick(ctx, plain);
      const text = siText(h.text)!;
      const form = pick(ctx, ['dec', 'hex', 'HEX', 'named-upper', 'named-mixed', 'apos', 'xescape', 'xescape-upper', 'xescape-ins', 'xescape-escaped', 'cdata', 'cdata-part', 'crlf-raw', 'cr-ref', 'crlf-ref', 'cr-raw', 'gt-raw', 'nonbmp-ref', 'nonbmp-raw', 'nul-ref', 'nbsp', 'tab', 'amp-double', 'lone-amp']);
      const i = int(ctx, Math.max(1, text.length));
      const ch = text[i] ?? 'a';
      const safe = !'&<'.includes(ch) && !/[\uD800-\uDFFF]/.test(ch);
      const code = ch.codePointAt(0)!;
      let t = text;
      switch (form) {
        case 'dec': if (!safe) return null; t = text.slice(0, i) + `&#${code};` + text.slice(i + 1); break;
        case 'hex': if (!safe) return null; t = text.slice(0, i) + `&#x${code.toString(16)};` + text.slice(i + 1); break;
        case 'HEX': if (!safe) return null; t = text.slice(0, i) + `&#X${code.toString(16).toUpperCase()};` + text.slice(i + 1); break;
        case 'named-upper': t = text.slice(0, i) + pick(ctx, ['&QUOT;', '&AMP;', '&LT;', '&GT;', '&APOS;']) + text.slice(i); break;
        case 'named-mixed': t = text.slice(0, i) + pick(ctx, ['&Quot;', '&Amp;', '&lT;']) + text.slice(i); break;
        case 'apos': t = text.slice(0, i) + pick(ctx, ['&apos;', '&quot;', '&gt;', '&lt;', '&amp;']) + text.slice(i); break;
        case 'xescape': if (!safe) return null; t = text.slice(0, i) + `_x${code.toString(16).padStart(4, '0')}_` + text.slice(i + 1); break;
        case 'xescape-upper': if (!safe) return null; t = text.slice(0, i) + `_X${code.toString(16).padStart(4, '0').toUpperCase()}_` + text.slice(i + 1); break;
        case 'xescape-ins': t = text.slice(0, i) + pick(ctx, ['_x000D_', '_x000A_', '_x000D__x000A_', '_x0009_', '_xD83D__xDE00_', '_x00e9_', '_x00E9_', '_x0000_', '_xFFFF_', '_xZZZZ_', '_x41_']) + text.slice(i); break;
        case 'xescape-escaped': t = text.slice(0, i) + '_x005F_x0041_' + text.slice(i); break;
        case 'cdata': if (text.includes('&')) return null; t = `<![CDATA[${text}]]>`; break;
        case 'cdata-part': t = text.slice(0, i) + '<![CDATA[<&>]]>' + text.slice(i); break;
        case 'crlf-raw': t = text.slice(0, i) + '\r\n' + text.slice(i); break;
        case 'cr-raw': t = text.slice(0, i) + '\r' + text.slice(i); break;
        case 'cr-ref': t = text.slice(0, i) + '&#13;' + text.slice(i); break;
        case 'crlf-ref': t = text.slice(0, i) + pick(ctx, ['&#13;&#10;', '&#xD;&#xA;', '&#13;\n', '\r&#10;']) + text.slice(i); break;
        case 'gt-raw': t = text.slice(0, i) + '>' + text.slice(i); break;
        case 'nonbmp-ref': t = text.slice(0, i) + pick(ctx, ['&#x1F600;', '&#128512;', '&#xD83D;&#xDE00;']) + text.slice(i); break;
        case 'nonbmp-raw': t = text.slice(0, i) + '😀' + text.slice(i); break;
        case 'nul-ref': t = text.slice(0, i) + pick(ctx, ['&#0;', '&#x0;', '&#65536;', '&#1114112;', '&#99999999;', '&#x;', '&#;']) + text.slice(i); break;
        case 'nbsp': t = pick(ctx, ['\u00a0', '\u3000', '\u2028', '\ufeff']) + text + pick(ctx, ['\u00a0', '\u3000', '']); break;
        case 'tab': t = '\t' + text + '\t'; break;
        case 'amp-double': t = text.slice(0, i) + '&amp;amp;' + text.slice(i); break;
        case 'lone-amp': t = text.slice(0, i) + pick(ctx, ['& ', '&foo;', '&#', '&amp']) + text.slice(i); break;
      }
      const open = /^<si>(<t[^>]*>)/.exec(h.text)![1]!;
      const next = `<si>${open}${t}</t></si>`;
      ctx.parts.set(ctx.sst!, splice(s.xml, h.at, h.text.length, next));
      return { part: ctx.sst!, variant: form, before: clip(h.text), after: clip(next) };
    },
  },
  {
    name: 'sst-structure',
    weight: 6,
    apply(ctx) {
      const s = sharedItems(ctx);
      if (!s || !s.items.length) return null;
      const h = pick(ctx, s.items);
      const form = pick(ctx, ['si-self', 'si-empty', 't-self', 't-empty', 't-space-only', 'si-space-attr', 'si-newline-attr', 'comment-before-si', 'comment-in-si', 'comment-in-t', 'pi-before-si', 'ws-between', 'ws-in-si', 't-newline-attr', 't-sq-attr', 't-tab-attr', 'si-prefixed', 't-prefixed', 'rph-after-plain', 'rph-self-after-plain', 'rph-before-t', 'si-attr', 'si-upper', 'r-empty', 'r-no-t', 'extra-close']);
      const inner = h.text.slice(4, -5);
      let next = h.text;
      let xml = s.xml;
      switch (form) {
        case 'si-self': next = '<si/>'; break;
        case 'si-empty': next = '<si></si>'; break;
        case 't-self': next = '<si><t/></si>'; break;
        case 't-empty': next = '<si><t></t></si>'; break;
        case 't-space-only': next = '<si><t xml:space="preserve"> </t></si>'; break;
        case 'si-space-attr': next = `<si >${inner}</si>`; break;
        case 'si-newline-attr': next = `<si\n>${inner}</si>`; break;
        case 'comment-before-si': next = `<!-- c -->${h.text}`; break;
        case 'comment-in-si': next = `<si><!-- c -->${inner}</si>`; break;
        case 'comment-in-t': next = h.text.replace(/(<t[^>]*>)/, '$1<!-- c -->'); break;
        case 'pi-before-si': next = `<?pi x?>${h.text}`; break;
        case 'ws-between': next = `\n  ${h.text}\n`; break;
        case 'ws-in-si': next = `<si>\n    ${inner}\n  </si>`; break;
        case 't-newline-attr': next = h.text.replace(/<t\b/, '<t\n'); break;
        case 't-sq-attr': next = h.text.replace(/<t>/, "<t xml:space='preserve'>").replace(/xml:space="preserve"/, "xml:space='preserve'"); break;
        case 't-tab-attr': next = h.text.replace(/<t>/, '<t\txml:space="preserve">').replace(/<t xml:space/, '<t\txml:space'); break;
        case 'si-prefixed': next = `<x:si>${inner}</x:si>`; xml = xml.replace(/<sst\b/, `<sst xmlns:x="${MAIN}"`); break;
        case 't-prefixed': next = h.text.replace(/<(\/?)t\b/g, '<$1x:t'); xml = xml.replace(/<sst\b/, `<sst xmlns:x="${MAIN}"`); break;
        case 'rph-after-plain': next = `<si>${inner}<rPh sb="0" eb="1"><t>ヨミ</t></rPh><phoneticPr fontId="1"/></si>`; break;
        case 'rph-self-after-plain': next = `<si>${inner}<rPh sb="0" eb="1"/></si>`; break;
        case 'rph-before-t': next = `<si><rPh sb="0" eb="1"><t>ヨミ</t></rPh>${inner}</si>`; break;
        case 'si-attr': next = `<si foo="1">${inner}</si>`; break;
        case 'si-upper': next = `<SI>${inner}</SI>`; break;
        case 'r-empty': next = '<si><r></r></si>'; break;
        case 'r-no-t': next = '<si><r><rPr><b/></rPr></r></si>'; break;
        case 'extra-close': next = `${h.text}</si>`; break;
      }
      if (xml !== s.xml) {
        // The sst's opening changed length: find the item again.
        const at = xml.indexOf(h.text, h.at);
        xml = splice(xml, at, h.text.length, next);
      } else xml = splice(xml, h.at, h.text.length, next);
      ctx.parts.set(ctx.sst!, xml);
      return { part: ctx.sst!, variant: form, before: clip(h.text), after: clip(next) };
    },
  },
  {
    name: 'invalid-utf8',
    weight: 1,
    apply(ctx) {
      const part = pick(ctx, [...(ctx.sst ? [ctx.sst] : []), ctx.wb, ...ctx.sheets]);
      const xml = str(ctx, part);
      const re = part === ctx.sst ? /<t[^>]*>[^<]/g : part === ctx.wb ? /name="[^"]/g : /t="inlineStr"><is><t>[^<]/g;
      const hits = all(xml, re);
      if (!hits.length) return null;
      const h = pick(ctx, hits);
      const at = h.at + h.text.length - 1;
      const bytes = pick(ctx, [[0xe9], [0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xc0, 0xaf], [0xef, 0xbf, 0xbe]]);
      const enc = new TextEncoder();
      const a = enc.encode(xml.slice(0, at));
      const b = enc.encode(xml.slice(at));
      const out = new Uint8Array(a.length + bytes.length + b.length);
      out.set(a, 0);
      out.set(bytes, a.length);
      out.set(b, a.length + bytes.length);
      ctx.parts.set(part, out);
      return { part, variant: bytes.map((x) => x.toString(16)).join(' '), before: clip(xml.slice(at - 30, at + 30), 80), after: `(bytes ${bytes.map((x) => x.toString(16)).join(' ')} inserted at the ^) ${clip(xml.slice(at - 30, at), 40)}^${clip(xml.slice(at, at + 30), 40)}` };
    },
  },

  // ---------- styles
  {
    name: 'formats',
    weight: 8,
    apply(ctx) {
      if (!ctx.styles) return null;
      let xml = str(ctx, ctx.styles);
      const xfAt = xml.indexOf('<cellXfs');
      const xfEnd = xml.indexOf('</cellXfs>');
      if (xfAt < 0 || xfEnd < 0) return null;
      const count = all(xml.slice(xfAt, xfEnd), /<xf\b/g).length;
      const form = pick(ctx, ['builtin', 'custom', 'custom', 'custom-sq', 'custom-gt-raw', 'custom-big-id', 'custom-no-code', 'undefined-custom', 'override-builtin', 'custom-entity-upper', 'custom-nl', 'xf-odd-id', 'id-zero-custom']);
      let id = pick(ctx, BUILTIN);
      let numFmt = '';
      let xfId: string;
      const code = pick(ctx, CODES);
      const esc = (c: string) => c.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      if (form === 'builtin') xfId = String(id);
      else if (form === 'undefined-custom') { id = 164 + int(ctx, 40); xfId = String(id); }
      else if (form === 'override-builtin') { id = pick(ctx, [9, 10, 14, 22, 4]); numFmt = `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`; xfId = String(id); }
      else if (form === 'id-zero-custom') { id = 0; numFmt = `<numFmt numFmtId="0" formatCode="${esc(code)}"/>`; xfId = '0'; }
      else if (form === 'xf-odd-id') { id = pick(ctx, [10, 14, 164]); xfId = pick(ctx, [` ${id}`, `0${id}`, `${id}.0`, `${id} `, `+${id}`, `${id / 10}e1`, '']); if (id === 164) numFmt = `<numFmt numFmtId="164" formatCode="${esc(code)}"/>`; }
      else {
        id = form === 'custom-big-id' ? pick(ctx, [392, 393, 500, 1000, 5000]) : 164 + int(ctx, 40);
        xfId = String(id);
        if (form === 'custom-sq') numFmt = `<numFmt numFmtId='${id}' formatCode='${code.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;')}'/>`;
        else if (form === 'custom-gt-raw') numFmt = `<numFmt numFmtId="${id}" formatCode="${pick(ctx, ['[>=100]0;0', '[>100][Red]0;0', '0>0', '[>=1000]#,##0;0.00'])}"/>`;
        else if (form === 'custom-no-code') numFmt = `<numFmt numFmtId="${id}"/>`;
        else if (form === 'custom-entity-upper') numFmt = `<numFmt numFmtId="${id}" formatCode="0&QUOT;x&QUOT;"/>`;
        else if (form === 'custom-nl') numFmt = `<numFmt\n numFmtId="${id}"\n formatCode="${esc(code)}"\n/>`;
        else numFmt = `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`;
      }
      if (numFmt) {
        if (xml.includes('</numFmts>')) xml = xml.replace('</numFmts>', numFmt + '</numFmts>');
        else if (/<numFmts\b[^>]*\/>/.test(xml)) xml = xml.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="1">${numFmt}</numFmts>`);
        else xml = xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="1">${numFmt}</numFmts>`);
      }
      const xf = `<xf numFmtId="${xfId}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
      xml = xml.replace('</cellXfs>', xf + '</cellXfs>');
      ctx.parts.set(ctx.styles, xml);
      // Point one to three number cells at it.
      const sheet = pick(ctx, ctx.sheets);
      let sx = str(ctx, sheet);
      const nums = all(sx, CELL).filter((h) => isNumberCell(h.text));
      let changed = '';
      if (nums.length) {
        for (const h of [...nums].sort(() => ctx.rng() - 0.5).slice(0, 1 + int(ctx, 3)).sort((a, b) => b.at - a.at)) {
          const tag = openTag(h.text);
          const next = setAttr(tag, 's', String(count)) + h.text.slice(tag.length);
          sx = splice(sx, h.at, h.text.length, next);
          changed = next;
        }
      } else {
        // No number cell: add one to the first row with cells.
        const r = all(sx, ROW).find((h) => !h.text.endsWith('/>') && /\sr="\d+"/.test(openTag(h.text)));
        if (!r) return null;
        const cell = `<c r="ZZ${attrOf(openTag(r.text), 'r')}" s="${count}"><v>${pick(ctx, ['45123.75', '0.125', '-1234.5', '1', '0', '1e-9'])}</v></c>`;
        sx = splice(sx, r.at + r.text.length - 6, 0, cell);
        changed = cell;
      }
      ctx.parts.set(sheet, sx);
      return { part: `${ctx.styles} + ${sheet}`, variant: form === 'xf-odd-id' ? `${form}:${JSON.stringify(xfId)}` : form === 'custom-gt-raw' || form === 'override-builtin' ? `${form}:${id}` : form, before: '', after: `${numFmt} ${xf} … ${clip(changed, 120)}` };
    },
  },
  {
    name: 'styles-syntax',
    weight: 4,
    apply(ctx) {
      if (!ctx.styles) return null;
      const xml = str(ctx, ctx.styles);
      const form = pick(ctx, ['comment-xf', 'comment-plain-in-xfs', 'comment-numfmt', 'tab-in-xf', 'newline-in-xf', 'sq-xf', 'spaced-eq-xf', 'xf-open-close', 'xf-prefixed', 'cellxfs-self', 'cellstylexfs-only']);
      let next = xml;
      switch (form) {
        case 'comment-xf': next = xml.replace(/<cellXfs\b[^>]*>/, '$&<!-- <xf numFmtId="10"/> -->'); break;
        case 'comment-plain-in-xfs': next = xml.replace(/<cellXfs\b[^>]*>/, '$&<!-- styles -->'); break;
        case 'comment-numfmt': next = xml.replace(/(<styleSheet\b[^>]*>)/, '$1<!-- <numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts> -->'); break;
        case 'tab-in-xf': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/<xf /g, '<xf\t')); break;
        case 'newline-in-xf': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/<xf /g, '<xf\n ')); break;
        case 'sq-xf': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/="([^"]*)"/g, "='$1'")); break;
        case 'spaced-eq-xf': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/numFmtId="/g, pick(ctx, ['numFmtId = "', 'numFmtId\n=\n"', 'numFmtId\t="', 'numFmtId=\t"']))); break;
        case 'xf-open-close': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/<xf\b([^>]*?)\/>/g, '<xf$1></xf>')); break;
        case 'xf-prefixed': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (s) => s.replace(/<(\/?)xf\b/g, '<$1x:xf')).replace(/<styleSheet\b/, `<styleSheet xmlns:x="${MAIN}"`); break;
        case 'cellxfs-self': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, '<cellXfs count="0"/>'); break;
        case 'cellstylexfs-only': next = xml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, ''); break;
      }
      if (next === xml) return null;
      ctx.parts.set(ctx.styles, next);
      return { part: ctx.styles, variant: form, before: clip(xml.slice(xml.indexOf('<cellXfs')), 160), after: clip(next.slice(Math.max(0, next.indexOf('<cellXfs') - 40)), 200) };
    },
  },

  // ---------- workbook
  {
    name: 'workbook-syntax',
    weight: 4,
    apply(ctx) {
      const xml = str(ctx, ctx.wb);
      const form = pick(ctx, ['sq', 'reorder', 'newline-attrs', 'tab-attrs', 'spaced-eq', 'comment-in-sheets', 'comment-sheet-outside', 'pi-in-sheets', 'sheet-open-close', 'date1904', 'date1904-spaced', 'date1904-sq', 'date1904-false', 'date1904-true', 'date1904-second-pr', 'date1904-prefixed', 'date1904-newline']);
      let next = xml;
      const pr = (attrs: string) => (/<workbookPr\b[^>]*\/>/.test(next) ? next.replace(/<workbookPr\b([^>]*)\/>/, `<workbookPr$1 ${attrs}/>`) : next.replace('<sheets', `<workbookPr ${attrs}/><sheets`));
      switch (form) {
        case 'sq': next = xml.replace(/<sheet\b[^>]*>/g, (t) => t.replace(/="([^"]*)"/g, "='$1'")); break;
        case 'reorder': next = xml.replace(/<sheet\b([^>]*?)\s*\/>/g, (_, a: string) => `<sheet${(a.match(/\s+[^\s=]+="[^"]*"/g) ?? []).reverse().join('')}/>`); break;
        case 'newline-attrs': next = xml.replace(/<sheet\b[^>]*>/g, (t) => t.replace(/\s+(?=[\w:]+=)/g, '\n    ')); break;
        case 'tab-attrs': next = xml.replace(/<sheet\b[^>]*>/g, (t) => t.replace(/ (?=[\w:]+=)/g, '\t')); break;
        case 'spaced-eq': next = xml.replace(/<sheet\b[^>]*>/g, (t) => t.replace(/name="/, 'name = "')); break;
        case 'comment-in-sheets': next = xml.replace('<sheets>', '<sheets><!-- the sheets -->'); break;
        case 'comment-sheet-outside': next = xml.replace('<sheets>', '<!-- <sheet name="Old" sheetId="99" r:id="rId99"/> --><sheets>'); break;
        case 'pi-in-sheets': next = xml.replace('</sheets>', '<?pi x?></sheets>'); break;
        case 'sheet-open-close': next = xml.replace(/<sheet\b([^>]*?)\/>/g, '<sheet$1></sheet>'); break;
        case 'date1904': next = pr('date1904="1"'); break;
        case 'date1904-spaced': next = pr('date1904 = "1"'); break;
        case 'date1904-newline': next = pr('date1904\n="true"'); break;
        case 'date1904-sq': next = pr("date1904='true'"); break;
        case 'date1904-false': next = pr('date1904="false"'); break;
        case 'date1904-true': next = pr('date1904="TRUE"'); break;
        case 'date1904-second-pr': next = next.replace('<sheets', '<workbookPr date1904="1"/><sheets'); break;
        case 'date1904-prefixed': next = pr('x:date1904="1"').replace(/<workbook\b/, `<workbook xmlns:x="${MAIN}"`); break;
      }
      if (next === xml) return null;
      ctx.parts.set(ctx.wb, next);
      if (form.startsWith('date1904')) {
        // Make the difference visible: a date-formatted number (needs styles with a date xf).
        if (ctx.styles) {
          const sx = str(ctx, ctx.styles);
          const n = all(sx.slice(sx.indexOf('<cellXfs')), /<xf\b/g).length;
          ctx.parts.set(ctx.styles, sx.replace('</cellXfs>', '<xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'));
          const sheet = ctx.sheets[0]!;
          const s = str(ctx, sheet);
          const r = all(s, ROW).find((h) => !h.text.endsWith('/>') && /\sr="\d+"/.test(openTag(h.text)));
          if (r) ctx.parts.set(sheet, splice(s, r.at + r.text.length - 6, 0, `<c r="ZZ${attrOf(openTag(r.text), 'r')}" s="${n}"><v>45000</v></c>`));
        }
      }
      return { part: ctx.wb, variant: form, before: clip(xml.slice(xml.indexOf('<workbookPr') >= 0 ? xml.indexOf('<workbookPr') : xml.indexOf('<sheets')), 200), after: clip(next.slice(Math.min(...['<workbookPr', '<sheets', '<!--'].map((t) => next.indexOf(t)).filter((x) => x >= 0))), 260) };
    },
  },
  {
    name: 'sheet-name-escape',
    weight: 3,
    apply(ctx) {
      const xml = str(ctx, ctx.wb);
      const names = all(xml, /<sheet\b[^>]*\sname="([^"]*)"/g);
      if (!names.length) return null;
      const h = pick(ctx, names);
      const name = /\sname="([^"]*)"/.exec(h.text)![1]!;
      const form = pick(ctx, ['dec', 'hex', 'named', 'QUOT', 'xescape', 'xescape-upper', 'amp-double', 'nonbmp', 'crlf-ref']);
      const i = int(ctx, name.length);
      const ch = name[i]!;
      // eslint-disable-next-line no-useless-assignment -- the value kept where no variant applies
      let n = name;
      if (form === 'dec' && ch !== '&') n = name.slice(0, i) + `&#${ch.codePointAt(0)};` + name.slice(i + 1);
      else if (form === 'hex' && ch !== '&') n = name.slice(0, i) + `&#x${ch.codePointAt(0)!.toString(16)};` + name.slice(i + 1);
      else if (form === 'named') n = name.slice(0, i) + pick(ctx, ['&amp;', '&apos;', '&quot;']) + name.slice(i);
      else if (form === 'QUOT') n = name.slice(0, i) + pick(ctx, ['&QUOT;', '&AMP;', '&Apos;']) + name.slice(i);
      else if (form === 'xescape') n = name.slice(0, i) + '_x0041_' + name.slice(i);
      else if (form === 'xescape-upper') n = name.slice(0, i) + '_X0041_' + name.slice(i);
      else if (form === 'amp-double') n = name.slice(0, i) + '&amp;amp;' + name.slice(i);
      else if (form === 'nonbmp') n = name.slice(0, i) + '&#x1F600;' + name.slice(i);
      else n = name.slice(0, i) + '&#13;&#10;' + name.slice(i);
      if (n === name) return null;
      const next = h.text.replace(`name="${name}"`, `name="${n}"`);
      ctx.parts.set(ctx.wb, splice(xml, h.at, h.text.length, next));
      return { part: ctx.wb, variant: form, before: h.text, after: next };
    },
  },
];
