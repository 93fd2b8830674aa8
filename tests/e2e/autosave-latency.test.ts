/**
 * The entry form with main's answers slowed down (as on a busy laptop): what
 * the form shows as saved is what the database holds, whatever the user does
 * while a save is on its way.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, type RunningApp } from './support/harness';
import { openMofaEntry } from './support/mofa-entry';
import type { ProgressPage } from './pages/progress';

let app: RunningApp;
let progress: ProgressPage;

beforeEach(async () => {
  ({ app, progress } = await openMofaEntry());
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
});

function storedAchievements(): string | null {
  return (
    (app.core.db
      .prepare(
        `SELECT e.achievements FROM progress_entry e JOIN action_plan ap ON ap.id = e.action_plan_id
         JOIN implementing_body b ON b.id = e.body_id JOIN reporting_period rp ON rp.id = e.period_id
         WHERE ap.code = '3.1.1' AND b.code = 'MOFA' AND rp.year = 2022`,
      )
      .pluck()
      .get() as string | null | undefined) ?? null
  );
}

describe('autosave with a slow main', () => {
  it('Backspace while the save of "a" is on its way: never "saved" over "a"; the field stays empty after blur', async () => {
    const field = app.page.getByTestId('field-achievements');
    await field.click();
    app.setReplyDelay((channel) => (channel === 'progress:save' ? 1_500 : 0));
    await field.pressSequentially('a');
    // The save of "a" has reached the database; its answer is still on the way.
    await expect.poll(storedAchievements).toBe('a');
    await field.press('Backspace');
    // Watch the save state while the answer comes: each time it says saved, the database must match the field.
    const mismatches: string[] = [];
    const end = Date.now() + 5_000;
    while (Date.now() < end) {
      const state = await app.page.getByTestId('save-state').getAttribute('data-state');
      const value = await field.inputValue();
      const stored = storedAchievements();
      if (state === 'saved' && (stored ?? '') !== value) mismatches.push(`saved with field "${value}", database "${stored}"`);
      if (state === 'saved' && stored === null) break;
      await app.page.waitForTimeout(50);
    }
    expect(mismatches).toEqual([]);
    await progress.saved();
    expect(storedAchievements()).toBeNull();
    app.setReplyDelay(null);
    await app.page.keyboard.press('Tab');
    await progress.saved();
    expect(await field.inputValue()).toBe('');
    expect(storedAchievements()).toBeNull();
  });
});

describe('what an autosave costs', () => {
  it('one request: the save; its answer updates the form and the list, data:changed refetches nothing on screen', async () => {
    const field = app.page.getByTestId('field-achievements');
    await field.click();
    await field.pressSequentially('성과');
    await progress.saved();
    // Let any refetch that data:changed would start happen.
    await app.page.waitForTimeout(800);
    app.requests.length = 0;
    await field.pressSequentially(' 추가');
    await progress.saved();
    await app.page.waitForTimeout(800);
    expect(app.requests).toEqual(['progress:save']);
    expect(storedAchievements()).toBe('성과 추가');
    // The list took the answer: back in My action plans, the item counts the filled field, still with no request.
    await app.page.getByTestId('field-next-steps').fill('다음 단계');
    await progress.saved();
    await app.page.waitForTimeout(800);
    app.requests.length = 0;
    await progress.closeEntry();
    await expect.poll(() => app.page.getByTestId('completeness-3.1.1').textContent()).toMatch(/2\s*\/\s*4/);
    await app.page.waitForTimeout(500);
    expect(app.requests).toEqual([]);
  });
});
