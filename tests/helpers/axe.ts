import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The axe-core rule tags for WCAG 2.2 level AA (and the levels it includes). */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's WCAG 2.2 AA violations on a page, one line each: rule, impact, help, elements.
 *
 * axe-core runs in the page as its own documentation shows (its source injected, then
 * `axe.run`): @axe-core/playwright's wrapper spent a second a page on frame bookkeeping and an
 * extra blank page, for frames our pages do not have; axe itself takes 0.1–0.3 s.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_22_AA,
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The violations in the light and the dark colour scheme, judged on the page as it is drawn:
 * the page is loaded (and its scripts run) once, and its colours switched between the two runs.
 */
export async function axeViolationsInBothSchemes(page: Page): Promise<{ light: string[]; dark: string[] }> {
  const found = { light: [] as string[], dark: [] as string[] };
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    found[colorScheme] = await axeViolations(page);
  }
  return found;
}
