/**
 * RDF Dataset Canonicalization (RDFC-1.0) for the datasets credentials make: every blank node
 * is told apart by its own quads (its "first degree" hash is unique), so canonical labels are
 * issued in the order of those hashes and no N-degree hashing is needed. When two blank nodes
 * look alike (two identical alignments, say) this answers `undefined` and the caller runs the
 * full algorithm (rdf-canonize). The steps and their order follow rdf-canonize's RDFC10.js, so
 * the output is the same string, byte for byte.
 */
import { createHash } from 'node:crypto';
import { quadLine } from './nquads.ts';

/**
 * One quad as serialized N-Quads components: IRIs as `<…>`, literals as `"…"…`, blank nodes as
 * `_:<id>`, and the default graph as ''.
 */
export type SerializedQuad = readonly [
  subject: string,
  predicate: string,
  object: string,
  graph: string,
];

const isBlank = (component: string): boolean => component.startsWith('_:');

/**
 * @param quads the dataset, without duplicates.
 * @returns the canonical N-Quads document (sorted lines, each ending in `\n`), or undefined
 *   when two blank nodes share a first-degree hash.
 */
export function canonizeUniqueBlankNodes(quads: readonly SerializedQuad[]): string | undefined {
  const quadsOf = new Map<string, Set<SerializedQuad>>();
  for (const quad of quads) {
    for (const component of [quad[0], quad[2], quad[3]]) {
      if (!isBlank(component)) continue;
      const set = quadsOf.get(component);
      if (set === undefined) quadsOf.set(component, new Set([quad]));
      else set.add(quad);
    }
  }

  const blankByHash = new Map<string, string>();
  for (const [blank, related] of quadsOf) {
    const hash = firstDegreeHash(blank, related);
    if (blankByHash.has(hash)) return undefined;
    blankByHash.set(hash, blank);
  }
  const canonical = new Map<string, string>();
  for (const hash of [...blankByHash.keys()].sort()) {
    canonical.set(blankByHash.get(hash) as string, `_:c14n${canonical.size}`);
  }

  const label = (component: string): string =>
    isBlank(component) ? (canonical.get(component) as string) : component;
  const lines = quads.map((quad) =>
    quadLine(label(quad[0]), quad[1], label(quad[2]), label(quad[3])),
  );
  lines.sort();
  return lines.join('');
}

/** RDFC-1.0 §4.6: the node itself as `_:a`, every other blank node as `_:z`. */
function firstDegreeHash(blank: string, related: ReadonlySet<SerializedQuad>): string {
  const mark = (component: string): string =>
    isBlank(component) ? (component === blank ? '_:a' : '_:z') : component;
  const lines: string[] = [];
  for (const quad of related)
    lines.push(quadLine(mark(quad[0]), quad[1], mark(quad[2]), mark(quad[3])));
  lines.sort();
  const digest = createHash('sha256');
  for (const line of lines) digest.update(line, 'utf8');
  return digest.digest('hex');
}
