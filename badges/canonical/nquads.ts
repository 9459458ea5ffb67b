/**
 * Canonical N-Quads serialization of RDF terms, character for character as rdf-canonize (the
 * library behind every `eddsa-rdfc-2022` implementation Grange meets) writes them: the bytes
 * that get hashed and signed, so one escaped character too many would break every signature.
 */

/** An RDF term as jsonld's `toRDF` produces it. */
export type RdfTerm =
  | { termType: 'NamedNode'; value: string }
  | { termType: 'BlankNode'; value: string }
  | { termType: 'DefaultGraph'; value: '' }
  | {
      termType: 'Literal';
      value: string;
      datatype: { termType: 'NamedNode'; value: string };
      language?: string;
    };

export interface RdfQuad {
  subject: RdfTerm;
  predicate: RdfTerm;
  object: RdfTerm;
  graph: RdfTerm;
}

const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes exactly these.
const LITERAL_ESCAPES = /[\u0000-\u001F\u007F"\\]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: N-Quads escapes exactly these.
const IRI_ESCAPES = /[\u0000-\u0020<>"{}|^`\\]/g;
const SHORT_ESCAPES: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

function uchar(character: string): string {
  return `\\u${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text of a literal between its quotes (ECHAR for the usual ones, UCHAR for the rest). */
export function escapeLiteral(text: string): string {
  return text.replace(LITERAL_ESCAPES, (c) => SHORT_ESCAPES[c] ?? uchar(c));
}

/** The text of an IRI between `<` and `>`. */
export function escapeIri(iri: string): string {
  return iri.replace(IRI_ESCAPES, uchar);
}

/** Whether an IRI is written as it is (nothing to escape). */
export function isPlainIri(iri: string): boolean {
  IRI_ESCAPES.lastIndex = 0;
  const plain = !IRI_ESCAPES.test(iri);
  IRI_ESCAPES.lastIndex = 0;
  return plain;
}

/**
 * What follows a literal's closing quote: `@lang`, `^^<datatype>`, or nothing for a plain
 * `xsd:string`.
 */
export function literalSuffix(datatype: string, language: string | undefined): string {
  if (datatype === RDF_LANG_STRING) return language ? `@${language}` : '';
  if (datatype === XSD_STRING) return '';
  return `^^<${escapeIri(datatype)}>`;
}

/**
 * One term as written in N-Quads; blank nodes through `blankLabel` (canonical or hashing
 * labels), and the default graph as the empty string.
 */
export function serializeTerm(term: RdfTerm, blankLabel: (id: string) => string): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${escapeIri(term.value)}>`;
    case 'BlankNode':
      return `_:${blankLabel(term.value)}`;
    case 'DefaultGraph':
      return '';
    case 'Literal':
      return `"${escapeLiteral(term.value)}"${literalSuffix(term.datatype.value, term.language)}`;
  }
}

/**
 * One N-Quads line from its serialized parts (graph: '' for the default graph).
 *
 * @returns `s p o [g] .\n`, as rdf-canonize joins them.
 */
export function quadLine(
  subject: string,
  predicate: string,
  object: string,
  graph: string,
): string {
  return graph === ''
    ? `${subject} ${predicate} ${object} .\n`
    : `${subject} ${predicate} ${object} ${graph} .\n`;
}
