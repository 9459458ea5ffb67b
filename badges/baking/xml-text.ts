/**
 * Escaping text into XML and reading it back. Only the five predefined entities and character
 * references are ever expanded: a document's own entities (DOCTYPE) are never resolved, so no
 * external entity or entity-expansion attack is possible.
 */

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  // Written as references because a parser would turn them into plain spaces.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
// A Map, not an object literal: `&constructor;` must not find Object.prototype.constructor.
const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
/** `&#1114111;` is the longest reference we expand (from `&` to `;`). */
const MAX_REFERENCE_LENGTH = 9;

/**
 * @param value any text.
 * @returns the text safe to place between tags.
 */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/**
 * @param value any text.
 * @returns the text safe to place inside a double- or single-quoted attribute value, with tabs
 *   and line breaks kept (not normalised to spaces).
 */
export function escapeXmlAttribute(value: string): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/**
 * Wraps text in CDATA sections. `]]>` cannot appear inside one, so each occurrence is split
 * between two sections (`]]` ends the first, `>` starts the next).
 *
 * @param value any text.
 * @returns one or more adjacent CDATA sections whose content is exactly `value`.
 */
export function toCdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Expands the predefined entities and character references of raw XML character data, after
 * normalising line ends as an XML parser does.
 *
 * @param raw text as it appears in the document.
 * @param inAttribute apply attribute-value normalisation (tabs and line breaks become spaces).
 * @returns the decoded text, or undefined if it uses another entity or an invalid reference.
 */
export function decodeXmlText(raw: string, inAttribute = false): string | undefined {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (inAttribute) text = text.replace(/[\t\n]/g, ' ');
  if (!text.includes('&')) return text;
  // A loop rather than replace(regex, callback): several times faster on entity-heavy input.
  const parts: string[] = [];
  let from = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
    const semicolon = text.indexOf(';', amp + 1);
    if (semicolon < 0 || semicolon - amp > MAX_REFERENCE_LENGTH) return undefined;
    const value = decodeReference(text.slice(amp + 1, semicolon));
    if (value === undefined) return undefined;
    parts.push(text.slice(from, amp), value);
    from = semicolon + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

function decodeReference(name: string): string | undefined {
  const predefined = PREDEFINED.get(name);
  if (predefined !== undefined) return predefined;
  const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(name);
  const dec = /^#([0-9]{1,7})$/.exec(name);
  const code = hex?.[1] ? Number.parseInt(hex[1], 16) : dec?.[1] ? Number.parseInt(dec[1], 10) : -1;
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * @param code a Unicode code point (a lone surrogate counts as its own code point).
 * @returns whether XML 1.0 allows it (`Char`), as text or through a character reference.
 */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
