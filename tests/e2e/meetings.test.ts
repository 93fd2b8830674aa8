/**
 * The Meetings screen in Chromium through the real handlers (one browser,
 * its pages reused): MOGEF's coordinator records the inter-ministerial
 * meeting of 2022 with participants, a decision and a follow-up owned by
 * MOFA; after a reload it is there as saved, and the open follow-ups at the
 * top and the badge on the navigation show it. A second meeting, for 2023,
 * has its pack dialog (sections all on, scope, language, orientation, a
 * typed path) and, where pack:build is built, the PDF it writes (pages,
 * where each section starts, the open follow-up in its text). Closing the
 * follow-up asks for a note; it then leaves the open list and the badge.
 * MOFA's installation offers only its own kind of meeting. axe-core
 * (WCAG 2.0/2.1/2.2 A and AA) on the list, the form and the pack dialog in
 * Korean and English; focus after save and close. Screenshots in
 * docs/screenshots/meetings-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../../contract/progress';
import { exportMeetings, importMeetings } from '../../db/meetings';
import { installationId } from '../../db/identity';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import { findTextProblems } from './support/text-fit';
import { axeViolations } from './support/axe';

const MOGEF: Installation = { role: 'coordinator', userName: '박총괄' };
const MOFA: Installation = { role: 'body', bodyCode: 'MOFA', userName: '김외교' };
const TITLE_2022 = '2022년 제3차 국가행동계획 부처 합동 점검 회의';
const TITLE_2023 = '2023년 제3차 국가행동계획 부처 합동 점검 회의';
const DECISION = '재외공관 대상 여성·평화·안보 교육을 2023년 상반기까지 전 공관으로 넓힌다.';
const FOLLOW_UP = '전 재외공관 교육 계획을 세우고 결과를 다음 회의에 보고';
const CLOSING = '2023년 5월까지 165개 공관 교육 완료, 결과 보고서 제출';

let coord: RunningApp;
let mofa: RunningApp;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'nap-meetings-out-'));
/** Whether pack:build answered with a job (helper P's service wired in) or NOT_FOUND (not yet). */
let packBuilt: 'built' | 'not_built' | 'unknown' = 'unknown';
let reportBuilt: 'built' | 'not_built' | 'unknown' = 'unknown';
/** Violations axe found on the way (the report dialog), checked with the others in the last test. */
const found: string[] = [];

async function setUp(app: RunningApp, installation: Installation): Promise<void> {
  const r = app.core.dispatcher('setup:initialize', installation, { url: app.page.url() });
  expect(r.ok).toBe(true);
  await app.page.reload();
}

/** A channel's answer straight from the dispatcher (what the database holds now). */
function ask<T>(app: RunningApp, channel: string, payload: unknown): T {
  const r = app.core.dispatcher(channel, payload, { url: app.page.url() }) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

function periodIdOf(app: RunningApp, year: number): number {
  const row = app.core.db.prepare('SELECT id FROM reporting_period WHERE year = ?').get(year) as { id: number } | undefined;
  if (!row) throw new Error(`no period ${year}`);
  return row.id;
}

async function openMeetings(page: Page): Promise<void> {
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('meetings-view').waitFor();
}

function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? (el?.hasAttribute('data-decision-uid') ? 'decision-text-shown' : null) ?? el?.id ?? null;
  });
}

async function fillMeeting(page: Page, fields: { year: number; date: string; title: string; place: string }): Promise<void> {
  const form = page.getByTestId('meeting-form');
  await form.getByTestId('meeting-period').selectOption({ label: `${fields.year}년` });
  await form.getByTestId('meeting-date').fill(fields.date);
  await form.getByTestId('meeting-title').fill(fields.title);
  await form.getByTestId('meeting-place').fill(fields.place);
}

async function addParticipant(page: Page, p: { kind: string; body?: string; name: string; affiliation: string; role: string }): Promise<void> {
  const form = page.getByTestId('meeting-form');
  await form.getByTestId('participant-add').click();
  const row = form.getByTestId('participant-row').last();
  // The new row's first field took the focus.
  await expect.poll(() => focused(page)).toBe('participant-kind');
  await row.getByTestId('participant-kind').selectOption(p.kind);
  if (p.body) await row.getByTestId('participant-body').selectOption(p.body);
  await row.getByTestId('participant-name').fill(p.name);
  await row.getByTestId('participant-affiliation').fill(p.affiliation);
  await row.getByTestId('participant-role').fill(p.role);
}

async function noClipping(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const view = document.querySelector('[data-testid="meetings-view"]')!;
    return { scroll: view.scrollWidth, client: view.clientWidth, window: document.scrollingElement?.scrollTop ?? 0 };
  });
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.window).toBe(0);
  expect(await page.evaluate(findTextProblems, '[data-testid="meetings-view"]')).toEqual([]);
}

/** axe-core on the whole document, injected through evaluate (the page's CSP stays as it ships). */
const axe = axeViolations;

/**
 * The screen's own words in the other language than their lang (WCAG 3.1.2), in Korean: an English word
 * (three lower-case letters or more) outside an element marked lang="en"; paths are left out (they are no language).
 */
function englishInKorean(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scope = document.querySelector('[data-testid="meetings-view"]');
    if (!scope) return ['no meetings-view'];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const el = node.parentElement;
      if (!el || text.trim() === '' || el.closest('[aria-hidden="true"], .mt-path, option')) continue;
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
      if (lang !== 'en' && /(^|[^A-Za-z])[a-z]{3,}/.test(text)) found.push(`${el.className || el.tagName}: ${text.trim().slice(0, 60)}`);
    }
    return found;
  });
}

beforeAll(async () => {
  coord = await launchApp({ viewport: { width: 1366, height: 768 } });
  await setUp(coord, MOGEF);
  mofa = await launchApp({ viewport: { width: 1366, height: 768 } });
  await setUp(mofa, MOFA);
});

afterAll(async () => {
  await coord?.close();
  await mofa?.close();
  await closeBrowser();
  fs.rmSync(outbox, { recursive: true, force: true });
});

describe('the Meetings screen', () => {
  it('MOGEF records the inter-ministerial meeting of 2022 with participants, a decision and a follow-up owned by MOFA', async () => {
    const page = coord.page;
    await openMeetings(page);
    // The coordinator records MOGEF's and the panel's meetings, not a body's own.
    const offered = await page.getByTestId('meetings-new').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
    expect(offered).toEqual(['new-meeting-inter_ministerial', 'new-meeting-civic_panel']);
    await page.getByTestId('meetings-year').selectOption({ label: '2022년' });
    await page.getByTestId('meetings-empty').waitFor();

    await page.getByTestId('new-meeting-inter_ministerial').click();
    const form = page.getByTestId('meeting-form');
    await form.waitFor();
    // Nothing typed yet: Save waits and says why.
    expect(await form.getByTestId('meeting-save').isDisabled()).toBe(true);
    expect(await form.getByTestId('meeting-why').innerText()).toContain('날짜');
    await fillMeeting(page, { year: 2022, date: '2022-11-24', title: TITLE_2022, place: '정부서울청사 별관 국제회의실' });
    await addParticipant(page, { kind: 'body', body: 'MOFA', name: '김외교', affiliation: '외교부 국제기구국', role: '담당 과장' });
    await addParticipant(page, { kind: 'civic_advisor', name: '이시민', affiliation: '한국여성단체연합', role: '민간 자문위원' });
    await addParticipant(page, { kind: 'expert', name: 'Dr. Jane Park', affiliation: 'Korea Institute for Gender Equality', role: '발제' });
    await form.getByTestId('meeting-agenda').fill('1. 2022년 이행 실적 점검\n2. 지연 과제 논의\n3. 2023년 중점 과제');
    await form.getByTestId('meeting-minutes').fill('각 기관이 2022년 실적을 보고하고, 지연된 과제의 원인과 대책을 논의하였다.');
    await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'meetings-form-ko');
    await noClipping(page);

    await form.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-saved').waitFor();
    // The result took the focus and was said.
    expect(await focused(page)).toBe('meeting-saved');
    await expect.poll(() => page.getByTestId('live-status').innerText()).toContain(TITLE_2022);
    const list = ask<{ uid: string; title: string }[]>(coord, 'meeting:list', { periodId: periodIdOf(coord, 2022) });
    expect(list.map((m) => m.title)).toEqual([TITLE_2022]);

    // A decision, then a follow-up owned by MOFA on one of MOFA's action plans.
    const decisions = page.getByTestId('meeting-decisions-panel');
    await decisions.getByTestId('decision-text').fill(DECISION);
    await decisions.getByTestId('decision-submit').click();
    await decisions.getByTestId('decision').first().waitFor();
    await expect.poll(() => focused(page)).toBe('decision-text-shown');
    const decision = decisions.getByTestId('decision').first();
    await decision.getByTestId('followup-open').click();
    await expect.poll(() => focused(page)).toBe('followup-owner');
    await decision.getByTestId('followup-owner').selectOption('MOFA');
    const code = await decision.getByTestId('followup-action').locator('option').nth(1).getAttribute('value');
    expect(code).toMatch(/^\d+\.\d+\.\d+$/);
    await decision.getByTestId('followup-action').selectOption(code!);
    await decision.getByTestId('followup-due').fill('2023-03-31');
    await decision.getByTestId('followup-text').fill(FOLLOW_UP);
    await decision.getByTestId('followup-submit').click();
    await decision.getByTestId('followup').first().waitFor();
    expect(await decision.getByTestId('followup').first().getAttribute('data-owner')).toBe('MOFA');
    expect(await decision.getByTestId('followup').first().getAttribute('data-state')).toBe('open');

    // Saved: after a reload, the meeting is there as it was typed.
    await page.reload();
    await openMeetings(page);
    await page.getByTestId('meetings-year').selectOption({ label: '2022년' });
    const item = page.getByTestId('meeting-item').filter({ hasText: TITLE_2022 });
    await item.waitFor();
    expect(await item.getByTestId('meeting-decisions').innerText()).toBe('결정 1건');
    expect(await item.getByTestId('meeting-open').innerText()).toBe('미결 후속 조치 1건');
    await item.click();
    await form.waitFor();
    expect(await form.getByTestId('meeting-title').inputValue()).toBe(TITLE_2022);
    expect(await form.getByTestId('meeting-date').inputValue()).toBe('2022-11-24');
    // Nothing changed yet: nothing to save.
    expect(await form.getByTestId('meeting-save').isDisabled()).toBe(true);
    expect(await form.getByTestId('participant-row').count()).toBe(3);
    expect(await form.getByTestId('participant-body').first().inputValue()).toBe('MOFA');
    expect(await form.getByTestId('participant-name').nth(2).inputValue()).toBe('Dr. Jane Park');
    expect(await page.getByTestId('meeting-decisions-panel').innerText()).toContain(DECISION);

    // The open follow-ups at the top (MOGEF: every body's, grouped by body) and the badge on the navigation.
    const open = page.getByTestId('open-followups');
    await open.waitFor();
    const group = open.locator('[data-testid="open-followups-group"][data-body="MOFA"]');
    expect(await group.innerText()).toContain(FOLLOW_UP);
    expect(await group.innerText()).toContain(`행동계획 ${code}`);
    await expect.poll(() => page.getByTestId('nav-meetings-badge').innerText()).toBe('1');
    expect(await page.getByTestId('nav-meetings').innerText()).toContain('1');
    // Seen from every screen: the badge stays on the Plan view.
    await page.getByTestId('nav-plan').click();
    expect(await page.getByTestId('nav-meetings-badge').innerText()).toBe('1');
    await openMeetings(page);
    await item.click();
    await form.waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="meetings-view"]')?.scrollTo(0, 0));
    await saveScreenshot(page, 'meetings-list-ko');
    await noClipping(page);
  });

  it('a second meeting, for 2023, has its pack dialog', async () => {
    const page = coord.page;
    await page.getByTestId('meetings-year').selectOption({ label: '2023년' });
    await page.getByTestId('new-meeting-inter_ministerial').click();
    await fillMeeting(page, { year: 2023, date: '2023-11-23', title: TITLE_2023, place: '정부서울청사' });
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-saved').waitFor();

    await page.getByTestId('pack-open').click();
    const dialog = page.getByTestId('pack-dialog');
    await dialog.waitFor();
    // The dialog's title took the focus.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('mt-dialog__title'))).toBe(true);
    const boxes = dialog.locator('[data-testid^="pack-section-"]');
    expect(await boxes.count()).toBe(9);
    for (let i = 0; i < 9; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    expect(await dialog.getByTestId('pack-scope-all').isChecked()).toBe(true);
    expect(await dialog.getByTestId('pack-language-ko').isChecked()).toBe(true);
    expect(await dialog.getByTestId('pack-orientation-portrait').isChecked()).toBe(true);
    // No path yet: Save waits and says why.
    expect(await dialog.getByTestId('pack-save').isDisabled()).toBe(true);
    // No system dialog here: the typed path shows and takes the focus; preview and print are not offered.
    await dialog.getByTestId('pack-path-choose').click();
    await dialog.getByTestId('pack-path-input').waitFor();
    expect(await focused(page)).toBe('pack-path-input');
    expect(await dialog.getByTestId('pack-print').count()).toBe(0);
    const file = path.join(outbox, 'pack-2023-ko.pdf');
    await dialog.getByTestId('pack-path-input').fill(path.join(outbox, 'pack-2023-ko'));
    expect(await dialog.getByTestId('pack-save').isDisabled()).toBe(true);
    await dialog.getByTestId('pack-path-input').fill(file);
    expect(await dialog.getByTestId('pack-save').isDisabled()).toBe(false);
    await saveScreenshot(page, 'meetings-pack-dialog-ko');

    await dialog.getByTestId('pack-save').click();
    const ended = dialog.locator('[data-testid="pack-result"], [data-testid="error-banner"], [data-testid="pack-failed"]');
    await ended.first().waitFor({ timeout: 60_000 });
    const banner = dialog.getByTestId('error-banner');
    if ((await banner.count()) > 0 && (await banner.getAttribute('data-code')) === 'NOT_FOUND') {
      // pack:build is not built yet in this tree (helper P): the dialog says so in words.
      packBuilt = 'not_built';
      expect(await banner.innerText()).toContain('PDF 만들기 기능이 아직 준비되지 않았습니다');
      console.warn('meetings.test: pack:build answered NOT_FOUND; the PDF is not asserted');
    } else {
      packBuilt = 'built';
      const result = dialog.getByTestId('pack-result');
      await result.waitFor();
      expect(await focused(page)).toBe('pack-result');
      const pages = Number(await result.getAttribute('data-pages'));
      expect(pages).toBeGreaterThan(1);
      expect(await result.getAttribute('data-path')).toBe(file);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      const sections = await result.getByTestId('pack-result-section').evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-id'), page: Number(r.getAttribute('data-page')) })));
      expect(sections.length).toBeGreaterThanOrEqual(5);
      for (const s of sections) expect(s.page).toBeGreaterThanOrEqual(1);
      // Next year's pack shows the follow-up still open.
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, ' ')).toContain(FOLLOW_UP);
      expect(await dialog.getByTestId('pack-preview').count()).toBe(0);
      await saveScreenshot(page, 'meetings-pack-result-ko');
    }
    console.info(`meetings.test: pack:build ${packBuilt}`);
    // Closing the dialog gives the focus back to the button that opened it.
    await dialog.getByTestId('pack-close').click();
    expect(await dialog.count()).toBe(0);
    expect(await focused(page)).toBe('pack-open');
  });

  it('a failed save keeps what was typed; after a conflict the fields typed go over the newer meeting', async () => {
    const page = coord.page;
    await page.getByTestId('meetings-year').selectOption({ label: '2023년' });
    await page.getByTestId('meeting-item').filter({ hasText: TITLE_2023 }).click();
    const form = page.getByTestId('meeting-form');
    await expect.poll(() => form.getByTestId('meeting-title').inputValue()).toBe(TITLE_2023);
    const uid = (await form.getAttribute('data-key'))!;
    await form.getByTestId('meeting-place').fill('정부세종청사 6동 대회의실');
    await form.getByTestId('meeting-agenda').fill('1. 2023년 이행 실적 점검');
    // The database refuses writes for a moment: the save fails, says so, and nothing typed is lost.
    coord.core.db.pragma('query_only = ON');
    try {
      await form.getByTestId('meeting-save').click();
      await form.getByTestId('error-banner').waitFor();
      expect(await form.getByTestId('error-banner').getAttribute('data-code')).toBe('UNAVAILABLE');
      expect(await form.getByTestId('error-banner').innerText()).toContain('입력한 내용은 그대로 있으니');
    } finally {
      coord.core.db.pragma('query_only = OFF');
    }
    // Dismissing the error removes the focused button: the focus goes to the form's heading, not to <body>.
    await form.getByTestId('error-dismiss').focus();
    await page.keyboard.press('Enter');
    await form.getByTestId('error-banner').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none')).toMatch(/^H[1-3]$/);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="meeting-form"]') !== null)).toBe(true);
    expect(await form.getByTestId('meeting-place').inputValue()).toBe('정부세종청사 6동 대회의실');
    expect(await form.getByTestId('meeting-agenda').inputValue()).toBe('1. 2023년 이행 실적 점검');
    expect(ask<{ place: string }>(coord, 'meeting:get', { uid }).place).toBe('정부서울청사');

    // Meanwhile the meeting is changed elsewhere (its title): Save meets a newer revision.
    const before = ask<{ revision: number; kind: string; bodyCode: string | null; periodId: number; date: string; title: string; place: string; participants: unknown[]; agenda: string; minutes: string }>(coord, 'meeting:get', { uid });
    const renamed = `${TITLE_2023} (확정)`;
    ask(coord, 'meeting:save', {
      uid,
      baseRevision: before.revision,
      draft: { kind: before.kind, bodyCode: before.bodyCode, periodId: before.periodId, date: before.date, title: renamed, place: before.place, participants: before.participants, agenda: before.agenda, minutes: before.minutes },
    });
    await form.getByTestId('meeting-save').click();
    const conflict = page.getByTestId('meeting-conflict');
    await conflict.waitFor();
    expect(await focused(page)).toBe('meeting-conflict');
    expect(await conflict.innerText()).toContain('다른 곳에서 바뀌었습니다');
    // The newer meeting is shown; what was typed comes back over it, field by field.
    expect(await form.getByTestId('meeting-title').inputValue()).toBe(renamed);
    expect(await form.getByTestId('meeting-place').inputValue()).toBe('정부서울청사');
    await conflict.getByTestId('meeting-apply-kept').click();
    expect(await form.getByTestId('meeting-title').inputValue()).toBe(renamed);
    expect(await form.getByTestId('meeting-place').inputValue()).toBe('정부세종청사 6동 대회의실');
    expect(await form.getByTestId('meeting-agenda').inputValue()).toBe('1. 2023년 이행 실적 점검');
    await form.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-saved').waitFor();
    const after = ask<{ title: string; place: string; agenda: string }>(coord, 'meeting:get', { uid });
    expect(after).toMatchObject({ title: renamed, place: '정부세종청사 6동 대회의실', agenda: '1. 2023년 이행 실적 점검' });
  });

  it("MOGEF's meeting reaches MOFA with the request: read only there, saying so; MOFA sees its follow-up from every screen and moves it on", async () => {
    const payload = exportMeetings(coord.core.db, { bodyCode: 'MOFA', periodId: periodIdOf(coord, 2022), direction: 'request' });
    const counts = mofa.core.db.transaction(() => importMeetings(mofa.core.db, payload, { installationId: installationId(coord.core.db), role: 'coordinator', bodyCode: null }))();
    expect(counts.added).toBeGreaterThanOrEqual(1);
    const page = mofa.page;
    await page.reload();
    // The badge on the navigation, on the screen that opens first.
    await expect.poll(() => page.getByTestId('nav-meetings-badge').innerText()).toBe('1');
    await openMeetings(page);
    const open = page.getByTestId('open-followups');
    await open.waitFor();
    expect(await open.getByTestId('open-followups-heading').innerText()).toBe('우리 기관이 조치할 후속 조치 (1건)');
    expect(await open.innerText()).toContain(FOLLOW_UP);
    await open.getByTestId('followup-meeting').click();
    const shown = page.getByTestId('meeting-readonly');
    await shown.waitFor();
    expect(await shown.getByTestId('meeting-origin').innerText()).toContain('여성가족부가 기록한 회의로, 요청 엑셀 파일로 들어왔습니다');
    expect(await shown.innerText()).toContain('Dr. Jane Park');
    // Opened from the follow-up, the list shows the meeting's year, with the meeting marked.
    await expect.poll(() => page.getByTestId('meetings-year').inputValue()).toBe(String(periodIdOf(mofa, 2022)));
    expect(await page.getByTestId('meeting-item').first().getAttribute('aria-current')).toBe('true');
    expect(await page.getByTestId('meeting-item').first().innerText()).toContain('받은 회의');
    expect(await page.getByTestId('meeting-save').count()).toBe(0);
    expect(await page.getByTestId('decision-add').count()).toBe(0);
    expect(await page.getByTestId('followup-open').count()).toBe(0);
    // MOFA owns the follow-up: it moves it on, here in the meeting; the focus stays on it.
    const card = page.getByTestId('meeting-decisions-panel').getByTestId('followup').first();
    await card.getByTestId('followup-to-in_progress').click();
    await expect.poll(() => card.getAttribute('data-state')).toBe('in_progress');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-followup-uid'))).toBe(true);
    expect(ask<{ state: string }[]>(mofa, 'meeting:openFollowUps', { ownerBody: 'MOFA' }).map((f) => f.state)).toEqual(['in_progress']);
    await expect.poll(() => open.getByTestId('followup').first().getAttribute('data-state')).toBe('in_progress');
  });

  it('closing the follow-up asks for a note; then it leaves the open list and the badge', async () => {
    const page = coord.page;
    const open = page.getByTestId('open-followups');
    const card = open.getByTestId('followup').filter({ hasText: FOLLOW_UP });
    await card.getByTestId('followup-to-closed').click();
    await expect.poll(() => focused(page)).toBe('followup-close-note');
    expect(await card.getByTestId('followup-close-confirm').isDisabled()).toBe(true);
    await card.getByTestId('followup-close-note').fill(CLOSING);
    await card.getByTestId('followup-close-confirm').click();
    await open.getByTestId('open-followups-none').waitFor();
    await expect.poll(() => page.getByTestId('nav-meetings-badge').count()).toBe(0);
    // The focus went to the list's heading (the card left), and the change was said.
    expect(await focused(page)).toBe('open-followups-heading');
    await expect.poll(() => page.getByTestId('live-status').innerText()).toContain('종결');
    expect(ask<unknown[]>(coord, 'meeting:openFollowUps', { ownerBody: null })).toEqual([]);
    // The meeting of 2022 shows it closed, with its note.
    await page.getByTestId('meetings-year').selectOption({ label: '2022년' });
    const item = page.getByTestId('meeting-item').filter({ hasText: TITLE_2022 });
    await expect.poll(() => item.getByTestId('meeting-open').innerText()).toBe('미결 후속 조치 0건');
    await item.click();
    const closed = page.getByTestId('meeting-decisions-panel').getByTestId('followup').first();
    await expect.poll(() => closed.getAttribute('data-state')).toBe('closed');
    expect(await closed.getByTestId('followup-note').innerText()).toContain(CLOSING);
  });

  it('MOGEF builds the report to the Gender Equality Committee for the year into a folder', async () => {
    const page = coord.page;
    await page.getByTestId('meetings-year').selectOption({ label: '2022년' });
    await page.getByTestId('gec-report-open').click();
    const dialog = page.getByTestId('report-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('report-period').inputValue()).toBe(String(periodIdOf(coord, 2022)));
    expect(await dialog.getByTestId('pack-language-ko').isChecked()).toBe(true);
    expect(await dialog.getByTestId('pack-save').isDisabled()).toBe(true);
    await dialog.getByTestId('report-path-choose').click();
    await dialog.getByTestId('report-path-input').waitFor();
    const dir = fs.mkdtempSync(path.join(outbox, 'gec-'));
    await dialog.getByTestId('report-path-input').fill(dir);
    found.push(...(await axe(page, 'report dialog ko')));
    await dialog.getByTestId('pack-save').click();
    await dialog.locator('[data-testid="pack-result"], [data-testid="error-banner"], [data-testid="pack-failed"]').first().waitFor({ timeout: 120_000 });
    const banner = dialog.getByTestId('error-banner');
    if ((await banner.count()) > 0 && (await banner.getAttribute('data-code')) === 'NOT_FOUND') {
      reportBuilt = 'not_built';
    } else {
      reportBuilt = 'built';
      const result = dialog.getByTestId('pack-result');
      await result.waitFor();
      expect(Number(await result.getAttribute('data-pages'))).toBeGreaterThan(1);
      const files = fs.readdirSync(dir);
      for (const ext of ['.pdf', '.docx', '.xlsx']) expect(files.some((f) => f.endsWith(ext))).toBe(true);
      // The meeting's decision of 2022 is in the editable report (its text read back from the .docx).
      const docx = await JSZip.loadAsync(fs.readFileSync(path.join(dir, files.find((f) => f.endsWith('.docx'))!)));
      const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
      expect(xml.replace(/<[^>]+>/g, '')).toContain(DECISION);
      await saveScreenshot(page, 'meetings-report-result-ko');
    }
    console.info(`meetings.test: pack:buildReport ${reportBuilt}`);
    await dialog.getByTestId('pack-close').click();
    expect(await focused(page)).toBe('gec-report-open');
  });

  it("MOFA's installation offers only its own kind of meeting", async () => {
    const page = mofa.page;
    await openMeetings(page);
    const offered = await page.getByTestId('meetings-new').locator('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')));
    expect(offered).toEqual(['new-meeting-body']);
    expect(await page.getByTestId('gec-report-open').count()).toBe(0);
    await page.getByTestId('new-meeting-body').click();
    expect(await page.getByTestId('meeting-body').innerText()).toBe('외교부 (MOFA)');
    expect(await page.getByTestId('meeting-kind').getAttribute('data-kind')).toBe('body');
    await fillMeeting(page, { year: 2023, date: '2023-10-12', title: '외교부 2023년 자체 점검 회의', place: '외교부 회의실' });
    await addParticipant(page, { kind: 'expert', name: '최전문', affiliation: '국립외교원', role: '자문' });
    await page.getByTestId('meeting-save').click();
    await page.getByTestId('meeting-saved').waitFor();
    expect(ask<{ kind: string; bodyCode: string }[]>(mofa, 'meeting:list', { periodId: periodIdOf(mofa, 2023) })).toMatchObject([{ kind: 'body', bodyCode: 'MOFA' }]);
    // A body's own meeting: its pack is that body's by default.
    await page.getByTestId('pack-open').click();
    const dialog = page.getByTestId('pack-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('pack-scope-one').isChecked()).toBe(true);
    expect(await dialog.getByTestId('pack-scope-body').inputValue()).toBe('MOFA');
    await dialog.getByTestId('pack-close').click();
  });

  it('the list, the form and the pack dialog pass axe (WCAG 2.0/2.1/2.2 A and AA) in Korean and English', async () => {
    const page = coord.page;
    for (const language of ['ko', 'en'] as const) {
      await page.getByTestId(`lang-${language}`).click();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
      await openMeetings(page);
      await page.getByTestId('meetings-year').selectOption({ index: 1 });
      const item = page.getByTestId('meeting-item').filter({ hasText: TITLE_2022 });
      await item.click();
      await page.getByTestId('meeting-form').waitFor();
      found.push(...(await axe(page, `list+meeting ${language}`)));
      if (language === 'en') await saveScreenshot(page, 'meetings-list-en');
      // The follow-up form open on the decision, with the longest body name chosen.
      await page.getByTestId('followup-open').first().click();
      await page.getByTestId('followup-owner').selectOption('KOICA');
      found.push(...(await axe(page, `follow-up form ${language}`)));
      await noClipping(page);
      await page.getByTestId('new-meeting-civic_panel').click();
      await page.getByTestId('participant-add').click();
      found.push(...(await axe(page, `new form ${language}`)));
      if (language === 'ko') found.push(...(await englishInKorean(page)));
      await noClipping(page);
      await page.getByTestId('meeting-discard').click();
      await item.click();
      await page.getByTestId('pack-open').click();
      await page.getByTestId('pack-dialog').waitFor();
      await page.getByTestId('pack-scope-one').check();
      await page.getByTestId('pack-scope-body').selectOption('NUAC');
      found.push(...(await axe(page, `pack dialog ${language}`)));
      if (language === 'ko') {
        await page.getByTestId('pack-path-choose').click();
        found.push(...(await englishInKorean(page)));
      }
      expect(await page.evaluate(findTextProblems, '[data-testid="pack-dialog"]')).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('pack-dialog').count()).toBe(0);
      expect(await focused(page)).toBe('pack-open');
    }
    expect(found).toEqual([]);
    await page.getByTestId('lang-ko').click();
    expect(packBuilt).not.toBe('unknown');
  });
});
