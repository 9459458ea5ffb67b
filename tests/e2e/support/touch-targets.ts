/**
 * Touch targets: every control a finger has to hit — buttons, links, form fields, anything with
 * a button-like role — is at least 44 × 44 CSS pixels (issue 5; WCAG 2.5.5's size, stricter than
 * 2.5.8's 24). As WCAG allows, a link inside a sentence is exempt (the text around it sets its
 * size), and so are hidden controls and those the browser draws (a checkbox inside its label
 * counts through its label).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The smallest side a target may have, in CSS pixels. */
export const MIN_TARGET = 44;

/** @returns each control smaller than the minimum, described for a failure message. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=menuitem], [tabindex]:not([tabindex="-1"])';
    const problems: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let target: HTMLElement = element;
      // A checkbox or radio is hit through its label.
      if (element instanceof HTMLInputElement && /^(checkbox|radio)$/.test(element.type)) {
        target = element.closest('label') ?? element.labels?.[0] ?? element;
      }
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (visually hidden)
      if (target.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      // A link within a sentence: its paragraph or list item has other text around it.
      if (element.tagName === 'A' && style.display === 'inline') {
        const block = element.closest('p, li, td, dd, figcaption');
        const around = (block?.textContent ?? '').replace(element.textContent ?? '', '').trim();
        if (around.length > 0) continue;
      }
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '')
          .trim()
          .slice(0, 40);
        problems.push(
          `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${name}" is ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return problems;
  }, MIN_TARGET);
}

/** Fails when a control on the page is smaller than 44 × 44. */
export async function expectTouchTargets(page: Page, where: string): Promise<void> {
  expect(await smallTargets(page), `${where}: touch targets under ${MIN_TARGET} px`).toEqual([]);
}
