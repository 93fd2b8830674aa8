/**
 * The committee report's figures as a workbook (ExcelJS), for staff who
 * rework the tables: levels by area and objective, by body, indicators
 * against targets, budget by area, objective and body. Numbers are numbers
 * (won as whole numbers with the thousands format, rates as fractions with
 * the percent format); totals and rates are formulas with their values
 * cached, so the sheet reads right before and after it is recalculated.
 */
import ExcelJS from 'exceljs';
import type { Budget, GecReportData } from './data';
import { LEVEL_KEYS } from './data';
import { gecLabels } from './labels';

const WON_FORMAT = '#,##0';
const RATE_FORMAT = '0.0%';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };

/** Excel's column letter of a 1-based column number. */
function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function sheet(wb: ExcelJS.Workbook, name: string, head: string[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = head.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
  const row = ws.getRow(1);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.alignment = { vertical: 'middle', wrapText: true };
  });
  return ws;
}

/** A rate cell: executed / allocated as a formula, with its value (empty when nothing was allocated). */
function rateCell(row: number, allocatedCol: number, executedCol: number, budget: Budget): ExcelJS.CellFormulaValue {
  const a = `${col(allocatedCol)}${row}`;
  const x = `${col(executedCol)}${row}`;
  return { formula: `IF(${a}>0,${x}/${a},"")`, result: budget.rate === null ? '' : budget.rate / 100 } as ExcelJS.CellFormulaValue;
}

/** A total row: SUM formulas over rows 2…last for the given columns, with their values. */
function totalRow(ws: ExcelJS.Worksheet, label: string, columns: number[], values: number[], first = 2): ExcelJS.Row {
  const last = ws.rowCount;
  const row = ws.addRow([label]);
  columns.forEach((c, i) => {
    row.getCell(c).value = { formula: `SUM(${col(c)}${first}:${col(c)}${last})`, result: values[i] ?? 0 } as ExcelJS.CellFormulaValue;
  });
  row.font = { bold: true };
  return row;
}

function formatBudget(ws: ExcelJS.Worksheet, allocatedCol: number): void {
  ws.getColumn(allocatedCol).numFmt = WON_FORMAT;
  ws.getColumn(allocatedCol + 1).numFmt = WON_FORMAT;
  ws.getColumn(allocatedCol + 2).numFmt = RATE_FORMAT;
}

/** The names of the workbook's sheets, in order. */
export function gecSheetNames(language: GecReportData['language']): { objectives: string; bodies: string; indicators: string; budget: string } {
  return language === 'ko'
    ? { objectives: '영역·목표별', bodies: '기관별', indicators: '성과 지표', budget: '예산' }
    : { objectives: 'By objective', bodies: 'By body', indicators: 'Indicators', budget: 'Budget' };
}

/** The figures as an .xlsx file's bytes. */
export async function gecReportXlsx(data: GecReportData): Promise<Uint8Array> {
  const { language } = data;
  const l = gecLabels(language);
  const names = gecSheetNames(language);
  const wb = new ExcelJS.Workbook();
  wb.creator = l.preparedBy;
  wb.title = `${l.committee} — ${l.yearResults(data.year)}`;
  const levelHeads = LEVEL_KEYS.map((k) => l.levels[k]);

  // Levels by area and objective: one row per objective, the action plans counted by consolidated level.
  const byObjective = sheet(wb, names.objectives, [l.area, l.objective, l.objective, ...levelHeads, l.count, l.allocated, l.executed, l.rate], [18, 8, 60, 10, 10, 10, 10, 10, 10, 10, 18, 18, 10]);
  const lc = 4; // first level column
  for (const a of data.areas) {
    for (const o of a.objectives) {
      const r = byObjective.rowCount + 1;
      const counts = LEVEL_KEYS.map((k) => o.counts[k]);
      const row = byObjective.addRow([`${a.seq}. ${a.name}`, o.number, o.text, ...counts]);
      row.getCell(lc + LEVEL_KEYS.length).value = {
        formula: `SUM(${col(lc)}${r}:${col(lc + LEVEL_KEYS.length - 1)}${r})`,
        result: counts.reduce((s, n) => s + n, 0),
      } as ExcelJS.CellFormulaValue;
      row.getCell(lc + LEVEL_KEYS.length + 1).value = o.budget.allocated;
      row.getCell(lc + LEVEL_KEYS.length + 2).value = o.budget.executed;
      row.getCell(lc + LEVEL_KEYS.length + 3).value = rateCell(r, lc + LEVEL_KEYS.length + 1, lc + LEVEL_KEYS.length + 2, o.budget);
    }
  }
  const objCols = [...LEVEL_KEYS.map((_, i) => lc + i), lc + LEVEL_KEYS.length, lc + LEVEL_KEYS.length + 1, lc + LEVEL_KEYS.length + 2];
  const t = data.totals;
  const objTotal = totalRow(byObjective, l.total, objCols, [...LEVEL_KEYS.map((k) => t.counts[k]), t.actionPlans, t.budget.allocated, t.budget.executed]);
  objTotal.getCell(lc + LEVEL_KEYS.length + 3).value = rateCell(objTotal.number, lc + LEVEL_KEYS.length + 1, lc + LEVEL_KEYS.length + 2, t.budget);
  formatBudget(byObjective, lc + LEVEL_KEYS.length + 1);
  byObjective.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  // By body: report state, levels of its entries, delays, budget.
  const byBody = sheet(wb, names.bodies, [l.body, l.body, l.status, l.assignments, ...levelHeads, l.delayed, l.allocated, l.executed, l.rate], [10, 30, 12, 10, 10, 10, 10, 10, 10, 10, 10, 18, 18, 10]);
  const bl = 5;
  for (const b of data.bodies) {
    const r = byBody.rowCount + 1;
    const row = byBody.addRow([b.code, b.name, l.statuses[b.status], b.assignments, ...LEVEL_KEYS.map((k) => b.counts[k]), b.delayed, b.budget.allocated, b.budget.executed]);
    row.getCell(bl + LEVEL_KEYS.length + 3).value = rateCell(r, bl + LEVEL_KEYS.length + 1, bl + LEVEL_KEYS.length + 2, b.budget);
  }
  const sum = (f: (b: GecReportData['bodies'][number]) => number) => data.bodies.reduce((s, b) => s + f(b), 0);
  const bodyCols = [4, ...LEVEL_KEYS.map((_, i) => bl + i), bl + LEVEL_KEYS.length, bl + LEVEL_KEYS.length + 1, bl + LEVEL_KEYS.length + 2];
  const bodyTotal = totalRow(byBody, l.total, bodyCols, [
    sum((b) => b.assignments),
    ...LEVEL_KEYS.map((k) => sum((b) => b.counts[k])),
    sum((b) => b.delayed),
    t.budget.allocated,
    t.budget.executed,
  ]);
  bodyTotal.getCell(bl + LEVEL_KEYS.length + 3).value = rateCell(bodyTotal.number, bl + LEVEL_KEYS.length + 1, bl + LEVEL_KEYS.length + 2, t.budget);
  formatBudget(byBody, bl + LEVEL_KEYS.length + 1);

  // Indicators: baseline, target, actual as numbers (a yes/no indicator's actual is its share of "yes" in percent).
  const ind = sheet(wb, names.indicators, [l.actionPlan, l.indicator, l.unit, l.kind, l.baseline, l.target, l.actual, l.reported, l.met], [10, 50, 8, 10, 12, 12, 12, 12, 8]);
  for (const i of data.indicators) {
    ind.addRow([i.actionPlanCode, i.name, i.unit, l.kinds[i.kind], i.baseline, i.target, i.actual, i.reported, i.met === null ? null : i.met ? l.yes : l.no]);
  }

  // Budget by area and objective.
  const budget = sheet(wb, names.budget, [l.area, l.objective, l.allocated, l.executed, l.rate], [30, 12, 18, 18, 10]);
  for (const a of data.areas) {
    for (const o of a.objectives) {
      const r = budget.rowCount + 1;
      const row = budget.addRow([`${a.seq}. ${a.name}`, o.number, o.budget.allocated, o.budget.executed]);
      row.getCell(5).value = rateCell(r, 3, 4, o.budget);
    }
  }
  const budgetTotal = totalRow(budget, l.total, [3, 4], [t.budget.allocated, t.budget.executed]);
  budgetTotal.getCell(5).value = rateCell(budgetTotal.number, 3, 4, t.budget);
  formatBudget(budget, 3);

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
