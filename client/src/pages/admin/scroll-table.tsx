/**
 * A table that scrolls sideways on a phone rather than widening the page. The scrolling region
 * is named and reachable with Tab, so a keyboard user can scroll it with the arrow keys (WCAG
 * 2.1.1; axe's scrollable-region-focusable).
 */
import type { ReactNode } from 'react';

export function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <section> may not take the focus; this region must.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the region scrolls: the keyboard must reach it.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table">
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
