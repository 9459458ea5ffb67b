/**
 * A small, careful XML scanner, enough to find and replace one element in an SVG: it checks
 * well-formedness (one root, matching tags, quoted attributes, no duplicate attributes), resolves
 * namespace prefixes, and reports tags with their exact offsets so callers can splice the
 * original text. It never resolves DTD entities or fetches anything, runs in linear time and
 * never throws. Written instead of a library because baking must edit the original text in
 * place, which DOM-style parsers cannot do without reserialising the whole image.
 */

import { decodeXmlText } from './xml-text.ts';

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface XmlAttribute {
  name: string;
  prefix: string | undefined;
  local: string;
  /** The value exactly as written (entities not expanded); decode it with decodeXmlText. */
  rawValue: string;
  /** Offsets of the raw value in the document (between the quotes). */
  valueStart: number;
  valueEnd: number;
}

export interface XmlStartTag {
  name: string;
  prefix: string | undefined;
  local: string;
  /** The element's namespace; null when none applies; undefined when its prefix is undeclared. */
  namespace: string | null | undefined;
  attributes: XmlAttribute[];
  /** Offset of `<`. */
  start: number;
  /** Offset just after `>`. */
  end: number;
  /** Offset of the `/>` or `>` that closes the tag (where new attributes can be inserted). */
  closeAt: number;
  selfClosing: boolean;
  /** 0 for the root element. */
  depth: number;
}

export interface XmlEndTag {
  name: string;
  start: number;
  end: number;
  depth: number;
}

export type XmlEvent =
  | { kind: 'start'; tag: XmlStartTag }
  | { kind: 'end'; tag: XmlEndTag }
  | { kind: 'text'; raw: string }
  | { kind: 'cdata'; value: string };

export type XmlScanResult = { ok: true; stopped: boolean } | { ok: false; detail: string };

/** A visitor returns true to stop the scan early. */
export type XmlVisitor = (event: XmlEvent) => boolean | undefined;

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_END = /[ \t\r\n/>=<"'&]/;
/** Deeper nesting is refused: real SVGs stay far below, and it bounds memory on hostile input. */
export const MAX_XML_DEPTH = 1000;
const NOTHING_DECLARED: readonly string[] = [];
// Every `&` in text or attribute values must start a syntactically valid reference.
const BAD_REFERENCE = /&(?![A-Za-z_:][\w.:\-\u00B7\u00C0-\uFFFF]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/;

/**
 * Scans an XML document from start to end (or until the visitor stops it).
 *
 * @param xml the whole document.
 * @param visit called for each start tag, end tag, text run and CDATA section inside the root.
 * @returns ok, or the first well-formedness problem found (never throws).
 */
export function scanXml(xml: string, visit: XmlVisitor): XmlScanResult {
  const bindings = new Map<string, (string | null)[]>([['xml', [XML_NAMESPACE]]]);
  const stack: { name: string; declared: readonly string[] }[] = [];
  let seenRoot = false;
  let seenDoctype = false;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (detail: string): XmlScanResult => ({ ok: false, detail: `${detail} at ${i}` });

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== '') return fail('text outside the root element');
      } else {
        if (BAD_REFERENCE.test(raw)) return fail('invalid "&" in text');
        if (visit({ kind: 'text', raw })) return { ok: true, stopped: true };
      }
      i = textEnd;
      continue;
    }
    // Here xml[i] === '<'.
    if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) return fail('unterminated comment');
      i = close + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const close = xml.indexOf(']]>', i + 9);
      if (close < 0) return fail('unterminated CDATA section');
      if (stack.length === 0) return fail('CDATA outside the root element');
      const value = xml.slice(i + 9, close).replace(/\r\n?/g, '\n');
      i = close + 3;
      if (visit({ kind: 'cdata', value })) return { ok: true, stopped: true };
    } else if (xml.startsWith('<?', i)) {
      const close = xml.indexOf('?>', i + 2);
      if (close < 0) return fail('unterminated processing instruction');
      i = close + 2;
    } else if (xml.startsWith('<!DOCTYPE', i)) {
      if (seenRoot || seenDoctype) return fail('misplaced DOCTYPE');
      seenDoctype = true;
      const close = skipDoctype(xml, i + 9);
      if (close < 0) return fail('unterminated DOCTYPE');
      i = close;
    } else if (xml.startsWith('</', i)) {
      const gt = xml.indexOf('>', i + 2);
      if (gt < 0) return fail('unterminated end tag');
      const name = xml.slice(i + 2, gt).trimEnd();
      const open = stack.pop();
      if (open === undefined || open.name !== name) {
        return fail(`end tag </${name}> does not match <${open?.name ?? ''}>`);
      }
      for (const prefix of open.declared) bindings.get(prefix)?.pop();
      const tag: XmlEndTag = { name, start: i, end: gt + 1, depth: stack.length };
      i = gt + 1;
      if (visit({ kind: 'end', tag })) return { ok: true, stopped: true };
    } else {
      if (stack.length === 0 && seenRoot) return fail('second root element');
      const parsed = parseStartTag(xml, i);
      if (typeof parsed === 'string') return fail(parsed);
      seenRoot = true;
      // Most elements declare nothing: share one empty list rather than allocate one each.
      let declared: string[] | undefined;
      for (const attribute of parsed.attributes) {
        const prefix = declaredPrefix(attribute);
        if (prefix === undefined) continue;
        declared ??= [];
        // An entity from the DTD is never expanded: keep it raw so it matches no known namespace.
        const value = decodeXmlText(attribute.rawValue, true) ?? attribute.rawValue;
        if (prefix !== '' && value === '') return fail(`empty namespace for prefix ${prefix}`);
        const list = bindings.get(prefix) ?? [];
        list.push(value === '' ? null : value);
        bindings.set(prefix, list);
        declared.push(prefix);
      }
      const tag = parsed;
      tag.namespace =
        tag.prefix === undefined
          ? (boundNamespace(bindings, '') ?? null)
          : boundNamespace(bindings, tag.prefix);
      tag.depth = stack.length;
      if (tag.selfClosing) {
        for (const prefix of declared ?? []) bindings.get(prefix)?.pop();
      } else {
        if (stack.length >= MAX_XML_DEPTH) {
          return fail(`elements nested deeper than ${MAX_XML_DEPTH}`);
        }
        stack.push({ name: tag.name, declared: declared ?? NOTHING_DECLARED });
      }
      i = parsed.end;
      if (visit({ kind: 'start', tag })) return { ok: true, stopped: true };
    }
  }
  if (!seenRoot) return fail('no root element');
  if (stack.length > 0) return fail(`element <${stack[stack.length - 1]?.name}> is not closed`);
  return { ok: true, stopped: false };
}

/**
 * @returns the start tag at `start` (which holds `<`), namespace and depth not yet set, or a
 *   description of what is wrong. Objects are built literally, not spread: spreading was the
 *   scanner's main cost on documents with many elements.
 */
function parseStartTag(xml: string, start: number): XmlStartTag | string {
  let i = start + 1;
  const name = readName(xml, i);
  if (name === undefined) return 'invalid element name';
  i += name.length;
  const attributes: XmlAttribute[] = [];
  const seen = new Set<string>();
  for (;;) {
    const afterSpace = skipSpace(xml, i);
    const c = xml[afterSpace];
    if (c === undefined) return 'unterminated start tag';
    if (c === '>' || (c === '/' && xml[afterSpace + 1] === '>')) {
      const selfClosing = c === '/';
      const end = afterSpace + (selfClosing ? 2 : 1);
      const qualified = splitName(name);
      if (qualified === undefined) return `invalid qualified name ${name}`;
      return {
        name,
        prefix: qualified.prefix,
        local: qualified.local,
        namespace: null,
        attributes,
        start,
        end,
        closeAt: afterSpace,
        selfClosing,
        depth: 0,
      };
    }
    if (afterSpace === i) return 'missing space before attribute';
    const attributeName = readName(xml, afterSpace);
    if (attributeName === undefined) return 'invalid attribute name';
    if (seen.has(attributeName)) return `duplicate attribute ${attributeName}`;
    seen.add(attributeName);
    const qualified = splitName(attributeName);
    if (qualified === undefined) return `invalid attribute name ${attributeName}`;
    let j = skipSpace(xml, afterSpace + attributeName.length);
    if (xml[j] !== '=') return `attribute ${attributeName} has no value`;
    j = skipSpace(xml, j + 1);
    const quote = xml[j];
    if (quote !== '"' && quote !== "'") return `attribute ${attributeName} value is not quoted`;
    const close = xml.indexOf(quote, j + 1);
    if (close < 0) return 'unterminated attribute value';
    const rawValue = xml.slice(j + 1, close);
    if (rawValue.includes('<')) return `"<" in attribute ${attributeName}`;
    if (BAD_REFERENCE.test(rawValue)) return `invalid "&" in attribute ${attributeName}`;
    attributes.push({
      name: attributeName,
      prefix: qualified.prefix,
      local: qualified.local,
      rawValue,
      valueStart: j + 1,
      valueEnd: close,
    });
    i = close + 1;
  }
}

/**
 * @returns the namespace a prefix ('' = default) is bound to in the current scope: null for
 *   none (`xmlns=""`), undefined when it was never declared.
 */
function boundNamespace(
  bindings: Map<string, (string | null)[]>,
  prefix: string,
): string | null | undefined {
  const list = bindings.get(prefix);
  return list && list.length > 0 ? list[list.length - 1] : undefined;
}

/** @returns the prefix an `xmlns` / `xmlns:p` attribute declares ('' = default), if it is one. */
function declaredPrefix(attribute: XmlAttribute): string | undefined {
  if (attribute.name === 'xmlns') return '';
  return attribute.prefix === 'xmlns' ? attribute.local : undefined;
}

function readName(xml: string, at: number): string | undefined {
  const first = xml[at];
  if (first === undefined || !NAME_START.test(first)) return undefined;
  let end = at + 1;
  while (end < xml.length && !NAME_END.test(xml[end] ?? '')) end++;
  return xml.slice(at, end);
}

function splitName(name: string): { prefix: string | undefined; local: string } | undefined {
  const colon = name.indexOf(':');
  if (colon < 0) return { prefix: undefined, local: name };
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (prefix === '' || local === '' || local.includes(':')) return undefined;
  return { prefix, local };
}

function skipSpace(xml: string, at: number): number {
  let i = at;
  while (i < xml.length && ' \t\r\n'.includes(xml[i] ?? '.')) i++;
  return i;
}

/**
 * Skips a DOCTYPE declaration, internal subset included, without interpreting it.
 *
 * @returns the offset just after its closing `>`, or -1 if it never ends.
 */
function skipDoctype(xml: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < xml.length) {
    const c = xml[i];
    if (c === '"' || c === "'") {
      const close = xml.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 3;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
    i++;
  }
  return -1;
}
