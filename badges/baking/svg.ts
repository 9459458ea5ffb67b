/**
 * Baking a badge into an SVG and reading it back (openbadges.md §2.8, §3.9).
 * OB 2.0: `xmlns:openbadges="http://openbadges.org"` on <svg>, then right after the <svg> start
 * tag `<openbadges:assertion verify="…">` holding the Assertion JSON in CDATA (hosted) or nothing
 * (signed, the JWS is in `verify`). OB 3.0: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`
 * and `<openbadges:credential>` holding the credential JSON in CDATA, or `verify="<JWT>"` and an
 * empty body. Parsing uses our own small scanner (xml-scan.ts) so the image is edited in place
 * and no DTD entity is ever expanded.
 */
import { BakingError, type UnbakeFailure, unbakeFailure } from './failure.ts';
import { scanXml, type XmlStartTag } from './xml-scan.ts';
import { decodeXmlText, escapeXmlAttribute, toCdata } from './xml-text.ts';

export const OB2_SVG_NAMESPACE = 'http://openbadges.org';
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** Read, never written: some tools use the context-style IRI for the OB 3.0 element. */
const OB3_SVG_NAMESPACE_VARIANT = 'https://purl.imsglobal.org/spec/ob/v3p0';
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const PREFIX = 'openbadges';

/** Largest SVG we read or bake into (UTF-8 bytes). */
export const MAX_SVG_BYTES = 5 * 1024 * 1024;

export type SvgBakeInput =
  | { version: '2.0'; assertion: object }
  | { version: '2.0'; jws: string }
  | { version: '3.0'; credential: object }
  | { version: '3.0'; jwt: string };

export interface BakedSvgElement {
  /** From the element's namespace (or its name, when the prefix was never declared). */
  version: '2.0' | '3.0';
  element: 'assertion' | 'credential';
  /** The element's namespace; undefined when `openbadges:` was used without being declared. */
  namespace: string | undefined;
  /** The `verify` attribute (hosted URL, JWS or JWT), trimmed; absent when missing or empty. */
  verify?: string;
  /** The element's text (CDATA and escaped text joined), trimmed. */
  text: string;
  /** How many baked elements the image holds; the specification allows one. */
  occurrences: number;
}

export type UnbakeSvgResult = ({ ok: true } & BakedSvgElement) | UnbakeFailure;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Bakes a credential into an SVG, replacing any badge already baked in it (exactly one baked
 * element in the result) and declaring `xmlns:openbadges` on the root with the version's
 * namespace.
 *
 * @param svg an SVG document (at most 5 MiB).
 * @param baked what to bake: an OB 2.0 hosted Assertion (its `id` becomes `verify`) or JWS, an
 *   OB 3.0 credential with an embedded proof or a VC-JWT.
 * @returns the SVG text with the badge inside; the rest of the document is left untouched.
 * @throws BakingError if the SVG is not well-formed, or the payload cannot be baked.
 */
export function bakeSvg(svg: string, baked: SvgBakeInput): string {
  if (typeof svg !== 'string') throw new BakingError('invalid-image', 'SVG must be a string');
  if (tooLarge(svg)) throw new BakingError('too-large', `SVG is over ${MAX_SVG_BYTES} bytes`);
  const element = bakedElement(baked);
  const layout = locate(svg);
  if (!layout.ok)
    throw new BakingError('invalid-image', `cannot bake into this SVG: ${layout.detail}`);
  const { root, bakedRanges } = layout;
  const edits: { start: number; end: number; text: string }[] = [];
  const existing = root.attributes.find((a) => a.name === `xmlns:${PREFIX}`);
  const namespace = escapeXmlAttribute(element.namespace);
  if (existing) {
    edits.push({ start: existing.valueStart, end: existing.valueEnd, text: namespace });
  } else {
    edits.push({ start: root.closeAt, end: root.closeAt, text: ` xmlns:${PREFIX}="${namespace}"` });
  }
  if (root.selfClosing) {
    // <svg …/> becomes <svg …>element</svg>.
    edits.push({ start: root.closeAt, end: root.end, text: `>${element.markup}</${root.name}>` });
  } else {
    edits.push({ start: root.end, end: root.end, text: element.markup });
  }
  for (const range of bakedRanges) edits.push({ ...range, text: '' });
  // Applied from the end so earlier offsets stay valid; equal offsets keep their push order.
  let result = svg;
  const ordered = edits.map((edit, order) => ({ ...edit, order }));
  ordered.sort((a, b) => b.start - a.start || b.order - a.order);
  for (const edit of ordered) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/**
 * Reads the badge baked in an SVG: the first OB assertion/credential element, recognised by its
 * namespace whatever prefix declares it (and, leniently, by an undeclared `openbadges:` prefix).
 * The whole document must be well-formed XML with an <svg> root: a damaged file is reported as
 * such rather than half-read.
 *
 * @param svg any text (at most 5 MiB).
 * @returns the element's version, `verify` attribute and text, or a failure (never throws).
 */
export function unbakeSvg(svg: string): UnbakeSvgResult {
  if (typeof svg !== 'string') return unbakeFailure('not-svg', 'input is not text');
  if (tooLarge(svg)) return unbakeFailure('too-large', `SVG is over ${MAX_SVG_BYTES} bytes`);
  let rootSeen = false;
  let occurrences = 0;
  let first:
    | { tag: XmlStartTag; version: '2.0' | '3.0'; parts: string[]; open: boolean }
    | undefined;
  let undecodable = false;
  const scan = scanXml(svg, (event) => {
    if (event.kind === 'start') {
      if (!rootSeen) {
        rootSeen = true;
        if (!isSvgRoot(event.tag)) return true;
      }
      const version = bakedVersion(event.tag);
      if (version === undefined) return undefined;
      occurrences++;
      if (first === undefined) {
        first = { tag: event.tag, version, parts: [], open: !event.tag.selfClosing };
      }
      return undefined;
    }
    if (first?.open !== true) return undefined;
    if (event.kind === 'end') {
      if (event.tag.depth === first.tag.depth) first.open = false;
    } else if (event.kind === 'cdata') {
      first.parts.push(event.value);
    } else {
      const text = decodeXmlText(event.raw);
      if (text === undefined) undecodable = true;
      first.parts.push(text ?? '');
    }
    return undefined;
  });
  if (!scan.ok) return unbakeFailure('not-svg', `not well-formed XML: ${scan.detail}`);
  if (scan.stopped) return unbakeFailure('not-svg', 'the root element is not <svg>');
  // `first` is assigned inside the visitor, which TypeScript's narrowing cannot see.
  const found = first as typeof first;
  if (found === undefined) return unbakeFailure('not-baked', 'no Open Badges element in this SVG');
  if (undecodable) {
    return unbakeFailure('unreadable-text', 'the baked element uses an entity we do not expand');
  }
  const verify = verifyAttribute(found.tag);
  if (verify === null) {
    return unbakeFailure('unreadable-text', 'the verify attribute uses an entity we do not expand');
  }
  const result: BakedSvgElement = {
    version: found.version,
    element: found.tag.local === 'assertion' ? 'assertion' : 'credential',
    namespace: found.tag.namespace ?? undefined,
    text: found.parts.join('').trim(),
    occurrences,
  };
  if (verify !== undefined && verify !== '') result.verify = verify;
  return { ok: true, ...result };
}

/** The markup to insert and the namespace it needs on the root. */
function bakedElement(baked: SvgBakeInput): { namespace: string; markup: string } {
  if (baked.version === '2.0' && 'jws' in baked) {
    return { namespace: OB2_SVG_NAMESPACE, markup: markup('assertion', compactJws(baked.jws), '') };
  }
  if (baked.version === '2.0' && 'assertion' in baked) {
    const id = (baked.assertion as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '') {
      throw new BakingError('invalid-payload', 'a hosted Assertion needs its URL as id');
    }
    const body = toCdata(jsonText(baked.assertion));
    return { namespace: OB2_SVG_NAMESPACE, markup: markup('assertion', id, body) };
  }
  if (baked.version === '3.0' && 'jwt' in baked) {
    return {
      namespace: OB3_SVG_NAMESPACE,
      markup: markup('credential', compactJws(baked.jwt), ''),
    };
  }
  if (baked.version === '3.0' && 'credential' in baked) {
    const body = toCdata(jsonText(baked.credential));
    return { namespace: OB3_SVG_NAMESPACE, markup: markup('credential', undefined, body) };
  }
  throw new BakingError('invalid-payload', 'unknown kind of badge to bake');
}

function markup(element: string, verify: string | undefined, body: string): string {
  const attribute = verify === undefined ? '' : ` verify="${escapeXmlAttribute(verify)}"`;
  return `<${PREFIX}:${element}${attribute}>${body}</${PREFIX}:${element}>`;
}

function compactJws(value: unknown): string {
  if (typeof value !== 'string' || !COMPACT_JWS.test(value)) {
    throw new BakingError('invalid-payload', 'expected a compact JWS (three base64url parts)');
  }
  return value;
}

/** @returns the object as JSON text that is also valid XML character data. */
function jsonText(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BakingError('invalid-payload', 'the credential must be a JSON object');
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new BakingError('invalid-payload', `the credential is not JSON: ${String(error)}`);
  }
  // U+FFFE/U+FFFF are not XML characters; in JSON they can only sit in strings, where an escape
  // means the same thing. JSON.stringify already escapes control characters and lone surrogates.
  return json.replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

type Layout =
  | { ok: true; root: XmlStartTag; bakedRanges: { start: number; end: number }[] }
  | { ok: false; detail: string };

/** Finds the root <svg> start tag and the full extent of every baked element (outermost only). */
function locate(svg: string): Layout {
  let root: XmlStartTag | undefined;
  const bakedRanges: { start: number; end: number }[] = [];
  let open: { start: number; depth: number } | undefined;
  const scan = scanXml(svg, (event) => {
    if (event.kind === 'start') {
      if (root === undefined) {
        root = event.tag;
        return isSvgRoot(event.tag) ? undefined : true;
      }
      if (open !== undefined || !replaceable(event.tag)) return undefined;
      if (event.tag.selfClosing) bakedRanges.push({ start: event.tag.start, end: event.tag.end });
      else open = { start: event.tag.start, depth: event.tag.depth };
    } else if (event.kind === 'end' && open !== undefined && event.tag.depth === open.depth) {
      bakedRanges.push({ start: open.start, end: event.tag.end });
      open = undefined;
    }
    return undefined;
  });
  if (!scan.ok) return { ok: false, detail: scan.detail };
  const found = root as XmlStartTag | undefined;
  if (scan.stopped || found === undefined)
    return { ok: false, detail: 'the root element is not <svg>' };
  return { ok: true, root: found, bakedRanges };
}

/**
 * Baking removes every baked element, and also any `openbadges:assertion|credential` bound to
 * another namespace: rebinding the prefix on the root would otherwise turn it into a second badge.
 */
function replaceable(tag: XmlStartTag): boolean {
  if (bakedVersion(tag) !== undefined) return true;
  return tag.prefix === PREFIX && (tag.local === 'assertion' || tag.local === 'credential');
}

function isSvgRoot(tag: XmlStartTag): boolean {
  return tag.local === 'svg' && (tag.namespace === SVG_NAMESPACE || tag.namespace === null);
}

/** @returns the OB version an element bakes, or undefined if it is not a baked badge element. */
function bakedVersion(tag: XmlStartTag): '2.0' | '3.0' | undefined {
  if (tag.local !== 'assertion' && tag.local !== 'credential') return undefined;
  if (tag.namespace === OB2_SVG_NAMESPACE) return '2.0';
  if (tag.namespace === OB3_SVG_NAMESPACE || tag.namespace === OB3_SVG_NAMESPACE_VARIANT) {
    return '3.0';
  }
  // Lenient: some bakers forget to declare the prefix; the element name still says the version.
  if (tag.namespace === undefined && tag.prefix === PREFIX) {
    return tag.local === 'assertion' ? '2.0' : '3.0';
  }
  return undefined;
}

/** @returns the decoded `verify` value, undefined if absent, null if it cannot be decoded. */
function verifyAttribute(tag: XmlStartTag): string | undefined | null {
  const attribute = tag.attributes.find(
    (a) => a.local === 'verify' && (a.prefix === undefined || a.prefix === tag.prefix),
  );
  if (attribute === undefined) return undefined;
  const value = decodeXmlText(attribute.rawValue, true);
  return value === undefined ? null : value.trim();
}

function tooLarge(svg: string): boolean {
  // A string has at most 3 UTF-8 bytes per UTF-16 unit: skip the exact count when it cannot matter.
  return (
    svg.length > MAX_SVG_BYTES ||
    (svg.length * 3 > MAX_SVG_BYTES && Buffer.byteLength(svg) > MAX_SVG_BYTES)
  );
}
