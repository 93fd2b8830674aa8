/**
 * A meeting's pack from the demo dataset (three years of every body's
 * entries, tests/support/demo.ts), built by the PackService into a real PDF
 * with Chromium and read back with pdftotext, pdfinfo and pdf.js: every
 * section, every action-plan code, Korean text, "n / N" on every page, the
 * contents' numbers equal to the pages where the sections start, bookmarks;
 * in English too; one body's scope holds only that body. PNGs of the cover,
 * the contents and a progress page (ko, en) go to docs/packs/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoDatabase, DEMO_MOGEF, type DemoInfo } from '../support/demo';
import { tempDir } from '../support/tmp';
import { openDatabase, closeDatabase, type Db } from '../../db/connection';
import { getPlanOutline } from '../../db/plan';
import { createChromiumPrinter, type ChromiumPrinter } from '../../cli/chromium-printer';
import { createPackService, type PackService } from '../../main/packs/service';
import { loadPackData } from '../../main/packs/data';
import { buildPackHtml, sectionTitle } from '../../main/packs/html';
import { readOutline } from '../../main/packs/paginate';
import { PACK_SECTIONS, type PackJob, type PackOptions } from '../../contract/meetings';
import { pagePng, pageTexts, pdfInfo, rasterImageCount, wholeText } from './pack-read';

const REPO = path.resolve(__dirname, '../..');
const DOCS = path.join(REPO, 'docs/packs');

let dir: string;
let demo: DemoInfo;
let db: Db;
let chromium: ChromiumPrinter;
let service: PackService;
let meetingUid: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'nap-pack-'));
  demo = makeDemoDatabase(path.join(dir, 'demo.sqlite'));
  db = openDatabase(path.join(dir, 'demo.sqlite'));
  const last = demo.meetings.at(-1);
  if (!last) throw new Error('The demo has no meeting (db/meetings.ts missing?)');
  meetingUid = last.uid;
  chromium = await createChromiumPrinter();
  service = createPackService({ getDb: () => db, printer: chromium.printer });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  if (db?.open) closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function build(options: Omit<PackOptions, 'meetingUid'>, name: string): Promise<{ job: PackJob; file: string; texts: string[] }> {
  const file = path.join(tempDir('nap-pack-out-'), name);
  const started = service.build({ options: { meetingUid, ...options }, path: file }, DEMO_MOGEF);
  expect(started.state).toBe('running');
  const job = await service.settled(started.id);
  expect(job.error).toBeNull();
  expect(job.state).toBe('done');
  const pages = job.result?.pages ?? 0;
  return { job, file, texts: pageTexts(file, pages) };
}

/** Section pages, the contents' lines and the page numbers, as a reader checks them. */
function checkStructure(job: PackJob, file: string, texts: string[], language: 'ko' | 'en'): void {
  const result = job.result!;
  const info = pdfInfo(file);
  expect(Number(info['Pages'])).toBe(result.pages);
  expect(info['Tagged']).toBe('yes');
  expect(info['Page size']).toMatch(/\(A4\)/);
  expect(result.bytes).toBe(fs.statSync(file).size);
  // "n / N" at the foot of every page.
  texts.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`${i + 1} / ${result.pages}`));
  // Every section, starting on the page the contents says, its title on that page and not ending the page before.
  expect(result.sections.map((s) => s.id)).toEqual(['cover', 'contents', 'agenda', 'participants', 'summary', 'progress', 'issues', 'follow-ups', 'annex']);
  const contents = texts[(result.sections.find((s) => s.id === 'contents')?.page ?? 0) - 1] ?? '';
  for (const s of result.sections) {
    const squeezed = (texts[s.page - 1] ?? '').replace(/\s+/g, '');
    expect(squeezed, `section ${s.id} on page ${s.page}`).toContain(s.title.replace(/\s+/g, ''));
    if (s.id === 'cover' || s.id === 'contents') continue;
    const line = contents.split('\n').find((l) => l.replace(/\s+/g, '').startsWith(s.title.replace(/\s+/g, '')));
    expect(line, `contents line of ${s.id}`).toBeDefined();
    expect(line?.trim().split(/\s+/).at(-1), `contents number of ${s.id}`).toBe(String(s.page));
  }
  const pagesInOrder = result.sections.map((s) => s.page);
  expect([...pagesInOrder].sort((a, b) => a - b)).toEqual(pagesInOrder);
  expect(new Set(pagesInOrder).size).toBe(pagesInOrder.length);
  // The section titles are the module's labels in the language asked.
  expect(result.sections.find((s) => s.id === 'progress')?.title).toBe(sectionTitle('progress', language));
}

describe('the inter-ministerial pack from three years of entries', () => {
  it('in Korean: every section and action-plan code, Korean text, page numbers, contents and bookmarks', async () => {
    const { job, file, texts } = await build({ sections: [...PACK_SECTIONS], bodyCode: null, language: 'ko', orientation: 'portrait' }, 'pack-ko.pdf');
    checkStructure(job, file, texts, 'ko');
    const all = wholeText(file);
    const outline = getPlanOutline(db, demo.planId);
    const codes = outline.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((ap) => ap.code))));
    expect(codes.length).toBeGreaterThan(40);
    for (const code of codes) expect(all, `action plan ${code}`).toContain(code);
    for (const word of ['이행 현황', '논의할 문제', '지연된 행동계획', '목표에 못 미친 지표', '민간 자문단 의견', '여성가족부', '외교부']) expect(all).toContain(word);
    // The meeting's own text, as written.
    expect(all).toContain('2023년 이행 실적 점검 결과 보고');
    // The follow-ups still open from the 2022 meeting, not the 2023 meeting's own.
    const followUpPage = job.result!.sections.find((s) => s.id === 'follow-ups')!.page;
    expect(texts[followUpPage - 1]).toContain('2022');
    // Bookmarks: one per section at its page, and the areas beneath the progress section.
    const { bookmarks } = await readOutline(new Uint8Array(fs.readFileSync(file)));
    for (const s of job.result!.sections) expect(bookmarks.some((b) => b.depth === 0 && b.page === s.page)).toBe(true);
    expect(bookmarks.filter((b) => b.depth === 1).length).toBeGreaterThanOrEqual(outline.areas.length);
    // Charts and level glyphs are vectors: no raster image in the PDF.
    expect(rasterImageCount(file)).toBe(0);
    // Pictures for people: the cover, the contents and the first progress page.
    const progressPage = job.result!.sections.find((s) => s.id === 'progress')!.page;
    pagePng(file, 1, path.join(DOCS, 'pack-ko-cover.png'), 70);
    pagePng(file, 2, path.join(DOCS, 'pack-ko-contents.png'), 70);
    pagePng(file, progressPage, path.join(DOCS, 'pack-ko-progress.png'), 70);
    pagePng(file, job.result!.sections.find((s) => s.id === 'summary')!.page, path.join(DOCS, 'pack-ko-summary.png'), 70);
  }, 240_000);

  it('in English: the same structure with English labels', async () => {
    const { job, file, texts } = await build({ sections: [...PACK_SECTIONS], bodyCode: null, language: 'en', orientation: 'portrait' }, 'pack-en.pdf');
    checkStructure(job, file, texts, 'en');
    const all = wholeText(file);
    for (const word of ['Progress', 'Issues for discussion', 'Delayed action plans', 'Indicators behind target', 'Ministry of Foreign Affairs']) expect(all).toContain(word);
    const progressPage = job.result!.sections.find((s) => s.id === 'progress')!.page;
    pagePng(file, 1, path.join(DOCS, 'pack-en-cover.png'), 70);
    pagePng(file, 2, path.join(DOCS, 'pack-en-contents.png'), 70);
    pagePng(file, progressPage, path.join(DOCS, 'pack-en-progress.png'), 70);
  }, 240_000);

  it("one body's scope holds only that body's entries", async () => {
    const { job, file, texts } = await build({ sections: ['cover', 'contents', 'progress', 'annex'], bodyCode: 'MOFA', language: 'ko', orientation: 'landscape' }, 'pack-mofa.pdf');
    expect(pdfInfo(file)['Page size']).toMatch(/^841\.\d+ x 594\.\d+/);
    const data = loadPackData(db, { meetingUid, bodyCode: 'MOFA' });
    const codes = data.areas.flatMap((a) => a.objectives.flatMap((o) => o.strategies.flatMap((s) => s.actionPlans.map((ap) => ap.code))));
    const annexPage = job.result!.sections.find((s) => s.id === 'annex')!.page;
    const annex = texts.slice(annexPage - 1).join('\n');
    const bodies = new Set(data.bodies.map((b) => b.code));
    expect([...bodies]).toEqual(['MOFA']);
    // Every row of the annex names MOFA and no other body.
    const others = getPlanOutline(db, demo.planId).bodies.map((b) => b.code).filter((c) => c !== 'MOFA');
    for (const other of others) expect(annex, `annex mentions ${other}`).not.toMatch(new RegExp(`\\b${other}\\b`));
    for (const code of codes) expect(annex).toContain(code);
    // Fewer action plans than the whole plan.
    expect(codes.length).toBeLessThan(getPlanOutline(db, demo.planId).plan.counts.actionPlans);
  }, 240_000);

  it('refuses a file that exists, and a body building another body\'s pack; the file is unchanged', () => {
    const file = path.join(tempDir(), 'taken.pdf');
    fs.writeFileSync(file, 'mine');
    expect(() => service.build({ options: { meetingUid, sections: ['cover'], language: 'ko' }, path: file }, DEMO_MOGEF)).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
    expect(() => service.build({ options: { meetingUid, sections: ['cover'], language: 'ko' }, path: path.join(tempDir(), 'x.pdf') }, { role: 'body', bodyCode: 'MOFA', userName: '김하늘' })).toThrow(
      /only its own body/,
    );
  });

  it('cancels a running build: no file written', async () => {
    const file = path.join(tempDir(), 'cancelled.pdf');
    const started = service.build({ options: { meetingUid, sections: [...PACK_SECTIONS], language: 'ko' }, path: file }, DEMO_MOGEF);
    service.cancel(started.id);
    const job = await service.settled(started.id);
    expect(job.state).toBe('cancelled');
    expect(fs.existsSync(file)).toBe(false);
  }, 60_000);
});

describe('user text is printed as text', () => {
  it('escapes hostile text in the HTML and prints it literally', async () => {
    const hostile = `<script>alert("x")</script></style><img src="https://evil.example/x.png"> ' " & 끝`;
    const data = loadPackData(db, { meetingUid, bodyCode: null });
    const meeting = { ...data.meeting, title: hostile, place: hostile, agenda: hostile, minutes: hostile, participants: [{ kind: 'expert' as const, bodyCode: null, name: hostile, affiliation: hostile, role: hostile }] };
    const html = buildPackHtml({ ...data, meeting }, { sections: ['cover', 'agenda', 'participants'], language: 'en', orientation: 'portrait' }, null);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html.match(/<\/style>/g)?.length).toBe(1);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // The hostile text in Korean (끝) is marked as Korean in the English document.
    expect(html).toMatch(/<span lang="ko"[^>]*>&lt;script&gt;/);
    const pdf = await chromium.printer(html, { landscape: false });
    const file = path.join(tempDir(), 'hostile.pdf');
    fs.writeFileSync(file, pdf);
    expect(wholeText(file)).toContain('<script>alert("x")</script></style>');
    expect(chromium.refusedRequests).toEqual([]);
  }, 60_000);
});
