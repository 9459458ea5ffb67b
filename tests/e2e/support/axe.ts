/**
 * Accessibility on every page visited: axe-core's own source is injected into the page (through
 * the DevTools protocol, which the page's content security policy does not block) and run on
 * the whole document with the WCAG 2.0/2.1/2.2 A and AA rules. Any violation fails the test,
 * with each rule, why it matters and the elements concerned.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

/** @returns the violations of the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    const results = await engine.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String),
        failureSummary: n.failureSummary ?? '',
      })),
    }));
  }, TAGS);
}

/**
 * @param page the page to check, as it is now.
 * @param where a name for the message (the page or the step).
 * @throws when axe finds any violation.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const details = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`)
          .join('\n')}`,
    )
    .join('\n');
  throw new Error(
    `axe: ${violations.length} violation(s) on ${where} (${page.url()}):\n${details}`,
  );
}
