/**
 * The one <h1> of a page. It also names the browser tab and, after a move from another page,
 * takes the focus, so keyboard and screen-reader users start reading the new page at its top.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let focusOnNextHeading = false;

/** Called by the shell when the address changes (not on the first page load). */
export function focusNextPageHeading(): void {
  focusOnNextHeading = true;
}

/**
 * @param props.title the page's name, also in the browser tab.
 * @param props.children what to show instead of the plain title (optional).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (focusOnNextHeading) {
      focusOnNextHeading = false;
      ref.current?.focus();
    }
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
