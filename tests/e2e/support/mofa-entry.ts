/** An installation set up for MOFA, as the first start would, with its entry 3.1.1 of 2022 open in the form. */
import { expect } from 'vitest';
import { launchApp, type RunningApp } from './harness';
import { ProgressPage } from '../pages/progress';

export async function openMofaEntry(): Promise<{ app: RunningApp; progress: ProgressPage }> {
  const app = await launchApp();
  const progress = new ProgressPage(app.page);
  const r = app.core.dispatcher('setup:initialize', { role: 'body', bodyCode: 'MOFA', userName: '김외교' }, { url: `${app.page.url()}` });
  expect(r.ok).toBe(true);
  await app.page.reload();
  await progress.open();
  await progress.choosePeriod(2022);
  await progress.openMyItem('3.1.1');
  return { app, progress };
}
