/**
 * The "shape" of a JSON-LD document: everything that decides which RDF it makes (keys,
 * nesting, array lengths, contexts, types and a few enumerations), with the free values (ids,
 * names, dates, hashes…) taken out into slots. Grange's credentials come in a few shapes, so
 * the costly JSON-LD processing is done once per shape (`shape-template.ts`) and each
 * credential only fills its values in.
 *
 * Each free value is kept with its class (`h` http(s)://, `u` urn:, `d` did:, `a` data:, `s`
 * anything else) in the key, because JSON-LD expands an IRI by its scheme (a `did:` value could be
 * read as a compact IRI if a context defined `did`); a template is only ever filled with
 * values of the class it was made with.
 */
import { BUNDLED_CONTEXTS } from '../contexts/bundled-contexts.ts';

export type SlotClass = 'h' | 'u' | 'd' | 'a' | 's';

export interface DocumentShape {
  /** The cache key: the document with every free value replaced by `$<class>`. */
  key: string;
  /** The free values, in document order. */
  values: string[];
  /** Their classes, in the same order. */
  classes: SlotClass[];
  /** The document with each free value replaced by its marker (`markerFor`). */
  markerDocument: Record<string, unknown>;
}

/**
 * Members whose string values change the RDF beyond a value: contexts and types (which also
 * switch type-scoped contexts), keywords, `@vocab`-typed terms of the proof, and the OB 3.0
 * enumerations (kept whole so a context that maps them to IRIs costs nothing extra).
 */
const STRUCTURAL_KEYS = new Set([
  '@context',
  'type',
  '@type',
  '@language',
  '@direction',
  '@index',
  'proofPurpose',
  'cryptosuite',
  'achievementType',
  'identityType',
  'resultType',
  'status',
  'statusPurpose',
  'alignmentType',
]);

/** Every marker holds this tag, so a marker the JSON-LD processor changed can be spotted. */
export const MARKER_TAG = 'grange-slot';

/** A value of class `cls` that names slot `index`, valid as an IRI and as a string. */
export function markerFor(cls: SlotClass, index: number): string {
  switch (cls) {
    case 'h':
      return `https://${MARKER_TAG}.invalid/${index}`;
    case 'd':
      return `did:${MARKER_TAG}:${index}`;
    case 'a':
      return `data:,${MARKER_TAG}-${index}`;
    default:
      return `urn:${MARKER_TAG}:${index}`;
  }
}

export function classOf(value: string): SlotClass {
  if (value.startsWith('https://') || value.startsWith('http://')) return 'h';
  if (value.startsWith('urn:')) return 'u';
  if (value.startsWith('did:')) return 'd';
  if (value.startsWith('data:')) return 'a';
  return 's';
}

class NotTemplatable extends Error {}

/**
 * @param document a JSON-LD document (credential, or proof options with their context).
 * @returns its shape, or undefined when it cannot use a template: contexts that are not all
 *   bundled URLs, a nested `@context`, or values JSON would not carry (undefined, NaN, Date…).
 */
export function readShape(document: unknown): DocumentShape | undefined {
  if (!isPlainObject(document)) return undefined;
  const context = document['@context'];
  const contexts = Array.isArray(context) ? context : [context];
  if (!contexts.every((c) => typeof c === 'string' && BUNDLED_CONTEXTS.has(c))) return undefined;
  const shape = { key: '', values: [] as string[], classes: [] as SlotClass[] };
  try {
    const markerDocument = walkObject(document, shape, true);
    return { ...shape, markerDocument };
  } catch (error) {
    if (error instanceof NotTemplatable) return undefined;
    throw error;
  }
}

type ShapeAccumulator = { key: string; values: string[]; classes: SlotClass[] };

function walkObject(
  object: Record<string, unknown>,
  shape: ShapeAccumulator,
  top: boolean,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  shape.key += '{';
  for (const [key, value] of Object.entries(object)) {
    if ((key === '@context' && !top) || key.includes(MARKER_TAG)) throw new NotTemplatable();
    shape.key += `${JSON.stringify(key)}:`;
    copy[key] = walkValue(value, key, shape);
    shape.key += ',';
  }
  shape.key += '}';
  return copy;
}

function walkValue(value: unknown, key: string, shape: ShapeAccumulator): unknown {
  if (typeof value === 'string') {
    if (STRUCTURAL_KEYS.has(key)) {
      // A kept value that looks like a marker would be taken for one in the template.
      if (value.includes(MARKER_TAG)) throw new NotTemplatable();
      shape.key += JSON.stringify(value);
      return value;
    }
    const cls = classOf(value);
    const index = shape.values.length;
    shape.values.push(value);
    shape.classes.push(cls);
    shape.key += `$${cls}`;
    return markerFor(cls, index);
  }
  if (Array.isArray(value)) {
    shape.key += '[';
    const items = value.map((item) => {
      const copy = walkValue(item, key, shape);
      shape.key += ',';
      return copy;
    });
    shape.key += ']';
    return items;
  }
  if (isPlainObject(value)) return walkObject(value, shape, false);
  if (
    value === null ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  ) {
    shape.key += JSON.stringify(value);
    return value;
  }
  throw new NotTemplatable();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
