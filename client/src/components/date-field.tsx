/**
 * A date input that always shows where the focus is. Chromium gives the calendar button inside
 * a date field a Tab stop of its own, and while it has the focus the field matches neither
 * `:focus` nor `:focus-visible`, so no style can ring it (WCAG 2.4.7). The field notices that
 * state after each key and marks itself, and the style sheet rings it.
 */
import type { InputHTMLAttributes, KeyboardEvent } from 'react';
import { useState } from 'react';

export function DateField(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const [pickerFocused, setPickerFocused] = useState(false);
  const { className, onKeyUp, onBlur, ...rest } = props;
  return (
    <input
      {...rest}
      type="date"
      className={[className, pickerFocused ? 'picker-focused' : undefined]
        .filter(Boolean)
        .join(' ')}
      onKeyUp={(event: KeyboardEvent<HTMLInputElement>) => {
        const field = event.currentTarget;
        // The focus is still in this field (document-wise), but not on its own parts.
        setPickerFocused(document.activeElement === field && !field.matches(':focus'));
        onKeyUp?.(event);
      }}
      onBlur={(event) => {
        setPickerFocused(false);
        onBlur?.(event);
      }}
    />
  );
}
