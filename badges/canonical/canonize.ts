/**
 * RDFC-1.0 canonicalization of JSON-LD documents, for `eddsa-rdfc-2022` signing and verifying,
 * fast for the shapes seen before: the JSON-LD processing of a shape is done once
 * (`shape-template.ts`), each document fills its values in, and the blank nodes are labelled
 * directly when their own quads tell them apart (`rdfc-unique.ts`). Anything else goes to the
 * libraries' own path (the cryptosuite's `canonize`: jsonld `toRDF` then rdf-canonize), which
 * stays the reference: the result is the same string either way.
 */
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsonld from 'jsonld';
import { type DocumentShape, readShape } from './credential-shape.ts';
import { quadLine } from './nquads.ts';
import { canonizeUniqueBlankNodes, type SerializedQuad } from './rdfc-unique.ts';
import { compileTemplate, fillTemplate, type ShapeTemplate } from './shape-template.ts';

/** What the Data Integrity library passes to a cryptosuite's `canonize`. */
export interface CanonizeOptions {
  documentLoader: (url: string) => Promise<unknown>;
  [option: string]: unknown;
}

/** Shapes kept; a verifier fed many made-up shapes only ever holds this many. */
const MAX_TEMPLATES = 256;

/** Shape key → its template (null: the shape cannot use one), least recently used first. */
const templates = new Map<string, Promise<ShapeTemplate | null>>();

/** How documents were canonicalized since the process started (benchmarks and tests read it). */
export const canonizeCounts = {
  /** Filled from a template, blank nodes labelled directly. */
  template: 0,
  /** Filled from a template, blank nodes labelled by rdf-canonize (look-alike blank nodes). */
  templateFullLabelling: 0,
  /** The libraries' own path. */
  reference: 0,
  /** Templates made (one JSON-LD processing each). */
  compiled: 0,
};

/**
 * @param document the JSON-LD document (a credential, or proof options with their context).
 * @param options the library's options; its document loader serves the reference path.
 * @returns the canonical N-Quads document.
 */
export async function canonize(document: unknown, options: CanonizeOptions): Promise<string> {
  const shape = readShape(document);
  const template = shape === undefined ? null : await templateFor(shape);
  const quads =
    template === null || shape === undefined ? undefined : fillTemplate(template, shape.values);
  if (quads === undefined) {
    canonizeCounts.reference += 1;
    return referenceCanonize(document, options);
  }
  const direct = canonizeUniqueBlankNodes(quads);
  if (direct !== undefined) {
    canonizeCounts.template += 1;
    return direct;
  }
  canonizeCounts.templateFullLabelling += 1;
  return jsonld.canonize(toNQuads(quads), {
    inputFormat: 'application/n-quads',
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
  }) as Promise<string>;
}

/** The cryptosuite's own canonicalization (jsonld + rdf-canonize), kept for the fallback. */
export function referenceCanonize(document: unknown, options: CanonizeOptions): Promise<string> {
  return (eddsaRdfc2022 as { canonize: (d: unknown, o: unknown) => Promise<string> }).canonize(
    document,
    options,
  );
}

/** Forgets every template (tests use it to measure a cold start). */
export function clearTemplates(): void {
  templates.clear();
}

function templateFor(shape: DocumentShape): Promise<ShapeTemplate | null> {
  const cached = templates.get(shape.key);
  if (cached !== undefined) {
    templates.delete(shape.key);
    templates.set(shape.key, cached);
    return cached;
  }
  canonizeCounts.compiled += 1;
  // A shape jsonld refuses (an undefined term…) gets no template: the reference path then
  // throws the library's own error for the document itself.
  const compiled = compileTemplate(shape).then(
    (template) => template ?? null,
    () => null,
  );
  templates.set(shape.key, compiled);
  if (templates.size > MAX_TEMPLATES) templates.delete(templates.keys().next().value as string);
  return compiled;
}

function toNQuads(quads: readonly SerializedQuad[]): string {
  return quads.map(([s, p, o, g]) => quadLine(s, p, o, g)).join('');
}
