/**
 * axe-core on a page of the real renderer, injected through evaluate (the
 * page's CSP stays as it ships: no inline script, no relaxed policy), with
 * the tags of KWCAG 2.2 / WCAG 2.2 AA. One line per violating node, naming
 * the screen, the rule, the node and what to fix; an empty list passes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The violations axe finds on the whole document as it is now. */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const a = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await a.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
  }, AXE_TAGS);
  return violations.flatMap((v) => v.nodes.map((n) => `[${screen}] ${v.id} (${v.impact ?? '?'}) ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
}
