/** Page object for the Progress view: setup, my action plans, the entry form, review. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export class ProgressPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-progress').click();
    await this.page.getByTestId('progress-view').waitFor();
  }

  async setUpAsBody(bodyCode: string, userName: string): Promise<void> {
    const form = this.page.getByTestId('setup-form');
    await form.waitFor();
    await form.getByTestId('setup-role-body').check();
    await form.getByTestId('setup-body').selectOption(bodyCode);
    await form.getByTestId('setup-name').fill(userName);
    await form.getByTestId('setup-submit').click();
    await expect.poll(() => this.page.getByTestId('installation-badge').innerText()).toContain(bodyCode);
  }

  async setUpAsCoordinator(userName: string): Promise<void> {
    const form = this.page.getByTestId('setup-form');
    await form.waitFor();
    await form.getByTestId('setup-role-coordinator').check();
    await form.getByTestId('setup-name').fill(userName);
    await form.getByTestId('setup-submit').click();
    await expect.poll(() => this.page.getByTestId('installation-badge').innerText()).toContain(userName);
  }

  /** Chooses the reporting year ("2022년" in Korean, "2022" in English). */
  async choosePeriod(year: number): Promise<void> {
    const select = this.page.getByTestId('period-select');
    const value = await select.evaluate(
      (el, y) => [...(el as HTMLSelectElement).options].find((o) => o.text.trim().startsWith(String(y)))?.value ?? null,
      year,
    );
    if (value === null) throw new Error(`no reporting period ${year} in the period select`);
    await select.selectOption(value);
  }

  async openMyItem(code: string): Promise<void> {
    await this.page.getByTestId(`my-item-${code}`).click();
    await this.page.getByTestId('entry-form').waitFor();
  }

  /** Waits until the form says every change is saved. */
  async saved(): Promise<void> {
    await expect.poll(() => this.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
  }

  async fillEntry(values: { completion: string; delayed: 'yes' | 'no'; achievements: string; nextSteps: string }): Promise<void> {
    const form = this.page.getByTestId('entry-form');
    await form.getByTestId('field-completion').selectOption(values.completion);
    await form.getByTestId('field-delayed').selectOption(values.delayed);
    await form.getByTestId('field-achievements').click();
    await this.page.keyboard.type(values.achievements);
    await form.getByTestId('field-next-steps').click();
    await this.page.keyboard.type(values.nextSteps);
    await this.saved();
  }

  async closeEntry(): Promise<void> {
    await this.page.getByTestId('entry-close').click();
    await this.page.getByTestId('entry-form').waitFor({ state: 'detached' });
  }

  /** The confirmation dialog open now: its text, then confirm (or cancel) it and wait until it is gone. */
  async answerConfirm(confirm = true): Promise<string> {
    const dialog = this.page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    const text = await dialog.innerText();
    await dialog.getByTestId(confirm ? 'confirm-ok' : 'confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    return text;
  }

  /** Submits the report shown in My action plans, through its confirmation; returns the confirmation's text. */
  async submit(): Promise<string> {
    await this.page.getByTestId('submit-report').click();
    return this.answerConfirm();
  }

  /** The coordinator's decision on the report shown in the review, through its confirmation. */
  async decide(action: 'accept' | 'return' | 'reopen', text?: string): Promise<string> {
    if (text !== undefined) await this.page.getByTestId(action === 'accept' ? 'accept-note' : 'return-reason').fill(text);
    await this.page.getByTestId(`report-${action}`).click();
    return this.answerConfirm();
  }

  /** The reporting year chosen in the selector, and the text of its option. */
  async shownPeriod(): Promise<{ year: number; text: string }> {
    return this.page.getByTestId('period-select').evaluate((el) => {
      const select = el as HTMLSelectElement;
      const text = select.selectedOptions[0]?.text ?? '';
      return { year: Number(/\d{4}/.exec(text)?.[0] ?? NaN), text };
    });
  }

  status(): Promise<string | null> {
    return this.page.getByTestId('report-status').getAttribute('data-status');
  }
}
