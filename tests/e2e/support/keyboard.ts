/**
 * Moving through a page with the keyboard alone, as a person without a mouse or a touch screen
 * does: Tab and Shift+Tab from one control to the next, Enter and Space to act, arrows inside a
 * group of radio buttons or a list. Locators only say where a person wants to go; every move and
 * every action is a key press.
 *
 * At every stop on the way, the control that has the focus must show it (WCAG 2.4.7 "Focus
 * visible") and must not be hidden by something drawn over it, such as a sticky banner (WCAG
 * 2.2 2.4.11 "Focus not obscured").
 */
import type { Locator, Page } from 'playwright-core';

/** What a stop on the way looked like, for messages and for the sweep's report. */
export interface FocusStop {
  /** `button "Se connecter"`, `a "Mes badges"`, `input[checkbox] "Acquis"`… */
  name: string;
  /** Why the focus cannot be seen, when it cannot. */
  problem?: string;
}

/**
 * Describes the focused element and checks, in the page, that its focus can be seen: an outline
 * of at least 2 px, or a box shadow, on the element itself; for a control drawn in SVG (the
 * skill graph), a focus stroke on its shape; for a native control hidden behind its label (a
 * custom checkbox or radio), the ring on that label. Then that some part of it is on screen and
 * not covered by another element.
 */
export function focusedStop(page: Page): Promise<FocusStop | undefined> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (element === null || element === document.body || element === document.documentElement) {
      return undefined;
    }
    const tag = element.tagName.toLowerCase();
    const type = element instanceof HTMLInputElement ? `[${element.type}]` : '';
    const label =
      element.getAttribute('aria-label') ??
      (element instanceof HTMLInputElement ||
      element instanceof HTMLSelectElement ||
      element instanceof HTMLTextAreaElement
        ? Array.from(element.labels ?? [])
            .map((l) => l.textContent ?? '')
            .join(' ')
        : element.textContent) ??
      '';
    const name = `${tag}${type} "${label.replace(/\s+/g, ' ').trim().slice(0, 60)}"`;

    /** A ring drawn by the element's own style. */
    const ringOf = (target: Element): boolean => {
      const style = getComputedStyle(target);
      const outline =
        style.outlineStyle !== 'none' &&
        Number.parseFloat(style.outlineWidth) >= 2 &&
        !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(style.outlineColor);
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      return outline || shadow;
    };
    /** An SVG control shows its focus by the stroke of one of its shapes. */
    const svgRing = (target: Element): boolean =>
      Array.from(target.querySelectorAll('rect, circle, path, ellipse')).some((shape) => {
        const style = getComputedStyle(shape);
        return style.stroke !== 'none' && Number.parseFloat(style.strokeWidth) >= 2;
      });
    const labels =
      element instanceof HTMLInputElement ? Array.from(element.labels ?? []) : ([] as Element[]);
    const visible =
      ringOf(element) ||
      (element instanceof SVGElement && svgRing(element)) ||
      labels.some((l) => ringOf(l));
    if (!visible) return { name, problem: 'no focus ring (outline or shadow) can be seen' };

    // Something of it on screen, not hidden under another element. A native control hidden
    // behind its label counts through the label.
    const boxes = [element, ...labels]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    const seen = boxes.some((r) => {
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + 2, r.top + 2],
        [r.right - 2, r.bottom - 2],
      ];
      return points.some(([x = 0, y = 0]) => {
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
        const top = document.elementFromPoint(x, y);
        return (
          top !== null &&
          (element.contains(top) || top.contains(element) || labels.some((l) => l.contains(top)))
        );
      });
    });
    if (!seen) return { name, problem: 'the focused control is off screen or covered' };
    return { name };
  });
}

/**
 * Waits until nothing on the page says it is loading: content that arrives after the focus has
 * moved pushes the focused control about, which is not what a stop should be judged on.
 */
export async function settled(page: Page): Promise<void> {
  await page
    .locator('[aria-busy="true"], .loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking every stop on the way.
 *
 * @param page the page.
 * @param target where the person wants to go (one element).
 * @param where a name for failure messages.
 * @param options `backwards` for Shift+Tab; `max` key presses before giving up.
 * @throws when a stop shows no focus, or when `target` is not reached: the message lists the
 *   stops visited, so a missing `tabindex` or a trap is easy to see.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  where: string,
  options: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  // A target that is not on the page is a mistake in the test, not a keyboard trap: say so now.
  await target.waitFor({ state: 'attached', timeout: 15_000 });
  await settled(page);
  const path: string[] = [];
  for (let presses = 0; presses < (options.max ?? 150); presses++) {
    await page.keyboard.press(options.backwards === true ? 'Shift+Tab' : 'Tab');
    const stop = await focusedStop(page);
    if (stop !== undefined) {
      path.push(stop.name);
      if (stop.problem !== undefined) {
        throw new Error(`${where}: ${stop.name}: ${stop.problem}`);
      }
    }
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(
    `${where}: the keyboard never reached ${target.toString()}; stops:\n  ${path.join('\n  ')}`,
  );
}

/** Tabs to a control and presses a key on it (Enter by default: a link or a button). */
export async function tabAndPress(
  page: Page,
  target: Locator,
  where: string,
  key = 'Enter',
): Promise<void> {
  await tabTo(page, target, where);
  await page.keyboard.press(key);
}

/** Tabs to a text field and types into it, key by key. */
export async function tabAndType(
  page: Page,
  target: Locator,
  text: string,
  where: string,
): Promise<void> {
  await tabTo(page, target, where);
  await page.keyboard.type(text);
}

/** What one trip through a page with Tab found. */
export interface TabTrip {
  /** Every stop, in order. */
  stops: FocusStop[];
  /**
   * Controls on screen that Tab never reached: a link, button or field a keyboard cannot use.
   * Radio buttons other than a group's chosen one are not counted (the arrows reach them).
   */
  missed: string[];
}

/**
 * Tabs through the whole page once, from the top, and returns every stop and every visible
 * control the trip did not reach. Stops when the focus comes back to where it started or
 * leaves the page.
 */
export async function tabThroughPage(page: Page, max = 300): Promise<TabTrip> {
  await settled(page);
  // From the top, as on a page just opened: focus a mark placed before everything, then Tab.
  await page.evaluate(() => {
    const mark = document.createElement('span');
    mark.id = 'tab-trip-start';
    mark.tabIndex = -1;
    document.body.prepend(mark);
    mark.focus();
  });
  const stops: FocusStop[] = [];
  let first: string | undefined;
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const marker = await page.evaluate(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return undefined;
      if (!element.hasAttribute('data-tab-seen')) {
        element.setAttribute('data-tab-seen', String(Math.random()));
      }
      return element.getAttribute('data-tab-seen') ?? undefined;
    });
    if (marker === undefined || marker === first) break;
    first ??= marker;
    const stop = await focusedStop(page);
    if (stop !== undefined) stops.push(stop);
  }
  const missed = await page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
    );
    const left: string[] = [];
    for (const control of controls) {
      if (control.hasAttribute('data-tab-seen')) continue;
      if (control.matches(':disabled, [tabindex="-1"], [aria-hidden="true"] *')) continue;
      if (control instanceof HTMLInputElement && control.type === 'hidden') continue;
      // Another radio of a group whose chosen (or first) radio was reached.
      if (control instanceof HTMLInputElement && control.type === 'radio' && control.name) {
        const group = document.querySelectorAll(`input[type="radio"][name="${control.name}"]`);
        if (Array.from(group).some((r) => r.hasAttribute('data-tab-seen'))) continue;
      }
      const box = control.getBoundingClientRect();
      const style = getComputedStyle(control);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      left.push(
        `${control.tagName.toLowerCase()} "${(control.textContent ?? '').trim().slice(0, 50)}"`,
      );
    }
    for (const element of document.querySelectorAll('[data-tab-seen]')) {
      element.removeAttribute('data-tab-seen');
    }
    document.getElementById('tab-trip-start')?.remove();
    return left;
  });
  return { stops, missed };
}

/**
 * Chooses a radio button the way a keyboard does: Tab lands on the group's chosen radio (or its
 * first, when none is chosen yet), then the arrow keys move the choice along the group.
 *
 * @param group the radio group (a fieldset).
 * @param label the label of the radio to choose.
 */
export async function chooseRadio(
  page: Page,
  group: Locator,
  label: string,
  where: string,
): Promise<void> {
  const radios = group.locator('input[type="radio"]');
  const entry = (await group.locator('input[type="radio"]:checked').count()) > 0;
  await tabTo(page, entry ? group.locator('input:checked') : radios.first(), where);
  const wanted = group.getByLabel(label, { exact: true });
  const count = await radios.count();
  for (let presses = 0; presses <= count; presses++) {
    if (await wanted.isChecked()) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`${where}: the arrow keys never chose "${label}"`);
}
