/**
 * Meeting packs (issue 9): the full inter-ministerial pack of the third plan
 * from the demo's three years of entries (tests/support/demo.ts) — reading
 * its data, building its HTML (target ≤ 200 ms) and printing it to PDF with
 * its contents' page numbers (printWithContents, two prints or more; target
 * ≤ 5 s) — and, for plans 1×, 10× and 100× the third plan (bench/generate.ts,
 * ten bodies, three years, every assignment filled: bench/progress.ts
 * fillProgress), one print of the whole pack as the application prints it
 * (in parts when long, joined: main/packs/parts.ts) in pages per second beside a
 * bare floor measured in the same run: Chromium's page.pdf of a plain HTML
 * table of the same entries (same texts, same options: A4, outline, tags).
 * BENCH_ONLY=packs runs it alone (after the sections that make the 100× database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, closeDatabase, type Db } from '../db/connection';
import { loadPlanDocument } from '../db/seed';
import { initializeInstallation } from '../db/installation';
import { saveMeeting } from '../db/meetings';
import { PACK_SECTIONS } from '../contract/meetings';
import type { Installation } from '../contract/progress';
import { loadPackData, actionPlansOf, type PackData } from '../main/packs/data';
import { buildPackHtml } from '../main/packs/html';
import { printWithContents, readOutline } from '../main/packs/paginate';
import { printDocument } from '../main/packs/parts';
import { documentStyle } from '../main/packs/style';
import { esc } from '../main/packs/charts';
import { PRINT_CSP, PrintCancelled } from '../main/packs/print';
import { createChromiumPrinter, type ChromiumPrinter } from '../cli/chromium-printer';
import { makeDemoDatabase } from '../tests/support/demo';
import { generatePlan } from './generate';
import { fillProgress } from './progress';
import type { BenchContext, Section } from './context';
import { count, measure, measureAsync, mib, ms, ratio, timingRow, type Row } from './lib';

export const PACK_HTML_TARGET_MS = 200;
export const PACK_PDF_TARGET_MS = 5000;
const SCALES = (process.env.BENCH_PACK_SCALES ?? '1,10,100').split(',').map(Number);
/** One print of a scaled pack is given this long (BENCH_PACK_LIMIT_S): a print that never ends is reported, not waited for. */
const PRINT_LIMIT_MS = Number(process.env.BENCH_PACK_LIMIT_S ?? 600) * 1000;
const MOGEF: Installation = { role: 'coordinator', userName: '벤치 조정' };
const OPTIONS = { sections: [...PACK_SECTIONS], language: 'ko' as const, orientation: 'portrait' as const };

/** The bare floor: the same entries as one plain table (code, body, level, achievements, next steps), nothing else. */
function bareTable(data: PackData): string {
  const rows: string[] = [];
  for (const a of actionPlansOf(data)) {
    for (const e of a.entries) {
      rows.push(`<tr><td>${esc(a.code)}</td><td>${esc(e.bodyCode)}</td><td>${esc(e.completion ?? '')}</td><td>${esc(e.achievements ?? '')}</td><td>${esc(e.nextSteps ?? '')}</td></tr>`);
    }
  }
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}"><style>${documentStyle({ orientation: 'portrait', language: 'ko', runningHeader: 'bare' })}</style></head><body><section class="doc-section" id="t"><h1>Table</h1><table><thead><tr><th>code</th><th>body</th><th>level</th><th>achievements</th><th>next steps</th></tr></thead><tbody>${rows.join('')}</tbody></table></section></body></html>`;
}

/** A database of the plan at `scale` × the third plan, every assignment filled for three years, with MOGEF's meeting on the last year. */
function scaledDatabase(dir: string, scale: number): { db: Db; meetingUid: string; entries: number } {
  const file = path.join(dir, `packs-${scale}x.sqlite`);
  const db = openDatabase(file);
  loadPlanDocument(db, generatePlan(scale, { bodies: 10, years: 3 }));
  const filled = fillProgress(db);
  initializeInstallation(db, MOGEF);
  const periodId = filled.periodIds.at(-1)!;
  const meeting = saveMeeting(
    db,
    null,
    0,
    { kind: 'inter_ministerial', bodyCode: null, periodId, date: '2030-12-01', title: `벤치 ${scale}× 합동 이행점검회의`, place: '정부서울청사', participants: [], agenda: '1. 이행 실적 점검', minutes: '' },
    MOGEF,
  );
  const entries = db.prepare('SELECT count(*) FROM progress_entry WHERE period_id = ?').pluck().get(periodId) as number;
  return { db, meetingUid: meeting.uid, entries };
}

async function pagesOf(pdf: Uint8Array): Promise<number> {
  return (await readOutline(pdf)).pages;
}

const packs: Section = {
  title: 'Meeting packs (packs)',
  async run(ctx: BenchContext) {
    const rows: Row[] = [];
    const dir = fs.mkdtempSync(path.join(ctx.dir, 'packs-'));
    const chromium: ChromiumPrinter = await createChromiumPrinter();
    try {
      // The third plan with the demo's three years.
      const demoFile = path.join(dir, 'demo.sqlite');
      const demo = makeDemoDatabase(demoFile);
      const db = openDatabase(demoFile);
      const meetingUid = demo.meetings.at(-1)!.uid;
      const read = measure('data', () => loadPackData(db, { meetingUid, bodyCode: null }), { runs: ctx.runs, warmup: ctx.warmup });
      const data = loadPackData(db, { meetingUid, bodyCode: null });
      const html = measure('html', () => buildPackHtml(data, OPTIONS, null), { runs: ctx.runs, warmup: ctx.warmup });
      const sample = buildPackHtml(data, OPTIONS, null);
      let printed = { pages: 0, bytes: 0, prints: 0 };
      const pdf = await measureAsync(
        'pdf',
        async () => {
          let prints = 0;
          const counting = (h: string, o: { landscape: boolean }) => {
            prints += 1;
            return chromium.printer(h, o);
          };
          const r = await printWithContents((pages) => buildPackHtml(data, OPTIONS, pages), counting, { landscape: false });
          printed = { pages: r.pages, bytes: r.pdf.byteLength, prints };
        },
        { runs: Math.min(3, ctx.runs), warmup: 1 },
      );
      closeDatabase(db);
      rows.push(
        { label: 'third plan, demo 2021–2023: entries in the pack', value: count(actionPlansOf(data).flatMap((a) => a.entries).length), note: `${count(actionPlansOf(data).length)} action plans, 2023` },
        timingRow('read the pack\u2019s data (loadPackData)', read),
        timingRow('build the HTML (buildPackHtml)', html, `target ≤ ${PACK_HTML_TARGET_MS} ms: ${html.median <= PACK_HTML_TARGET_MS ? 'met' : 'NOT met'}; ${mib(sample.length)} of HTML`),
        timingRow('print the PDF with its contents (printWithContents)', pdf, `target ≤ ${ms(PACK_PDF_TARGET_MS)}: ${pdf.median <= PACK_PDF_TARGET_MS ? 'met' : 'NOT met'}; ${printed.prints} prints`),
        { label: '   the PDF', value: `${printed.pages} pages`, note: mib(printed.bytes) },
      );

      // Scaling: one print of the whole pack at 1×, 10×, 100×, and the bare table of the same entries.
      const perScale: { scale: number; pages: number; packMs: number; bareMs: number; barePages: number; htmlMs: number; entries: number; parts: number; bytes: number }[] = [];
      const unfinished: Row[] = [];
      for (const scale of SCALES) {
        console.error(`packs: ${scale}× …`);
        const { db: sdb, meetingUid: uid, entries } = scaledDatabase(dir, scale);
        const sdata = loadPackData(sdb, { meetingUid: uid, bodyCode: null });
        closeDatabase(sdb);
        let t = performance.now();
        const shtml = buildPackHtml(sdata, OPTIONS, null);
        const htmlMs = performance.now() - t;
        try {
          // As the application prints it: in parts of at most PART_HTML_BYTES of HTML, joined (main/packs/parts.ts).
          t = performance.now();
          const packPrint = await printDocument(shtml, chromium.printer, { landscape: false, total: null, signal: AbortSignal.timeout(PRINT_LIMIT_MS) });
          const packMs = performance.now() - t;
          const packPdf = packPrint.pdf;
          const pages = await pagesOf(packPdf);
          const bare = bareTable(sdata);
          t = performance.now();
          const barePdf = await chromium.printer(bare, { landscape: false, signal: AbortSignal.timeout(PRINT_LIMIT_MS) });
          const bareMs = performance.now() - t;
          const barePages = await pagesOf(barePdf);
          perScale.push({ scale, pages, packMs, bareMs, barePages, htmlMs, entries, parts: packPrint.parts, bytes: packPdf.byteLength });
          console.error(`packs: ${scale}×: ${pages} pages in ${ms(packMs)} (${packPrint.parts} parts); bare ${barePages} pages in ${ms(bareMs)}`);
        } catch (err) {
          if (!(err instanceof PrintCancelled)) throw err;
          unfinished.push({ label: `${scale}×: one print of the pack (${count(entries)} entries)`, value: 'did not finish', note: `stopped after ${ms(PRINT_LIMIT_MS)}; HTML ${ms(htmlMs)}, ${mib(shtml.length)}` });
          console.error(`packs: ${scale}×: did not finish within ${ms(PRINT_LIMIT_MS)}`);
        }
      }
      const base = perScale[0];
      for (const s of base ? perScale : []) {
        const pps = s.pages / (s.packMs / 1000);
        const bpps = s.barePages / (s.bareMs / 1000);
        rows.push({
          label: `${s.scale}×: one print of the pack (${count(s.entries)} entries)`,
          value: `${pps.toFixed(1)} pages/s`,
          spread: `${s.pages} pages in ${ms(s.packMs)}`,
          note: `${s.parts === 1 ? 'in one go' : `in ${s.parts} parts, joined`}; ${mib(s.bytes)}; HTML ${ms(s.htmlMs)}; time × ${(s.packMs / base!.packMs).toFixed(1)} for pages × ${(s.pages / base!.pages).toFixed(1)} (entries × ${(s.entries / base!.entries).toFixed(1)}); ms per page ${(s.packMs / s.pages).toFixed(0)} vs ${(base!.packMs / base!.pages).toFixed(0)} at ${base!.scale}×`,
        });
        rows.push({
          label: `${s.scale}×:   bare table of the same entries`,
          value: `${bpps.toFixed(1)} pages/s`,
          spread: `${s.barePages} pages in ${ms(s.bareMs)}`,
          note: `pack / bare time ${ratio(s.packMs, s.bareMs)}; ms per entry ${(s.packMs / s.entries).toFixed(2)} vs ${(s.bareMs / s.entries).toFixed(2)}`,
        });
      }
      rows.push(...unfinished);
    } finally {
      await chromium.close();
    }
    return rows;
  },
};

export const packSections: Section[] = [packs];
