/**
 * The Plan view, end to end: the built renderer in Chromium, the real
 * handlers and a real database in a temp folder.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeBrowser, launchApp, saveScreenshot, type RunningApp } from './support/harness';
import type { Page } from 'playwright-core';

let app: RunningApp;

beforeEach(async () => {
  app = await launchApp();
});
afterEach(async () => {
  await app.close();
});
afterAll(async () => {
  await closeBrowser();
});

async function ready(page: Page) {
  await page.locator('[data-testid="plan-view"][data-state="ready"]').waitFor();
}

const actionItems = (page: Page) => page.locator('[data-testid^="action-"]:not([data-testid="action-detail"])');

describe('Plan view', () => {
  it('shows the seeded third plan from the database, in Korean', async () => {
    const { page } = app;
    await ready(page);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    await expect.poll(() => actionItems(page).count()).toBe(50);
    for (const seq of [1, 2, 3, 4, 5]) expect(await page.getByTestId(`area-${seq}`).count()).toBe(1);
    expect(await page.locator('[data-testid^="objective-"]').count()).toBe(11);
    expect(await page.locator('[data-testid^="strategy-"]').count()).toBe(24);
    expect(await page.getByTestId('area-1').innerText()).toContain('예방');
    expect(await page.getByTestId('plan-title').innerText()).toContain('제3차');
    expect(await page.getByTestId('action-11.1.1').locator('[data-testid="body-chip"]').count()).toBe(10);
    await saveScreenshot(page, 'plan-view-ko');
    expect(app.pageErrors).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });

  it('shows an action plan in detail with its strategy, objective, area and bodies', async () => {
    const { page } = app;
    await ready(page);
    await page.getByTestId('action-5.1.4').click();
    const detail = page.getByTestId('action-detail');
    await expect.poll(() => detail.getByTestId('detail-code').innerText()).toContain('5.1.4');
    expect(await detail.getByTestId('detail-text').innerText()).toContain('Ambassador for Gender Equality');
    expect(await detail.getByTestId('detail-strategy').innerText()).toContain('5.1');
    expect(await detail.getByTestId('detail-objective').innerText()).toContain('5');
    expect(await detail.getByTestId('detail-area').innerText()).toContain('참여');
    expect(await detail.getByTestId('detail-bodies').innerText()).toContain('외교부');
    // The body of 5.1.4 was reconstructed from the damaged table: the user is told.
    expect(await detail.getByTestId('reconstructed-badge').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'plan-view-detail-ko');
  });

  it('searches in Korean and English and filters by body', async () => {
    const { page } = app;
    await ready(page);
    await page.getByTestId('plan-search').fill('comfort women');
    await ready(page);
    await expect.poll(() => actionItems(page).count()).toBe(3);
    expect(await page.getByTestId('action-9.2.2').count()).toBe(1);
    expect(await page.getByTestId('area-1').count()).toBe(0);

    await page.getByTestId('plan-search').fill('법무부');
    await ready(page);
    await expect.poll(() => actionItems(page).count()).toBe(5);

    await page.getByTestId('plan-search').fill('');
    await page.getByTestId('body-filter').selectOption('MOE');
    await ready(page);
    await expect.poll(() => actionItems(page).count()).toBe(3);
    expect(await page.getByTestId('result-count').innerText()).toMatch(/3/);

    await page.getByTestId('plan-search').fill('zzzz-no-such-thing');
    await ready(page);
    await expect.poll(() => page.getByTestId('empty-state').count()).toBe(1);
  });

  it('switches to English and remembers it after a restart', async () => {
    const { page, dataDir } = app;
    await ready(page);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByTestId('area-1').innerText()).toContain('Prevention');
    expect(await page.getByTestId('nav-plan').innerText()).toMatch(/Plan/);
    await saveScreenshot(page, 'plan-view-en');
    await app.close({ keepData: true });

    app = await launchApp({ dataDir });
    await ready(app.page);
    expect(await app.page.getAttribute('html', 'lang')).toBe('en');
  });

  it('can be used by keyboard alone', async () => {
    const { page } = app;
    await ready(page);
    await page.getByTestId('action-1.1.1').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-code').innerText()).toContain('1.1.1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-code').innerText()).toContain('1.1.2');
    // Tab reaches the search field from the top of the page.
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 30 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'plan-search');
    }
    expect(reached).toBe(true);
  });

  it('on the first start, asks which body the installation reports for', async () => {
    const { page } = app;
    await ready(page);
    await page.getByTestId('setup-prompt').waitFor();
    await page.getByTestId('setup-prompt-go').click();
    await page.getByTestId('setup-form').waitFor();
    // Once set up, the prompt is gone.
    await page.getByTestId('setup-role-body').check();
    await page.getByTestId('setup-body').selectOption('MOFA');
    await page.getByTestId('setup-name').fill('김외교');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('installation-badge').waitFor();
    await page.getByTestId('nav-plan').click();
    await ready(page);
    expect(await page.getByTestId('setup-prompt').count()).toBe(0);
  });

  it('fits 1366×768 without horizontal scrolling', async () => {
    const { page } = app;
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
