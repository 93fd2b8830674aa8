/**
 * Reading a printed PDF back with poppler's programs, as a person's viewer
 * would: the text of each page (pdftotext -f N -l N), the page count and
 * whether it is tagged (pdfinfo), a page as PNG (pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes the PDF to a temp file (poppler reads files) and returns its path. */
export function pdfFile(pdf: Uint8Array, name = 'doc.pdf'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-pdf-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return file;
}

/** pdfinfo's fields (Pages, Tagged, Page size, …). */
export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** The text of each page: pageTexts[0] is page 1. */
export function pageTexts(file: string, pages: number): string[] {
  const out: string[] = [];
  for (let n = 1; n <= pages; n += 1) {
    out.push(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  }
  return out;
}

/** The whole text in reading order (no layout). */
export function wholeText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** Renders page n to a PNG at the given resolution and returns the file written. */
export function pagePng(file: string, page: number, out: string, dpi = 60): string {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const base = out.replace(/\.png$/, '');
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-singlefile', file, base]);
  return `${base}.png`;
}

/** How many raster images the PDF holds (pdfimages -list): none when every chart and glyph is drawn as vectors. */
export function rasterImageCount(file: string): number {
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\n').slice(2).filter((line) => line.trim() !== '').length;
}
