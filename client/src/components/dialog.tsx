/**
 * A modal dialog for confirmations and short forms. While it is open the rest of the page is
 * `inert` (no click, no focus, hidden from screen readers); the focus moves into the dialog
 * (its first field, or the element given), Tab and Shift+Tab go round inside it, Escape closes
 * it, and when it closes the focus goes back to the control that opened it, so a keyboard user
 * carries on where they were.
 */
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useId,
  useLayoutEffect,
  useRef,
} from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** @returns the elements of `container` a Tab press can reach, in order. */
function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/**
 * Makes everything outside `keep` inert, as a modal dialog must.
 * @returns a function that gives the page back as it was.
 */
function inertOutside(keep: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (const child of document.body.children) {
    if (!(child instanceof HTMLElement) || child === keep || child.inert) continue;
    child.inert = true;
    // jsdom knows no `inert` property: the attribute is what browsers and tests both read.
    child.setAttribute('inert', '');
    changed.push(child);
  }
  return () => {
    for (const element of changed) {
      element.inert = false;
      element.removeAttribute('inert');
    }
  };
}

export interface DialogProps {
  /** The dialog's name, shown as its heading. */
  title: string;
  /** Escape, or a close button inside: the caller unmounts the dialog. */
  onClose: () => void;
  /** What takes the focus first (default: the first field or button inside). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** A sentence that describes the dialog, read with its name. */
  description?: ReactNode;
  children: ReactNode;
}

export function Dialog({ title, onClose, initialFocus, description, children }: DialogProps) {
  const id = useId();
  const backdrop = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  // A layout effect, so the page stops being inert and the focus goes back in the very commit
  // that removes the dialog: a passive effect's clean-up may run a task later, leaving a moment
  // with no dialog, an inert page and the focus on <body>.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening; `initialFocus` is read then.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const outer = backdrop.current;
    const inner = box.current;
    if (outer === null || inner === null) return;
    const restore = inertOutside(outer);
    (initialFocus?.current ?? focusableIn(inner)[0] ?? inner).focus();
    return () => {
      restore();
      // Back to the control that opened the dialog; when the action removed it (a member taken
      // out of a list), to the top of the page's content rather than nowhere.
      if (opener?.isConnected) opener.focus();
      else document.getElementById('contenu')?.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close.current();
      return;
    }
    if (event.key !== 'Tab' || box.current === null) return;
    const items = focusableIn(box.current);
    const first = items[0];
    const last = items.at(-1);
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop" ref={backdrop}>
      <div
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description === undefined ? undefined : `${id}-description`}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {description === undefined ? null : (
          <div id={`${id}-description`} className="dialog-description">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>,
    document.body,
  );
}
