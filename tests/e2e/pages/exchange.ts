/** The Exchange view as the end-to-end tests drive it. */
import type { Page } from 'playwright-core';

/** The Exchange view as a test drives it. */
export class ExchangePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-exchange').click();
    await this.page.getByTestId('exchange-view').waitFor();
  }

  /** "Choose…" finds no system dialog here (outside Electron): the path is typed. */
  async typePath(field: string, value: string): Promise<void> {
    await this.page.getByTestId(`${field}-choose`).click();
    const input = this.page.getByTestId(`${field}-input`);
    await input.waitFor();
    await input.fill(value);
  }

  async readFile(file: string): Promise<void> {
    await this.typePath('import-file', file);
    await this.page.getByTestId('import-read').click();
  }

  async previewShown(): Promise<void> {
    await this.page.getByTestId('import-preview').waitFor();
  }

  async apply(): Promise<string> {
    await this.page.getByTestId('import-apply').click();
    const notice = this.page.locator('[data-testid="import-notice"][data-kind="applied"]');
    await notice.waitFor();
    return notice.innerText();
  }

  field(code: string, field: string) {
    return this.page.locator(`[data-testid="preview-row"][data-code="${code}"] [data-testid="preview-field"][data-field="${field}"]`);
  }

  focused(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || null);
  }
}

