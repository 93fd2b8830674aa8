/**
 * No text is cut off, spills out of its box or breaks inside a word, at the
 * two screen sizes ministries use (1366×768 laptops, 1920×1080 monitors), in
 * Korean and English, on every screen a user meets: the Plan view, Settings,
 * the Progress screens (set-up, a body's action plans, an entry form, the
 * coordinator's review list), the matrices by body and by year, and the
 * dashboard.
 *
 * The check runs in the page over every visible element that holds text
 * (buttons, labels, headings, cells, badges, chart labels) and every select:
 * - its content is no wider than its box (scrollWidth ≤ clientWidth + 1 px),
 *   and no ancestor that hides overflow cuts it, and it does not run past the
 *   window's edge outside a scrolling container;
 * - each of a select's options fits the select, whichever is chosen;
 * - an SVG label stays inside its chart;
 * - no word is laid out on two lines (only a token too long for any line,
 *   such as a path, may break).
 * A text shortened on purpose (text-overflow: ellipsis or a line clamp) is
 * accepted only with a title of its own that holds its full text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resetInstallation } from '../../db/installation';
import { fill2022 } from './support/filled-year';
import { textProblems } from './support/text-fit';
import { closeBrowser, launchApp, type RunningApp } from './support/harness';
import { ProgressPage } from './pages/progress';

interface Problem {
  screen: string;
  what: string;
  element: string;
}

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

for (const viewport of VIEWPORTS) {
  describe(`no clipped text at ${viewport.width}×${viewport.height}`, () => {
    let app: RunningApp;
    let progress: ProgressPage;
    const problems: Problem[] = [];

    async function check(screen: string, scope = '#root'): Promise<void> {
      const found = await textProblems(app.page, scope);
      for (const p of found) problems.push({ screen, ...p });
    }

    async function waitReady(testId: string): Promise<void> {
      await app.page.locator(`[data-testid="${testId}"][data-state="ready"]`).waitFor();
    }

    async function useLanguage(page: Page, language: 'ko' | 'en'): Promise<void> {
      await page.getByTestId(`lang-${language}`).click();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe(language);
    }

    /** As main's File → Change installation… does. */
    async function forgetInstallation(): Promise<void> {
      resetInstallation(app.core.db);
      await app.page.reload();
      await progress.open();
    }

    beforeAll(async () => {
      app = await launchApp({ viewport });
      fill2022(app.core.db);
      resetInstallation(app.core.db);
      await app.page.reload();
      progress = new ProgressPage(app.page);
    });
    afterAll(async () => {
      await app.close();
    });
    afterEach(() => {
      problems.length = 0;
    });

    for (const language of ['ko', 'en'] as const) {
      it(`in ${language === 'ko' ? 'Korean' : 'English'}`, async () => {
        const { page } = app;
        await page.getByTestId('nav-plan').click();
        await useLanguage(page, language);

        await waitReady('plan-view');
        await page.getByTestId('action-5.1.4').click();
        await page.getByTestId('detail-code').waitFor();
        await check('plan view');

        await page.getByTestId('nav-settings').click();
        await page.getByTestId('settings-view').waitFor();
        await check('settings');

        await forgetInstallation();
        await page.getByTestId('setup-form').waitFor();
        await check('progress: set-up form');

        await progress.setUpAsBody('MOFA', language === 'ko' ? '김외교' : 'Kim Oegyo');
        await progress.choosePeriod(2022);
        await page.getByTestId('my-item-5.1.4').waitFor();
        await check('progress: my action plans (MOFA)');
        await progress.openMyItem('5.1.4');
        await check('progress: entry form (MOFA 5.1.4)');
        await progress.closeEntry();

        await forgetInstallation();
        await progress.setUpAsCoordinator(language === 'ko' ? '박조정' : 'Park Jojeong');
        await progress.choosePeriod(2022);
        await page.getByTestId('tab-review').click();
        await page.getByTestId('review-list').waitFor();
        await check('progress: review list');

        await page.getByTestId('tab-matrix').click();
        await page.getByTestId('matrix-mode-bodies').click();
        await waitReady('matrix-view');
        await check('matrix by body');
        await page.getByTestId('matrix-mode-periods').click();
        await waitReady('matrix-view');
        await check('matrix by year');
        await page.getByTestId('matrix-mode-bodies').click();

        await page.getByTestId('tab-dashboard').click();
        await waitReady('dashboard-view');
        await check('dashboard');

        expect(problems).toEqual([]);
        expect(app.pageErrors).toEqual([]);
      });
    }
  });
}

afterAll(async () => {
  await closeBrowser();
});
