/**
 * Small helpers to break a curriculum's YAML text in a known place and know which line the
 * problem must be reported at.
 */

/** 1-based number of the first line containing `needle`, after line `from` (1-based). */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) {
    if (lines[i]?.includes(needle)) return i + 1;
  }
  throw new Error(`"${needle}" not found in the text`);
}

/** Inserts `line` right after the first line containing `needle`; returns the new line's number. */
export function insertAfter(
  text: string,
  needle: string,
  line: string,
): { text: string; line: number } {
  const at = lineOf(text, needle);
  const lines = text.split('\n');
  lines.splice(at, 0, line);
  return { text: lines.join('\n'), line: at + 1 };
}

/** Replaces the first occurrence of `needle` (after line `from`); returns the line it was on. */
export function replaceOnce(
  text: string,
  needle: string,
  replacement: string,
  from = 0,
): { text: string; line: number } {
  const line = lineOf(text, needle, from);
  const lines = text.split('\n');
  lines[line - 1] = (lines[line - 1] ?? '').replace(needle, replacement);
  return { text: lines.join('\n'), line };
}
