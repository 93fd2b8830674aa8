/**
 * The packs' charts as SVG (printed as vectors, text selectable): levels as
 * stacked bars, each level with its colour (the Okabe–Ito palette of the
 * dashboard, renderer/src/styles/standing.css), its pattern (not started
 * dots, limited horizontal lines, substantial vertical lines, completed
 * solid, no evidence a diagonal hatch, not reported a dashed outline) and
 * its Harvey-ball glyph in the legend, so that a chart reads without colour
 * and on a black-and-white printer.
 */
import { COMPLETION_LEVELS, type CompletionLevel } from '../../contract/rules';

/** A level or "not reported". */
export type LevelKey = CompletionLevel | 'none';
/** The order of a bar's segments: furthest along first. */
export const BAR_ORDER: readonly LevelKey[] = ['completed', 'substantial', 'limited', 'not_started', 'no_evidence', 'none'];
export const LEVEL_KEYS: readonly LevelKey[] = [...COMPLETION_LEVELS, 'none'];

const COLOUR: Readonly<Record<LevelKey, string>> = {
  not_started: '#d55e00',
  limited: '#e69f00',
  substantial: '#56b4e9',
  completed: '#009e73',
  no_evidence: '#d9d9d9',
  none: '#ffffff',
};

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** The patterns of one SVG (ids prefixed, so several charts in a document do not clash). */
function patterns(prefix: string): string {
  return `<defs>
<pattern id="${prefix}-not_started" width="5" height="5" patternUnits="userSpaceOnUse"><circle cx="2.5" cy="2.5" r="1.1" fill="#000" fill-opacity="0.55"/></pattern>
<pattern id="${prefix}-limited" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="1.4" fill="#000" fill-opacity="0.5"/></pattern>
<pattern id="${prefix}-substantial" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="1.4" height="4" fill="#000" fill-opacity="0.5"/></pattern>
<pattern id="${prefix}-no_evidence" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.4" height="6" fill="#8a8a8a"/></pattern>
</defs>`;
}

/** A level's swatch (colour, pattern, outline) as SVG shapes at x, y. */
function swatch(prefix: string, level: LevelKey, x: number, y: number, w: number, h: number): string {
  const r = (n: number) => Math.round(n * 100) / 100;
  let out = `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="${COLOUR[level]}"${level === 'none' ? ' stroke="#6b7480" stroke-width="0.8" stroke-dasharray="2 1.5"' : ''}/>`;
  if (level !== 'completed' && level !== 'none') out += `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="url(#${prefix}-${level})"/>`;
  return out;
}

/** The Harvey-ball glyph of a level as SVG at its centre (cx, cy) and radius: empty, a quarter, three quarters, full; "?" no evidence; "–" not reported. */
export function glyphShapes(level: LevelKey, cx: number, cy: number, radius: number): string {
  if (level === 'no_evidence' || level === 'none') {
    return `<text x="${cx}" y="${cy + radius * 0.75}" font-size="${radius * 2.2}" text-anchor="middle" font-weight="700" fill="#111">${level === 'none' ? '–' : '?'}</text>`;
  }
  const fill = { not_started: 0, limited: 0.25, substantial: 0.75, completed: 1 }[level];
  const circle = `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="#fff" stroke="#111" stroke-width="${radius / 4}"/>`;
  if (fill === 0) return circle;
  if (fill === 1) return `<circle cx="${cx}" cy="${cy}" r="${radius}" fill="#111" stroke="#111" stroke-width="${radius / 4}"/>`;
  const angle = fill * 2 * Math.PI;
  const ex = cx + radius * Math.sin(angle);
  const ey = cy - radius * Math.cos(angle);
  return `${circle}<path d="M${cx} ${cy}L${cx} ${cy - radius}A${radius} ${radius} 0 ${fill > 0.5 ? 1 : 0} 1 ${ex.toFixed(2)} ${ey.toFixed(2)}Z" fill="#111"/>`;
}

/** A level's glyph as a small inline SVG (for tables: the level's name beside it). */
export function levelGlyph(level: LevelKey): string {
  return `<svg class="glyph" viewBox="0 0 12 12" width="9" height="9" aria-hidden="true">${glyphShapes(level, 6, 6, 4.6)}</svg>`;
}

export interface BarRow {
  label: string;
  /** The label's language, when it is not the document's. */
  lang?: string;
  counts: Readonly<Partial<Record<LevelKey, number>>>;
}

/**
 * Horizontal stacked bars, one per row (e.g. per area): the label on the
 * left, the segments in BAR_ORDER with their counts written in them where
 * they fit, the total at the right, and a legend of every level with its
 * glyph and swatch. Width in CSS pixels (the SVG scales to its box).
 */
export function levelBars(rows: readonly BarRow[], labels: Readonly<Record<LevelKey, string>>, options: { id: string; width: number; title: string; totalLabel: string }): string {
  const { id, width, title } = options;
  const prefix = `p${id.replace(/[^a-z0-9]/gi, '')}`;
  const labelW = Math.round(width * 0.3);
  const totalW = 40;
  const barX = labelW + 8;
  const barW = width - barX - totalW;
  const rowH = 20;
  const top = 4;
  const legendTop = top + rows.length * rowH + 10;
  const legendRows = Math.ceil(LEVEL_KEYS.length / 3);
  const height = legendTop + legendRows * 16 + 4;
  const max = Math.max(1, ...rows.map((row) => BAR_ORDER.reduce((sum, k) => sum + (row.counts[k] ?? 0), 0)));
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const label = row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label;
    parts.push(`<text x="${labelW}" y="${y + 13}" text-anchor="end" font-size="9"${row.lang ? ` lang="${esc(row.lang)}"` : ''}>${esc(label)}</text>`);
    let x = barX;
    let total = 0;
    for (const level of BAR_ORDER) {
      const n = row.counts[level] ?? 0;
      if (n <= 0) continue;
      total += n;
      const w = (n / max) * barW;
      parts.push(swatch(prefix, level, x, y + 2, w, rowH - 6));
      if (w >= 16) {
        const tw = String(n).length * 5.4 + 4;
        parts.push(`<rect x="${(x + w / 2 - tw / 2).toFixed(2)}" y="${y + 5}" width="${tw.toFixed(2)}" height="10" rx="2" fill="#fff" fill-opacity="0.9"/>`);
        parts.push(`<text x="${(x + w / 2).toFixed(2)}" y="${y + 13}" text-anchor="middle" font-size="8.5" font-weight="700">${n}</text>`);
      }
      x += w;
    }
    parts.push(`<text x="${width - 2}" y="${y + 13}" text-anchor="end" font-size="9" font-weight="700">${total}</text>`);
  });
  parts.push(`<line x1="${barX}" y1="${top - 2}" x2="${barX}" y2="${top + rows.length * rowH - 2}" stroke="#30353b" stroke-width="0.8"/>`);
  LEVEL_KEYS.forEach((level, i) => {
    const col = i % 3;
    const line = Math.floor(i / 3);
    const x = col * (width / 3);
    const y = legendTop + line * 16;
    parts.push(swatch(prefix, level, x, y, 16, 10));
    parts.push(glyphShapes(level, x + 24, y + 5, 4.2));
    parts.push(`<text x="${x + 32}" y="${y + 9}" font-size="8.5">${esc(labels[level])}</text>`);
  });
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-family="inherit">${patterns(prefix)}<title>${esc(title)}</title>${parts.join('')}</svg>`;
}
