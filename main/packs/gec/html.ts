/**
 * The committee report as one self-contained HTML document for printing: a
 * pure function of the report's data (data.ts) and of the contents' page
 * numbers (null on the first print; main/packs/paginate.ts fills them in).
 * The common print style (main/packs/style.ts documentStyle): A4, running
 * header, "3 / 41" footers, sections on new pages, table heads repeated.
 * Every text from the database is escaped.
 */
import { documentStyle } from '../style';
import { PRINT_CSP } from '../print';
import type { Budget, GecArea, GecReportData, LevelCounts, LevelKey } from './data';
import { LEVEL_KEYS } from './data';
import { date, gecLabels, indicatorValue, rate, share, won, type GecLabels } from './labels';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** The sections of the report, in order: id and title. */
export function gecSections(data: GecReportData): { id: string; title: string }[] {
  const s = gecLabels(data.language).sections;
  return [
    { id: 'summary', title: s.summary },
    { id: 'areas', title: s.areas },
    { id: 'bodies', title: s.bodies },
    { id: 'indicators', title: s.indicators },
    { id: 'budget', title: s.budget },
    { id: 'panel', title: s.panel },
    { id: 'meetings', title: s.meetings },
  ];
}

/** The colours of the levels in the chart (the dashboard's hues, printable). */
const LEVEL_COLOURS: Record<LevelKey, string> = {
  completed: '#007655',
  substantial: '#4f9a6b',
  limited: '#d08a1c',
  not_started: '#b04800',
  no_evidence: '#7a6a9a',
  none: '#b9bfc6',
};

function section(id: string, title: string, body: string): string {
  return `<section class="doc-section" id="${e(id)}"><h1>${e(title)}</h1>${body}</section>`;
}

function table(head: string[], rows: string[][], options: { numeric?: number[]; foot?: string[]; widths?: string[] } = {}): string {
  const numeric = new Set(options.numeric ?? []);
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : '');
  const fixed = options.widths ? ' class="fixed"' : '';
  const cols = options.widths ? `<colgroup>${options.widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>` : '';
  const foot = options.foot ? `<tfoot><tr>${options.foot.map((c, i) => `<th${cls(i)}>${c}</th>`).join('')}</tr></tfoot>` : '';
  return `<table${fixed}>${cols}<thead><tr>${head.map((h, i) => `<th${cls(i)} scope="col">${e(h)}</th>`).join('')}</tr></thead>${foot}<tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A stacked bar of level counts, as SVG (a vector in the PDF). */
function levelBar(counts: LevelCounts, label: string, width = 420, height = 14): string {
  const total = LEVEL_KEYS.reduce((s, k) => s + counts[k], 0);
  let x = 0;
  const parts = LEVEL_KEYS.filter((k) => counts[k] > 0).map((k) => {
    const w = total > 0 ? (counts[k] / total) * width : 0;
    const rect = `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}" fill="${LEVEL_COLOURS[k]}"/>`;
    x += w;
    return rect;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${e(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function legend(l: GecLabels): string {
  return `<p class="legend">${LEVEL_KEYS.map(
    (k) => `<span class="swatch" style="background:${LEVEL_COLOURS[k]}"></span>${e(l.levels[k])}`,
  ).join(' ')}</p>`;
}

function countCells(counts: LevelCounts): string[] {
  return LEVEL_KEYS.map((k) => String(counts[k]));
}

function budgetCells(language: GecReportData['language'], b: Budget): string[] {
  return [e(won(language, b.allocated)), e(won(language, b.executed)), e(rate(language, b))];
}

function summary(data: GecReportData, l: GecLabels): string {
  const { totals, language } = data;
  const levels = table(
    [l.level, l.count, l.share],
    LEVEL_KEYS.map((k) => [e(l.levels[k]), String(totals.counts[k]), e(share(language, totals.counts[k], totals.actionPlans))]),
    { numeric: [1, 2], foot: [e(l.total), String(totals.actionPlans), e(share(language, totals.actionPlans, totals.actionPlans))], widths: ['50%', '25%', '25%'] },
  );
  const met = data.indicators.filter((i) => i.met === true).length;
  const reports = table(
    [l.body, l.status],
    data.bodies.map((b) => [`${e(b.name)} (${e(b.code)})`, e(l.statuses[b.status])]),
    { widths: ['60%', '40%'] },
  );
  return [
    `<p>${e(l.summaryIntro(data.year, totals.actionPlans, totals.entries))}</p>`,
    `<h2>${e(l.levelsTitle)}</h2>`,
    `<figure>${levelBar(totals.counts, l.levelsTitle, 640, 18)}<figcaption>${legend(l)}</figcaption></figure>`,
    levels,
    `<h2>${e(l.budgetTotal)}</h2>`,
    table([l.allocated, l.executed, l.rate], [budgetCells(language, totals.budget)], { numeric: [0, 1, 2], widths: ['40%', '40%', '20%'] }),
    data.indicators.length > 0 ? `<p>${e(l.indicatorsMet(met, data.indicators.length))}</p>` : '',
    `<h2>${e(l.reportsTitle)}</h2>`,
    reports,
  ].join('');
}

function areaBlock(data: GecReportData, area: GecArea, l: GecLabels): string {
  const { language } = data;
  const overview = table(
    [l.objective, ...LEVEL_KEYS.map((k) => l.levels[k])],
    area.objectives.map((o) => [`${o.number}. ${e(o.text)}`, ...countCells(o.counts)]),
    { numeric: LEVEL_KEYS.map((_, i) => i + 1), widths: ['46%', ...LEVEL_KEYS.map(() => '9%')] },
  );
  const objectives = area.objectives
    .map((o) => {
      const rows = o.actionPlans
        .map((ap) => {
          const head = `<tr class="ap"><td colspan="3"><strong>${e(ap.code)}</strong> ${e(ap.text)}<br>${e(l.level)}: <strong>${e(l.levels[ap.level ?? 'none'])}</strong>${
            ap.override ? ` <span class="muted">(${e(l.override)}: ${e(ap.override.reason)})</span>` : ''
          }</td></tr>`;
          const bodyRows = ap.bodies
            .map(
              (b) =>
                `<tr><td>${e(b.code)}</td><td>${e(l.levels[b.level ?? 'none'])}${b.delayed ? `<br><span class="muted">${e(l.delayed)}</span>` : ''}</td><td>${
                  b.achievements ? e(b.achievements) : e(l.none)
                }${b.difficulties ? `<br><span class="muted">${e(l.difficulties)}: ${e(b.difficulties)}</span>` : ''}</td></tr>`,
            )
            .join('');
          return `<tbody class="ap-group">${head}${bodyRows}</tbody>`;
        })
        .join('');
      return `<h3>${e(l.objective)} ${o.number}. ${e(o.text)}</h3><table class="fixed"><colgroup><col style="width:12%"><col style="width:16%"><col style="width:72%"></colgroup><thead><tr><th scope="col">${e(
        l.body,
      )}</th><th scope="col">${e(l.level)}</th><th scope="col">${e(l.achievements)}</th></tr></thead>${rows}</table><p class="muted">${e(l.allocated)} ${e(
        won(language, o.budget.allocated),
      )} · ${e(l.executed)} ${e(won(language, o.budget.executed))} · ${e(l.rate)} ${e(rate(language, o.budget))}</p>`;
    })
    .join('');
  return `<h2>${e(l.area)} ${area.seq}. ${e(area.name)}</h2><div class="keep">${levelBar(area.counts, `${l.area} ${area.seq}`)}</div>${overview}${objectives}`;
}

function bodies(data: GecReportData, l: GecLabels): string {
  const { language } = data;
  return table(
    [l.body, l.status, l.assignments, ...LEVEL_KEYS.map((k) => l.levels[k]), l.delayed],
    data.bodies.map((b) => [`<abbr title="${e(b.name)}">${e(b.code)}</abbr>`, e(l.statuses[b.status]), String(b.assignments), ...countCells(b.counts), String(b.delayed)]),
    { numeric: [2, 3, 4, 5, 6, 7, 8, 9], widths: ['9%', '11%', ...Array<string>(8).fill('10%')] },
  ) + `<h2>${e(l.sections.budget)}</h2>` + table(
    [l.body, l.allocated, l.executed, l.rate],
    data.bodies.map((b) => [e(b.name), ...budgetCells(language, b.budget)]),
    { numeric: [1, 2, 3], foot: [e(l.total), ...budgetCells(language, data.totals.budget)], widths: ['34%', '26%', '26%', '14%'] },
  );
}

function indicators(data: GecReportData, l: GecLabels): string {
  const { language } = data;
  if (data.indicators.length === 0) return `<p>${e(l.noIndicators)}</p>`;
  return table(
    [l.actionPlan, l.indicator, l.baseline, l.target, l.actual, l.reported, l.met],
    data.indicators.map((i) => [
      e(i.actionPlanCode),
      e(i.name),
      e(indicatorValue(language, i, i.baseline)),
      e(indicatorValue(language, i, i.target)),
      e(indicatorValue(language, i, i.actual, true)),
      String(i.reported),
      e(i.met === null ? l.none : i.met ? l.yes : l.no),
    ]),
    { numeric: [2, 3, 4, 5], widths: ['9%', '35%', '12%', '12%', '12%', '10%', '10%'] },
  );
}

function budget(data: GecReportData, l: GecLabels): string {
  const { language } = data;
  const rows = data.areas.flatMap((a) => [
    [`<strong>${a.seq}. ${e(a.name)}</strong>`, ...budgetCells(language, a.budget).map((c) => `<strong>${c}</strong>`)],
    ...a.objectives.map((o) => [`&#160;&#160;${l.objective} ${o.number}`, ...budgetCells(language, o.budget)]),
  ]);
  return table([`${l.area} / ${l.objective}`, l.allocated, l.executed, l.rate], rows, {
    numeric: [1, 2, 3],
    foot: [e(l.total), ...budgetCells(language, data.totals.budget)],
    widths: ['34%', '26%', '26%', '14%'],
  });
}

function panel(data: GecReportData, l: GecLabels): string {
  if (data.panelComments.length === 0) return `<p>${e(l.noPanelComments)}</p>`;
  return table(
    [l.actionPlan, l.comment],
    data.panelComments.map((c) => [`<strong>${e(c.actionPlanCode)}</strong><br><span class="muted">${e(c.actionPlanText)}</span>`, e(c.text)]),
    { widths: ['40%', '60%'] },
  );
}

function meetings(data: GecReportData, l: GecLabels): string {
  const { language } = data;
  if (data.meetings.length === 0) return `<p>${e(l.noMeetings)}</p>`;
  return data.meetings
    .map((m) => {
      const decisions = m.decisions
        .map((d, i) => {
          const follow = d.followUps.length
            ? table(
                [l.followUps, l.owner, l.actionPlan, l.due, l.state],
                d.followUps.map((f) => [
                  e(f.text) + (f.closingNote ? `<br><span class="muted">${e(f.closingNote)}</span>` : ''),
                  e(f.ownerBody),
                  e(f.actionPlanCode ?? l.none),
                  e(date(language, f.dueDate)),
                  e(l.followUpStates[f.state]),
                ]),
                { widths: ['46%', '14%', '12%', '16%', '12%'] },
              )
            : '';
          return `<h3>${e(l.decision)} ${i + 1}</h3><p class="pre">${e(d.text)}</p>${follow}`;
        })
        .join('');
      return `<h2>${e(m.title)}</h2><p class="muted">${e(date(language, m.date))} · ${e(l.meetingPlace)}: ${e(m.place)}</p>${decisions}`;
    })
    .join('');
}

const EXTRA_STYLE = `
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.cover .kicker { font-size: 12pt; color: #30353b; margin-bottom: 6mm; }
.cover h1.title { font-size: 24pt; border: none; margin-bottom: 4mm; }
.cover .year { font-size: 18pt; color: #1d3557; margin-bottom: 30mm; }
.cover .by { font-size: 13pt; }
.legend { font-size: 8pt; }
table.fixed { table-layout: fixed; }
th { overflow-wrap: normal; word-break: keep-all; }
th.num { white-space: normal; }
abbr { text-decoration: none; }
tr.ap td { background: #f3f5f8; }
tbody.ap-group { break-inside: auto; }
tr.ap { break-after: avoid; }
.legend .swatch { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 3mm; vertical-align: -0.3mm; }
`;

/**
 * The report's HTML. pages: section id → the page where it starts (null:
 * the contents' numbers left blank, for the first print).
 */
export function gecReportHtml(data: GecReportData, pages: ReadonlyMap<string, number> | null): string {
  const l = gecLabels(data.language);
  const header = `${l.reportTitle} · ${l.yearResults(data.year)} · ${l.committee}`;
  const sections = gecSections(data);
  const contents = `<nav class="contents"><ol>${sections
    .map((s) => `<li><span class="toc-title">${e(s.title)}</span><span class="toc-page">${pages?.get(s.id) ?? ''}</span></li>`)
    .join('')}</ol></nav>`;
  const bodyBy: Record<string, () => string> = {
    summary: () => summary(data, l),
    areas: () => data.areas.map((a) => areaBlock(data, a, l)).join(''),
    bodies: () => bodies(data, l),
    indicators: () => indicators(data, l),
    budget: () => budget(data, l),
    panel: () => panel(data, l),
    meetings: () => meetings(data, l),
  };
  return `<!DOCTYPE html>
<html lang="${data.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(PRINT_CSP)}">
<title>${e(`${l.committee} — ${l.yearResults(data.year)}`)}</title>
<style>${documentStyle({ orientation: 'portrait', language: data.language, runningHeader: header })}${EXTRA_STYLE}</style></head>
<body>
<section class="cover doc-cover"><p class="kicker">${e(l.committee)}</p><h1 class="title">${e(l.reportTitle)}</h1><p class="year">${e(l.yearResults(data.year))}</p><p>${e(data.plan.title)} (${data.plan.startYear}–${data.plan.endYear})</p><p class="by">${e(l.preparedBy)}</p></section>
${section('contents', l.contents, contents)}
${sections.map((s) => section(s.id, s.title, bodyBy[s.id]!())).join('\n')}
</body></html>`;
}
