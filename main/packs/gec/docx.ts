/**
 * The committee report as a .docx that staff can still edit before it goes
 * to the committee (Hancom Office and Word open it): the same sections,
 * figures and words as the PDF (html.ts, labels.ts), with real heading
 * styles (Heading 1/2/3, so the navigation pane and a generated contents
 * work), tables whose header row repeats on each page and whose rows do not
 * split, page numbers "3 / 41" in the footer, A4, and "Malgun Gothic" as the
 * font of Latin and East Asian text alike (w:eastAsia), Korean as the East
 * Asian language (w:lang eastAsia ko-KR; Latin text en-GB, so its words break as English).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Budget, GecReportData } from './data';
import { LEVEL_KEYS } from './data';
import { gecSections } from './html';
import { date, gecLabels, indicatorValue, rate, share, won } from './labels';

/** The font of the document, for every script (Hancom and Word on Windows have it). */
export const DOCX_FONT = 'Malgun Gothic';
const FONT = { ascii: DOCX_FONT, hAnsi: DOCX_FONT, eastAsia: DOCX_FONT, cs: DOCX_FONT };
/** A4 in twentieths of a point, margins 20 mm / 16 mm. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1020, left: 907, right: 907 };
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8F979F' };
/** The width between the margins, in twentieths of a point. */
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** A share of the text width (percent) in twentieths of a point. */
const dxa = (percent: number) => Math.round((percent / 100) * TEXT_WIDTH);

/** A table of the text's width whose columns keep the given shares (fixed layout: Word, Hancom and LibreOffice alike). */
function fixedTable(rows: TableRow[], widths: readonly number[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map(dxa),
    layout: TableLayoutType.FIXED,
    rows,
  });
}

type Cell = string | { text: string; bold?: boolean };

function para(text: string, options: { bold?: boolean; size?: number; muted?: boolean; align?: 'right' | 'left' } = {}): Paragraph {
  const run: IRunOptions = { text, bold: options.bold ?? false, ...(options.size ? { size: options.size } : {}), ...(options.muted ? { color: '4A5058' } : {}) };
  return new Paragraph({ children: [new TextRun(run)], ...(options.align === 'right' ? { alignment: AlignmentType.RIGHT } : {}), spacing: { after: 60 } });
}

function heading(text: string, level: 1 | 2 | 3, pageBreak = false): Paragraph {
  const h = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: h, pageBreakBefore: pageBreak, keepNext: true, children: [new TextRun({ text })] });
}

function cell(content: Cell, options: { header?: boolean; numeric?: boolean; width?: number }): TableCell {
  const c = typeof content === 'string' ? { text: content } : content;
  const lines = c.text.split('\n');
  return new TableCell({
    children: lines.map((line) =>
      new Paragraph({
        children: [new TextRun({ text: line, bold: options.header === true || c.bold === true, size: 17 })],
        ...(options.numeric ? { alignment: AlignmentType.RIGHT } : {}),
      }),
    ),
    ...(options.header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' } } : {}),
    ...(options.width ? { width: { size: dxa(options.width), type: WidthType.DXA } } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
  });
}

function table(head: string[], rows: Cell[][], options: { numeric?: number[]; foot?: Cell[]; widths?: number[] } = {}): Table {
  const numeric = new Set(options.numeric ?? []);
  const width = (i: number) => (options.widths ?? head.map(() => 100 / head.length))[i];
  const row = (cells: Cell[], header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => cell(c, { header, numeric: numeric.has(i), ...(width(i) ? { width: width(i)! } : {}) })),
    });
  const widths = options.widths ?? head.map(() => 100 / head.length);
  return fixedTable(
    [row(head, true), ...rows.map((r) => row(r)), ...(options.foot ? [row(options.foot.map((c) => (typeof c === 'string' ? { text: c, bold: true } : c)))] : [])],
    widths,
  );
}

const gap = () => new Paragraph({ text: '', spacing: { after: 120 } });

/** The report as a .docx file's bytes. */
export async function gecReportDocx(data: GecReportData): Promise<Uint8Array> {
  const { language } = data;
  const l = gecLabels(language);
  const s = l.sections;
  const budgetCells = (b: Budget): string[] => [won(language, b.allocated), won(language, b.executed), rate(language, b)];
  const children: (Paragraph | Table)[] = [];

  // Cover.
  children.push(
    new Paragraph({ spacing: { before: 3000 }, children: [new TextRun({ text: l.committee, size: 26 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: l.reportTitle })] }),
    para(l.yearResults(data.year), { size: 36, bold: true }),
    para(`${data.plan.title} (${data.plan.startYear}–${data.plan.endYear})`),
    new Paragraph({ spacing: { before: 2400 }, children: [new TextRun({ text: l.preparedBy, size: 26 })] }),
  );

  // Contents: the titles (a word processor's own contents field needs its update; the headings carry the navigation).
  children.push(heading(l.contents, 1, true), ...gecSections(data).map((x, i) => para(`${i + 1}. ${x.title}`)));

  // Summary.
  const t = data.totals;
  const met = data.indicators.filter((i) => i.met === true).length;
  children.push(
    heading(s.summary, 1, true),
    para(l.summaryIntro(data.year, t.actionPlans, t.entries)),
    heading(l.levelsTitle, 2),
    table(
      [l.level, l.count, l.share],
      LEVEL_KEYS.map((k) => [l.levels[k], String(t.counts[k]), share(language, t.counts[k], t.actionPlans)]),
      { numeric: [1, 2], foot: [l.total, String(t.actionPlans), share(language, t.actionPlans, t.actionPlans)], widths: [50, 25, 25] },
    ),
    gap(),
    heading(l.budgetTotal, 2),
    table([l.allocated, l.executed, l.rate], [budgetCells(t.budget)], { numeric: [0, 1, 2], widths: [40, 40, 20] }),
    gap(),
    ...(data.indicators.length > 0 ? [para(l.indicatorsMet(met, data.indicators.length))] : []),
    heading(l.reportsTitle, 2),
    table([l.body, l.status], data.bodies.map((b) => [`${b.name} (${b.code})`, l.statuses[b.status]]), { widths: [60, 40] }),
  );

  // By area and objective.
  children.push(heading(s.areas, 1, true));
  for (const area of data.areas) {
    children.push(
      heading(`${l.area} ${area.seq}. ${area.name}`, 2),
      table(
        [l.objective, ...LEVEL_KEYS.map((k) => l.levels[k])],
        area.objectives.map((o) => [`${o.number}. ${o.text}`, ...LEVEL_KEYS.map((k) => String(o.counts[k]))]),
        { numeric: LEVEL_KEYS.map((_, i) => i + 1), widths: [46, ...LEVEL_KEYS.map(() => 9)] },
      ),
      gap(),
    );
    for (const o of area.objectives) {
      const head = new TableRow({ tableHeader: true, cantSplit: true, children: [l.body, l.level, l.achievements].map((h, i) => cell(h, { header: true, width: [12, 16, 72][i]! })) });
      const rows = o.actionPlans.flatMap((ap) => [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              columnSpan: 3,
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, fill: 'F3F5F8', color: 'auto' },
              margins: { top: 40, bottom: 40, left: 80, right: 80 },
              borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
              children: [
                new Paragraph({ keepNext: true, children: [new TextRun({ text: `${ap.code} `, bold: true, size: 17 }), new TextRun({ text: ap.text, size: 17 })] }),
                new Paragraph({
                  keepNext: true,
                  children: [
                    new TextRun({ text: `${l.level}: `, size: 17 }),
                    new TextRun({ text: l.levels[ap.level ?? 'none'], bold: true, size: 17 }),
                    ...(ap.override ? [new TextRun({ text: ` (${l.override}: ${ap.override.reason})`, size: 17, color: '4A5058' })] : []),
                  ],
                }),
              ],
            }),
          ],
        }),
        ...ap.bodies.map(
          (b) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(b.code, { width: 12 }),
                cell(`${l.levels[b.level ?? 'none']}${b.delayed ? `\n${l.delayed}` : ''}`, { width: 16 }),
                cell(`${b.achievements ?? l.none}${b.difficulties ? `\n${l.difficulties}: ${b.difficulties}` : ''}`, { width: 72 }),
              ],
            }),
        ),
      ]);
      children.push(
        heading(`${l.objective} ${o.number}. ${o.text}`, 3),
        fixedTable([head, ...rows], [12, 16, 72]),
        para(`${l.allocated} ${won(language, o.budget.allocated)} · ${l.executed} ${won(language, o.budget.executed)} · ${l.rate} ${rate(language, o.budget)}`, {
          muted: true,
        }),
      );
    }
  }

  // By body.
  children.push(
    heading(s.bodies, 1, true),
    table(
      [l.body, l.status, l.assignments, ...LEVEL_KEYS.map((k) => l.levels[k]), l.delayed],
      data.bodies.map((b) => [b.code, l.statuses[b.status], String(b.assignments), ...LEVEL_KEYS.map((k) => String(b.counts[k])), String(b.delayed)]),
      { numeric: [2, 3, 4, 5, 6, 7, 8, 9], widths: [9, 11, 10, 10, 10, 10, 10, 10, 10, 10] },
    ),
    gap(),
    heading(s.budget, 2),
    table([l.body, l.allocated, l.executed, l.rate], data.bodies.map((b) => [b.name, ...budgetCells(b.budget)]), {
      numeric: [1, 2, 3],
      foot: [l.total, ...budgetCells(t.budget)],
      widths: [34, 26, 26, 14],
    }),
  );

  // Indicators.
  children.push(heading(s.indicators, 1, true));
  if (data.indicators.length === 0) children.push(para(l.noIndicators));
  else {
    children.push(
      table(
        [l.actionPlan, l.indicator, l.baseline, l.target, l.actual, l.reported, l.met],
        data.indicators.map((i) => [
          i.actionPlanCode,
          i.name,
          indicatorValue(language, i, i.baseline),
          indicatorValue(language, i, i.target),
          indicatorValue(language, i, i.actual, true),
          String(i.reported),
          i.met === null ? l.none : i.met ? l.yes : l.no,
        ]),
        { numeric: [2, 3, 4, 5], widths: [9, 35, 12, 12, 12, 10, 10] },
      ),
    );
  }

  // Budget by area and objective.
  children.push(
    heading(s.budget, 1, true),
    table(
      [`${l.area} / ${l.objective}`, l.allocated, l.executed, l.rate],
      data.areas.flatMap((a) => [
        [{ text: `${a.seq}. ${a.name}`, bold: true }, ...budgetCells(a.budget).map((c) => ({ text: c, bold: true }))],
        ...a.objectives.map((o) => [`    ${l.objective} ${o.number}`, ...budgetCells(o.budget)]),
      ]),
      { numeric: [1, 2, 3], foot: [l.total, ...budgetCells(t.budget)], widths: [34, 26, 26, 14] },
    ),
  );

  // The civic advisory panel.
  children.push(heading(s.panel, 1, true));
  if (data.panelComments.length === 0) children.push(para(l.noPanelComments));
  else children.push(table([l.actionPlan, l.comment], data.panelComments.map((c) => [`${c.actionPlanCode}\n${c.actionPlanText}`, c.text]), { widths: [40, 60] }));

  // The meetings' decisions.
  children.push(heading(s.meetings, 1, true));
  if (data.meetings.length === 0) children.push(para(l.noMeetings));
  for (const m of data.meetings) {
    children.push(heading(m.title, 2), para(`${date(language, m.date)} · ${l.meetingPlace}: ${m.place}`, { muted: true }));
    m.decisions.forEach((d, i) => {
      children.push(heading(`${l.decision} ${i + 1}`, 3), ...d.text.split('\n').map((line) => para(line)));
      if (d.followUps.length > 0) {
        children.push(
          table(
            [l.followUps, l.owner, l.actionPlan, l.due, l.state],
            d.followUps.map((f) => [
              f.closingNote ? `${f.text}\n${f.closingNote}` : f.text,
              f.ownerBody,
              f.actionPlanCode ?? l.none,
              date(language, f.dueDate),
              l.followUpStates[f.state],
            ]),
            { widths: [46, 14, 12, 16, 12] },
          ),
          gap(),
        );
      }
    });
  }

  const header = `${l.reportTitle} · ${l.yearResults(data.year)}`;
  const doc = new Document({
    creator: l.preparedBy,
    title: `${l.committee} — ${l.yearResults(data.year)}`,
    description: data.plan.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: 20, language: { value: 'en-GB', eastAsia: 'ko-KR' } }, paragraph: { spacing: { line: 300 } } },
        title: { run: { font: FONT, size: 48, bold: true, color: '1D3557' } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '1D3557' }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '1D3557' }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: FONT, size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN }, titlePage: true },
        headers: {
          default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: header, size: 16, color: '4A5058' })] })] }),
          first: new Header({ children: [new Paragraph({ text: '' })] }),
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 17 })] })],
          }),
          first: new Footer({ children: [new Paragraph({ text: '' })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
