/**
 * The RDF a document shape makes, computed once: jsonld turns the shape's marker document into
 * quads, and every term that is a marker becomes a slot. Filling the slots with a document's
 * own values gives the quads jsonld would have made from that document, because:
 *
 * - JSON-LD never looks inside a plain string value: a literal is the string as it is, with
 *   the datatype or language its term gives (the same for every value of the shape);
 * - an IRI value is kept as it is when absolute (`https://…`, or a scheme that is no term of
 *   the contexts: the marker, of the same scheme, proves it), so only such values fill an IRI
 *   slot; anything else (a relative or blank-node id, a vocabulary term) is refused and the
 *   caller falls back to the full processing;
 * - two objects that end up with the same id are one node in RDF: the filled quads are
 *   de-duplicated, as jsonld's node map merges them.
 *
 * A marker the processor changed (prefixed, JSON-encoded, dropped) makes the whole shape
 * ineligible. The property tests of `tests/integration/badges/ob3/fast-signing.test.ts`
 * compare the result with the libraries' on hundreds of generated credentials.
 */
import jsonld from 'jsonld';
import { BUNDLED_CONTEXTS } from '../contexts/bundled-contexts.ts';
import { type DocumentShape, MARKER_TAG, markerFor } from './credential-shape.ts';
import {
  escapeLiteral,
  isPlainIri,
  literalSuffix,
  type RdfQuad,
  type RdfTerm,
  serializeTerm,
} from './nquads.ts';
import type { SerializedQuad } from './rdfc-unique.ts';

/** A quad component: fixed text, or a slot filled as an IRI or as a literal with its suffix. */
type Part = string | { slot: number; iri: true } | { slot: number; iri: false; suffix: string };

export interface ShapeTemplate {
  quads: (readonly [Part, string, Part, Part])[];
  /** Slots used as IRIs: their values must be absolute IRIs with nothing to escape. */
  iriSlots: number[];
}

/** The options the eddsa-rdfc-2022 cryptosuites give jsonld (their canonize.js). */
const TO_RDF_OPTIONS = {
  algorithm: 'RDFC-1.0',
  base: null,
  safe: true,
  rdfDirection: 'i18n-datatype',
  produceGeneralizedRdf: false,
} as const;

/** Contexts from the bundle only, whatever loader the caller has. */
async function bundledContextLoader(url: string) {
  const document = BUNDLED_CONTEXTS.get(url);
  if (document === undefined) throw new Error(`${url} is not a bundled context`);
  return { contextUrl: null, documentUrl: url, document };
}

/**
 * @param shape the document's shape.
 * @returns the template, or undefined when some marker did not come through unchanged.
 * @throws what jsonld throws for the marker document (an undefined term in safe mode…).
 */
export async function compileTemplate(shape: DocumentShape): Promise<ShapeTemplate | undefined> {
  const dataset = (await jsonld.toRDF(shape.markerDocument, {
    ...TO_RDF_OPTIONS,
    documentLoader: bundledContextLoader,
  })) as RdfQuad[];
  const slotOf = new Map(shape.classes.map((cls, index) => [markerFor(cls, index), index]));
  const used = new Set<number>();
  const iriSlots = new Set<number>();
  let changed = false;

  const part = (term: RdfTerm): Part => {
    if (term.termType === 'NamedNode') {
      const slot = slotOf.get(term.value);
      if (slot !== undefined) {
        used.add(slot);
        iriSlots.add(slot);
        return { slot, iri: true };
      }
    } else if (term.termType === 'Literal') {
      const slot = slotOf.get(term.value);
      if (slot !== undefined) {
        used.add(slot);
        const suffix = literalSuffix(term.datatype.value, term.language);
        if (suffix.includes(MARKER_TAG)) changed = true;
        return { slot, iri: false, suffix };
      }
    }
    const text = serializeTerm(term, (id) => id.replace(/^_:/, ''));
    if (text.includes(MARKER_TAG)) changed = true;
    return text;
  };

  const quads = dataset.map(
    (quad) =>
      [
        part(quad.subject),
        serializeTerm(quad.predicate, String),
        part(quad.object),
        part(quad.graph),
      ] as const,
  );
  if (changed || quads.some((quad) => quad[1].includes(MARKER_TAG))) return undefined;
  if (used.size !== shape.values.length) return undefined;
  return { quads, iriSlots: [...iriSlots] };
}

/** An absolute IRI whose scheme JSON-LD keeps as it is, with nothing N-Quads would escape. */
const KEPT_IRI = /^(?:https?:\/\/|urn:|did:|data:)/;

/**
 * @param template the shape's template.
 * @param values the document's free values, in shape order.
 * @returns the document's quads, de-duplicated, or undefined when a value cannot fill its slot.
 */
export function fillTemplate(
  template: ShapeTemplate,
  values: readonly string[],
): SerializedQuad[] | undefined {
  for (const slot of template.iriSlots) {
    const value = values[slot] as string;
    if (!KEPT_IRI.test(value) || !isPlainIri(value)) return undefined;
  }
  const fill = (part: Part): string => {
    if (typeof part === 'string') return part;
    const value = values[part.slot] as string;
    return part.iri ? `<${value}>` : `"${escapeLiteral(value)}"${part.suffix}`;
  };
  const seen = new Set<string>();
  const quads: SerializedQuad[] = [];
  for (const [s, p, o, g] of template.quads) {
    const quad = [fill(s), p, fill(o), fill(g)] as const;
    // Escaped components hold no raw newline: the key is unambiguous.
    const key = quad.join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    quads.push(quad);
  }
  return quads;
}
